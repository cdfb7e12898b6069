/**
 * How one run indexes the contacts and plans the users:
 * - in this thread, after loading (small inputs, or UFMATCH_WORKERS=0): buildPlan;
 * - or with a worker thread: it builds the fuzzy indexes while the contacts load, reading them
 *   from the contact table's columns in shared memory as they are stored (the exact part is
 *   built here meanwhile), then answers the typo and name
 *   look-ups of the users that will need them, block by block, while this thread plans the
 *   users before them.
 * Both give the same plan: the worker runs the same builder on the same feed and the same
 * look-ups on the same indexes (shared memory). If the worker fails before the indexes are
 * built, everything is done here and the caller is told why; if it fails later, the users it
 * has not answered are looked up here.
 */
import { buildPlanInSlices, civicrmAhead, PlanRun, Slices, type PlanProgress, type PlanTimings } from '../decide/plan.js';
import type { Plan } from '../domain/decisions.js';
import type { Dataset, User } from '../domain/types.js';
import type { ContactTable } from '../load/contactTable.js';
import { assembleContactIndex, buildContactIndex, ContactFeed, ExactIndexBuilder, lookupsFor, type IndexLookups } from '../match/contactIndex.js';
import { MIN_ROW_BYTES } from '../load/contacts.js';
import { FuzzyIndex } from '../match/fuzzyIndex.js';
import { fileSize } from '../runtime/fileSize.js';
import { EMAIL_TAU, FuzzyIndexBuilder, NAME_TAU, type FuzzyCapacity } from '../match/fuzzyIndexes.js';
import { RemoteLookups } from './remoteLookups.js';
import { workerAvailable, WorkerFuzzySink, type WorkerBuilt } from './workerFuzzySink.js';

/**
 * Contacts files from this size up get the worker. Measured on the bench sets: at 17 MB
 * (200k contacts) the worker saves nothing (2.3 s either way: starting it and feeding it
 * cost what it takes off this thread); at 35 MB it saves 10-20%, at 87 MB 15-20%.
 */
export const WORKER_MIN_BYTES = 24 << 20;

/** Contacts stored between two words to the worker (a power of two). */
const STORED_STEP = 8192;

/** Bytes an email row takes in the files, at fewest, for the guess below (dense `id,email` rows take about 30). */
const MIN_EMAIL_ROW_BYTES = 24;

/** Past this, the indexes are not given one buffer from a guess (one typed array holds 4 GiB at most). */
const MAX_GUESSED_POOL_BYTES = 2 ** 31;

/**
 * A guess at the fuzzy indexes' sizes from the input files' sizes, for the worker to take
 * their buffers once instead of doubling them and then copying them into shared memory. It
 * errs over: a buffer's unused tail is address space, never touched, so never memory (the
 * names' directories aside, filled for as many contacts as the contact table is sized for);
 * under, the indexes grow and are moved as before. Null when there is nothing to go on.
 */
export function fuzzyCapacityFor(sizes: { readonly contacts: number; readonly emails: number }): FuzzyCapacity | null {
  const { contacts: cBytes, emails: eBytes } = sizes;
  // the two email indexes' arenas alone take 4 bytes a character (and the sizes below are
  // only summed for counts that fit in 32 bits)
  if (cBytes <= 0 || 4 * (cBytes + eBytes) > MAX_GUESSED_POOL_BYTES) return null;
  const contacts = Math.ceil(cBytes / MIN_ROW_BYTES) + 1024;
  const capacity: FuzzyCapacity = {
    // every character of a key comes from at least one byte of a file
    emails: { values: Math.ceil((cBytes + eBytes) / MIN_EMAIL_ROW_BYTES) + 1024, chars: cBytes + eBytes },
    names: { values: contacts, chars: cBytes },
    contacts,
  };
  const bytes = 2 * FuzzyIndex.bytesFor(EMAIL_TAU, capacity.emails) + 2 * FuzzyIndex.bytesFor(NAME_TAU, capacity.names, contacts);
  return bytes <= MAX_GUESSED_POOL_BYTES ? capacity : null;
}

