/**
 * The main thread's side of the fuzzy-index worker (protocol.ts): tells it how many contacts
 * are stored as they load (it reads them from the table's shared columns, so it builds while
 * the contacts still load), sends the --emails file's additions, and finish() resolves to the
 * indexes in shared memory and the email rows; ask() sends the users to look up, and the
 * answers come to `onHits` in blocks.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { User } from '../domain/types.js';
import type { StoredTableView } from '../load/contactTable.js';
import { emailRows, type EmailRows } from '../match/contactIndex.js';
import { fuzzyIndexesFromState, type FuzzyCapacity, type FuzzyIndexes } from '../match/fuzzyIndexes.js';
import type { StringFilter } from '../match/stringFilter.js';
import type { FromWorker, ToWorker } from './protocol.js';

const WORKER_FILE = fileURLToPath(new URL('./fuzzyWorker.js', import.meta.url));

/** Whether the worker's script is there (it is in the build; not when running from sources under a test runner). */
export function workerAvailable(): boolean {
  return existsSync(WORKER_FILE);
}

/** The users' look-up text as UTF-16 code units in a typed array (one copy, decoded in one go there). */
class Chars {
  private a = new Uint16Array(1 << 16);
  private n = 0;
  put(s: string): void {
    const to = s.length;
    if (this.n + to > this.a.length) {
      const b = new Uint16Array(Math.max(this.a.length * 2, this.n + to));
      b.set(this.a.subarray(0, this.n));
      this.a = b;
    }
    const a = this.a;
    let n = this.n;
    for (let i = 0; i < to; i++) a[n++] = s.charCodeAt(i);
    this.n = n;
  }
  take(): Uint16Array {
    return this.a.subarray(0, this.n);
  }
}

/** What the worker built: the fuzzy indexes (shared) and the email rows they number (moved here). */
export interface WorkerBuilt {
  readonly indexes: FuzzyIndexes;
  readonly rows: EmailRows;
}

export type HitsMessage = Extract<FromWorker, { kind: 'hits' }>;

export class WorkerFuzzySink {
  private readonly worker: Worker;
  private readonly result: Promise<WorkerBuilt>;
  private addedAt = new Int32Array(1024);
  private addedKeys: string[] = [];
  private ended = false;
  /** Told of each block of answers, and (null, why) if the worker fails or stops after building. */
  onHits: ((hits: HitsMessage | null, why?: string) => void) | null = null;

  /** @param capacity a guess at the indexes' sizes (over rather than under), or null: they grow */
  constructor(locals: StringFilter | null, capacity: FuzzyCapacity | null = null) {
    this.worker = new Worker(WORKER_FILE);
    this.result = new Promise<WorkerBuilt>((resolve, reject) => {
      let built = false;
      const fail = (why: string) => {
        if (!built) reject(new Error(why));
        else this.onHits?.(null, why);
      };
      this.worker.on('message', (m: FromWorker) => {
        if (m.kind === 'built') {
          built = true;
          resolve({ indexes: fuzzyIndexesFromState(m.state, m.buffer), rows: emailRows(m.rows) });
        } else if (m.kind === 'hits') this.onHits?.(m);
        else fail(m.message);
      });
      this.worker.on('error', (e) => fail(e.message));
      this.worker.on('exit', (code) => fail(`the indexing worker stopped (exit ${code})`));
    });
    this.result.catch(() => {}); // awaited by finish(); a failure before that is not unhandled
    this.post({ kind: 'init', locals: locals ? locals.state() : null, capacity });
  }

  /**
   * The contacts before `upTo` are stored in the table `view` shows (its columns in shared
   * memory, ContactTable's `shared`; others would be copied whole each time).
   */
  stored(view: StoredTableView, upTo: number): void {
    this.post({ kind: 'stored', view, upTo });
  }

  /** The --emails file added `key` to the usable contact at `pos` (sent with finish()). */
  added(pos: number, key: string): void {
    const n = this.addedKeys.length;
    if (n === this.addedAt.length) {
      const bigger = new Int32Array(2 * n);
      bigger.set(this.addedAt);
      this.addedAt = bigger;
    }
    this.addedAt[n] = pos;
    this.addedKeys.push(key);
  }

  /** Sends what is left and asks for the indexes; resolves to them once built (the worker stays, for ask()). */
  finish(): Promise<WorkerBuilt> {
    if (!this.ended) {
      if (this.addedKeys.length > 0) this.post({ kind: 'added', positions: this.addedAt.subarray(0, this.addedKeys.length), keys: this.addedKeys });
      this.addedKeys = [];
      this.post({ kind: 'end' });
      this.ended = true;
    }
    return this.result;
  }

  /**
   * Asks for the typo and name hits of these users (positions in `users`, ascending); the
   * answers come to onHits, the last block with upTo = users.length.
   * @param typoWanted per user position: 1 when its typo hits are wanted too (0: names only,
   *   sent as an empty key, which has none); all of them when absent
   */
  ask(users: readonly User[], positions: Int32Array, typoWanted?: Uint8Array): void {
    const text = new Chars();
    const meta = new Int32Array(5 * positions.length);
    for (let i = 0; i < positions.length; i++) {
      const u = users[positions[i]!]!;
      const key = typoWanted && typoWanted[positions[i]!] !== 1 ? '' : u.emailKey;
      text.put(key);
      text.put(u.firstName);
      text.put(u.lastName);
      text.put(u.displayName);
      meta.set([positions[i]!, key.length, u.firstName.length, u.lastName.length, u.displayName.length], 5 * i);
    }
    this.post({ kind: 'queries', text: text.take(), meta, count: positions.length, users: users.length });
  }

  /** Stops the worker (done, or a load that failed). */
  stop(): void {
    this.onHits = null;
    void this.worker.terminate();
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}
