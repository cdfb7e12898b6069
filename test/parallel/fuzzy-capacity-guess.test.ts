/**
 * The worker sizes its fuzzy indexes' buffers from a guess made from the files' sizes
 * (fuzzyCapacityFor): on realistic exports the guess is over, so the buffers are taken once
 * and never moved; a guess under is covered by the property test in
 * test/bench/index-property.test.ts (the indexes answer alike whatever the guess).
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { loadDataset } from '../../src/cli/loadDataset.js';
import { silentProgress } from '../../src/cli/progress.js';
import { filesIn, generate, SIZES } from '../../src/bench/generate.js';
import { ContactFeed } from '../../src/match/contactIndex.js';
import { groupHash } from '../../src/match/fuzzyIndex.js';
import { FuzzyIndexBuilder, type FuzzyIndexes } from '../../src/match/fuzzyIndexes.js';
import { fuzzyCapacityFor } from '../../src/parallel/contactIndexing.js';
import { tempDir } from '../helpers/tempDir.js';

async function buildWithGuess(contacts: string, emails: string): Promise<{ moved: boolean; shared: boolean }> {
  const args = ['--users', 'samples/wordpress-users.csv', '--contacts', contacts, '--emails', emails, '--yes'];
  const { data } = await loadDataset(parseCommandLine(args), silentProgress);
  const capacity = fuzzyCapacityFor({ contacts: statSync(contacts).size, emails: statSync(emails).size });
  expect(capacity).not.toBeNull();
  const builder = new FuzzyIndexBuilder(null, capacity, true);
  const feed = new ContactFeed(builder);
  for (let pos = 0; pos < data.contacts.length; pos++) feed.contact(pos, data.contacts.at(pos));
  const { pool, moved } = builder.finish();
  return { moved, shared: pool.buffer instanceof SharedArrayBuffer };
}

describe('the fuzzy indexes’ capacity guessed from the files’ sizes', () => {
  let root = '';
  beforeAll(() => {
    root = tempDir('ufm-guess-');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is over on the 20k-contact bench set (with --emails): the buffers are never moved', async () => {
    generate(SIZES.find((s) => s.name === 'small')!, root);
    const f = filesIn(root);
    expect(await buildWithGuess(f.contacts, f.emails)).toEqual({ moved: false, shared: true });
  }, 60_000);

  it('is over on the UI export sample', async () => {
    expect(await buildWithGuess('samples/contacts-ui.csv', 'samples/emails.csv')).toEqual({ moved: false, shared: true });
  });

  it('without a builder to guess for, the buffers grow and are moved into shared memory once', () => {
    const builder = new FuzzyIndexBuilder(null, null, true);
    builder.email(0, 'anna@example.org', 0, 16);
    builder.name(0, 'Anna', 'Berg', '');
    const { pool, moved } = builder.finish();
    expect(moved).toBe(true);
    expect(pool.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('far under: the buffers outgrow the guess, are moved, and the index answers as one built without a guess', () => {
    const local = (i: number) => `user${(i * 7919) % 100_000}`;
    const feed = (b: FuzzyIndexBuilder) => {
      for (let i = 0; i < 10_000; i++) {
        const e = `${local(i)}@d${i % 7}.example.org`;
        b.email(i, e, 0, e.length);
        b.name(i, `First${i % 97}`, `Last${i % 89}`, '');
      }
    };
    const tiny = { values: 16, chars: 64 };
    const under = new FuzzyIndexBuilder(null, { emails: tiny, names: tiny, contacts: 16 }, true);
    const over = new FuzzyIndexBuilder(null, { emails: { values: 20_000, chars: 400_000 }, names: { values: 20_000, chars: 400_000 }, contacts: 20_000 }, true);
    const none = new FuzzyIndexBuilder(null, null, true);
    for (const b of [under, over, none]) feed(b);
    const built = [under, over, none].map((b) => b.finish());
    expect(built.map((b) => b.moved)).toEqual([true, false, true]);
    const hits = (ix: FuzzyIndexes, i: number) => {
      const ids: number[] = [];
      ix.localsByDomain.query(groupHash(`d${i % 7}.example.org`), `${local(i)}x`, (id) => ids.push(id));
      ix.lastsByFirst.query(groupHash(`first${i % 97}`), `lsat${i % 89}`, (id) => ids.push(-1 - id));
      return ids.sort((a, b) => a - b);
    };
    let found = 0;
    for (let i = 0; i < 10_000; i += 37) {
      const expected = hits(built[2]!.indexes, i);
      expect(hits(built[0]!.indexes, i)).toEqual(expected);
      expect(hits(built[1]!.indexes, i)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(500);
  });

  it('whose address space is refused (ulimit -v) is no guess: the buffers grow, and the index answers', () => {
    // the guess for 120 MB of contacts asks for 1.7 GB of address space; the limit allows
    // node's own (about 0.7 GB) and what growing needs, not that
    const script = `
      import { FuzzyIndexBuilder } from './dist/match/fuzzyIndexes.js';
      import { groupHash } from './dist/match/fuzzyIndex.js';
      import { fuzzyCapacityFor } from './dist/parallel/contactIndexing.js';
      const capacity = fuzzyCapacityFor({ contacts: 120e6, emails: 0 });
      if (capacity === null) throw new Error('no guess');
      let refused = false;
      try { new SharedArrayBuffer(2 ** 31 - 8); } catch { refused = true; }
      const b = new FuzzyIndexBuilder(null, capacity, true);
      b.email(0, 'anna.berg@example.org', 0, 21);
      const { indexes, moved } = b.finish();
      const ids = [];
      indexes.localsByDomain.query(groupHash('example.org'), 'anna.brg', (id) => ids.push(id));
      process.stdout.write(JSON.stringify({ refused, moved, ids: [...new Set(ids)] }));`;
    const r = spawnSync('bash', ['-c', 'ulimit -v 1600000 && exec "$0" --input-type=module -e "$1"', process.execPath, script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ refused: true, moved: true, ids: [0] });
  });

  it('is no guess at all for an empty or unknown contacts file, or one too big for one buffer', () => {
    expect(fuzzyCapacityFor({ contacts: 0, emails: 100 })).toBeNull();
    expect(fuzzyCapacityFor({ contacts: 3 * 2 ** 30, emails: 0 })).toBeNull();
    const guess = fuzzyCapacityFor({ contacts: 87_000_000, emails: 1_000_000 })!;
    expect(guess.contacts).toBeGreaterThan(1_000_000);
    expect(guess.emails.chars).toBe(88_000_000);
  });
});
