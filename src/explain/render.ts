/**
 * Plain-text and JSON renderings of the explain model. Pure: model in, string out.
 * Colour is optional decoration (bold headings only); the words carry every meaning.
 */
import type { UserPlan } from '../domain/decisions.js';
import { warningCodes } from '../domain/decisions.js';
import type { ContactView, Explanation, FixStep, HitView, NearestView, WarningView } from './model.js';
import { EXPLAIN_SCHEMA } from './model.js';
import type { OrphanLinkExplanation } from './orphan.js';
import type { MatchedBy, NearestUser } from './resolveQuery.js';
import { userName } from './resolveQuery.js';

export interface RenderOptions {
  readonly color: boolean;
}

/** Hits listed in text before "… and N more". */
export const MAX_LISTED = 20;

const BOLD = '\u0000bold\u0000';
/** Marks a heading; finish() cleans the data and only then turns the mark into ANSI bold (or nothing). */
const bold = (_o: RenderOptions, s: string) => BOLD + s;

function finish(lines: readonly string[], o: RenderOptions): string {
  return (
    lines
      .map((l) => (l.startsWith(BOLD) ? (o.color ? `\x1b[1m${clean(l.slice(BOLD.length))}\x1b[22m` : clean(l.slice(BOLD.length))) : clean(l)))
      .join('\n') + '\n'
  );
}

/** Control characters never reach the terminal from the data (a CSV cell can hold anything). */
export function clean(s: string): string {
  // C0 and C1 controls, DEL, and the bidirectional overrides and isolates (U+202E shows
  // "gro.elpmaxe@" for an address: it reorders what follows), as the TUI's printable()
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, '�').replace(/\n/g, '⏎');
}

function quoteIfPadded(s: string): string {
  return s !== s.trim() || s === '' ? JSON.stringify(s) : s;
}

function contactLine(c: ContactView): string {
  const name = c.display_name || [c.first_name, c.middle_name, c.last_name].filter(Boolean).join(' ') || '(no name)';
  const emails = c.emails.length > 0 ? c.emails.map((e) => `${e.email.trim()}${e.primary ? ' (primary)' : ` (${e.source})`}`).join(', ') : 'no email';
  return `${name} · ${c.type}${c.in_trash ? ' · IN THE TRASH' : ''} · ${emails}`;
}

function warningFacts(w: WarningView): string {
  const bits: string[] = [];
  if (w.contact_id !== null) bits.push(`contact ${w.contact_id}`);
  if (w.other_uf_id !== null) bits.push(`user ${w.other_uf_id}`);
  bits.push(`score ${w.score.toFixed(2)}`);
  return bits.join(', ');
}

function fixLines(steps: readonly FixStep[]): string[] {
  const out: string[] = [];
  steps.forEach((s, i) => {
    out.push(`  ${i + 1}. ${s.text}`);
    if (s.sql) for (const line of s.sql.split('\n')) out.push(`       ${line}`);
  });
  return out;
}

