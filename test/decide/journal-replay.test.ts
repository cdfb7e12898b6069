import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { JournalFile } from '../../src/output/journalFile.js';
import { applyJournal, changedRows, unwrittenAfterResume, unwrittenAgainst, writtenBaseline, type JournalEntry } from '../../src/decide/journal.js';
import { writtenLinks } from '../../src/cli/writtenLinks.js';
import { writeFileSync } from 'node:fs';
import { buildPlan } from '../../src/decide/plan.js';
import { contact, dataset, link, user } from '../helpers/build.js';
import { tempDir } from '../helpers/tempDir.js';

const entry = (ufId: number, email: string, action: JournalEntry['action'], contactId: number | null, line = 2): JournalEntry => ({
  ufId, email, action, contactId, decidedAt: '2026-11-21T10:00:00.000Z', line,
});

function fixture() {
  const data = dataset(
    [user(1, 'jane@gmial.com'), user(2, 'bob@example.org'), user(3, 'new@example.org'), user(4, 'held@example.org')],
    [contact(10, 'jane@gmail.com'), contact(20, 'bob@example.org'), contact(30, 'taken@example.org')],
    [link(4, 30, 'held@example.org')],
  );
  return { data, plan: buildPlan(data) };
}
const exists = (ids: number[]) => (id: number) => (ids.includes(id) ? { type: 'Individual', deleted: false } : undefined);

