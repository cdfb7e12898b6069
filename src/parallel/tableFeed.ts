/**
 * The worker's side of the contacts as they load: it reads them from the main thread's
 * ContactTable, whose columns are in shared memory (ContactTable.sharedView), and runs the
 * same ContactFeed over them that buildContactIndex runs in one thread. The main thread only
 * says how many contacts are stored so far; it copies no name and no address for the worker.
 */
import type { StoredTableView } from '../load/contactTable.js';
import { ContactFeed, type EmailRowsState, type StoredContacts } from '../match/contactIndex.js';
import type { FuzzySink } from '../match/fuzzyIndexes.js';

type Utf8Buffer = Buffer & { utf8Slice(from: number, to: number): string };

/** The stored contacts read from a view of the table's columns (no email is primary here: the feed does not ask). */
export class StoredTable implements StoredContacts {
  private readonly bytes: Utf8Buffer;
  private readonly ends: Int32Array;

  constructor(private readonly view: StoredTableView) {
    const b = view.text.bytes;
    this.bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength) as Utf8Buffer;
    this.ends = view.text.ends;
  }

  usableAt(pos: number): boolean {
    return this.view.flags[pos] === 0;
  }

  firstField(pos: number): number {
    return this.view.fieldFrom[pos]!;
  }

  textBytes(): Uint8Array {
    return this.bytes;
  }

  fieldStart(f: number): number {
    return f === 0 ? 0 : this.ends[f - 1]!;
  }

  fieldEnd(f: number): number {
    return this.ends[f]!;
  }

  primaryField(): boolean {
    throw new Error('StoredTable: primary flags are not shared');
  }

  fieldText(f: number): string {
    const from = this.fieldStart(f);
    const to = this.ends[f]!;
    return from === to ? '' : this.bytes.utf8Slice(from, to);
  }
}

/** Feeds a FuzzySink the contacts as the main thread stores them, then the --emails file's additions. */
export class TableFeed {
  /** Contacts fed so far (positions 0 … contacts - 1). */
  contacts = 0;
  private readonly feed: ContactFeed;

  constructor(sink: FuzzySink) {
    this.feed = new ContactFeed(sink);
  }

  /** The contacts before `upTo` are stored in `view`: feeds those not fed yet. */
  stored(view: StoredTableView, upTo: number): void {
    if (upTo <= this.contacts) return;
    const table = new StoredTable(view);
    const feed = this.feed;
    for (let pos = this.contacts; pos < upTo; pos++) feed.stored(table, pos);
    this.contacts = upTo;
  }

  /** Addresses the --emails file added to usable contacts: positions[i] got keys[i]. */
  added(positions: Int32Array, keys: readonly string[]): void {
    for (let i = 0; i < keys.length; i++) this.feed.addedKey(positions[i]!, keys[i]!);
  }

  rowsState(): EmailRowsState {
    return this.feed.rowsState();
  }
}
