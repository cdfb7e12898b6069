/**
 * Command line (SPEC §1), parsed with node:util's parseArgs (no dependency for a solved problem).
 */
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { PLATFORMS, type Platform } from '../domain/types.js';
import { UsageError } from '../load/errors.js';

/** Encodings iconv-lite knows that are no character encodings: base64 and hex spell bytes out as text. */
const BYTES_AS_TEXT = new Set(['base64', 'hex']);

export interface Options {
  readonly command: 'run' | 'explain' | 'help' | 'version';
  readonly query: string;
  readonly users: string;
  readonly contacts: string;
  readonly links: string | null;
  readonly emails: string | null;
  readonly platform: Platform | null;
  readonly domainId: number;
  readonly out: string;
  /** Whether --out was given (explain, which writes nothing, says so). */
  readonly outGiven: boolean;
  readonly decisions: string | null;
  readonly yes: boolean;
  readonly json: boolean;
  readonly strict: boolean;
  readonly encoding: string | null;
}

const SPEC = {
  users: { type: 'string' },
  contacts: { type: 'string' },
  links: { type: 'string' },
  emails: { type: 'string' },
  platform: { type: 'string' },
  'domain-id': { type: 'string' },
  out: { type: 'string' },
  decisions: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  encoding: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

export function parseCommandLine(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: SPEC, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError(parseError(e as Error & { code?: string }));
  }
  // parseArgs keeps the last of a repeated option: say so rather than drop one
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option' || SPEC[t.name as keyof typeof SPEC]?.type !== 'string') continue;
    if (seen.has(t.name)) throw new UsageError(`--${t.name} is given twice: give it once`);
    seen.add(t.name);
    // `--links "$LINKS"` with the variable unset: read as no links file, the plan was wrong without a word
    if (t.value !== undefined && t.value.trim() === '') {
      const optional = t.name !== 'users' && t.name !== 'contacts';
      throw new UsageError(`--${t.name} is given an empty value (an unset variable?): give it one${optional ? `, or drop --${t.name}` : ''}`);
    }
  }
  const v = parsed.values;
  const pos = parsed.positionals;
  const base = {
    query: '',
    users: '',
    contacts: '',
    links: v.links ?? null,
    emails: v.emails ?? null,
    platform: null as Platform | null,
    domainId: 1,
    out: v.out ?? 'ufmatch-out',
    outGiven: v.out !== undefined,
    decisions: v.decisions ?? null,
    yes: v.yes ?? false,
    json: v.json ?? false,
    strict: v.strict ?? false,
    encoding: v.encoding ?? null,
  };
  if (v.help) return { ...base, command: 'help' };
  if (v.version) return { ...base, command: 'version' };
  let command: Options['command'] = 'run';
  let query = '';
  if (pos.length > 0) {
    if (pos[0] !== 'explain') throw new UsageError(`unknown command "${pos[0]}" (see ufmatch --help)`);
    if (pos.length < 2 || !pos[1]!.trim()) throw new UsageError('explain needs a QUERY: a uf_id, username, email or part of a name');
    if (pos.length > 2) throw new UsageError('explain takes one QUERY; quote it if it has spaces');
    command = 'explain';
    query = pos[1]!;
  }
  if (!v.users) throw new UsageError('--users FILE is required (the CMS users export)');
  if (!v.contacts) throw new UsageError('--contacts FILE is required (the CiviCRM contacts export)');
  let platform: Platform | null = null;
  if (v.platform !== undefined) {
    const p = v.platform.toLowerCase();
    if (!(PLATFORMS as readonly string[]).includes(p)) throw new UsageError(`--platform must be drupal, wordpress or joomla, not "${v.platform}"`);
    platform = p as Platform;
  }
  let domainId = 1;
  if (v['domain-id'] !== undefined) {
    const n = Number(v['domain-id'].trim());
    // civicrm_domain.id is an unsigned INT
    if (!/^\s*\d+\s*$/.test(v['domain-id']) || n < 1 || n > 4294967295) throw new UsageError('--domain-id must be a whole number from 1 to 4294967295');
    domainId = n;
  }
  if (v.encoding !== undefined) {
    const name = v.encoding.trim().toLowerCase();
    if (name === '' || !iconv.encodingExists(name)) throw new UsageError(`--encoding: unknown encoding "${v.encoding}"; use a name such as utf-8, windows-1252, latin1 or utf-16le`);
    // iconv-lite knows base64 and hex, which read an export as noise; the name as iconv-lite
    // reads it (base-64, BASE 64 and base64:2022 are base64 to it)
    if (BYTES_AS_TEXT.has(name.replace(/:\d{4}$|[^0-9a-z]/g, ''))) throw new UsageError(`--encoding: "${v.encoding}" is not a character encoding of text; use a name such as utf-8, windows-1252, latin1 or utf-16le`);
  }
  if (v.json && !v.yes && command === 'run') throw new UsageError('--json goes with --yes (or with explain)');
  if (v.strict && !v.yes) throw new UsageError('--strict goes with --yes');
  return { ...base, command, query, users: v.users, contacts: v.contacts, platform, domainId };
}

/** parseArgs's message, in this tool's words: which option, and what to write instead. */
function parseError(e: Error & { code?: string }): string {
  const option = /'(--?[^' ]+)/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option} (see ufmatch --help)`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(e.message)) return `${option} needs a value (see ufmatch --help)`;
    if (/ambiguous/.test(e.message)) return `${option} needs a value, and the next word starts with "-": give one as ${option}=VALUE (see ufmatch --help)`;
  }
  return `${e.message.split('\n')[0]} (see ufmatch --help)`;
}

export const HELP = `ufmatch — reconcile CMS users with CiviCRM contacts before go-live

Usage:
  ufmatch --users FILE --contacts FILE [options]          review (TUI) or scripted run
  ufmatch explain QUERY --users FILE --contacts FILE [options]   why is this user (un)linked?
  ufmatch --help | --version

Options:
  --links FILE       existing civicrm_uf_match export
  --emails FILE      civicrm_email export (contact_id,email,is_primary): extra emails
  --platform P       drupal | wordpress | joomla (default: detected from the users header)
  --domain-id N      CiviCRM domain of the links to consider (default 1)
  --out DIR          output folder (default ./ufmatch-out), created if missing
  --decisions FILE   replay decisions from an earlier review
  --yes              scripted run: no TUI; accept automatic decisions, leave the rest as review
  --json             with --yes: print summary.json to stdout (with explain: the answer as JSON)
  --strict           with --yes: exit 1 when any user is left as review
  --encoding ENC     input encoding when not UTF-8 (e.g. windows-1252, latin1)

explain's QUERY: a uf_id, username, email, part of a name, or a contact id written #140.

Exit codes: 0 done, 1 --strict and reviews remain (explain: no such user), 2 usage error,
3 input error, 130 interrupted, 70 internal error (a bug; UFMATCH_DEBUG=1 shows it).
`;
