/**
 * The main thread's side of the fuzzy-index worker (protocol.ts): a FuzzySink that packs
 * email rows and names into chunks and posts them as they come (so the worker builds while
 * the contacts still load); built(), which resolves to the indexes in shared memory; ask(),
 * which sends the users to look up, and the answers, which come to `onHits` in blocks.
 *
 * Packing costs the main thread a copy of each value's characters; the worker does the rest
 * (hashing, name folding, the counting sorts, the look-ups).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { User } from '../domain/types.js';
import { fuzzyIndexesFromState, type FuzzyIndexes, type FuzzySink, type StoredNames } from '../match/fuzzyIndexes.js';
import type { StringFilter } from '../match/stringFilter.js';
import { utf8ToUnits } from '../runtime/utf8Units.js';
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
    this.room(to - from);
    const a = this.a;
    let n = this.n;
    for (let i = from; i < to; i++) a[n++] = s.charCodeAt(i);
    this.n = n;
  }
  /** Puts the characters of the valid UTF-8 bytes b[from, to) and returns how many code units. */
  putUtf8(b: Uint8Array, from: number, to: number): number {
    this.room(to - from);
    const n = utf8ToUnits(b, from, to, this.a, this.n);
    this.n += n;
    return n;
  }

  private room(n: number): void {
    if (this.n + n <= this.a.length) return;
    const b = new Uint16Array(Math.max(this.a.length * 2, this.n + n));
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }

  /** The characters so far, as a view valid until the next put() (postMessage copies it at once). */
  take(): Uint16Array {
    const out = this.a.subarray(0, this.n);
    this.n = 0;
    return out;
  }
}

export type HitsMessage = Extract<FromWorker, { kind: 'hits' }>;

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
  /** Told of each block of answers, and (null, why) if the worker fails or stops after building. */
  onHits: ((hits: HitsMessage | null, why?: string) => void) | null = null;

  constructor(locals: StringFilter | null) {
    this.worker = new Worker(WORKER_FILE);
    this.result = new Promise<FuzzyIndexes>((resolve, reject) => {
      let built = false;
      const fail = (why: string) => {
        if (!built) reject(new Error(why));
        else this.onHits?.(null, why);
      };
      this.worker.on('message', (m: FromWorker) => {
        if (m.kind === 'built') {
          built = true;
          resolve(fuzzyIndexesFromState(m.state, m.buffer));
        } else if (m.kind === 'hits') this.onHits?.(m);
        else fail(m.message);
      });
      this.worker.on('error', (e) => fail(e.message));
      this.worker.on('exit', (code) => fail(`the indexing worker stopped (exit ${code})`));
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

  emailBytes(row: number, b: Uint8Array, from: number, to: number): void {
    const i = 2 * this.emails;
    this.emailMeta[i] = row;
    this.emailMeta[i + 1] = this.emailText.putUtf8(b, from, to);
    if (++this.emails === CHUNK) this.flushEmails();
  }

  storedName(pos: number, contacts: StoredNames, f: number): void {
    const b = contacts.textBytes();
    const text = this.nameText;
    const i = 4 * this.names;
    this.nameMeta[i] = pos;
    this.nameMeta[i + 1] = text.putUtf8(b, contacts.fieldStart(f + 1), contacts.fieldEnd(f + 1));
    this.nameMeta[i + 2] = text.putUtf8(b, contacts.fieldStart(f + 3), contacts.fieldEnd(f + 3));
    this.nameMeta[i + 3] = text.putUtf8(b, contacts.fieldStart(f), contacts.fieldEnd(f));
    if (++this.names === CHUNK) this.flushNames();
  }

  /** Sends what is left and asks for the indexes; resolves to them once built (the worker stays, for ask()). */
  finish(): Promise<FuzzyIndexes> {
    if (!this.ended) {
      this.flushEmails();
      this.flushNames();
      this.post({ kind: 'end' });
      this.ended = true;
    }
    return this.result;
  }

  /**
   * Asks for the typo and name hits of these users (positions in `users`, ascending); the
   * answers come to onHits, the last block with upTo = users.length.
   */
  ask(users: readonly User[], positions: Int32Array): void {
    const text = new Chars();
    const meta = new Int32Array(5 * positions.length);
    for (let i = 0; i < positions.length; i++) {
      const u = users[positions[i]!]!;
      text.put(u.emailKey, 0, u.emailKey.length);
      text.put(u.firstName, 0, u.firstName.length);
      text.put(u.lastName, 0, u.lastName.length);
      text.put(u.displayName, 0, u.displayName.length);
      meta.set([positions[i]!, u.emailKey.length, u.firstName.length, u.lastName.length, u.displayName.length], 5 * i);
    }
    this.post({ kind: 'queries', text: text.take(), meta, count: positions.length, users: users.length });
  }

  /** Stops the worker (done, or a load that failed). */
  stop(): void {
    this.onHits = null;
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
