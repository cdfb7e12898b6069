import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { samplePlan } from './helpers/plans.js';
import { buildPlan } from '../../src/decide/plan.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { contact, dataset, link, user } from '../helpers/build.js';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/components/App.js';
import { appReducer, initialApp, type AppAction, type AppEvent, type AppState } from '../../src/tui/state/app.js';
import { Store } from '../../src/tui/store.js';
import { renderApp, stripAnsi, tick } from './helpers/render.js';

afterEach(() => cleanup());

const ESC = '\u001b';
const CTRL_R = '\u0012';
const ENTER = '\r';

describe('the review screen', () => {
  it('shows the queues with counts, the list, the detail beside the candidates, and the keys', () => {
    const { frame } = renderApp(samplePlan().model);
    const f = frame();
    expect(f).toContain('[Review 6]');
    expect(f).toContain('WordPress  [Review 6]  Link 1  Create 1  Keep 2  Skip 1  All 11');
    expect(f).toMatch(/> review\s+ann@x\.org\s+Ann Lee\s+#101 0\.95\s+shared-email/);
    expect(f).toContain('1 #101 0.95 exact');
    expect(f).toContain('2 #102 0.95 exact');
    expect(f).toMatch(/first\s+Ann\s+≠ Anna\s+≠ Annie/);
    expect(f).toContain('shared-email 1.00: 2 contacts carry user 1');
    expect(f).toContain('CiviCRM on WordPress: would link contact 101');
    expect(f).toMatch(/1-9 link {2}y accept {2}c create .*\? help/);
    expect(f.split('\n').length).toBeLessThanOrEqual(29);
  });

  it('a user without an email is not offered a new contact, which the review would refuse', async () => {
    const { frame, type } = renderApp(samplePlan().model);
    for (let i = 0; i < 4; i++) await type('\t'); // Review → Link → Create → Keep → Skip
    expect(frame()).toContain('[Skip 1]');
    expect(frame()).toContain('No candidate contacts: ufmatch links no user without a valid email — correct it in the CMS; s skips.');
    expect(frame()).not.toContain('c creates a new contact');
    await type('c');
    expect(frame()).toContain('has no email — s skips it (a link needs the email as its uf_name: add it in the CMS first)');
  });

  it('a kept link without candidates (its contact not in the export) is not offered c or s, which the review would refuse', async () => {
    const data = dataset(
      [user(10, 'ann@x.org', { firstName: 'Ann', lastName: 'Lee' }), user(11, 'ruth@x.org', { firstName: 'Ruth', lastName: 'Ade' })],
      [contact(101, 'ann@x.org', { firstName: 'Ann', lastName: 'Lee' })],
      [link(11, 141, 'ruth@x.org')],
    );
    const { frame, type } = renderApp(reviewModel(buildPlan(data), data.contacts, data.links, 'out'));
    await type('/');
    for (const ch of 'ruth') await type(ch);
    await type(ENTER);
    expect(frame()).toContain('No candidate contacts: the existing link to contact 141 stays — change it in CiviCRM itself.');
    expect(frame()).not.toContain('c creates a new contact');
    await type('c');
    expect(frame()).toContain('user 11 keeps its link to contact 141');
  });

  it('links candidate N, undoes and redoes it from the keyboard', async () => {
    const { frame, type, events } = renderApp(samplePlan().model);
    await type('2');
    expect(frame()).toContain('user 1 → link to contact 102');
    expect(frame()).toContain('[Review 5]');
    expect(frame()).toContain('1 unwritten');
    await type('u');
    expect(frame()).toContain('undone: user 1 is back to review');
    expect(frame()).toContain('[Review 6]');
    await type(CTRL_R);
    expect(frame()).toContain('redone: user 1 → link to contact 102');
    expect(events.filter((e) => e.kind === 'decided').length).toBe(3);
  });

  it('tells which user holds a contact and makes no second link', async () => {
    const { frame, type, events } = renderApp(samplePlan().model);
    await type('/', 'gil@', ENTER);
    expect(frame()).toContain('user 10 · gil@x.org');
    expect(frame()).toMatch(/link\s+none\s+! user 11 \(link\)/);
    await type('1');
    expect(frame()).toContain('contact 1001 is linked to user 11 in CiviCRM — choose another');
    expect(events).toEqual([]);
  });

  it('promises y only where y would link: a proposal held by another user says so instead', async () => {
    const { frame, type } = renderApp(samplePlan().model);
    await type('/', 'gil@', ENTER);
    expect(frame()).toContain('best candidate #1001 (held by user 11)');
    expect(frame()).not.toContain('(y links it)');
  });

  it('moves with j/k and arrows, and changes queue with Tab', async () => {
    const { frame, type } = renderApp(samplePlan().model);
    await type('j', '\u001b[B');
    expect(frame()).toContain('user 8 · fay@x.org');
    await type('k');
    expect(frame()).toContain('user 6 · eve@x.org');
    await type('\t');
    expect(frame()).toContain('[Link 1]');
    expect(frame()).toContain('user 2 · bob@x.org');
    await type('\u001b[Z');
    expect(frame()).toContain('[Review 6]');
  });

  it('? opens the help from the key table and Esc closes it', async () => {
    const { frame, type } = renderApp(samplePlan().model);
    await type('?');
    expect(frame()).toContain('Keys (every decision is saved to decisions.csv at once)');
    expect(frame()).toContain('link to candidate N');
    expect(frame()).toContain('search: email, name, id, #contact id');
    expect(frame()).toMatch(/Esc\/\? close/);
    await type(ESC);
    await tick(50);
    expect(frame()).not.toContain('link to candidate N');
    expect(frame()).toContain('[Review 6]');
  });

  it('w shows the summary with bars; Enter asks the shell to write', async () => {
    const { frame, type, events } = renderApp(samplePlan().model);
    await type('1', 'w');
    expect(frame()).toContain('Summary before writing — 11 users');
    expect(frame()).toMatch(/│ link +│ 2 +│ ██/);
    expect(frame()).toContain("CiviCRM sync");
    expect(frame()).toContain('links.csv');
    await type(ENTER);
    expect(events.at(-1)).toEqual({ kind: 'write' });
  });

  it('the summary says where CiviCRM\'s batch would stop with an error, when it would', async () => {
    const model = samplePlan().model;
    const { frame, type } = renderApp({ ...model, plan: { ...model.plan, civicrmBatchStopsAt: 7 } });
    await type('w');
    expect(frame()).toContain("But CiviCRM's batch would stop with an error at user 7 (no email, no first or last name)");
    const plain = renderApp(model);
    await plain.type('w');
    expect(plain.frame()).not.toContain('would stop with an error');
  });

  it('q asks when decisions are unwritten, then quits without writing on q', async () => {
    const { frame, type, events } = renderApp(samplePlan().model);
    await type('s', 'q');
    expect(frame()).toContain('Quit? 1 decision is not written to the outputs yet.');
    await type('q');
    expect(events.at(-1)).toEqual({ kind: 'exit', code: 0 });
  });

  it('Ctrl-C exits with 130', async () => {
    const { type, events } = renderApp(samplePlan().model);
    await type('\u0003');
    expect(events.at(-1)).toEqual({ kind: 'exit', code: 130 });
  });

  it('without colour, state is in the text: cursor >, queue in brackets, differences in [brackets]', () => {
    const { frame } = renderApp(samplePlan().model, { color: false });
    const f = frame();
    expect(f).toContain('[Review 6]');
    expect(f).toMatch(/^> review/m);
    expect(f).toContain('≠ Ann[a]');
    expect(f).toContain('= ann@x.org');
  });

  it('shows the search being typed on the message line', async () => {
    const { frame, type } = renderApp(samplePlan().model);
    await type('/', 'fa');
    expect(frame()).toContain('/fa');
    expect(frame()).toContain('Enter finds');
    await type('\u007f', ESC);
    await tick(50);
    expect(frame()).not.toContain('Enter finds');
  });
});

describe('keys typed faster than they are read', () => {
  it('acts on each of them, as if typed one by one', async () => {
    const { frame, type } = renderApp(samplePlan().model);
    await type('jj');
    expect(frame()).toContain('user 8 · fay@x.org');
    await type('/hal\r');
    expect(frame()).toContain('user 12 · hal@x.org');
  });
});

describe('before the review', () => {
  function renderPhase() {
    const store = new Store<AppState, AppAction, AppEvent>(initialApp, appReducer);
    const events: AppEvent[] = [];
    store.onEvent = (e) => events.push(e);
    const ui = render(<App store={store} size={{ columns: 100, rows: 24 }} />);
    return { store, events, ui, frame: () => stripAnsi(ui.lastFrame() ?? '') };
  }

  it('the loading screen shows a bar per file with rows, % and rows/s', async () => {
    const { store, frame } = renderPhase();
    store.dispatch({ type: 'progress', label: 'users', done: 50, total: 100, rows: 1000, at: 0 });
    store.dispatch({ type: 'progress', label: 'users', done: 60, total: 100, rows: 2000, at: 1000 });
    store.dispatch({ type: 'finished', label: 'contacts', rows: 300, at: 1000 });
    await tick();
    expect(frame()).toMatch(/users +█+░+ +60% +2,000 rows {2}2,000 rows\/s/);
    expect(frame()).toMatch(/contacts +█+ +100% +300 rows {2}done/);
  });

  it('an earlier journal asks "Resume N decisions? (y/n)" and y answers it', async () => {
    const { store, frame, events, ui } = renderPhase();
    store.dispatch({ type: 'ask-resume', entries: 4, journal: 'out/decisions.csv' });
    await tick();
    expect(frame()).toContain('out/decisions.csv holds decisions from an earlier review');
    expect(frame()).toContain('Resume 4 decisions? (y/n)');
    expect(frame()).toMatch(/y resume {2}n start over/);
    ui.stdin.write('y');
    await tick();
    expect(events).toEqual([{ kind: 'resume', restore: true }]);
  });
});
