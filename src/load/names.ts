/**
 * Splitting full names into the parts a CMS passes to CiviCRM (SPEC §3 item 4). Pure functions;
 * the output code reuses them for contacts-to-create.csv.
 */

export interface NameParts {
  readonly first: string;
  readonly middle: string;
  readonly last: string;
}

const NONE: NameParts = Object.freeze({ first: '', middle: '', last: '' });

/**
 * Joomla's `name` as CiviCRM splits it (CRM_Utils_String::extractName):
 * - with a comma: "Last, First Middle" — last = text before the first comma; the text after it
 *   (up to a second comma, if any) gives first = its first word, middle = its second word;
 *   further words are dropped;
 * - without: 1 word = first; 2 = first last; 3+ = first middle last, further words dropped.
 * Words are separated by runs of whitespace (CiviCRM splits on single spaces, so a double space
 * there yields an empty part; ufmatch does not copy that quirk, nor CiviCRM's removal of quote
 * characters — "O'Brien" stays "O'Brien").
 */
export function splitJoomlaName(name: string): NameParts {
  const full = name.trim();
  if (full === '') return NONE;
  const comma = full.indexOf(',');
  if (comma !== -1) {
    const last = full.slice(0, comma).trim();
    const rest = full.slice(comma + 1).split(',')[0] ?? '';
    const words = splitWords(rest);
    return { first: words[0] ?? '', middle: words[1] ?? '', last };
  }
  const words = splitWords(full);
  if (words.length === 1) return { first: words[0] ?? '', middle: '', last: '' };
  if (words.length === 2) return { first: words[0] ?? '', middle: '', last: words[1] ?? '' };
  return { first: words[0] ?? '', middle: words[1] ?? '', last: words[2] ?? '' };
}

/**
 * A WordPress display_name, used only when the export has no first_name/last_name (or both are
 * empty for the row). "Last, First" when it has a comma; otherwise first word = first name and
 * the remaining words = last name (keeps particles and double surnames together: "van der
 * Berg", "García López"). No middle name. A display name equal to the username, or holding an
 * "@", is not a person's name (WordPress defaults it to the login) and gives no parts.
 */
export function splitDisplayName(displayName: string, username = ''): NameParts {
  const full = displayName.trim();
  if (full === '' || full.includes('@') || (username !== '' && full.toLowerCase() === username.trim().toLowerCase())) return NONE;
  const comma = full.indexOf(',');
  if (comma !== -1) {
    return { first: splitWords(full.slice(comma + 1)).join(' '), middle: '', last: full.slice(0, comma).trim() };
  }
  const words = splitWords(full);
  return { first: words[0] ?? '', middle: '', last: words.slice(1).join(' ') };
}

function splitWords(s: string): string[] {
  const t = s.trim();
  return t === '' ? [] : t.split(/\s+/);
}
