/**
 * Worker entry: builds the fuzzy indexes (FuzzyIndexBuilder) from the contacts the main thread
 * stores while it loads them (read from its table in shared memory, tableFeed.ts), shares
 * them back built with the email rows it numbered, then answers the typo and name
 * look-ups of the users the main thread asks about (see protocol.ts): name hits whole, typo
 * hits as candidate rows (the blocking step; the keys stay on the main thread, which applies
 * the typo rule to them).
 */
import { parentPort } from 'node:worker_threads';
import { emailRows, fuzzyLookupIndex, type EmailRowsState, type FuzzyLookupIndex } from '../match/contactIndex.js';
import { nameHits, typoCandidates, typoRowHitsAmong } from '../match/fuzzy.js';
import { FuzzyIndexBuilder, fuzzyIndexesState } from '../match/fuzzyIndexes.js';
import { nameKey } from '../match/names.js';
import { StringFilter } from '../match/stringFilter.js';
import { fullCollector } from '../runtime/gc.js';
import { RELATIONS, TYPO_PARTS, type FromWorker, type ToWorker } from './protocol.js';
import { TableFeed } from './tableFeed.js';

const port = parentPort;
if (!port) throw new Error('fuzzyWorker.js runs as a worker thread');

/** Users answered per `hits` message. */
const BLOCK = 1024;

let builder: FuzzyIndexBuilder | null = null;
let feed: TableFeed | null = null;
let lookups: FuzzyLookupIndex | null = null;

/** Code units back to one string, exactly (a lone surrogate stays one, as it was copied). */
function decode(units: Uint16Array): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 8192) parts.push(String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]));
  return parts.join('');
}

/** The rows' used parts copied (a view would take its whole buffer along), to be moved to the main thread. */
function rowsCopy(r: EmailRowsState): EmailRowsState {
  const n = r.keys.count;
  const used = n === 0 ? 0 : r.keys.ends[n - 1]!;
  // (not bytes.slice: on a Buffer, slice is a view)
  const bytes = new Uint8Array(used);
  bytes.set(r.keys.bytes.subarray(0, used));
  return { contact: r.contact.slice(0, n), keys: { bytes, ends: r.keys.ends.slice(0, n), count: n } };
}

class HitsBlock {
  users: number[] = [];
  typo: number[] = [];
  names: number[] = [];
  message(upTo: number): FromWorker {
    return { kind: 'hits', upTo, users: Int32Array.from(this.users), typo: Int32Array.from(this.typo), names: Int32Array.from(this.names) };
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
    const typo = key === '' ? [] : typoRowHitsAmong(ix, key, typoCandidates(ix, key));
    const names = nameHits(ix, name);
    block.users.push(user, typo.length, names.length);
    for (const h of typo) block.typo.push(h.row, TYPO_PARTS.indexOf(h.part), h.distance);
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
      builder = new FuzzyIndexBuilder(m.locals ? StringFilter.fromState(m.locals) : null, m.capacity, true);
      feed = new TableFeed(builder);
      return;
    case 'stored':
      feed!.stored(m.view, m.upTo);
      return;
    case 'added':
      feed!.added(m.positions, m.keys);
      return;
    case 'end': {
      const { indexes, pool } = builder!.finish();
      const rows = feed!.rowsState();
      const contacts = feed!.contacts;
      builder = null;
      feed = null;
      // the growing buffers and the build's scratch (hundreds of MB, counted in the process's
      // peak) are garbage now; this thread's heap is small, so a full collection is quick
      fullCollector()?.();
      // the rows stay here too: this thread applies the typo rule, the main thread names the hits
      lookups = fuzzyLookupIndex(emailRows(rows), indexes, contacts);
      const copy = rowsCopy(rows);
      const reply: FromWorker = { kind: 'built', state: fuzzyIndexesState(indexes, pool), buffer: pool.buffer as SharedArrayBuffer, rows: copy };
      port!.postMessage(reply, [copy.contact.buffer, copy.keys.bytes.buffer, copy.keys.ends.buffer] as ArrayBuffer[]);
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
