/**
 * The fuzzy part of the contact index built in a worker thread while the contacts load:
 * - the real worker (from the build) gives the indexes the exhaustive comparison agrees with;
 * - the built CLI writes the same outputs with the worker (UFMATCH_WORKERS=1) as without it
 *   (UFMATCH_WORKERS=0), on the samples and on the 20k/5k bench set (with --emails; its 5k
 *   users' outputs are also written by the writer thread with 1, and here with 0);
 * - a worker that fails leaves the index to this thread, and says why;
 * - a load that fails while the worker runs still exits 3 at once with one line.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactList } from '../../src/domain/contactList.js';
import { ContactTable } from '../../src/load/contactTable.js';
import { filesIn, generate, SIZES } from '../../src/bench/generate.js';
import type { Contact, Dataset } from '../../src/domain/types.js';
import { parseCommandLine } from '../../src/cli/args.js';
import { loadDataset } from '../../src/cli/loadDataset.js';
import { silentProgress } from '../../src/cli/progress.js';
import { buildPlan, localLookups, PlanRun } from '../../src/decide/plan.js';
import type { Plan } from '../../src/domain/decisions.js';
import { buildContactIndex, ContactFeed, emailRows, fuzzyLookupIndex, lookupsFor, type ContactIndex, type EmailRowsState, type IndexLookups } from '../../src/match/contactIndex.js';
import { exhaustiveNameHits, exhaustiveTypoHits } from '../helpers/exhaustive.js';
import { nameHits, typoCandidates, typoHits, typoRowHitsAmong } from '../../src/match/fuzzy.js';
import { FuzzyIndexBuilder, type FuzzyIndexes } from '../../src/match/fuzzyIndexes.js';
import { nameKey, type NameKey } from '../../src/match/names.js';
import { ContactIndexing, type RemoteFuzzySink } from '../../src/parallel/contactIndexing.js';
import { TableFeed } from '../../src/parallel/tableFeed.js';
import type { HitsMessage, WorkerBuilt } from '../../src/parallel/workerFuzzySink.js';
import { contact, user } from '../helpers/build.js';
import { runBinary } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

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


type Answer = 'all' | 'half' | 'none';

/**
 * Acts as the worker, here: builds on finish() (or fails), and answers ask() in blocks of
 * 3 users, asynchronously: all of them, or the first half then a failure, or nothing.
 */
function localSink(opts: { failBuild?: string; answer?: Answer } = {}): (lookups: IndexLookups) => RemoteFuzzySink {
  return (lookups) => {
    // as the worker: the same feed, read from the table it is told of
    const b = new FuzzyIndexBuilder(lookups.locals);
    const feed = new TableFeed(b);
    let built: FuzzyIndexes | null = null;
    let rows: EmailRowsState | null = null;
    const sink: RemoteFuzzySink = {
      onHits: null,
      stored: (view, upTo) => feed.stored(view, upTo),
      added: (pos, key) => feed.added(Int32Array.of(pos), [key]),
      finish: () =>
        opts.failBuild
          ? Promise.reject(new Error(opts.failBuild))
          : new Promise<WorkerBuilt>((r) =>
              setTimeout(() => {
                built = b.finish().indexes;
                rows = feed.rowsState();
                r({ indexes: built, rows: emailRows(rows) });
              }, 5),
            ),
      ask: (users, positions, typoWanted) => {
        const send = async () => {
          while (!built) await new Promise((r) => setTimeout(r, 1));
          // as the worker: its own rows, the typo rule applied here
          const ix = fuzzyLookupIndex(emailRows(rows!), built, feed.contacts);
          const upto = opts.answer === 'half' ? positions.length >> 1 : opts.answer === 'none' ? 0 : positions.length;
          for (let i = 0; i < upto; i += 3) {
            const block = { users: [] as number[], typo: [] as number[], names: [] as number[] };
            for (const p of positions.slice(i, Math.min(upto, i + 3))) {
              const u = users[p]!;
              const t = typoWanted && typoWanted[p] !== 1 ? [] : typoRowHitsAmong(ix, u.emailKey, typoCandidates(ix, u.emailKey));
              const n = nameHits(ix, nameKey(u.firstName, u.lastName, u.displayName));
              block.users.push(p, t.length, n.length);
              for (const h of t) block.typo.push(h.row, ['local', 'domain'].indexOf(h.part), h.distance);
              for (const h of n) block.names.push(h.pos, ['same', 'swapped', 'typo'].indexOf(h.relation));
            }
            const last = positions[Math.min(upto, i + 3) - 1]!;
            const upTo = i + 3 >= positions.length ? users.length : last + 1;
            await new Promise((r) => setTimeout(r, 0));
            sink.onHits?.({ kind: 'hits', upTo, users: Int32Array.from(block.users), typo: Int32Array.from(block.typo), names: Int32Array.from(block.names) });
          }
          if (upto < positions.length) sink.onHits?.(null, 'worker gone');
        };
        void send();
      },
      stop: () => {},
    };
    return sink;
  };
}

