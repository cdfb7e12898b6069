/**
 * Whether colour is wanted, by the environment: never with NO_COLOR set to anything
 * (https://no-color.org) or FORCE_COLOR=0, nor on a terminal that shows none — TERM=dumb, or no
 * TERM at all (cron, `env -i`) — where chalk drops every style (its supports-color rule) unless
 * FORCE_COLOR asks for it: the review then marks what differs with text, not with colour that
 * never shows. The review and explain both ask this (explain also wants a terminal on stdout:
 * its answer may go to a file).
 */
export function colorWanted(env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  if (force !== undefined) return true;
  return env.TERM !== undefined && env.TERM !== '' && env.TERM !== 'dumb';
}
