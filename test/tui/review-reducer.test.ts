import { describe, expect, it } from 'vitest';
import { contactList } from '../../src/domain/contactList.js';
import { UF } from './helpers/plans.js';
import { accept, apply, at, counts, create, decisionOf, pick, queueUfIds, redo, run, selectedUf, skip, start, undo } from './helpers/review.js';
import { initialReview, reviewReducer } from '../../src/tui/state/review.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { sampleDataset, samplePlan } from './helpers/plans.js';
import { buildPlan } from '../../src/decide/plan.js';
import { contact } from '../helpers/build.js';

describe('opening the review', () => {
  it('opens on the Review queue when it has users, with live counts per action', () => {
    const s = start();
    expect(s.queue).toBe('review');
    expect(counts(s)).toEqual({ keep: 2, link: 1, create: 1, review: 6, skip: 1 });
    expect(queueUfIds(s, 'review')).toEqual([1, 6, 8, 9, 10, 12]);
    expect(selectedUf(s)).toBe(1);
  });

  it('opens on All when nothing needs review', () => {
    const { plan, data } = samplePlan();
    const settled = { ...plan, rows: plan.rows.filter((r) => r.decision.action !== 'review') };
    const s = initialReview(reviewModel(settled, data.contacts, data.links));
    expect(s.queue).toBe('all');
  });

  it('keeps only the candidates\' contacts: they are all the review can show or pick', () => {
    const base = sampleDataset();
    const data = { ...base, contacts: contactList([...base.contacts, contact(9001, 'nobody@elsewhere.org', { firstName: 'Zed', lastName: 'Quill' })]) };
    const plan = buildPlan(data);
    const model = reviewModel(plan, data.contacts, data.links);
    const candidateIds = new Set(plan.rows.flatMap((r) => r.candidates.map((c) => c.contactId)));
    expect(candidateIds.size).toBeGreaterThan(0);
    expect(data.contacts.some((c) => !candidateIds.has(c.id))).toBe(true);
    expect([...model.contacts.keys()].sort()).toEqual([...candidateIds].sort());
    for (const id of candidateIds) expect(model.contacts.get(id)).toBe(data.contacts.find((c) => c.id === id));
  });
});

describe('moving', () => {
  it('j/k move one user and stop at the ends of the queue', () => {
    let s = start();
    s = apply(s, { type: 'move', by: 1 }, { type: 'move', by: 1 });
    expect(selectedUf(s)).toBe(8);
    s = apply(s, { type: 'move', by: -5 });
    expect(selectedUf(s)).toBe(1);
    s = apply(s, { type: 'move', by: 50 });
    expect(selectedUf(s)).toBe(12);
  });

  it('g/G jump to the first and last user; the window scrolls to keep the cursor visible', () => {
    let s = apply(start(3), { type: 'jump', to: 'bottom' });
    expect(selectedUf(s)).toBe(12);
    expect(s.views.review).toEqual({ cursor: 5, top: 3 });
    s = apply(s, { type: 'jump', to: 'top' });
    expect(s.views.review).toEqual({ cursor: 0, top: 0 });
  });

  it('PgDn/PgUp move by the height of the list', () => {
    let s = apply(start(2), { type: 'page', dir: 1 });
    expect(s.views.review).toEqual({ cursor: 2, top: 2 });
    s = apply(s, { type: 'page', dir: 1 }, { type: 'page', dir: 1 });
    expect(s.views.review.cursor).toBe(5);
    s = apply(s, { type: 'page', dir: -1 });
    expect(s.views.review).toEqual({ cursor: 3, top: 2 });
  });

  it('Tab and Shift-Tab cycle Review · Link · Create · Keep · Skip · All, each queue keeping its place', () => {
    let s = apply(start(), { type: 'move', by: 2 });
    const seen: string[] = [];
    for (let k = 0; k < 6; k++) {
      s = apply(s, { type: 'queue', dir: 1 });
      seen.push(s.queue);
    }
    expect(seen).toEqual(['link', 'create', 'keep', 'skip', 'all', 'review']);
    expect(selectedUf(s)).toBe(8);
    expect(apply(s, { type: 'queue', dir: -1 }).queue).toBe('all');
  });

  it('a viewport change keeps the cursor inside the window', () => {
    let s = apply(start(5), { type: 'jump', to: 'bottom' });
    s = apply(s, { type: 'viewport', listHeight: 2 });
    expect(s.listHeight).toBe(2);
    expect(apply(s, { type: 'move', by: 0 }).views.review).toEqual({ cursor: 5, top: 4 });
  });
});