export function renderExplanationText(e: Explanation, o: RenderOptions): string {
  const u = e.user;
  const L: string[] = [];
  const title = [u.name || u.username || '(no name)', u.email.trim() ? `<${u.email.trim()}>` : '(no email)'].join(' ');
  L.push(bold(o, `User ${u.uf_id}: ${title}`));
  L.push(e.headline);
  L.push('');

  L.push(bold(o, `Record (users file line ${u.line})`));
  const rec: [string, string][] = [
    ['uf_id', String(u.uf_id)],
    ['username', u.username],
    ['email', quoteIfPadded(u.email) + (u.email_key !== u.email && u.email_key !== '' ? `   (CiviCRM reads it as ${u.email_key})` : '')],
    ['name', u.name],
  ];
  if (u.display_name && u.display_name !== u.name) rec.push(['display name', u.display_name]);
  if (u.first_name || u.last_name) rec.push(['first / last', [u.first_name, u.middle_name, u.last_name].filter(Boolean).join(' / ')]);
  if (u.registered) rec.push(['registered', u.registered]);
  if (u.last_login) rec.push(['last login', u.last_login]);
  if (u.roles) rec.push(['roles', u.roles]);
  if (u.blocked) rec.push(['blocked', 'yes (blocked or inactive account)']);
  for (const [k, v] of rec) L.push(`  ${k.padEnd(13)}${v === '' ? '—' : v}`);
  L.push('');

  L.push(bold(o, `Existing link (civicrm_uf_match, domain ${e.domain_id})`));
  if (!e.link) {
    L.push(
      e.links_given === false
        ? `  not known: no --links file (the civicrm_uf_match export) was given — give it to see whether uf_id ${u.uf_id} is linked`
        : `  none: uf_id ${u.uf_id} has no link in domain ${e.domain_id}`,
    );
  }
  else {
    const l = e.link;
    L.push(`  uf_id ${u.uf_id} → contact ${l.contact_id}, uf_name ${l.uf_name || '(not exported)'} (links file line ${l.line})`);
    L.push(`  contact ${l.contact_id}: ${l.contact ? contactLine(l.contact) : 'NOT IN THE CONTACTS EXPORT'}`);
    for (const m of l.more_rows) L.push(`  also uf_id ${u.uf_id} → contact ${m.contact_id}, uf_name ${m.uf_name || '(not exported)'} (links file line ${m.line}): a second row; CiviCRM uses the first`);
    if (l.sound) L.push('  sound: the contact exists, is not in the trash and carries the user\'s email');
    else {
      L.push('  NOT SOUND:');
      for (const p of l.problems) L.push(`    - ${p.text}`);
    }
  }
  L.push('');

  const more = e.more_candidates;
  L.push(bold(o, more > 0 ? `Candidate contacts (${e.candidates.length + more}; ${e.candidates.length} listed)` : `Candidate contacts (${e.candidates.length})`));
  if (e.candidates.length === 0) L.push('  none');
  e.candidates.forEach((c, i) => {
    L.push(`  ${i + 1}. contact ${c.contact_id}  score ${c.score.toFixed(2)}  ${c.contact ? contactLine(c.contact) : '(not in the contacts export)'}`);
    L.push(`     ${c.why}`);
  });
  if (more > 0) L.push(`  … and ${more} more contacts that carry the user's email`);
  L.push('');

  L.push(bold(o, `Warnings (${e.warnings.length})`));
  if (e.warnings.length === 0) L.push('  none');
  for (const w of e.warnings) {
    L.push(`  ${w.code}${w.strong ? ' ★' : ''}  (${warningFacts(w)})`);
    L.push(`     ${w.explanation}`);
  }
  L.push('');

  L.push(bold(o, 'ufmatch proposes'));
  L.push(`  ${e.proposal.text}`);
  if (e.decision.action !== e.proposal.action || e.decision.contact_id !== e.proposal.contact_id || e.decision.decided_by !== e.proposal.decided_by) {
    L.push(`  current decision: ${e.decision.text}`);
  }
  L.push('');

  L.push(bold(o, `What CiviCRM does on ${e.civicrm.platform_label}`));
  L.push(`  It links users ${e.civicrm.runs}.`);
  L.push(`  ${e.civicrm.text}`);
  if (e.civicrm.repeats) L.push(e.civicrm.multiplies ? '  This repeats: another new contact at every attempt, until it is fixed.' : '  This repeats: the link fails again at every attempt, until it is fixed.');
  L.push('');

  L.push(bold(o, 'Fix'));
  L.push(...fixLines(e.fix));
  return finish(L, o);
}

export function hitView(r: UserPlan): HitView {
  const d = r.decision;
  return {
    uf_id: r.user.ufId,
    username: r.user.username,
    email: r.user.email.trim(),
    name: userName(r.user),
    action: d.action,
    contact_id: d.action === 'keep' || d.action === 'link' || d.action === 'review' ? d.contactId : null,
    warnings: warningCodes(r.warnings),
  };
}

const MATCHED_WORDS: Record<MatchedBy, string> = {
  uf_id: 'uf_id',
  email: 'email',
  username: 'username',
  text: 'name, username or email',
  contact_id: 'contact id (its link, decision or candidates)',
};