async function planWith(data: Dataset, worker: boolean | ((lookups: IndexLookups) => RemoteFuzzySink), fallbacks: string[] = []): Promise<Plan> {
  const indexing = new ContactIndexing(data.users, worker);
  for (let pos = 0; pos < data.contacts.length; pos++) indexing.hooks?.onStored(data.contacts as ContactTable, pos);
  return indexing.plan(data, undefined, undefined, (why) => fallbacks.push(why));
}

describe('ContactIndexing: the same plan however the work is shared', () => {
  let data: Dataset;
  let expected: Plan;
  beforeAll(async () => {
    const args = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--yes'];
    data = (await loadDataset(parseCommandLine(args), silentProgress)).data;
    expected = buildPlan(data);
    // the sample has users whose plan takes typo and name hits
    expect(expected.rows.some((r) => r.warnings.some((w) => w.code === 'email-typo'))).toBe(true);
    expect(expected.rows.some((r) => r.warnings.some((w) => w.code === 'name-match'))).toBe(true);
  });

  it('without a worker', async () => {
    expect(await planWith(data, false)).toEqual(expected);
  });

  it('with the look-ups answered ahead by the worker', async () => {
    const fallbacks: string[] = [];
    expect(await planWith(data, localSink({ answer: 'all' }), fallbacks)).toEqual(expected);
    expect(fallbacks).toEqual([]);
  });

  it('with a worker that answers half and then fails: the rest is looked up here', async () => {
    expect(await planWith(data, localSink({ answer: 'half' }))).toEqual(expected);
  });

  it('with a worker that fails before the indexes are built: all of it here, and the caller told why', async () => {
    const fallbacks: string[] = [];
    expect(await planWith(data, localSink({ failBuild: 'out of memory' }), fallbacks)).toEqual(expected);
    expect(fallbacks).toEqual(['out of memory']);
  });

  it('asks the worker about exactly the users the plan runs typo and name look-ups for', async () => {
    const asked: number[] = [];
    const looked: number[] = [];
    const sink = localSink({ answer: 'none' });
    await planWith(data, (lookups) => {
      const s = sink(lookups);
      const ask = s.ask.bind(s);
      s.ask = (users, positions, typoWanted) => {
        // the users whose typos are asked for: those with no contact carrying their exact email
        asked.push(...[...positions].filter((p) => typoWanted?.[p] === 1));
        ask(users, positions, typoWanted);
      };
      return s;
    });
    const ix = buildContactIndex(data.contacts);
    const spy = { typo: (i: number, key: string) => (looked.push(i), typoHits(ix, key)), names: (_i: number, n: NameKey) => nameHits(ix, n) };
    const run = new PlanRun(data, ix);
    run.planUsers(0, data.users.length, spy);
    expect(asked.length).toBeGreaterThan(5);
    expect(asked).toEqual(looked);
  });

  it('prepares the plan before the index is built, and plans only once it is given', () => {
    const ix = buildContactIndex(data.contacts);
    const early = new PlanRun(data, null);
    expect(() => early.planUsers(0, 1, localLookups(ix))).toThrow(/before useIndex/);
    expect(() => early.finish()).toThrow(/before useIndex/);
    early.useIndex(ix);
    early.planUsers(0, data.users.length, localLookups(ix));
    expect(early.finish()).toEqual(buildPlan(data));
  });
});

