/**
 * Cell-level helpers shared by the loaders: ids, yes/no flags, email keys, dates, duplicate ids.
 * Error messages name the column and line, never the cell's value (it may be personal data).
 */
import { InputError } from './errors.js';

/** A whole number ≥ 0 (surrounding spaces allowed), or -1 when the cell is anything else. */
export function parseId(cell: string): number {
  const s = cell.length > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32) ? cell.trim() : cell;
  if (s.length === 0 || s.length > 15) return -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  return Number(s);
}

/**
 * The "must be a positive whole number" error for an id cell; `cell`, when given and the
 * column's own name, says the line repeats the header (two exports joined into one file).
 */
export function badId(file: string, line: number, columnName: string, columnIndex: number, cell?: string): InputError {
  if (cell !== undefined && columnName !== '' && cell.replace(/^\uFEFF/, '').trim().toLowerCase() === columnName.toLowerCase()) {
    return new InputError(file, line, 'this line repeats the header row: two exports joined into one file?', 'remove that line (and check that both parts are exports of the same kind)', columnIndex + 1);
  }
  return new InputError(
    file,
    line,
    `"${columnName}" is not a positive whole number`,
    `every row needs a numeric id in column ${columnIndex + 1} ("${columnName}"); check that the columns are not shifted`,
    columnIndex + 1,
  );
}

const TRASHED = new Set(['1', 'y', 'yes', 't', 'true', 'ja', 'oui', 'si', 'sí', 'sì', 'sim', 'tak', 'kyllä']);
const NOT_TRASHED = new Set(['', '0', 'n', 'no', 'f', 'false', 'nein', 'non', 'nee', 'não', 'nao', 'nie', 'ei', 'nej', 'nei']);

/**
 * A contact's trash flag as exported: 1/Yes/true (and Yes in the languages CiviCRM's exports
 * are often in: Ja, Oui, Sí, Sim, Tak, Kyllä) is true; empty/0/No/false (Nein, Non, Nee, Não,
 * Nie, Ei, Nej, Nei) false; anything else null — read as "not trashed", it would let a
 * trashed contact be linked automatically.
 */
export function trashFlag(cell: string): boolean | null {
  return yesNoFlag(cell);
}

/** A yes/no cell as trashFlag reads it (the same words): true, false, or null for anything else. */
export function yesNoFlag(cell: string): boolean | null {
  if (cell === '' || cell === '0' || cell === 'No') return false; // the common cells, fast
  if (cell === '1' || cell === 'Yes') return true;
  const s = cell.trim().toLowerCase();
  return TRASHED.has(s) ? true : NOT_TRASHED.has(s) ? false : null;
}

export function badTrashFlag(file: string, line: number, columnName: string, columnIndex: number): InputError {
  return new InputError(
    file,
    line,
    `"${columnName}" is neither 1/Yes/true (in the trash) nor 0/No/false/empty (not in the trash)`,
    `export the contacts again, or set that cell to 1 or 0`,
    columnIndex + 1,
  );
}

/**
 * A contact type as exported: CiviCRM's three (any case, "Organisation" too), or their labels in
 * the languages its UI exports are often in. Anything else (null) the loader keeps as it stands
 * and names in a note: read as "not an Individual", every user matching such a contact went to
 * review with a non-individual-match warning without a word about the column, and refused, a
 * site's renamed or translated types stopped the run.
 */
const CANONICAL_TYPES = new Map([
  ['individual', 'Individual'],
  ['organization', 'Organization'],
  ['household', 'Household'],
  ['organisation', 'Organization'],
  // de, fr, es, it, nl, pt, pl
  ['einzelperson', 'Individual'],
  ['person', 'Individual'],
  ['haushalt', 'Household'],
  ['individu', 'Individual'],
  ['foyer', 'Household'],
  ['ménage', 'Household'],
  ['individuo', 'Individual'],
  ['organización', 'Organization'],
  ['hogar', 'Household'],
  ['organizzazione', 'Organization'],
  ['nucleo familiare', 'Household'],
  ['persoon', 'Individual'],
  ['organisatie', 'Organization'],
  ['huishouden', 'Household'],
  ['indivíduo', 'Individual'],
  ['organização', 'Organization'],
  ['osoba', 'Individual'],
  ['organizacja', 'Organization'],
  ['gospodarstwo domowe', 'Household'],
]);