describe('deciding', () => {
  it('1–9 links the user to candidate N as the operator, journals it and moves it out of Review', () => {
    const s0 = start();
    const { state, events } = run(s0, pick(2));
    expect(decisionOf(state, UF.sharedEmail)).toEqual({ action: 'link', contactId: 102, reason: 'operator', decidedBy: 'operator' });
    expect(events).toEqual([{ kind: 'decided', row: 0, decision: decisionOf(state, UF.sharedEmail), before: s0 }]);
    expect(counts(state).review).toBe(5);
    expect(counts(state).link).toBe(2);
    expect(selectedUf(state)).toBe(6); // the next case comes up
    expect(state.unwritten).toBe(1);
    expect(state.message?.text).toContain('user 1 → link to contact 102');
  });

  it('y on a review case links its best candidate', () => {
    const s = apply(start(), accept);
    expect(decisionOf(s, UF.sharedEmail)).toMatchObject({ action: 'link', contactId: 101, decidedBy: 'operator' });
  });

  it('y on a changed automatic decision restores the proposal itself (decided_by auto)', () => {
    let s = apply(at(start(), UF.exact), skip);
    const proposal = s.rows.row(s.model.rowOfUf.get(UF.exact)!).proposal;
    expect(decisionOf(s, UF.exact)).toMatchObject({ action: 'skip', decidedBy: 'operator' });
    s = apply(s, accept);
    expect(decisionOf(s, UF.exact)).toBe(proposal);
    expect(proposal.decidedBy).toBe('auto');
  });

  it('c creates a new contact and s skips', () => {
    let s = apply(start(), create);
    expect(decisionOf(s, UF.sharedEmail)).toEqual({ action: 'create', reason: 'operator', decidedBy: 'operator' });
    s = apply(at(s, UF.fresh), skip);
    expect(decisionOf(s, UF.fresh)).toEqual({ action: 'skip', reason: 'operator', decidedBy: 'operator' });
  });

  it('picking a contact another user holds names that user and makes no second link', () => {
    const { state, events } = run(at(start(), UF.taken), pick(1));
    expect(decisionOf(state, UF.taken).action).toBe('review');
    expect(events).toEqual([]);
    expect(state.message).toMatchObject({ tone: 'warn' });
    expect(state.message!.text).toContain('contact 1001 is linked to user 11 in CiviCRM — choose another, c create or s skip (no second link to a contact; user 11 (gil.old@x.org))');
  });

  it('a contact held by an existing link of a user missing from the export is refused too', () => {
    const s = apply(at(start(), UF.takenByOutsider), accept);
    expect(decisionOf(s, UF.takenByOutsider).action).toBe('review');
    expect(s.message!.text).toContain('user 99 (an existing link; not in the users export)');
    expect(s.message!.text).toMatch(/^contact \d+ is linked to user 99 in CiviCRM — choose another, c create or s skip/);
  });

  it('once one user links a contact, another user picking it is told which user holds it', () => {
    let s = apply(at(start(), UF.dupA), pick(1));
    expect(decisionOf(s, UF.dupA)).toMatchObject({ action: 'link', contactId: 801 });
    s = apply(at(s, UF.dupB), pick(1));
    expect(decisionOf(s, UF.dupB).action).toBe('review');
    expect(s.message!.text).toContain('contact 801 is taken by user 8 — ');
  });

  it('one email, one link: creating a contact for the second user with the same email is refused', () => {
    let s = apply(at(start(), UF.dupA), pick(1));
    s = apply(at(s, UF.dupB), create);
    expect(decisionOf(s, UF.dupB).action).toBe('review');
    expect(s.message!.text).toContain('user 8 already links this email — skip this user, or change that user first (one link per email; user 8 (fay@x.org))');
    s = apply(s, skip);
    expect(decisionOf(s, UF.dupB).action).toBe('skip');
  });

  it('a trashed candidate cannot be linked', () => {
    const s = apply(at(start(), UF.trashed), pick(1));
    expect(decisionOf(s, UF.trashed).action).toBe('review');
    expect(s.message!.text).toContain('contact 601 is in the trash');
  });

  it('a number beyond the candidates is refused', () => {
    const s = apply(start(), pick(3));
    expect(decisionOf(s, UF.sharedEmail).action).toBe('review');
    expect(s.message!.text).toContain('no candidate 3: user 1 has 2 (1–2)');
  });

  it('an existing link is kept: only keeping it is allowed', () => {
    let s = apply(at(start(), UF.linked), create);
    expect(decisionOf(s, UF.linked).action).toBe('keep');
    expect(s.message!.text).toContain('user 4 keeps its link to contact 401 — change existing links in CiviCRM itself');
    s = apply(s, pick(1));
    expect(s.message!.text).toContain('already set to keep the link to contact 401');
  });

  it('a user without email can only be skipped', () => {
    let s = apply(at(start(), UF.noEmail), create);
    expect(s.message!.text).toContain('has no email');
    s = apply(s, skip);
    expect(s.message!.text).toContain('already set to skip');
    expect(s.unwritten).toBe(0);
  });

  it('deciding in an empty queue says so', () => {
    const s = apply({ ...start(), queue: 'review' }, skip, skip, skip, skip, skip, skip);
    expect(counts(s).review).toBe(0);
    expect(apply(s, skip).message!.text).toContain('the Review queue is empty');
  });
});