describe('the real worker thread (from the build)', () => {
  it('is in the build', async () => {
    const dist = await import(new URL('../../dist/parallel/workerFuzzySink.js', import.meta.url).href);
    expect(dist.workerAvailable()).toBe(true);
  });

  it('builds indexes, and answers look-ups, that the exhaustive comparison agrees with', async () => {
    const dist = await import(new URL('../../dist/parallel/workerFuzzySink.js', import.meta.url).href);
    const mIx = await import(new URL('../../dist/match/contactIndex.js', import.meta.url).href);
    const mFuzzy = await import(new URL('../../dist/match/fuzzy.js', import.meta.url).href);
    const mRemote = await import(new URL('../../dist/parallel/remoteLookups.js', import.meta.url).href);
    const users = QUERIES.map(([e, f, l], i) => user(i + 1, e, { firstName: f, lastName: l }));
    const lookups = lookupsFor(users.map((u) => u.emailKey));
    const sink = new dist.WorkerFuzzySink(lookups.locals);
    try {
      // a shared table, told of one contact at a time: its columns grow (to new buffers) between words
      const table = new ContactTable(64, true);
      CONTACTS.forEach((c, pos) => {
        table.append(c);
        sink.stored(table.sharedView(), pos + 1);
      });
      const built = (await sink.finish()) as WorkerBuilt;
      const list = contactList(CONTACTS);
      const ix = mIx.assembleContactIndex(list, mIx.buildExactIndex(list, lookups), built.rows, built.indexes) as ContactIndex;
      // the rows the worker numbered, and moved here, are this thread's feed's
      const here = new ContactFeed({ email: () => {}, name: () => {} });
      CONTACTS.forEach((c, pos) => here.contact(pos, c));
      const rows = here.rows();
      expect(built.rows.count).toBe(rows.count);
      expect([...built.rows.contact]).toEqual([...rows.contact]);
      for (let r = 0; r < rows.count; r++) expect(built.rows.key(r)).toBe(rows.key(r));
      // dist's look-ups on the shared indexes
      for (const [key, f, l] of QUERIES) {
        expect(mFuzzy.typoHits(ix, key)).toEqual(exhaustiveTypoHits(CONTACTS, key));
        expect(mFuzzy.nameHits(ix, nameKey(f, l, ''))).toEqual(exhaustiveNameHits(CONTACTS, nameKey(f, l, '')));
      }
      // the worker's own answers, for users 0 and 2 (the look-ups here must not be the ones used)
      const remote = new mRemote.RemoteLookups(users.length);
      remote.useIndex({ ...ix, localsByDomain: null, domainsByLocal: null, lastsByFirst: null, firstsByLast: null });
      const done = new Promise<void>((resolve) => {
        sink.onHits = (m: HitsMessage | null) => {
          if (m) remote.add(m);
          if (remote.readyUpTo >= users.length) resolve();
        };
      });
      sink.ask(users, Int32Array.from([0, 2]));
      await done;
      for (const i of [0, 2]) {
        const [key, f, l] = QUERIES[i]!;
        expect(remote.typo(i, key)).toEqual(exhaustiveTypoHits(CONTACTS, key));
        expect(remote.names(i, nameKey(f, l, ''))).toEqual(exhaustiveNameHits(CONTACTS, nameKey(f, l, '')));
      }
      expect(exhaustiveTypoHits(CONTACTS, QUERIES[2]![0]).length).toBeGreaterThan(0);
      expect(exhaustiveNameHits(CONTACTS, nameKey('Anna', 'Berg', '')).length).toBe(3);
    } finally {
      sink.stop();
    }
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
    root = tempDir('ufm-worker-');
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

  it('a links file that fails to load once the worker builds (after the contacts and --emails): exit 3, one line, no output', () => {
    const dir = join(root, 'bad-links');
    const links = join(root, 'bad-links.csv');
    writeFileSync(links, 'uf_id,contact_id,uf_name,domain_id\n1,2,a@x.org,1\nx,3,b@x.org,1\n');
    const r = runBinary(['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--emails', 'samples/emails.csv', '--links', links, '--out', dir, '--yes'], { env: { UFMATCH_WORKERS: '1' } });
    expect(r.code).toBe(3);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('bad-links.csv line 3');
    expect(existsSync(dir)).toBe(false);
  });
});