/** The contact type of a cell (empty: Individual), or null when it is none of CiviCRM's. */
export function contactType(cell: string): string | null {
  if (cell === 'Individual') return 'Individual'; // most rows: no trimmed or lowercased copy
  const s = cell.trim();
  if (s === '') return 'Individual';
  return CANONICAL_TYPES.get(s.toLowerCase().replace(/\s+/g, ' ')) ?? null;
}


/**
 * How many addresses an email cell holds when it holds more than one ("a@x.org, b@y.org", as a
 * SearchKit column grouping a contact's emails writes them), else 0. No address has a space,
 * comma or semicolon outside quotes, so words of two or more with an `@` are two addresses.
 */
export function severalAddresses(cell: string): number {
  const at = cell.indexOf('@');
  if (at < 0 || cell.indexOf('@', at + 1) < 0) return 0;
  let n = 0;
  for (const part of cell.split(/[\s,;]+/)) if (part.includes('@')) n++;
  return n >= 2 ? n : 0;
}

/** A contact's email cell that holds several addresses: the export grouped them, or the database holds them in one row; either way no match can be predicted from it. */
export function severalAddressesError(file: string, line: number, columnName: string, columnIndex: number, n: number): InputError {
  return new InputError(
    file,
    line,
    `"${columnName}" holds ${n} addresses in one cell; CiviCRM keeps one address per email row and matches the whole value`,
    'export one address per column (Email, Home-Email, Work-Email, …) or give the civicrm_email rows with --emails; if the database itself holds this value, correct it there',
    columnIndex + 1,
  );
}

/** CiviCRM's strtoboolstr: y/yes/t/true/1 (any case) → true; anything else false. */
export function isYes(cell: string): boolean {
  if (cell === '' || cell === '0' || cell === 'No') return false; // the common cells, fast
  return cell === '1' || /^\s*(y(es)?|t(rue)?|1)\s*$/i.test(cell);
}

export { emailKey } from '../match/email.js';

const NO_DATE = /^(|0|null|\\n|0000-00-00( 00:00:00)?)$/i;

/**
 * Dates as exported, except: empty / 0 / NULL / \N / 0000-00-00… (Joomla's "never") → '';
 * Unix timestamps (Drupal's created/login, 9–11 digits) → 'YYYY-MM-DD HH:MM:SS' in UTC, the
 * format WordPress and Joomla export.
 */
export function normalizeDate(cell: string): string {
  const s = cell.trim();
  if (NO_DATE.test(s)) return '';
  if (/^\d{9,11}$/.test(s)) return new Date(Number(s) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return s;
}

/**
 * Finds two positions holding the same id: [first, second] or null. Linear when the ids are
 * ascending (exports usually are); otherwise sorts a copy — no Map of a million entries.
 */
export function findDuplicateId(ids: ArrayLike<number>): [number, number] | null {
  const n = ids.length;
  let ascending = true;
  for (let i = 1; i < n; i++) {
    if ((ids[i] as number) <= (ids[i - 1] as number)) {
      ascending = false;
      break;
    }
  }
  if (ascending) return null;
  const sorted = Float64Array.from(ids as ArrayLike<number>).sort();
  let dup = -1;
  for (let i = 1; i < n; i++) {
    if (sorted[i] === sorted[i - 1]) {
      dup = sorted[i] as number;
      break;
    }
  }
  if (dup === -1) return null;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (ids[i] !== dup) continue;
    if (first === -1) first = i;
    else return [first, i];
  }
  return null;
}

/**
 * A copy of a cell that does not keep its chunk of the file's text alive: V8 cuts cells as
 * sliced strings of the chunk they came from, so keeping one field of a wide row would keep
 * the whole chunk (a 2 GiB export of wide rows would be held whole). Short strings are copied
 * by V8 anyway.
 */
/**
 * '' for a cell that holds SQL's NULL as a database dump writes it — `NULL` (phpMyAdmin's CSV
 * export) or `\N` (`mysql -B`, `SELECT … INTO OUTFILE`) — else the cell. civicrm_uf_match's
 * uf_name and Drupal 8's mail are NULL where there is none; read as text, "NULL" was a uf_name
 * every such link shared (the links file refused as holding one uf_name twice) and an email.
 */
export function sqlNull(cell: string): string {
  return (cell.length === 4 && cell === 'NULL') || (cell.length === 2 && cell === '\\N') ? '' : cell;
}

export function own(cell: string): string {
  return cell.length < 13 ? cell : (' ' + cell).slice(1);
}
