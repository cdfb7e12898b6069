/**
 * Worker entry: builds the fuzzy indexes (FuzzyIndexBuilder) from the chunks the main thread
 * sends while it loads the contacts, and sends them back built, in one transferred buffer.
 */
import { parentPort } from 'node:worker_threads';
import { FuzzyIndexBuilder, fuzzyIndexesState } from '../match/fuzzyIndexes.js';
import { StringFilter } from '../match/stringFilter.js';
import type { FromWorker, ToWorker } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('fuzzyWorker.js runs as a worker thread');

let builder: FuzzyIndexBuilder | null = null;
/** Code units back to one string, exactly (a lone surrogate stays one, as it was copied). */
function decode(units: Uint16Array): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 8192) parts.push(String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]));
  return parts.join('');
}

function handle(m: ToWorker): FromWorker | null {
  switch (m.kind) {
    case 'init':
      builder = new FuzzyIndexBuilder(m.locals ? StringFilter.fromState(m.locals) : null);
      return null;
    case 'emails': {
      const b = builder!;
      const { meta } = m;
      const text = decode(m.text);
      let at = 0;
      for (let i = 0; i < m.count; i++) {
        const len = meta[2 * i + 1]!;
        b.email(meta[2 * i]!, text, at, at + len);
        at += len;
      }
      return null;
    }
    case 'names': {
      const b = builder!;
      const { meta } = m;
      const text = decode(m.text);
      let at = 0;
      for (let i = 0; i < m.count; i++) {
        const f = meta[4 * i + 1]!;
        const l = meta[4 * i + 2]!;
        const d = meta[4 * i + 3]!;
        b.name(meta[4 * i]!, text.slice(at, at + f), text.slice(at + f, at + f + l), text.slice(at + f + l, at + f + l + d));
        at += f + l + d;
      }
      return null;
    }
    case 'end': {
      const { indexes, pool } = builder!.finish();
      builder = null;
      return { kind: 'built', state: fuzzyIndexesState(indexes, pool), buffer: pool.buffer };
    }
  }
}

port.on('message', (m: ToWorker) => {
  try {
    const reply = handle(m);
    if (reply?.kind === 'built') port.postMessage(reply, [reply.buffer]);
  } catch (e) {
    const reply: FromWorker = { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
