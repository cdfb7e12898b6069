/** Plain text: readable without colour, bold headings only on a terminal without NO_COLOR. */
import { describe, expect, it } from 'vitest';
import { renderExplanationText } from '../../src/explain/render.js';
import { useColor } from '../../src/cli/explain.js';
import { build, contact, link, named, person, user } from './fixtures.js';

const ESC = '\x1b';

describe('renderExplanationText', () => {
  const b = build(
    [user(18, ' Anna.Berg@Example.org ', person('Anna', 'Berg')), user(9, 'gareth.pryce@gmail.com', person('Gareth', 'Pryce'))],
    [contact(122, 'anna.berg@example.org', named('Anna', 'Berg')), contact(112, 'gareth.pryce@gmail.com', { ...named('Gareth', 'Pryce'), deleted: true })],
    [link(9, 112, 'gareth.pryce@gmail.com')],
  );

  it('has every section, in order, and no escape codes without colour', () => {
    const text = renderExplanationText(b.explain(18), { color: false });
    expect(text).not.toContain(ESC);
    expect(text.startsWith('User 18: Anna Berg <Anna.Berg@Example.org>\n')).toBe(true);
    const order = ['Record (users file line', 'Existing link', 'Candidate contacts (1)', 'Warnings (0)', 'ufmatch proposes', 'What CiviCRM does on WordPress', 'Fix'];
    let at = -1;
    for (const h of order) {
      const i = text.indexOf(`\n${h}`, at + 1);
      expect(i, h).toBeGreaterThan(at);
      at = i;
    }
  });

  it('shows the email as exported, quoted when padded, and the key CiviCRM reads', () => {
    const text = renderExplanationText(b.explain(18), { color: false });
    expect(text).toContain('email        " Anna.Berg@Example.org "   (CiviCRM reads it as anna.berg@example.org)');
  });

  it('shows a bidirectional override or a C1 control in a name as �, never sends it', () => {
    const e = build([user(3, 'eve@x.org', person('Eve\u202Egro.x', 'Moss\u0085'))], []).explain(3);
    const text = renderExplanationText(e, { color: false });
    expect(text).toContain('Eve�gro.x Moss�');
    expect(text).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('bolds only the headings with colour', () => {
    const plain = renderExplanationText(b.explain(9), { color: false });
    const color = renderExplanationText(b.explain(9), { color: true });
    expect(color).toContain(`${ESC}[1mFix${ESC}[22m`);
    expect(color).toContain(`${ESC}[1mUser 9: Gareth Pryce <gareth.pryce@gmail.com>${ESC}[22m`);
    expect(color.replace(/\x1b\[(1|22)m/g, '')).toBe(plain);
  });

  it('says an unsound link in words (not only colour)', () => {
    const text = renderExplanationText(b.explain(9), { color: false });
    expect(text).toContain('NOT SOUND');
    expect(text).toContain('IN THE TRASH');
    expect(text).toContain('contact 112 (Gareth Pryce) is in the trash');
  });

  it('never lets control characters from the data reach the terminal', () => {
    const evil = build([user(7, 'x@example.org', { ...person('Eve\x1b[2J', 'Smith'), username: 'eve\rbad' })], []);
    const text = renderExplanationText(evil.explain(7), { color: true });
    expect(text).not.toContain('\x1b[2J');
    expect(text).not.toContain('\r');
  });
});

describe('useColor', () => {
  it.each([
    [true, { TERM: 'xterm' }, true],
    [true, { TERM: 'xterm', NO_COLOR: '1' }, false],
    [true, { TERM: 'xterm', NO_COLOR: '' }, true],
    [false, { TERM: 'xterm' }, false],
    [false, { TERM: 'xterm', NO_COLOR: '1' }, false],
    // as the review: FORCE_COLOR=0 turns it off too, and a terminal that shows no colour has none
    [true, { TERM: 'xterm', FORCE_COLOR: '0' }, false],
    [true, { TERM: 'dumb' }, false],
    [true, {}, false],
  ] as const)('TTY %s, env %j → %s', (isTTY, env, expected) => {
    expect(useColor({ stdout: { isTTY } as unknown as NodeJS.WriteStream, env: { ...env } })).toBe(expected);
  });
});
