/**
 * The user beside each candidate contact, field by field (email, first and last name, type,
 * trash, link). Each contact cell starts with = (same as the user's), ≠ (differs, the
 * differing part marked) or a blank (nothing to compare).
 *
 * Each row is built as one styled string and drawn by one <Text>: at 200×60 the grid made
 * about a hundred nested text nodes, which Ink squashes, styles and measures on every frame.
 */
import chalk from 'chalk';
import { Box, Text } from 'ink';
import { mainEmail } from '../../domain/contactList.js';
import type { Candidate, Decision, UserPlan } from '../../domain/decisions.js';
import type { Contact } from '../../domain/types.js';
import { withoutValidEmail } from '../../decide/operatorRules.js';
import { useTheme } from '../context.js';
import { compareValues, markDifference, type Segment } from '../diff.js';
import { BASIS, gridColumns, gridHasMoreLine, LABEL, moreLine, type CandidateLayout } from '../detailLayout.js';
import { clip, fit, score } from '../format.js';
import { markedText } from '../marked.js';
import { keysSaid } from '../keys.js';

type Field = 'email' | 'first' | 'last' | 'type' | 'trash' | 'link';
const FIELDS: readonly Field[] = ['email', 'first', 'last', 'type', 'trash', 'link'];

export interface GridProps {
  readonly row: UserPlan;
  readonly decision: Decision;
  readonly contacts: ReadonlyMap<number, Contact>;
  /** Users holding a contact now. */
  readonly holdersOf: (contactId: number) => readonly number[];
  /** The user whose existing link holds the contact (the rest hold it by a decision of the plan). */
  readonly linkHolderOf: (contactId: number) => number | undefined;
  readonly width: number;
}

function userValue(f: Field, r: UserPlan): string {
  const u = r.user;
  switch (f) {
    case 'email': return u.email;
    case 'first': return [u.firstName, u.middleName].filter(Boolean).join(' ');
    case 'last': return u.lastName;
    case 'type': return '';
    case 'trash': return ''; // (a blocked user is said on the pane's first line: "blocked" here read as the contact's trash)
    case 'link': return r.proposal.action === 'keep' ? `#${r.proposal.contactId} (existing)` : 'none';
  }
}

function contactValue(f: Field, c: Candidate, contact: Contact | undefined, holders: readonly number[], ufId: number, linkHolder?: number): string {
  switch (f) {
    case 'email': return c.email || (contact ? mainEmail(contact.emails).email : '');
    case 'first': return contact ? [contact.firstName, contact.middleName].filter(Boolean).join(' ') : '';
    case 'last': return contact?.lastName ?? '';
    case 'type': return contact?.type ?? (c.usable ? 'Individual' : '?');
    case 'trash': return contact ? (contact.deleted ? 'IN TRASH' : 'no') : c.usable ? 'no' : '?';
    case 'link': {
      if (holders.length === 0) return 'free';
      const others = holders.filter((h) => h !== ufId);
      // an existing link in CiviCRM, or ufmatch's plan (a decision, automatic or the operator's): they read alike
      if (others.length === 0) return linkHolder === ufId ? 'this user (link)' : 'this user';
      return others.map((h) => `user ${h} (${h === linkHolder ? 'link' : 'plan'})`).join(', ');
    }
  }
}

/** A fact of the contact that keeps CiviCRM from linking it to this user: in the trash, not an Individual, held by another user. */
function stopsLink(f: Field, contact: Contact | undefined, holders: readonly number[], ufId: number): boolean {
  switch (f) {
    case 'trash': return contact?.deleted === true;
    case 'type': return contact !== undefined && contact.type !== 'Individual';
    case 'link': return holders.some((h) => h !== ufId);
    default: return false;
  }
}

/** Which fields are compared with the user's value (type, trash and link are facts of the contact). */
const COMPARED: ReadonlySet<Field> = new Set(['email', 'first', 'last']);

