/**
 * Worker entry: writes the buffers the main thread fills (writerThread.ts) to their files, and
 * fsyncs a file once its last buffer is written, so that the main thread only encodes. Messages
 * come in order; each write frees its slot, each fsync counts, in the shared control words, and
 * the first failure is kept there for the main thread to throw.
 */
import { fsyncSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ERROR_TEXT_BYTES, failureWords, SLOT_FREE, STARTED, SYNCS, type WriterData, type WriterMessage } from './writerProtocol.js';

const port = parentPort;
if (!port) throw new Error('writerWorker.js runs as a worker thread');

const { slots, slotSize, data, control, errorText } = workerData as WriterData;
const bytes = Buffer.from(data);
const state = new Int32Array(control);
const text = Buffer.from(errorText);
let failed = false;
Atomics.store(state, slots + STARTED, 1);

/** Keeps the first failure: its fd, and its error as JSON (code, syscall, errno, message). */
function fail(fd: number, e: unknown): void {
  if (failed) return;
  failed = true;
  const err = e as NodeJS.ErrnoException;
  const json = Buffer.from(JSON.stringify({ fd, code: err?.code, syscall: err?.syscall, errno: err?.errno, message: err?.message ?? String(e) }));
  const n = Math.min(json.length, ERROR_TEXT_BYTES);
  json.copy(text, 0, 0, n);
  failureWords(state, slots).set([1, n]);
}

port.on('message', (m: WriterMessage) => {
  if (m.kind === 'write') {
    if (!failed) {
      try {
        const from = m.slot * slotSize;
        let off = 0;
        while (off < m.n) off += writeSync(m.fd, bytes, from + off, m.n - off, m.position + off);
      } catch (e) {
        fail(m.fd, e);
      }
    }
    Atomics.store(state, m.slot, SLOT_FREE);
    Atomics.notify(state, m.slot);
  } else {
    if (!failed) {
      try {
        fsyncSync(m.fd);
      } catch (e) {
        fail(m.fd, e);
      }
    }
    Atomics.add(state, slots + SYNCS, 1);
    Atomics.notify(state, slots + SYNCS);
  }
});
