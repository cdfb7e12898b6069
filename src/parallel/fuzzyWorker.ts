/**
 * Worker entry: builds the fuzzy indexes (FuzzyIndexBuilder) from the contacts the main thread
 * stores while it loads them (read from its table in shared memory, tableFeed.ts), shares
 * them back built with the email rows it numbered, then answers the typo and name
 * look-ups of the users the main thread asks about (see protocol.ts): name hits whole, typo
 * hits as candidate rows (the blocking step; the keys stay on the main thread, which applies
 * the typo rule to them).
 */
import { parentPort } from 'node:worker_threads';
import { fuzzyLookupIndex, type FuzzyLookupIndex } from '../match/contactIndex.js';
import { nameHits, typoCandidates } from '../match/fuzzy.js';
import { FuzzyIndexBuilder, fuzzyIndexesState } from '../match/fuzzyIndexes.js';
import { nameKey } from '../match/names.js';
import { StringFilter } from '../match/stringFilter.js';
import { fullCollector } from '../runtime/gc.js';
import { RELATIONS, type FromWorker, type ToWorker } from './protocol.js';
import { TableFeed } from './tableFeed.js';

const port = parentPort;
if (!port) throw new Error('fuzzyWorker.js runs as a worker thread');

/** Users answered per `hits` message. */
const BLOCK = 1024;

let builder: FuzzyIndexBuilder | null = null;
let feed: TableFeed | null = null;
const noKeys = (): string => {
  throw new Error('the worker has no email keys');
};
let lookups: FuzzyLookupIndex | null = null;

/** Code units back to one string, exactly (a lone surrogate stays one, as it was copied). */
function decode(units: Uint16Array): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 8192) parts.push(String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]));
  return parts.join('');
}

class HitsBlock {
  users: number[] = [];
  typoRows: number[] = [];
  names: number[] = [];
  message(upTo: number): FromWorker {
    return { kind: 'hits', upTo, users: Int32Array.from(this.users), typoRows: Int32Array.from(this.typoRows), names: Int32Array.from(this.names) };
  }
}

function answer(text: string, meta: Int32Array, count: number, users: number): void {
  const ix = lookups!;
  let block = new HitsBlock();
  let at = 0;
  for (let i = 0; i < count; i++) {
    const user = meta[5 * i]!;
    const k = meta[5 * i + 1]!;
    const f = meta[5 * i + 2]!;
    const l = meta[5 * i + 3]!;
    const d = meta[5 * i + 4]!;
    const key = text.slice(at, at + k);
    at += k;
    const name = nameKey(text.slice(at, at + f), text.slice(at + f, at + f + l), text.slice(at + f + l, at + f + l + d));
    at += f + l + d;
    const typo = typoCandidates(ix, key);
    const names = nameHits(ix, name);
    block.users.push(user, typo.length, names.length);
    for (const row of typo) block.typoRows.push(row);
    for (const h of names) block.names.push(h.pos, RELATIONS.indexOf(h.relation));
    if (block.users.length === 3 * BLOCK) {
      port!.postMessage(block.message(user + 1));
      block = new HitsBlock();
    }
  }
  port!.postMessage(block.message(users));
}

function handle(m: ToWorker): void {
  switch (m.kind) {
    case 'init':
      builder = new FuzzyIndexBuilder(m.locals ? StringFilter.fromState(m.locals) : null);
      feed = new TableFeed(builder);
      return;
    case 'stored':
      feed!.stored(m.view, m.upTo);
      return;
    case 'added':
      feed!.added(m.positions, m.keys);
      return;
    case 'end': {
      const { indexes, pool } = builder!.finish(true);
      const rows = feed!.rowsState();
      const contacts = feed!.contacts;
      builder = null;
      feed = null;
      // the growing buffers and the build's scratch (hundreds of MB, counted in the process's
      // peak) are garbage now; this thread's heap is small, so a full collection is quick
      fullCollector()?.();
      // no keys here: the main thread applies the typo rule to the candidate rows sent back
      lookups = fuzzyLookupIndex({ count: rows.keys.count, contact: new Int32Array(0), key: noKeys }, indexes, contacts);
      const reply: FromWorker = { kind: 'built', state: fuzzyIndexesState(indexes, pool), buffer: pool.buffer as SharedArrayBuffer, rows };
      // the rows are the main thread's from now on: moved, not copied
      port!.postMessage(reply, [rows.contact.buffer, rows.keys.bytes.buffer, rows.keys.ends.buffer] as ArrayBuffer[]);
      return;
    }
    case 'queries':
      answer(decode(m.text), m.meta, m.count, m.users);
      return;
  }
}

port.on('message', (m: ToWorker) => {
  try {
    handle(m);
  } catch (e) {
    const reply: FromWorker = { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