describe('undo and redo', () => {
  it('undo and redo any number of steps, journaling each restored decision', () => {
    const s0 = start();
    const s3 = apply(s0, pick(1), skip, create); // users 1, 6, 8
    expect(counts(s3).review).toBe(3);
    const { state: back, events } = run(s3, undo, undo, undo);
    for (const uf of [1, 6, 8]) expect(decisionOf(back, uf)).toBe(decisionOf(s0, uf));
    expect(counts(back)).toEqual(counts(s0));
    expect(events.map((e) => e.kind === 'decided' && e.decision.action)).toEqual(['review', 'review', 'review']);
    const again = apply(back, redo, redo, redo);
    for (const uf of [1, 6, 8]) expect(decisionOf(again, uf)).toEqual(decisionOf(s3, uf));
    expect(apply(again, redo).message!.text).toBe('nothing to redo');
    expect(apply(back, undo).message!.text).toBe('nothing to undo');
  });

  it('undo brings the cursor back to the user whose decision it restored', () => {
    const s = apply(start(), { type: 'move', by: 2 }, pick(1), { type: 'jump', to: 'top' }, undo);
    expect(selectedUf(s)).toBe(8);
    expect(s.message!.text).toContain('undone: user 8 is back to review');
  });

  it('a new decision after undo drops the redo steps', () => {
    const s = apply(start(), pick(1), undo, skip);
    expect(s.redo).toBeNull();
    expect(apply(s, redo).message!.text).toBe('nothing to redo');
  });

  it('undoing a link frees the contact for another user', () => {
    let s = apply(at(start(), UF.dupA), pick(1));
    s = apply(s, undo);
    s = apply(at(s, UF.dupB), pick(1));
    expect(decisionOf(s, UF.dupB)).toMatchObject({ action: 'link', contactId: 801 });
  });

  it('unwritten counts users whose decision differs from the last write: an undo back to it leaves none', () => {
    expect(apply(start(), pick(1)).unwritten).toBe(1);
    expect(apply(start(), pick(1), undo).unwritten).toBe(0);
    expect(apply(start(), pick(1), undo, redo).unwritten).toBe(1);
    // after a write, a change and its undo leave nothing unwritten
    const written = apply(start(), pick(1), { type: 'written', text: 'ok' });
    expect(written.unwritten).toBe(0);
    expect(apply(written, undo).unwritten).toBe(1);
    expect(apply(written, undo, redo).unwritten).toBe(0);
  });
});

