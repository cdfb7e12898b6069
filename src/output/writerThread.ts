/**
 * Output files written by another thread while this one encodes (writerWorker.ts): ByteOut
 * fills one of a few shared 1 MiB slots, hands it over (`write`) and goes on in the next;
 * this thread waits only when every slot is still being written. A file's fsync is sent after
 * its last write; `finish` waits for every write and fsync and throws the first failure as the
 * file-system error it was (code, syscall), naming the file it came from.
 *
 * Measured at 1M / 200k (95 MB of outputs): the write() and fsync() system calls take about
 * 0.35 s of the 0.9 s write phase, the encoding the rest; see docs/performance.md.
 */
import { existsSync, writeSync as writeSyncAt } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CONTROL_WORDS, ERROR_TEXT_BYTES, failureWords, SLOT_BUSY, STARTED, SYNCS, type WriterData, type WriterMessage } from './writerProtocol.js';

const WORKER_FILE = fileURLToPath(new URL('./writerWorker.js', import.meta.url));
const SLOTS = 4;
const SLOT_SIZE = 1 << 20;
/** A worker not started after this long, or a slot or fsync not done after STUCK_MS, means the writer is gone. */
const START_MS = 5_000;
const STUCK_MS = 60_000;
const SETTLE_MS = 5_000;

/**
 * The writer thread did not start, or stopped answering: nothing it was sent can be counted
 * on, and the caller writes the files again itself (atomicWrite.ts).
 */
export class WriterGone extends Error {}

/** Whether the worker's script is there (it is in the build; not when running from sources under a test runner). */
export function writerAvailable(): boolean {
  return existsSync(WORKER_FILE);
}

export class WriterThread {
  private readonly worker: Worker;
  private readonly slots: Buffer[] = [];
  private readonly state: Int32Array;
  private readonly errorText: Buffer;
  private current = -1;
  private syncs = 0;
  private readonly pathOf = new Map<number, string>();

  constructor() {
    const data = new SharedArrayBuffer(SLOTS * SLOT_SIZE);
    const control = new SharedArrayBuffer(4 * (SLOTS + CONTROL_WORDS));
    const errorText = new SharedArrayBuffer(ERROR_TEXT_BYTES);
    for (let k = 0; k < SLOTS; k++) this.slots.push(Buffer.from(data, k * SLOT_SIZE, SLOT_SIZE));
    this.state = new Int32Array(control);
    this.errorText = Buffer.from(errorText);
    const workerData: WriterData = { slots: SLOTS, slotSize: SLOT_SIZE, data, control, errorText };
    this.worker = new Worker(WORKER_FILE, { workerData });
    // a worker that fails shows as one that does not answer (this thread waits on the control
    // words, not on events); an unheard 'error' event would end the process later
    this.worker.on('error', () => {});
  }

  /**
   * A writer for the file open at fd (for ByteOut: its drain and take): its text goes at
   * positions 0, 1, … of the file in the order it is drained.
   */
  file(fd: number, path: string): { drain: (buf: Buffer, n: number) => void; take: () => Buffer } {
    this.pathOf.set(fd, path);
    let position = 0;
    return {
      take: () => this.take(),
      drain: (buf, n) => {
        if (buf === this.slots[this.current]) this.post({ kind: 'write', fd, slot: this.current, n, position });
        else {
          // a piece too large for a slot (ByteOut encodes it apart): the worker's turn would only wait
          this.throwIfFailed();
          try {
            this.writeHere(fd, buf, n, position);
          } catch (e) {
            (e as NodeJS.ErrnoException).path ??= path;
            throw e;
          }
        }
        position += n;
      },
    };
  }

  /** fsync the file once its writes are done (sent after them; `finish` waits for it). */
  sync(fd: number): void {
    this.syncs++;
    this.post({ kind: 'sync', fd });
  }

  /** Waits for every write and fsync sent; throws the first that failed. */
  finish(): void {
    for (let k = 0; k < SLOTS; k++) this.waitFree(k);
    const at = this.slots.length + SYNCS;
    for (;;) {
      const done = Atomics.load(this.state, at);
      if (done >= this.syncs) break;
      this.waitChange(at, done);
    }
    this.throwIfFailed();
  }

  /**
   * After a failure: waits (a few seconds at most) until the worker is done with every write
   * sent, and says whether it is, so that no write of it can land in a file opened later under
   * the same fd once the caller closes them. Its failures are not thrown (the caller is
   * throwing one already).
   */
  settle(): boolean {
    const deadline = performance.now() + SETTLE_MS;
    for (let k = 0; k < SLOTS; k++) {
      while (Atomics.load(this.state, k) === SLOT_BUSY) {
        const left = deadline - performance.now();
        if (left <= 0) return false;
        Atomics.wait(this.state, k, SLOT_BUSY, left);
      }
    }
    return true;
  }

  /** Stops the worker (after finish, or after a failure). */
  /** Ends the thread; the promise settles once it is gone. */
  stop(): Promise<unknown> {
    return this.worker.terminate();
  }

  private take(): Buffer {
    const k = (this.current + 1) % SLOTS;
    this.waitFree(k);
    this.throwIfFailed();
    this.current = k;
    return this.slots[k]!;
  }

  private waitFree(k: number): void {
    while (Atomics.load(this.state, k) === SLOT_BUSY) this.waitChange(k, SLOT_BUSY);
  }

  /** Waits until control word `at` is no longer `value`, or throws WriterGone. */
  private waitChange(at: number, value: number): void {
    const started = Atomics.load(this.state, this.slots.length + STARTED) === 1;
    if (Atomics.wait(this.state, at, value, started ? STUCK_MS : START_MS) !== 'timed-out') return;
    if (Atomics.load(this.state, at) !== value) return;
    throw new WriterGone(started ? 'the output writer thread stopped answering' : 'the output writer thread did not start');
  }

  private post(m: WriterMessage): void {
    if (m.kind === 'write') Atomics.store(this.state, m.slot, SLOT_BUSY);
    this.worker.postMessage(m);
  }

  private writeHere(fd: number, buf: Buffer, n: number, position: number): void {
    let off = 0;
    while (off < n) off += writeSyncAt(fd, buf, off, n - off, position + off);
  }

  private throwIfFailed(): void {
    const [failed, length] = failureWords(this.state, this.slots.length);
    if (failed !== 1) return;
    const f = JSON.parse(this.errorText.toString('utf8', 0, length!)) as { fd: number; code?: string; syscall?: string; errno?: number; message: string };
    const err = new Error(f.message) as NodeJS.ErrnoException;
    if (f.code !== undefined) err.code = f.code;
    if (f.syscall !== undefined) err.syscall = f.syscall;
    if (f.errno !== undefined) err.errno = f.errno;
    const path = this.pathOf.get(f.fd);
    if (path !== undefined) err.path = path;
    throw err;
  }
}
