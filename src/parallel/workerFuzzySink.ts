/**
 * The main thread's side of the fuzzy-index worker: a FuzzySink that packs email rows and
 * names into chunks and posts them as they come (so the worker builds while the contacts
 * still load), and finish(), which resolves to the built indexes.
 *
 * Packing costs the main thread a copy of each value's characters; the worker does the rest
 * (hashing, name folding, the counting sorts). Nothing is shared: the chunks are copied over,
 * the built indexes come back in one transferred buffer.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fuzzyIndexesFromState, type FuzzyIndexes, type FuzzySink } from '../match/fuzzyIndexes.js';
import type { StringFilter } from '../match/stringFilter.js';
import type { FromWorker, ToWorker } from './protocol.js';

const CHUNK = 16384;
const WORKER_FILE = fileURLToPath(new URL('./fuzzyWorker.js', import.meta.url));

/** Whether the worker's script is there (it is in the build; not when running from sources under a test runner). */
export function workerAvailable(): boolean {
  return existsSync(WORKER_FILE);
}

/**
 * UTF-16 code units copied into a typed array, reused from chunk to chunk: no string is built
 * on this thread, and postMessage copies the bytes rather than taking the buffer (a new
 * buffer per chunk would count as external memory, and V8 answers every 64 MB or so of that
 * with a full collection of this thread's whole heap). The worker decodes a chunk in one go.
 */
class Chars {
  private a = new Uint16Array(1 << 19);
  private n = 0;
  put(s: string, from: number, to: number): void {
    if (this.n + (to - from) > this.a.length) {
      const b = new Uint16Array(Math.max(this.a.length * 2, this.n + (to - from)));
      b.set(this.a.subarray(0, this.n));
      this.a = b;
    }
    const a = this.a;
    let n = this.n;
    for (let i = from; i < to; i++) a[n++] = s.charCodeAt(i);
    this.n = n;
  }
  /** The characters so far, as a view valid until the next put() (postMessage copies it at once). */
  take(): Uint16Array {
    const out = this.a.subarray(0, this.n);
    this.n = 0;
    return out;
  }
}

export class WorkerFuzzySink implements FuzzySink {
  private readonly worker: Worker;
  private readonly result: Promise<FuzzyIndexes>;
  private readonly emailText = new Chars();
  private readonly emailMeta = new Int32Array(2 * CHUNK);
  private emails = 0;
  private readonly nameText = new Chars();
  private readonly nameMeta = new Int32Array(4 * CHUNK);
  private names = 0;
  private ended = false;

  constructor(locals: StringFilter | null) {
    this.worker = new Worker(WORKER_FILE);
    this.result = new Promise<FuzzyIndexes>((resolve, reject) => {
      this.worker.on('message', (m: FromWorker) => {
        if (m.kind === 'built') resolve(fuzzyIndexesFromState(m.state, m.buffer));
        else reject(new Error(m.message));
      });
      this.worker.on('error', reject);
      this.worker.on('exit', (code) => reject(new Error(`the indexing worker stopped (exit ${code})`)));
    });
    this.result.catch(() => {}); // awaited by finish(); a failure before that is not unhandled
    this.post({ kind: 'init', locals: locals ? locals.state() : null });
  }

  email(row: number, s: string, from: number, to: number): void {
    this.emailText.put(s, from, to);
    const i = 2 * this.emails;
    this.emailMeta[i] = row;
    this.emailMeta[i + 1] = to - from;
    if (++this.emails === CHUNK) this.flushEmails();
  }

  name(pos: number, first: string, last: string, display: string): void {
    const text = this.nameText;
    text.put(first, 0, first.length);
    text.put(last, 0, last.length);
    text.put(display, 0, display.length);
    const i = 4 * this.names;
    this.nameMeta[i] = pos;
    this.nameMeta[i + 1] = first.length;
    this.nameMeta[i + 2] = last.length;
    this.nameMeta[i + 3] = display.length;
    if (++this.names === CHUNK) this.flushNames();
  }

  /** Sends what is left and asks for the indexes; resolves to them once built. */
  finish(): Promise<FuzzyIndexes> {
    if (!this.ended) {
      this.flushEmails();
      this.flushNames();
      this.post({ kind: 'end' });
      this.ended = true;
    }
    return this.result.finally(() => void this.worker.terminate());
  }

  /** Stops the worker (a load that failed, or an index no longer wanted). */
  stop(): void {
    void this.worker.terminate();
  }

  private flushEmails(): void {
    if (this.emails === 0) return;
    this.post({ kind: 'emails', text: this.emailText.take(), meta: this.emailMeta, count: this.emails });
    this.emails = 0;
  }

  private flushNames(): void {
    if (this.names === 0) return;
    this.post({ kind: 'names', text: this.nameText.take(), meta: this.nameMeta, count: this.names });
    this.names = 0;
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}