describe('search', () => {
  const find = (q: string) => [{ type: 'search-open' as const }, { type: 'search-type' as const, text: q }, { type: 'search-confirm' as const }];

  it('finds by part of an email, by name without accents or case, and by user id', () => {
    expect(selectedUf(apply(start(), ...find('fay@')))).toBe(8);
    expect(selectedUf(apply(start(), ...find('HAL wood')))).toBe(12);
    expect(selectedUf(apply(start(), ...find('10')))).toBe(10);
  });

  it('#N finds the users who have contact N among their candidates; a bare number also finds contact ids', () => {
    const rows = start().model.plan.rows;
    const owner = rows.find((r, i) => i > 0 && r.candidates.length > 0)!;
    const id = owner.candidates[0]!.contactId;
    const holders = rows.filter((r) => r.candidates.some((c) => c.contactId === id)).map((r) => r.user.ufId);
    expect(holders).toContain(owner.user.ufId);
    let s = apply(start(), ...find(`#${id}`));
    const seen = new Set<number>();
    for (let k = 0; k < holders.length; k++) {
      seen.add(selectedUf(s)!);
      s = apply(s, { type: 'search-next', dir: 1 });
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([...holders].sort((a, b) => a - b));
    expect(selectedUf(apply(start(), ...find(String(id))))).toSatisfy((uf: number) => uf === id || holders.includes(uf));
    expect(apply(start(), ...find('#999999')).message!.text).toBe('no user matches "#999999"');
  });

  it('n and N go to the next and previous hit, wrapping around', () => {
    let s = apply(start(), ...find('fay'));
    expect(selectedUf(s)).toBe(8);
    s = apply(s, { type: 'search-next', dir: 1 });
    expect(selectedUf(s)).toBe(9);
    s = apply(s, { type: 'search-next', dir: 1 });
    expect(selectedUf(s)).toBe(8);
    s = apply(s, { type: 'search-next', dir: -1 });
    expect(selectedUf(s)).toBe(9);
  });

  it('n on the only hit says it is the only match, instead of nothing (found at 200k users in tmux)', () => {
    const s = apply(start(), ...find('eve'));
    expect(s.message!.text).toBe('"eve": user 6 · n next, N previous');
    const again = apply(s, { type: 'search-next', dir: 1 });
    expect(selectedUf(again)).toBe(6);
    expect(again.message!.text).toBe('"eve": user 6 is the only match in Review');
  });

  it('a user outside the current queue is shown in All', () => {
    const s = apply(start(), ...find('bob'));
    expect(s.queue).toBe('all');
    expect(selectedUf(s)).toBe(2);
    expect(s.message!.text).toContain('not in Review');
  });

  it('no hit leaves the cursor and says so; Esc cancels the search line', () => {
    const s = apply(start(), { type: 'move', by: 1 }, ...find('nobody'));
    expect(selectedUf(s)).toBe(6);
    expect(s.message!.text).toBe('no user matches "nobody"');
    const typing = apply(start(), { type: 'search-open' }, { type: 'search-type', text: 'ab' }, { type: 'search-erase' });
    expect(typing.search).toEqual({ editing: true, text: 'a', query: '' });
    expect(apply(typing, { type: 'search-cancel' }).search.editing).toBe(false);
  });

  it('n before any search explains how to search', () => {
    expect(apply(start(), { type: 'search-next', dir: 1 }).message!.text).toContain('/ searches');
  });
});

describe('writing and quitting', () => {
  it('w opens the summary; confirming asks the shell to write; written clears the unwritten count', () => {
    let s = apply(start(), pick(1), { type: 'write-open' });
    expect(s.overlay).toBe('summary');
    const { state, events } = run(s, { type: 'write-confirm' });
    expect(events).toEqual([{ kind: 'write' }]);
    s = apply(state, { type: 'written', text: 'wrote the outputs' });
    expect(s.unwritten).toBe(0);
    expect(s.overlay).toBe('none');
  });

  it('q quits at once when everything is written', () => {
    expect(run(start(), { type: 'quit' }).events).toEqual([{ kind: 'exit', code: 0 }]);
  });

  it('q asks first when decisions are unwritten: Esc stays, q quits, w writes then quits', () => {
    const s = apply(start(), pick(1), { type: 'quit' });
    expect(s.overlay).toBe('quit');
    expect(apply(s, { type: 'quit-cancel' }).overlay).toBe('none');
    expect(run(s, { type: 'quit-discard' }).events).toEqual([{ kind: 'exit', code: 0 }]);
    const { state, events } = run(s, { type: 'quit-write' });
    expect(events).toEqual([{ kind: 'write' }]);
    expect(run(state, { type: 'written', text: 'ok' }).events).toEqual([{ kind: 'exit', code: 0 }]);
  });

  it('a failed write stays in the review and says why', () => {
    const s = apply(start(), pick(1), { type: 'quit' }, { type: 'quit-write' }, { type: 'write-failed', error: 'no space left' });
    expect(s.exitAfterWrite).toBe(false);
    expect(s.message).toEqual({ text: 'not written: no space left', tone: 'error' });
    expect(s.unwritten).toBe(1);
  });

  it('Ctrl-C exits with 130', () => {
    expect(run(start(), { type: 'abort' }).events).toEqual([{ kind: 'exit', code: 130 }]);
  });

  it('? opens the help and Esc closes it', () => {
    const s = apply(start(), { type: 'help-open' });
    expect(s.overlay).toBe('help');
    expect(apply(s, { type: 'help-close' }).overlay).toBe('none');
  });
});

describe('purity', () => {
  it('never changes the state it is given', () => {
    const s = start();
    const before = { rows: s.rows, holds: s.holds, views: s.views, decision: decisionOf(s, UF.sharedEmail) };
    reviewReducer(s, pick(1));
    reviewReducer(s, { type: 'move', by: 1 });
    expect(s.rows).toBe(before.rows);
    expect(s.holds).toBe(before.holds);
    expect(s.views).toBe(before.views);
    expect(decisionOf(s, UF.sharedEmail)).toBe(before.decision);
  });
});
