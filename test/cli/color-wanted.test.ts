/**
 * The review marks what differs by text when it shows no colour. With TERM=dumb, or no TERM at
 * all (cron, `env -i`), chalk drops every style, but the review still chose colour: differing
 * parts were marked by nothing (install audit). Colour is wanted only where it shows.
 */
import { describe, expect, it } from 'vitest';
import { colorWanted } from '../../src/cli/color.js';

describe('colorWanted', () => {
  it.each([
    [{ TERM: 'xterm-256color' }, true],
    [{ TERM: 'linux' }, true],
    [{ TERM: 'dumb' }, false],
    [{}, false],
    [{ TERM: '' }, false],
    [{ TERM: 'dumb', FORCE_COLOR: '1' }, true],
    [{ FORCE_COLOR: '3' }, true],
    [{ TERM: 'xterm', FORCE_COLOR: '0' }, false],
    [{ TERM: 'xterm', NO_COLOR: '1' }, false],
    [{ TERM: 'xterm', NO_COLOR: '' }, true],
    // a TERM chalk does not know shows colour only with COLORTERM; CI in the environment leaves chalk without any
    [{ TERM: 'putty' }, false],
    [{ TERM: 'vt102' }, false],
    [{ TERM: 'foot', COLORTERM: 'truecolor' }, true],
    [{ TERM: 'xterm-256color', CI: 'false' }, false],
    [{ TERM: 'xterm-256color', CI: 'true', GITHUB_ACTIONS: 'true' }, true],
  ] as const)('%j → %s', (env, expected) => {
    expect(colorWanted({ ...env }, 'linux')).toBe(expected);
  });

  it('agrees with chalk, which draws the review, on whether a terminal shows colour', async () => {
    const { createSupportsColor } = await import('../../node_modules/chalk/source/vendor/supports-color/index.js' as string);
    const saved = { ...process.env };
    try {
      for (const env of [{ TERM: 'putty' }, { TERM: 'vt102' }, { TERM: 'xterm' }, { TERM: 'rxvt-unicode' }, { TERM: 'foot', COLORTERM: '1' }, { TERM: 'xterm', CI: 'false' }, { TERM: 'dumb' }, {}]) {
        for (const k of Object.keys(process.env)) delete process.env[k];
        Object.assign(process.env, env);
        expect(colorWanted({ ...env }, process.platform), JSON.stringify(env)).toBe(createSupportsColor({ isTTY: true }, { sniffFlags: false }) !== false);
      }
    } finally {
      for (const k of Object.keys(process.env)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
