/**
 * Header handling (SPEC §2): names are matched case-insensitively, ignoring spaces, `_`, `-`
 * and also `.` (so `email_primary.email` → `emailprimaryemail`, `Contact ID` → `contactid`,
 * `Home-Email` → `homeemail`); a leading BOM and surrounding whitespace are ignored too.
 *
 * Duplicate names are checked when a column is looked up: two columns that normalise to the
 * name a loader uses are an InputError (which one would be meant?); duplicates among columns no
 * loader reads (custom fields with the same label, say) are left alone.
 *
 * Messages list header names only — never cell values — except when the first line looks like
 * data, which is then reported without echoing it.
 */
import { boundedLevenshtein } from '../match/editDistance.js';
import { InputError } from './errors.js';
import { notCsvError } from './notCsv.js';

/** lowercase, without whitespace (incl. BOM), `_`, `-` and `.`. */
export function normalizeHeader(name: string): string {
  return name.replace(/[\s_.-]+/g, '').toLowerCase();
}

export class Header {
  /** Column names as in the file, trimmed. */
  readonly names: readonly string[];
  /** Normalised names, same order. */
  readonly keys: readonly string[];

  constructor(
    readonly file: string,
    fields: readonly string[],
    readonly line: number,
  ) {
    this.names = fields.map((f) => f.replace(/^\uFEFF/, '').trim());
    this.keys = this.names.map(normalizeHeader);
    // (a file read without papaparse reaches here with its first line as the header)
    const other = notCsvError(file, line, fields.join(','));
    if (other) throw other;
  }

  /** Index of the first column matching one of `aliases` (tried in order), or -1. */
  find(aliases: readonly string[]): number {
    for (const alias of aliases) {
      const key = normalizeHeader(alias);
      const i = this.keys.indexOf(key);
      if (i !== -1) {
        this.assertUnique(i);
        return i;
      }
    }
    return -1;
  }

  has(aliases: readonly string[]): boolean {
    return this.find(aliases) !== -1;
  }

  /** Like find, but a missing column is an InputError; `context` says who needs it. */
  require(aliases: readonly string[], context: string): number {
    const i = this.find(aliases);
    if (i === -1) throw this.missing(aliases, context);
    return i;
  }

  /** Indexes of columns whose normalised name passes `test`, each checked for duplicates. */
  filter(test: (key: string) => boolean): number[] {
    const out: number[] = [];
    this.keys.forEach((k, i) => {
      if (test(k)) {
        this.assertUnique(i);
        out.push(i);
      }
    });
    return out;
  }

  /** Throws when another column normalises to the same name as column `i`. */
  assertUnique(i: number): void {
    const key = this.keys[i] as string;
    let j = this.keys.indexOf(key);
    if (j === i) j = this.keys.indexOf(key, i + 1);
    if (j !== -1) {
      const [a, b] = i < j ? [i, j] : [j, i];
      throw new InputError(
        this.file,
        this.line,
        `duplicate column: columns ${a + 1} ("${clip(this.names[a] ?? '')}") and ${b + 1} ("${clip(this.names[b] ?? '')}") have the same name`,
        'remove or rename one of them',
      );
    }
  }

  /** The "missing required column" error: lists the columns found and the nearest match. */
  missing(aliases: readonly string[], context: string): InputError {
    const wanted = aliases[0] ?? '';
    if (looksLikeData(this.names)) {
      return new InputError(
        this.file,
        this.line,
        `no header row: the first line looks like data (it holds a number or an email address), and ${context} needs a "${wanted}" column`,
        'add the header row the export tool writes, with the column names on the first line',
      );
    }
    const near = nearestMatch(aliases, this.names);
    const alt = aliases.length > 1 ? ` (or ${aliases.slice(1).map((a) => `"${a}"`).join(', ')})` : '';
    const problem = `missing column "${wanted}"${alt} needed for ${context}; columns found: ${listColumns(this.names)}`;
    const remedy =
      near === null
        ? `export the file with a "${wanted}" column`
        : isClose(near.alias, near.distance)
          ? `nearest match: "${clip(near.name)}" — rename it to "${near.alias}" if that is the column`
          : `nearest match: "${clip(near.name)}" (not close); export the file with a "${wanted}" column`;
    return new InputError(this.file, this.line, problem, remedy);
  }
}

/** True when a header row holds a whole number or an email address: it is data, not names. */
export function looksLikeData(names: readonly string[]): boolean {
  return names.some((n) => /^\s*\d+\s*$/.test(n) || n.includes('@'));
}

/**
 * The column (by normalised edit distance) closest to one of `aliases`, and that alias; a
 * column whose name holds the alias whole, or is held in it (`user_email` for `email`), counts
 * as nearer than any misspelling (distance 0.5).
 */
/**
 * Column names holding a flag or a setting about a field, not the field (`do_not_email`,
 * `is_primary`, `email_greeting_display`): never the near match a name inside them suggests.
 */
const ABOUT_A_FIELD = /^(donot|is|has|onhold|optout)|greeting|format|preferred/;

export function nearestMatch(aliases: readonly string[], names: readonly string[]): { name: string; alias: string; distance: number } | null {
  let best: { name: string; alias: string; distance: number } | null = null;
  for (const alias of aliases) {
    const a = normalizeHeader(alias);
    for (const name of names) {
      if (name === '') continue;
      const n = normalizeHeader(name);
      const d = a.length >= 3 && n.length >= 3 && (n.includes(a) || a.includes(n)) && !ABOUT_A_FIELD.test(n) ? 0.5 : editDistance(a, n);
      if (best === null || d < best.distance) best = { name, alias, distance: d };
    }
  }
  return best;
}

/** Close enough to be a probable misspelling: about one edit per three letters. */
function isClose(alias: string, distance: number): boolean {
  return distance <= Math.max(1, Math.floor(normalizeHeader(alias).length / 3));
}

/** Levenshtein distance (unbounded: the bound is the longer length). */
export function editDistance(a: string, b: string): number {
  return boundedLevenshtein(a, b, Math.max(a.length, b.length));
}

const MAX_LISTED = 25;

function listColumns(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED).map((n) => (n === '' ? '(empty)' : clip(n)));
  const more = names.length > MAX_LISTED ? `, … (${names.length - MAX_LISTED} more)` : '';
  return shown.join(', ') + more;
}

/** Header names go into one-line messages: no line breaks, bounded length. */
function clip(name: string): string {
  const flat = name.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/** Columns only a CiviCRM contacts export has (its type and trash flag): tell it from users, uf_match and civicrm_email exports. */
export const CONTACT_MARKERS: readonly string[] = ['Contact Type', 'contact_type', 'Contact is in Trash', 'is_deleted'];
