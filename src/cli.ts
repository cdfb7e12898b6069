#!/usr/bin/env node
/** Entry point: the only place that touches `process`. */
// Chalk ignores NO_COLOR; Ink loads chalk, so decide before anything imports it.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';

const { main, EXIT } = await import('./cli/main.js');

process.on('SIGINT', () => process.exit(EXIT.interrupted));
process.on('SIGTERM', () => process.exit(EXIT.interrupted));

const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = code;