/** The contacts and --emails files' sizes (0 for one absent or unreadable: the loader reports it). */
export function inputFileSizes(contacts: string, emails: string | null | undefined): { contacts: number; emails: number } {
  return { contacts: fileSize(contacts), emails: fileSize(emails) };
}

/** UFMATCH_WORKERS=0: never a worker; 1: always (when the build has one); unset: by file size. */
export function wantWorker(env: NodeJS.ProcessEnv, contactsPath: string): boolean {
  const setting = env.UFMATCH_WORKERS;
  if (setting === '0' || !workerAvailable()) return false;
  if (setting === '1') return true;
  return fileSize(contactsPath) >= WORKER_MIN_BYTES;
}

export interface LoadHooks {
  /** Whether the contact table is to keep its columns in shared memory (a worker reads them). */
  readonly sharedTable: boolean;
  /** The contact at `pos` has been stored in `contacts` (read from there, without building it). */
  readonly onStored: (contacts: ContactTable, pos: number) => void;
  readonly onAdded: (pos: number, usable: boolean, key: string) => void;
  /** The --emails file changed the emails of the contact at `pos` (an address added, or made primary). */
  readonly onChanged: (pos: number) => void;
  /** Every contact and --emails address has been given (the rest of the load adds nothing to the index). */
  readonly onIndexInputsDone: () => void;
}

/** What ContactIndexing needs of the worker (WorkerFuzzySink; tests give their own). */
export type RemoteFuzzySink = Pick<WorkerFuzzySink, 'stored' | 'added' | 'finish' | 'ask' | 'stop' | 'onHits'>;

export class ContactIndexing {
  readonly lookups: IndexLookups;
  /**
   * For the loaders: every contact (and --emails address) goes into the exact index, and to
   * the fuzzy indexes' builder (a worker, or one in this thread), as it loads. A contact is
   * never built again to index it.
   */
  readonly hooks: LoadHooks;
  private readonly sink: RemoteFuzzySink | null;
  /** Without a worker: the fuzzy indexes' builder, and its feed, in this thread. */
  private readonly local: FuzzyIndexBuilder | null;
  private readonly feed: ContactFeed | null;
  private readonly exact: ExactIndexBuilder;
  private fed = 0;
  /** With a worker: the table the contacts are stored in (the worker is told of the last ones by endFeed()). */
  private table: ContactTable | null = null;
  /** With a worker: its indexes, once asked for (endFeed). */
  private ended: Promise<WorkerBuilt> | null = null;
  /** Contacts whose emails changed after they were fed: their primary flags are read again. */
  private readonly changed = new Set<number>();

  /**
   * @param worker whether to use a worker; or how to start something that acts as one (tests)
   */
  constructor(
    users: readonly User[],
    worker: boolean | ((lookups: IndexLookups) => RemoteFuzzySink),
    fileSizes: { readonly contacts: number; readonly emails: number } | null = null,
  ) {
    this.lookups = lookupsFor(users.map((u) => u.emailKey));
    const exact = new ExactIndexBuilder(this.lookups);
    this.exact = exact;
    const onChanged = (pos: number) => void this.changed.add(pos);
    if (worker === false) {
      this.sink = null;
      const local = new FuzzyIndexBuilder(this.lookups.locals);
      const feed = new ContactFeed(local);
      this.local = local;
      this.feed = feed;
      this.hooks = {
        sharedTable: false,
        onStored: (contacts, pos) => {
          exact.stored(contacts, pos);
          feed.stored(contacts, pos);
          this.fed = pos + 1;
        },
        onAdded: (pos, usable, key) => {
          exact.add(pos, key, false); // its primary flag is read again at the end (onChanged)
          if (usable) feed.addedKey(pos, key);
        },
        onChanged,
        onIndexInputsDone: () => {},
      };
      return;
    }
    const sink = worker === true ? new WorkerFuzzySink(this.lookups.locals, fileSizes && fuzzyCapacityFor(fileSizes)) : worker(this.lookups);
    this.sink = sink;
    this.local = null;
    this.feed = null;
    this.hooks = {
      sharedTable: true,
      onStored: (contacts, pos) => {
        exact.stored(contacts, pos);
        const fed = pos + 1;
        this.fed = fed;
        this.table = contacts;
        // the worker reads the contacts from the table itself; it is told how far it may read
        if ((fed & (STORED_STEP - 1)) === 0) sink.stored(contacts.sharedView(), fed);
      },
      onAdded: (pos, usable, key) => {
        exact.add(pos, key, false); // its primary flag is read again at the end (onChanged)
        if (usable && key !== '') sink.added(pos, key);
      },
      onChanged,
      // the worker builds while the links load, not after
      onIndexInputsDone: () => this.endFeed(),
    };
  }