export function CandidateGrid({ row, decision, contacts, holdersOf, linkHolderOf, width }: GridProps) {
  const { color } = useTheme();
  const cs = row.candidates;
  if (cs.length === 0) {
    const noEmail = withoutValidEmail(row.proposal);
    const p = row.proposal;
    // c and s are refused for a kept link (operatorDecision's has-link): say what is, not those keys
    const text = p.action === 'keep'
      ? `No candidate contacts: the existing link to contact ${p.contactId} stays — change it in CiviCRM itself.`
      : noEmail ? `No candidate contacts: ufmatch links no user without a valid email — correct it in the CMS; ${keysSaid('skip')} skips.` : `No candidate contacts: ${keysSaid('create')} creates a new contact, ${keysSaid('skip')} skips.`;
    return <Text wrap="truncate-end">{text}</Text>;
  }
  const cols = gridColumns(width, cs.length);
  const shown = cs.slice(0, cols.shown);
  const chosen = decision.action === 'link' || decision.action === 'keep' ? decision.contactId : null;
  const header = shown.map((c, k) => {
    const mark = c.contactId === chosen ? '→' : ' ';
    return fit(`${mark}${k + 1} #${c.contactId} ${score(c.score)} ${BASIS[c.basis]}`, cols.cand);
  });
  const more = cs.slice(cols.shown);
  let head = fit('', LABEL) + chalk.bold(fit(`user ${row.user.ufId}`, cols.user));
  header.forEach((h, k) => {
    head += color && shown[k]!.contactId === chosen ? chalk.bold.green(h) : chalk.bold(h);
  });
  const lines = FIELDS.map((f) => {
    const uv = userValue(f, row);
    let line = chalk.dim(fit(f, LABEL)) + fit(uv, cols.user - 1) + ' ';
    for (const c of shown) {
      const v = contactValue(f, c, contacts.get(c.contactId), holdersOf(c.contactId), row.user.ufId, linkHolderOf(c.contactId));
      let mark = ' ';
      let segments: Segment[] = v ? [{ text: v, differs: false }] : [];
      const contact = contacts.get(c.contactId);
      if (f === 'first' && contact !== undefined && row.user.firstName.trim() !== '' && contact.firstName.trim() !== '') {
        // first names compared; a middle name only when both have one ("Daniel" is "Daniel Chidi"'s first name)
        const um = row.user.middleName;
        const cm = contact.middleName;
        const middleDiffers = um.trim() !== '' && cm.trim() !== '' && compareValues(um, cm) === 'differs';
        // "Mary Ann" typed into the first-name field is the contact's first and middle names
        const whole = cm.trim() !== '' && um.trim() === '' && compareValues(row.user.firstName, `${contact.firstName.trim()} ${cm.trim()}`) === 'same';
        mark = whole || (compareValues(row.user.firstName, contact.firstName) === 'same' && !middleDiffers) ? '=' : '≠';
        segments = markDifference(whole ? contact.firstName : row.user.firstName, contact.firstName);
        if (cm.trim() !== '') segments = [...segments, { text: ' ', differs: false }, ...(middleDiffers ? markDifference(um, cm) : [{ text: cm, differs: false }])];
      } else if (f === 'email' && v === '' && contact !== undefined) {
        mark = uv.trim() !== '' ? '≠' : ' ';
        segments = [{ text: '(none)', differs: false }];
      } else if (COMPARED.has(f) && uv.trim() !== '' && v.trim() !== '') {
        mark = compareValues(uv, v) === 'same' ? '=' : '≠';
        segments = markDifference(uv, v);
      } else if (stopsLink(f, contact, holdersOf(c.contactId), row.user.ufId)) mark = '!';
      line += (color && mark === '!' ? chalk.red(mark) : mark) + ' ' + markedText(segments, cols.cand - 3, color) + ' ';
    }
    // the last cell's padding is blank screen anyway: not writing it spares Ink the work
    return line.trimEnd();
  });
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">{head.trimEnd()}</Text>
      {lines.map((line, k) => (
        <Text key={FIELDS[k]} wrap="truncate-end">
          {line}
        </Text>
      ))}
      {gridHasMoreLine(row, width) ? (
        <Text wrap="truncate-end" dimColor>
          {moreLine(more, cols.shown, row.moreCandidates ?? 0, width).text}
        </Text>
      ) : null}
    </Box>
  );
}

/**
 * The candidates one line each, where the pane is too short for the grid (a small terminal):
 * the keys 1–9 act on them, so each stays on screen with its number (candidateLayout says how
 * many fit). The last line lists those that do not fit, briefly, as the grid's "more" line does;
 * a digit for one still off screen is refused (detailLayout.candidatesOnScreen).
 */
export function CandidateLines({ row, decision, contacts, holdersOf, linkHolderOf, width, layout }: GridProps & { readonly layout: CandidateLayout }) {
  const { color } = useTheme();
  const cs = row.candidates;
  if (cs.length === 0 || layout.lines <= 0) return null;
  const chosen = decision.action === 'link' || decision.action === 'keep' ? decision.contactId : null;
  const out = cs.slice(0, layout.own).map((c, k) => {
    const contact = contacts.get(c.contactId);
    const facts = [
      contactValue('email', c, contact, [], row.user.ufId),
      contact ? [contact.firstName, contact.lastName].filter(Boolean).join(' ') : '',
      contactValue('trash', c, contact, [], row.user.ufId) === 'IN TRASH' ? 'IN TRASH' : '',
      contact && contact.type !== 'Individual' ? contact.type : '',
      contactValue('link', c, contact, holdersOf(c.contactId), row.user.ufId, linkHolderOf(c.contactId)),
    ].filter(Boolean);
    const text = clip(`${c.contactId === chosen ? '→' : ' '}${k + 1} #${c.contactId} ${score(c.score)} ${BASIS[c.basis]} · ${facts.join(' · ')}`, width);
    return color && c.contactId === chosen ? chalk.bold.green(text) : text;
  });
  if (layout.more && out.length < layout.lines) out.push(chalk.dim(layout.more.text));
  return (
    <Box flexDirection="column">
      {out.map((line, k) => (
        <Text key={k} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