export function renderHitsText(query: string, by: MatchedBy, rows: readonly UserPlan[], o: RenderOptions): string {
  const hits = rows.slice(0, MAX_LISTED).map(hitView);
  const head = ['uf_id', 'username', 'email', 'name', 'action', 'warnings'];
  const cells = hits.map((h) => [
    String(h.uf_id),
    h.username || '—',
    h.email || '—',
    h.name || '—',
    h.action + (h.contact_id !== null ? ` ${h.contact_id}` : ''),
    h.warnings.join(',') || '—',
  ]);
  const widths = head.map((t, i) => Math.max(t.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => '  ' + c.map((s, i) => (i === c.length - 1 ? s : s.padEnd(widths[i]!))).join('  ');
  const L: string[] = [];
  L.push(bold(o, `${rows.length} users match "${query}" (by ${MATCHED_WORDS[by]}):`));
  L.push(line(head));
  for (const c of cells) L.push(line(c));
  if (rows.length > MAX_LISTED) L.push(`  … and ${rows.length - MAX_LISTED} more (showing ${MAX_LISTED} of ${rows.length}); narrow the query.`);
  L.push('Run `ufmatch explain UF_ID …` with one of these uf_ids for the full explanation.');
  return finish(L, o);
}

/** After one user's explanation: the other users the query also names (resolveQuery's `also`), by uf_id. */
export function renderAlsoText(query: string, also: readonly UserPlan[], o: RenderOptions): string {
  if (also.length === 0) return '';
  const shown = also.slice(0, MAX_ALSO).map((r) => {
    const name = userName(r.user);
    return `${r.user.ufId} (${name || r.user.username || r.user.email.trim() || 'no name'})`;
  });
  const more = also.length > MAX_ALSO ? `, and ${also.length - MAX_ALSO} more` : '';
  const it = also.length === 1 ? 'it' : 'one of them';
  return finish(['', bold(o, `Also matching "${query.trim()}"`), `  uf_id ${shown.join(', ')}${more} — explain ${it} by its uf_id.`], o);
}

const MAX_ALSO = 5;

export function nearestView(n: NearestUser): NearestView {
  return { uf_id: n.row.user.ufId, username: n.row.user.username, email: n.row.user.email.trim(), name: userName(n.row.user), distance: n.distance };
}

/** The one line on stderr for an unknown query. */
export function renderNoneLine(query: string, nearest: readonly NearestUser[]): string {
  const q = clean(query.trim());
  const near = nearest
    .map(nearestView)
    .map((n) => {
      const who = [n.name, n.username && n.username !== n.name ? n.username : ''].filter(Boolean).join(', ');
      return `${n.uf_id} ${n.email || '(no email)'}${who ? ` (${who})` : ''}`;
    })
    .join('; ');
  if (/^#\d+$/.test(q)) return clean(`ufmatch: no user has contact ${q.slice(1)} as their link, decision or candidate`) + '\n';
  return clean(`ufmatch: no user matches "${q}"; ${near ? `nearest: ${near}` : 'the users export is empty'}`) + '\n';
}

export function renderOrphanText(x: OrphanLinkExplanation, o: RenderOptions): string {
  const L: string[] = [];
  L.push(bold(o, `uf_id ${x.uf_id}: not in the users export`));
  L.push(x.headline);
  L.push('');
  L.push(bold(o, `Existing link (civicrm_uf_match, domain ${x.link.domain_id})`));
  L.push(`  uf_id ${x.uf_id} → contact ${x.link.contact_id}, uf_name ${x.link.uf_name || '(not exported)'} (links file line ${x.link.line})`);
  L.push(`  contact ${x.link.contact_id}: ${x.contact ? contactLine(x.contact) : 'NOT IN THE CONTACTS EXPORT'}`);
  L.push('');
  L.push(bold(o, 'Warnings (1)'));
  L.push(`  ${x.warning.code}  (${warningFacts(x.warning)})`);
  L.push(`     ${x.warning.explanation}`);
  L.push('');
  L.push(bold(o, 'Fix'));
  L.push(...fixLines(x.fix));
  return finish(L, o);
}

// ---- JSON -----------------------------------------------------------------------------------

export type ExplainJson =
  | {
      readonly schema: string;
      readonly query: string;
      readonly result: 'one';
      readonly matched_by: MatchedBy;
      readonly explanation: Explanation;
      /** Other users the query names by a looser rule (a username equal to the uf_id, a name holding the username). */
      readonly also_matching: readonly HitView[];
    }
  | { readonly schema: string; readonly query: string; readonly result: 'many'; readonly matched_by: MatchedBy; readonly total: number; readonly users: readonly HitView[] }
  | { readonly schema: string; readonly query: string; readonly result: 'none'; readonly nearest: readonly NearestView[]; readonly orphan_link: OrphanLinkExplanation | null };

export function oneJson(query: string, by: MatchedBy, explanation: Explanation, also: readonly UserPlan[] = []): ExplainJson {
  return { schema: EXPLAIN_SCHEMA, query, result: 'one', matched_by: by, explanation, also_matching: also.map(hitView) };
}

export function manyJson(query: string, by: MatchedBy, rows: readonly UserPlan[]): ExplainJson {
  return { schema: EXPLAIN_SCHEMA, query, result: 'many', matched_by: by, total: rows.length, users: rows.map(hitView) };
}

export function noneJson(query: string, nearest: readonly NearestUser[], orphan: OrphanLinkExplanation | null): ExplainJson {
  return { schema: EXPLAIN_SCHEMA, query, result: 'none', nearest: nearest.map(nearestView), orphan_link: orphan };
}

export function renderJson(j: ExplainJson): string {
  return JSON.stringify(j, null, 2) + '\n';
}
