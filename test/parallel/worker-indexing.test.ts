/**
 * The fuzzy part of the contact index built in a worker thread while the contacts load:
 * - the real worker (from the build) gives the indexes the exhaustive comparison agrees with;
 * - the built CLI writes the same outputs with the worker (UFMATCH_WORKERS=1) as without it
 *   (UFMATCH_WORKERS=0), on the samples and on the 20k/5k bench set (with --emails);
 * - a worker that fails leaves the index to this thread, and says why;
 * - a load that fails while the worker runs still exits 3 at once with one line.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesIn, generate, SIZES } from '../../src/bench/generate.js';
import type { Contact } from '../../src/domain/types.js';
import { ContactFeed, lookupsFor, type ContactIndex } from '../../src/match/contactIndex.js';
import { exhaustiveNameHits, exhaustiveTypoHits } from '../../src/match/exhaustive.js';
import { nameHits, typoHits } from '../../src/match/fuzzy.js';
import { FuzzyIndexBuilder, type FuzzyIndexes } from '../../src/match/fuzzyIndexes.js';
import { nameKey } from '../../src/match/names.js';
import { ContactIndexing, type RemoteFuzzySink } from '../../src/parallel/contactIndexing.js';
import { contact, user } from '../helpers/build.js';
import { runBinary } from '../helpers/runCli.js';

const OUTPUTS = ['links.csv', 'warnings.csv', 'contacts-to-create.csv', 'uf_match.sql']; // and summary.json but its elapsed_ms

const CONTACTS: Contact[] = [
  contact(1, ['anna.berg@example.org'], { firstName: 'Anna', lastName: 'Berg' }),
  contact(2, ['anna.berg@exmaple.org', 'a.berg@work.example'], { firstName: 'Anna', lastName: 'Bergh' }),
  contact(3, ['bo.lund@example.org'], { firstName: 'Bo', lastName: 'Lund' }),
  contact(4, ['bo.lund@example.org'], { firstName: 'Bo', lastName: 'Lund', deleted: true }),
  contact(5, ['anna.berg@exampel.org'], { displayName: 'Berg, Anna' }),
];
const QUERIES: [string, string, string][] = [
  ['anna.berg@example.org', 'Anna', 'Berg'],
  ['bo.lnud@example.org', 'Bo', 'Lund'],
  ['anna.berg@examp.org', 'Anne', 'Berg'],
];

function expectExhaustive(ix: ContactIndex): void {
  for (const [key, f, l] of QUERIES) {
    expect(typoHits(ix, key)).toEqual(exhaustiveTypoHits(CONTACTS, key));
    expect(nameHits(ix, nameKey(f, l, ''))).toEqual(exhaustiveNameHits(CONTACTS, nameKey(f, l, '')));
  }
  expect(typoHits(ix, 'anna.berg@examp.org').length).toBeGreaterThan(0);
  expect(nameHits(ix, nameKey('Anna', 'Berg', '')).length).toBe(3);
}

async function indexWith(worker: boolean | ((locals: import('../../src/match/stringFilter.js').StringFilter) => RemoteFuzzySink), fallbacks: string[] = []): Promise<ContactIndex> {
  const indexing = new ContactIndexing(QUERIES.map(([e], i) => user(i + 1, e)), worker);
  CONTACTS.forEach((c, pos) => indexing.hooks?.onContact(c, pos));
  return indexing.build(CONTACTS, undefined, (why) => fallbacks.push(why));
}

/** A sink that builds here, asynchronously (or fails on finish). */
function localSink(fail: string | null): (locals: import('../../src/match/stringFilter.js').StringFilter) => RemoteFuzzySink {
  return (locals) => {
    const b = new FuzzyIndexBuilder(locals);
    return {
      email: (row, s, from, to) => b.email(row, s, from, to),
      name: (pos, f, l, d) => b.name(pos, f, l, d),
      finish: () => (fail ? Promise.reject(new Error(fail)) : new Promise<FuzzyIndexes>((r) => setTimeout(() => r(b.finish().indexes), 5))),
      stop: () => {},
    };
  };
}

describe('ContactIndexing', () => {
  it('builds in this thread without a worker', async () => {
    expectExhaustive(await indexWith(false));
  });

  it('uses what the remote sink built', async () => {
    const fallbacks: string[] = [];
    expectExhaustive(await indexWith(localSink(null), fallbacks));
    expect(fallbacks).toEqual([]);
  });

  it('falls back to this thread when the worker fails, and says why', async () => {
    const fallbacks: string[] = [];
    expectExhaustive(await indexWith(localSink('out of memory'), fallbacks));
    expect(fallbacks).toEqual(['out of memory']);
  });
});

