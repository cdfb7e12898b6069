/**
 * Issue 4, point 3: speed must not cost recall. On the benchmark's 20k-contact / 5k-user set
 * and on the three sample runs, the fuzzy look-ups the plan makes through its indexes (with
 * the blocking, the filters and the look-up restrictions buildPlan uses) find exactly what
 * comparing the user with every contact finds:
 * - for every user the plan ran fuzzy look-ups for, alias, typo and name hits are equal;
 * - a plan built with the exhaustive comparison in place of the indexes is the same plan
 *   (same candidates, warnings and decisions for every user).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { filesIn, generate, SIZES } from '../../src/bench/generate.js';
import { parseCommandLine } from '../../src/cli/args.js';
import { loadDataset } from '../../src/cli/loadDataset.js';
import { silentProgress } from '../../src/cli/progress.js';
import { buildPlan } from '../../src/decide/plan.js';
import type { Plan, UserPlan } from '../../src/domain/decisions.js';
import type { Dataset } from '../../src/domain/types.js';
import { buildContactIndex, lookupsFor, type ContactIndex } from '../../src/match/contactIndex.js';
import { isValidEmailKey } from '../../src/match/email.js';
import { exhaustiveAliasHits, exhaustiveNameHits, exhaustiveTypoHits } from '../helpers/exhaustive.js';
import { aliasHits, nameHits, typoHits } from '../../src/match/fuzzy.js';
import { nameKey } from '../../src/match/names.js';
import { tempDir } from '../helpers/tempDir.js';

async function load(args: string[]): Promise<Dataset> {
  return (await loadDataset(parseCommandLine([...args, '--yes']), silentProgress)).data;
}

/** Whether buildPlan ran the fuzzy look-ups for this row (plan.ts: no link, a valid email, and CiviCRM would create a contact or no usable contact has the email). */
function ranFuzzy(r: UserPlan): boolean {
  if (r.decision.reason === 'existing-link' || r.civicrm.kind === 'keep') return false;
  const key = r.user.emailKey;
  if (key === '' || !isValidEmailKey(key)) return false;
  const usableExact = r.candidates.some((c) => c.basis === 'exact-email' && c.usable);
  return r.civicrm.kind === 'create' || r.civicrm.kind === 'create-unlinked' || !usableExact;
}

interface Tally {
  users: number;
  alias: number;
  typo: number;
  name: number;
}

function compareLookups(data: Dataset, plan: Plan): Tally {
  // the index exactly as buildPlan builds it (look-ups restricted to these users' keys)
  const ix: ContactIndex = buildContactIndex(data.contacts, lookupsFor(data.users.map((u) => u.emailKey)));
  const tally: Tally = { users: 0, alias: 0, typo: 0, name: 0 };
  for (const r of plan.rows) {
    if (!ranFuzzy(r)) continue;
    tally.users++;
    const key = r.user.emailKey;
    const a = aliasHits(ix, key);
    expect(a, `alias hits of user ${r.user.ufId}`).toEqual(exhaustiveAliasHits(data.contacts, key));
    const t = typoHits(ix, key);
    expect(t, `typo hits of user ${r.user.ufId}`).toEqual(exhaustiveTypoHits(data.contacts, key));
    const name = nameKey(r.user.firstName, r.user.lastName, r.user.displayName);
    const n = nameHits(ix, name);
    expect(n, `name hits of user ${r.user.ufId}`).toEqual(exhaustiveNameHits(data.contacts, name));
    tally.alias += a.length;
    tally.typo += t.length;
    tally.name += n.length;
  }
  return tally;
}

/** buildPlan with fuzzy.ts's look-ups replaced by the exhaustive comparison. */
async function exhaustivePlan(data: Dataset): Promise<Plan> {
  vi.resetModules();
  vi.doMock('../../src/match/fuzzy.js', async (importOriginal) => {
    const real = await importOriginal<typeof import('../../src/match/fuzzy.js')>();
    return {
      ...real,
      aliasHits: (ix: ContactIndex, key: string) => exhaustiveAliasHits(ix.contacts, key),
      typoHits: (ix: ContactIndex, key: string) => exhaustiveTypoHits(ix.contacts, key),
      nameHits: (ix: ContactIndex, name: Parameters<typeof exhaustiveNameHits>[1]) => exhaustiveNameHits(ix.contacts, name),
    };
  });
  try {
    const mod = await import('../../src/decide/plan.js');
    return mod.buildPlan(data);
  } finally {
    vi.doUnmock('../../src/match/fuzzy.js');
    vi.resetModules();
  }
}

function comparable(plan: Plan): unknown[] {
  return [
    ...plan.rows.map((r) => ({ uf: r.user.ufId, decision: r.decision, candidates: r.candidates, warnings: r.warnings, civicrm: r.civicrm })),
    ...plan.globalWarnings,
  ];
}

const SAMPLE_RUNS: Record<string, string[]> = {
  wordpress: ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'],
  drupal: ['--users', 'samples/drupal-users.csv', '--contacts', 'samples/contacts-api.csv'],
  joomla: ['--users', 'samples/joomla-users.csv', '--contacts', 'samples/contacts-api.csv'],
};

describe.each(Object.entries(SAMPLE_RUNS))('indexed look-ups equal the exhaustive comparison: %s sample', (_name, args) => {
  it('for every user the plan ran fuzzy look-ups for, and for the whole plan', async () => {
    const data = await load(args);
    const plan = buildPlan(data);
    const tally = compareLookups(data, plan);
    expect(tally.users).toBeGreaterThan(0);
    expect(comparable(await exhaustivePlan(data))).toEqual(comparable(plan));
  });
});

describe('indexed look-ups equal the exhaustive comparison: the 20k-contact / 5k-user bench set', () => {
  const small = SIZES.find((s) => s.name === 'small')!;
  let dir = '';
  let data: Dataset;
  let plan: Plan;

  beforeAll(async () => {
    dir = tempDir('ufm-recall-');
    generate(small, dir);
    const f = filesIn(dir);
    data = await load(['--users', f.users, '--contacts', f.contacts, '--links', f.links, '--emails', f.emails]);
    plan = buildPlan(data);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the sizes of the bench set', () => {
    expect(data.contacts.length).toBe(small.contacts);
    expect(data.users.length).toBe(small.users);
  });

  it('finds the same alias, typo and name hits for every user the plan ran fuzzy look-ups for', () => {
    const tally = compareLookups(data, plan);
    // the comparison must have had plenty to compare
    expect(tally.users).toBeGreaterThan(500);
    expect(tally.alias).toBeGreaterThan(20);
    expect(tally.typo).toBeGreaterThan(100);
    expect(tally.name).toBeGreaterThan(200);
  }, 120_000);

  it('builds the same plan as the exhaustive comparison (candidates, warnings, decisions)', async () => {
    const reference = await exhaustivePlan(data);
    expect(reference.rows.length).toBe(plan.rows.length);
    expect(comparable(reference)).toEqual(comparable(plan));
    const codes = new Set(plan.rows.flatMap((r) => r.warnings.map((w) => w.code)));
    for (const c of ['email-typo', 'alias-email', 'name-match'] as const) expect(codes).toContain(c);
  }, 120_000);
});