describe('replaying decisions (SPEC §5.6)', () => {
  it('applies a link and marks it decided by the decisions file', () => {
    const { plan, data } = fixture();
    expect(plan.rows[0]!.decision.action).toBe('review');
    const r = applyJournal(plan, [entry(1, 'jane@gmial.com', 'link', 10)], exists([10, 20, 30]), 'decisions-file', data.links);
    expect(r.applied).toBe(1);
    expect(r.problems).toEqual([]);
    expect(r.plan.rows[0]!.decision).toEqual({ action: 'link', contactId: 10, reason: 'decisions-file', decidedBy: 'decisions-file' });
    expect(plan.rows[0]!.decision.action).toBe('review'); // the input plan is untouched
  });

  it('a review entry without a contact keeps the best candidate, as every review row of links.csv does', () => {
    const { plan, data } = fixture();
    // user 2's proposal links contact 20; user 1's is a review of contact 10 (a typo)
    const r = applyJournal(plan, [entry(2, 'bob@example.org', 'review', null), entry(1, 'jane@gmial.com', 'skip', null, 3), entry(1, 'jane@gmial.com', 'review', null, 4)], exists([10, 20, 30]), 'decisions-file', data.links);
    expect(r.problems).toEqual([]);
    expect(r.plan.rows[1]!.decision).toMatchObject({ action: 'review', contactId: 20 });
    expect(r.plan.rows[0]!.decision).toMatchObject({ action: 'review', contactId: 10 });
  });

  it('a spreadsheet’s empty rows (,,,,) are skipped, as in the inputs, not reported', () => {
    const dir = tempDir('ufm-empty-rows-');
    const path = join(dir, 'd.csv');
    writeFileSync(path, 'uf_id,email,action,contact_id,decided_at\r\n,,,,\r\n2,bob@example.org,skip,,\r\n ,, ,,\r\n');
    const { entries, problems } = readJournal(path, true);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.ufId, e.action, e.line])).toEqual([[2, 'skip', 3]]);
  });

  it('does not apply a decision whose user email has changed since', () => {
    const { plan, data } = fixture();
    const r = applyJournal(plan, [entry(1, 'jane.old@gmial.com', 'link', 10, 7)], exists([10]), 'decisions-file', data.links);
    expect(r.applied).toBe(0);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'email-changed', ufId: 1, line: 7 })]);
  });

  it('does not apply a link to a contact that is gone', () => {
    const { plan, data } = fixture();
    const r = applyJournal(plan, [entry(1, 'jane@gmial.com', 'link', 99)], exists([10, 20, 30]), 'decisions-file', data.links);
    expect(r.problems[0]!.kind).toBe('contact-gone');
  });

  it('refuses a second link to a contact and names the holder', () => {
    const { plan, data } = fixture();
    const r = applyJournal(plan, [entry(3, 'new@example.org', 'link', 30)], exists([10, 20, 30]), 'decisions-file', data.links);
    expect(r.problems[0]).toMatchObject({ kind: 'conflict', ufId: 3 });
    expect(r.problems[0]!.detail).toContain('user 4');
    expect(r.plan.rows[2]!.decision.action).toBe('create');
  });

  it('a later entry replaces an earlier one, and one equal to the proposal restores it as automatic', () => {
    const { plan, data } = fixture();
    const r = applyJournal(
      plan,
      [entry(2, 'bob@example.org', 'skip', null), entry(2, 'bob@example.org', 'link', 20)],
      exists([10, 20, 30]),
      'operator',
      data.links,
    );
    expect(r.plan.rows[1]!.decision).toEqual(plan.rows[1]!.proposal);
    expect(r.plan.rows[1]!.decision.decidedBy).toBe('auto');
  });

  it('reports users that are not in the export', () => {
    const { plan, data } = fixture();
    const r = applyJournal(plan, [entry(55, 'x@example.org', 'create', null)], exists([]), 'decisions-file', data.links);
    expect(r.problems[0]!.kind).toBe('unknown-user');
  });

  it('replays a journal its own writer wrote for emails it had to defuse (= + - @ first) and for one that starts with an apostrophe', () => {
    const emails = ['-bob@example.org', '+tag@example.org', '=sum@example.org', "'+quoted@example.org", 'plain@example.org'];
    const data = dataset(emails.map((e, i) => user(i + 1, e)), emails.map((e, i) => contact(10 + i, e)));
    const plan = buildPlan(data);
    const path = join(tempDir('ufm-journal-'), 'decisions.csv');
    const j = JournalFile.open(path);
    for (let i = 0; i < emails.length; i++) j.append({ ufId: i + 1, email: emails[i]!, action: 'skip', contactId: null, decidedAt: '2026-11-21T10:00:00.000Z' });
    j.close();
    const { entries, problems } = readJournal(path);
    expect(problems).toEqual([]);
    const r = applyJournal(plan, entries, exists(emails.map((_, i) => 10 + i)), 'decisions-file', data.links);
    expect(r.problems).toEqual([]);
    expect(r.applied).toBe(emails.length);
    expect(r.plan.rows.map((x) => x.decision.action)).toEqual(emails.map(() => 'skip'));
  });

  it('resuming counts the users a journal changes, not its rows; decisions links.csv already states are not unwritten', () => {
    const { plan, data } = fixture();
    // user 1: link, undone (back to review), linked again; user 2: skipped then undone; user 3: skipped
    const steps = [entry(1, 'jane@gmial.com', 'link', 10, 2), entry(1, 'jane@gmial.com', 'review', 10, 3), entry(1, 'jane@gmial.com', 'link', 10, 4), entry(2, 'bob@example.org', 'skip', null, 5), entry(2, 'bob@example.org', plan.rows[1]!.decision.action, 20, 6), entry(3, 'new@example.org', 'skip', null, 7)];
    const r = applyJournal(plan, steps, exists([10, 20, 30]), 'operator', data.links);
    const changed = changedRows(plan, r.plan);
    expect(changed).toEqual([0, 2]);
    expect(unwrittenAfterResume(r.plan, changed, null)).toBe(2);
    const path = join(tempDir('ufm-written-'), 'links.csv');
    writeFileSync(path, 'uf_id,uf_name,contact_id,action,reason,candidates,warnings,decided_by\r\n1,jane@gmial.com,10,link,operator,10:0.90,email-typo,operator\r\n2,bob@example.org,20,link,exact-email,20:0.95,,auto\r\n3,new@example.org,,create,no-match,,,auto\r\n');
    const written = writtenLinks(path);
    expect(written?.get(1)).toBe('link:10');
    expect(unwrittenAfterResume(r.plan, changed, written)).toBe(1); // user 3's skip is not in that file
    expect(writtenLinks(join(tmpdir(), 'no-such-ufmatch-links.csv'))).toBeNull();
  });

  it('writtenBaseline: links.csv’s decision for each user it lists, ufmatch’s proposal for the rest; the unwritten are the users deciding otherwise', () => {
    const { plan, data } = fixture();
    const steps = [entry(1, 'jane@gmial.com', 'link', 10, 2), entry(3, 'new@example.org', 'skip', null, 3)];
    const resumed = applyJournal(plan, steps, exists([10, 20, 30]), 'operator', data.links).plan;
    // no links.csv: the proposals; users 1 and 3 are unwritten
    const none = writtenBaseline(resumed, null);
    expect(none.map((d) => d.action)).toEqual(plan.rows.map((r) => r.proposal.action));
    expect(unwrittenAgainst(resumed, none)).toBe(2);
    // links.csv holds user 1's link and a skip for user 2 that the review no longer decides
    const written = new Map([[1, 'link:10'], [2, 'skip'], [3, writtenKeyOfProposal(plan, 2)]]);
    const base = writtenBaseline(resumed, written);
    expect(base[0]).toMatchObject({ action: 'link', contactId: 10 });
    expect(base[1]).toMatchObject({ action: 'skip' });
    expect(base[2]).toBe(plan.rows[2]!.proposal);
    // user 1 is written, user 2 is not (the review has its proposal), user 3's skip is not
    expect(unwrittenAgainst(resumed, base)).toBe(2);
    expect(unwrittenAgainst(plan, base)).toBe(2); // the proposals: users 1 and 2 differ from links.csv
  });
});

describe('writtenBaseline and a review links.csv holds', () => {
  it('a user back on review (a refused entry) whose proposal is not review: links.csv’s review is that one, nothing unwritten', () => {
    const { plan } = fixture();
    const i = plan.rows.findIndex((r) => r.proposal.action !== 'review');
    const r = plan.rows[i]!;
    const review = { action: 'review' as const, contactId: 120, reason: 'needs-review' as const, decidedBy: 'auto' as const };
    const onScreen = { ...plan, rows: plan.rows.map((x, k) => (k === i ? { ...x, decision: review } : x)) };
    const base = writtenBaseline(onScreen, new Map([[r.user.ufId, 'review']]));
    expect(base[i]).toBe(review);
    expect(unwrittenAgainst(onScreen, base)).toBe(0);
    // and without links.csv it is unwritten: the proposal is not a review
    expect(unwrittenAgainst(onScreen, writtenBaseline(onScreen, null))).toBe(1);
  });
});

function writtenKeyOfProposal(plan: ReturnType<typeof fixture>['plan'], i: number): string {
  const d = plan.rows[i]!.proposal;
  return d.action === 'link' || d.action === 'keep' ? `${d.action}:${d.contactId}` : d.action;
}
