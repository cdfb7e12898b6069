/**
 * Keys typed in a real terminal while the review is being prepared (seconds at 200k users,
 * once every bar reads 100%) wait in the terminal until this thread is free. They used to be
 * read once the review was up, and acted there: a tmux audit typed `s s` at a full loading
 * screen and found two users it never saw skipped and journaled. Now they are read while the
 * screen says "preparing the review", where no key but Ctrl-C acts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalSessions } from '../tui/helpers/e2e.js';

/** 50,000 users and contacts of random names, two in three matched by email: about a quarter second to prepare. */
function exports(dir: string): void {
  let seed = 7;
  const word = (): string => {
    let t = '';
    for (let k = 0; k < 9; k++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      t += String.fromCharCode(97 + (seed % 26));
    }
    return t;
  };
  const users = ['ID,user_login,user_email,first_name,last_name,display_name'];
  const contacts = ['Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Contact is in Trash'];
  for (let i = 1; i <= 50_000; i++) {
    const f = word();
    const l = word();
    const email = `${f}.${l}@example.com`;
    users.push(`${i},u${i},${email},${f},${l},d`);
    contacts.push(`${i},Individual,d,${f},${l},${i % 3 ? email : `${word()}@example.org`},No`);
  }
  writeFileSync(join(dir, 'users.csv'), users.join('\n') + '\n');
  writeFileSync(join(dir, 'contacts.csv'), contacts.join('\n') + '\n');
}

describe('keys typed before the review is on screen, in a terminal', () => {
  const open = terminalSessions('ufmatch-keys-early-');

  it('s typed as the matching bar fills skips no one: the review opens with nothing unwritten', async () => {
    const { tmux, out } = open(120, 30);
    exports(out);
    const target = join(out, 'review-out');
    const s = tmux.start(`node dist/cli.js --users '${join(out, 'users.csv')}' --contacts '${join(out, 'contacts.csv')}' --out '${target}'`);
    // as soon as the bar is full (tmux's own wait looks every 100 ms: too late to be early)
    const until = Date.now() + 60_000;
    while (!/matching .* 100%/.test(tmux.screen(s)) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    tmux.keys(s, 's', 's');
    const opened = await tmux.waitFor(s, /\[Review [\d,]+\]/);
    expect(opened).not.toContain('unwritten');
    expect(opened).not.toContain('→ skip');
    tmux.keys(s, 'q');
    await tmux.waitFor(s, 'EXIT=0'); // no quit question: nothing was decided
  }, 90_000);
});