describe('the real worker thread (from the build)', () => {
  it('is in the build', async () => {
    const dist = await import(new URL('../../dist/parallel/workerFuzzySink.js', import.meta.url).href);
    expect(dist.workerAvailable()).toBe(true);
  });

  it('builds indexes the exhaustive comparison agrees with', async () => {
    const dist = await import(new URL('../../dist/parallel/workerFuzzySink.js', import.meta.url).href);
    const mIx = await import(new URL('../../dist/match/contactIndex.js', import.meta.url).href);
    const lookups = lookupsFor(QUERIES.map(([e]) => e));
    const sink = new dist.WorkerFuzzySink(lookups.locals);
    const feed = new mIx.ContactFeed(sink) as ContactFeed;
    CONTACTS.forEach((c, pos) => feed.contact(pos, c));
    const fuzzy = (await sink.finish()) as FuzzyIndexes;
    const ix = mIx.assembleContactIndex(CONTACTS, mIx.buildExactIndex(CONTACTS, lookups), feed.rows(), fuzzy) as ContactIndex;
    // dist's look-ups run on dist's index: compare them with the exhaustive comparison
    const mFuzzy = await import(new URL('../../dist/match/fuzzy.js', import.meta.url).href);
    for (const [key, f, l] of QUERIES) {
      expect(mFuzzy.typoHits(ix, key)).toEqual(exhaustiveTypoHits(CONTACTS, key));
      expect(mFuzzy.nameHits(ix, nameKey(f, l, ''))).toEqual(exhaustiveNameHits(CONTACTS, nameKey(f, l, '')));
    }
    expect(mFuzzy.nameHits(ix, nameKey('Anna', 'Berg', '')).length).toBe(3);
  });
});

function runBoth(args: string[], root: string): { with: string; without: string } {
  const out = { with: join(root, 'with-worker'), without: join(root, 'without') };
  for (const [dir, setting] of [
    [out.with, '1'],
    [out.without, '0'],
  ] as const) {
    const r = runBinary([...args, '--out', dir, '--yes'], { env: { UFMATCH_WORKERS: setting } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('indexing in a worker thread failed');
  }
  return out;
}

function expectSameOutputs(a: string, b: string): void {
  for (const f of OUTPUTS) expect(readFileSync(join(a, f), 'utf8'), f).toBe(readFileSync(join(b, f), 'utf8'));
  const summary = (d: string) => ({ ...JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')), elapsed_ms: 0 });
  expect(summary(a)).toEqual(summary(b));
}

describe('the built CLI writes the same outputs with the worker as without', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ufm-worker-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('on the WordPress sample (with --emails and links)', () => {
    const out = runBoth(
      ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'],
      join(root, 'wp'),
    );
    expectSameOutputs(out.with, out.without);
  });

  it('on the 20k-contact / 5k-user bench set', () => {
    const dir = join(root, 'small');
    mkdirSync(dir);
    generate(SIZES.find((s) => s.name === 'small')!, dir);
    const f = filesIn(dir);
    const out = runBoth(['--users', f.users, '--contacts', f.contacts, '--links', f.links, '--emails', f.emails], join(root, 'small-out'));
    expectSameOutputs(out.with, out.without);
    // with plenty of what the fuzzy indexes find
    const warnings = readFileSync(join(out.with, 'warnings.csv'), 'utf8');
    expect(warnings.match(/^email-typo,/gm)?.length).toBeGreaterThan(50);
    expect(warnings.match(/^name-match,/gm)?.length).toBeGreaterThan(50);
  }, 60_000);

  it('a contacts file that fails to load while the worker runs: exit 3, one line, no output', () => {
    const dir = join(root, 'bad');
    const contacts = join(root, 'dup-contacts.csv');
    writeFileSync(contacts, 'Contact ID,Email,First Name,Last Name\n1,a@example.org,A,B\n2,b@example.org,C,D\n1,c@example.org,E,F\n');
    const r = runBinary(['--users', 'samples/wordpress-users.csv', '--contacts', contacts, '--out', dir, '--yes'], { env: { UFMATCH_WORKERS: '1' } });
    expect(r.code).toBe(3);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('dup-contacts.csv');
  });
});
