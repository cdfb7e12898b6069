/**
 * Whether colour is wanted, by the environment: never with NO_COLOR set to anything
 * (https://no-color.org) or FORCE_COLOR=0, nor on a terminal that shows none — TERM=dumb, no
 * TERM at all (cron, `env -i`), one chalk does not know — where chalk drops every style (its
 * supports-color rules, terminalShowsColour) unless FORCE_COLOR asks for it: the review then marks what differs with text, not with colour that
 * never shows. The review and explain both ask this (explain also wants a terminal on stdout:
 * its answer may go to a file).
 */
export function colorWanted(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  if (force !== undefined) return true;
  return terminalShowsColour(env, platform);
}

/**
 * Whether chalk (supports-color, for a terminal) shows any colour in this environment: its
 * rules, so that the review never counts on colour chalk drops — a TERM it does not know
 * (`putty`, `vt102`) without COLORTERM, or CI set in the environment, leave it without any.
 */
function terminalShowsColour(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if ('TF_BUILD' in env && 'AGENT_NAME' in env) return true;
  const term = env.TERM ?? '';
  if (term === 'dumb') return false;
  if (platform === 'win32') return true;
  if ('CI' in env) {
    return ['GITHUB_ACTIONS', 'GITEA_ACTIONS', 'CIRCLECI', 'TRAVIS', 'APPVEYOR', 'GITLAB_CI', 'BUILDKITE', 'DRONE'].some((k) => k in env) || env.CI_NAME === 'codeship';
  }
  if ('TEAMCITY_VERSION' in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION ?? '');
  if (env.COLORTERM === 'truecolor' || term === 'xterm-kitty' || term === 'xterm-ghostty' || term === 'wezterm') return true;
  if (env.TERM_PROGRAM === 'iTerm.app' || env.TERM_PROGRAM === 'Apple_Terminal') return true;
  if (/-256(color)?$/i.test(term) || /^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(term)) return true;
  return 'COLORTERM' in env;
}
