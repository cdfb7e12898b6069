/**
 * Whether colour is wanted, by the environment: never with NO_COLOR set to anything
 * (https://no-color.org) or FORCE_COLOR=0. The review and explain both ask this (explain also
 * wants a terminal on stdout: its answer may go to a file).
 */
export function colorWanted(env: NodeJS.ProcessEnv): boolean {
  return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.FORCE_COLOR !== '0';
}