  /** Tells the worker the last contacts stored and asks for its indexes (once). */
  private endFeed(): Promise<WorkerBuilt> {
    if (!this.ended) {
      if (this.table && this.fed > 0) this.sink!.stored(this.table.sharedView(), this.fed);
      this.ended = this.sink!.finish();
    }
    return this.ended;
  }

  /**
   * The plan of the loaded data (every contact fed, when there is a worker); sets
   * timings.indexMs, matchMs and warningsMs.
   * @param onFallback told why, when the worker failed and this thread did its part
   */
  async plan(data: Dataset, progress?: PlanProgress, timings?: PlanTimings, onFallback?: (why: string) => void): Promise<Plan> {
    const contactsN = data.contacts.length;
    const units = contactsN + data.users.length;
    const indexProgress = progress ? (done: number) => progress(done, units, 0) : undefined;
    const t0 = performance.now();
    const sink = this.sink;
    if (this.fed !== contactsN) throw new Error(`ContactIndexing: ${this.fed} of ${contactsN} contacts were given to the hooks`);
    if (!sink) {
      const exact = this.exact.finish(data.contacts, this.changed);
      const fuzzy = this.local!.finish().indexes;
      const ix = assembleContactIndex(data.contacts, exact, this.feed!.rows(), fuzzy);
      if (timings) timings.indexMs = performance.now() - t0;
      return buildPlanInSlices(data, progress, timings, ix, this.lookups);
    }
    try {
      const fuzzy = this.endFeed();
      const exact = this.exact.finish(data.contacts, this.changed);
      indexProgress?.(contactsN);
      const lookups = new RemoteLookups(data.users.length);
      sink.onHits = (m, why) => {
        if (m === null) lookups.fail(why ?? 'stopped');
        else {
          lookups.add(m);
          // every answer is in: the worker's heap (about 100 MB) can go before the plan ends
          if (m.upTo >= data.users.length) sink.stop();
        }
      };
      // CiviCRM's batch run ahead says which users will need typo and name look-ups: the
      // worker starts on them once built (and the plan replays the batch's outcomes)
      const ahead = civicrmAhead(data, exact, this.lookups);
      sink.ask(data.users, ahead.needFuzzy, ahead.typoWanted);
      // what the plan needs besides the indexes is prepared while the worker finishes them
      const run = new PlanRun(data, null, timings, ahead);
      let built;
      try {
        built = await fuzzy;
      } catch (e) {
        onFallback?.(e instanceof Error ? e.message : String(e));
        const ix = buildContactIndex(data.contacts, this.lookups, indexProgress);
        if (timings) timings.indexMs = performance.now() - t0;
        return buildPlanInSlices(data, progress, timings, ix, this.lookups);
      }
      const ix = assembleContactIndex(data.contacts, exact, built.rows, built.indexes);
      if (timings) timings.indexMs = performance.now() - t0;
      lookups.useIndex(ix);
      run.useIndex(ix);
      const total = data.users.length;
      const slices = new Slices();
      while (run.planned < total) {
        const to = Math.min(total, lookups.readyUpTo, run.planned + slices.step);
        if (to <= run.planned) {
          await lookups.next();
          continue;
        }
        run.planUsers(run.planned, to, lookups);
        lookups.release(run.planned);
        progress?.(contactsN + run.planned, units, run.planned);
        await slices.turn();
      }
      if (total === 0) progress?.(units, units, 0);
      return run.finish();
    } finally {
      sink.stop();
    }
  }

  /** Stops the worker, if any (loading failed). */
  stop(): void {
    this.sink?.stop();
  }
}
