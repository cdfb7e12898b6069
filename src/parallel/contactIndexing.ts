/**
 * How the contact index gets built for one run: in this thread after loading (small inputs,
 * or UFMATCH_WORKERS=0), or with its fuzzy part built by a worker thread fed while the
 * contacts load, the exact part built here meanwhile. Both give the same index (the worker
 * runs the same FuzzyIndexBuilder on the same feed); if the worker fails, the index is built
 * here and the caller is told why.
 */
import { statSync } from 'node:fs';
import type { Contact, User } from '../domain/types.js';
import { assembleContactIndex, buildContactIndex, buildExactIndex, ContactFeed, lookupsFor, type ContactIndex, type IndexLookups } from '../match/contactIndex.js';
import type { FuzzyIndexes, FuzzySink } from '../match/fuzzyIndexes.js';
import type { StringFilter } from '../match/stringFilter.js';
import { workerAvailable, WorkerFuzzySink } from './workerFuzzySink.js';

/** Contacts files from this size up get the worker (below it, starting one costs more than it saves). */
export const WORKER_MIN_BYTES = 8 << 20;

/** UFMATCH_WORKERS=0: never a worker; 1: always (when the build has one); unset: by file size. */
export function wantWorker(env: NodeJS.ProcessEnv, contactsPath: string): boolean {
  const setting = env.UFMATCH_WORKERS;
  if (setting === '0' || !workerAvailable()) return false;
  if (setting === '1') return true;
  try {
    return statSync(contactsPath).size >= WORKER_MIN_BYTES;
  } catch {
    return false; // the loader reports an unreadable file
  }
}

/** A FuzzySink that builds elsewhere: finish() resolves to the indexes (or rejects), stop() abandons it. */
export interface RemoteFuzzySink extends FuzzySink {
  finish(): Promise<FuzzyIndexes>;
  stop(): void;
}

export interface LoadHooks {
  readonly onContact: (contact: Contact, pos: number) => void;
  readonly onAdded: (pos: number, contact: Contact, key: string) => void;
}

export class ContactIndexing {
  readonly lookups: IndexLookups;
  /** For the loaders: feed the worker as contacts (and --emails addresses) load; null without a worker. */
  readonly hooks: LoadHooks | null;
  private readonly sink: RemoteFuzzySink | null;
  private readonly feed: ContactFeed | null;

  /**
   * @param worker whether to build the fuzzy part in a worker; or how to start something that
   *   does (tests)
   */
  constructor(users: readonly User[], worker: boolean | ((locals: StringFilter) => RemoteFuzzySink)) {
    this.lookups = lookupsFor(users.map((u) => u.emailKey));
    if (worker === false) {
      this.sink = this.feed = this.hooks = null;
      return;
    }
    const sink = worker === true ? new WorkerFuzzySink(this.lookups.locals) : worker(this.lookups.locals);
    const feed = new ContactFeed(sink);
    this.sink = sink;
    this.feed = feed;
    this.hooks = {
      onContact: (c, pos) => feed.contact(pos, c),
      onAdded: (pos, c, key) => feed.addedEmail(pos, c, key),
    };
  }

  /**
   * The index over the loaded contacts (every contact fed, when there is a worker).
   * @param onFallback told why, when the worker failed and the index was built here instead
   */
  async build(contacts: readonly Contact[], onProgress?: (done: number) => void, onFallback?: (why: string) => void): Promise<ContactIndex> {
    if (!this.sink || !this.feed) return buildContactIndex(contacts, this.lookups, onProgress);
    const fuzzy = this.sink.finish();
    const exact = buildExactIndex(contacts, this.lookups, onProgress);
    try {
      return assembleContactIndex(contacts, exact, this.feed.rows(), await fuzzy);
    } catch (e) {
      onFallback?.(e instanceof Error ? e.message : String(e));
      return buildContactIndex(contacts, this.lookups, onProgress);
    }
  }

  /** Stops the worker, if any (loading failed). */
  stop(): void {
    this.sink?.stop();
  }
}
