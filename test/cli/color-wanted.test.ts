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
  ] as const)('%j → %s', (env, expected) => {
    expect(colorWanted({ ...env })).toBe(expected);
  });
});
