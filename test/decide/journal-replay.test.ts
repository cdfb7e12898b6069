import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { JournalFile } from '../../src/output/journalFile.js';
import { applyJournal, type JournalEntry } from '../../src/decide/journal.js';
import { buildPlan } from '../../src/decide/plan.js';
import { contact, dataset, link, user } from '../helpers/build.js';

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
const exists = (ids: number[]) => (id: number) => ids.includes(id);

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
    const path = join(mkdtempSync(join(tmpdir(), 'ufm-journal-')), 'decisions.csv');
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
});
