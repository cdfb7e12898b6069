/**
 * uf_match.sql (SPEC §5.5): the link rows as one transaction of guarded INSERTs. Each insert
 * happens only when no row in the domain already has the uf_id, the contact_id or the uf_name
 * (the table's three unique keys; uf_name compares case-insensitively through the column's
 * _ci collation) and when the contact exists (the foreign key). A second run inserts nothing.
 *
 * `uf_name` is VARCHAR(128): a longer address (valid up to 254 characters) would stop the whole
 * file with "Data too long" under strict mode, so such a link is left out, with a comment; so is
 * one whose uf_id is past the INT UNSIGNED column (a WordPress ID is a BIGINT), which would stop
 * it with "Out of range value".
 */
import type { Plan, UserPlan } from '../domain/decisions.js';
import { textOf, type TextOut } from './textOut.js';

/**
 * A MySQL/MariaDB string literal that is safe whatever sql_mode says about backslashes:
 * plain characters go in single quotes with ' doubled; anything else becomes a hex literal with a
 * _utf8mb4 introducer (coercible, so the column collation still decides), so quotes, backslashes, NUL and control characters can never escape.
 */
export function sqlString(s: string): string {
  if (/^[A-Za-z0-9 @._+\-'!#$%&*=?^`{|}~/]*$/.test(s)) return `'${s.replace(/'/g, "''")}'`;
  return `_utf8mb4 X'${Buffer.from(s, 'utf8').toString('hex')}'`;
}

/** civicrm_uf_match.uf_name is VARCHAR(128) (characters). */
export const UF_NAME_MAX = 128;

/** Longer than uf_name holds (counted in characters, as VARCHAR does). */
export function tooLongForUfName(s: string): boolean {
  return s.length > UF_NAME_MAX && [...s].length > UF_NAME_MAX;
}

/** civicrm_uf_match.uf_id and contact_id are INT UNSIGNED. */
export const INT_UNSIGNED_MAX = 4294967295;

/** Why a link cannot go into uf_match.sql, or null when it can. */
export function sqlLeftOut(r: UserPlan): string | null {
  if (r.decision.action !== 'link') return null;
  return linkNotInsertable(r.user.ufId, r.user.email, r.decision.contactId);
}

/** Why a link of this uf_id, email and contact cannot be inserted, or null when it can. */
export function linkNotInsertable(ufId: number, email: string, contactId: number): string | null {
  if (tooLongForUfName(email.trim())) return `its email is longer than the ${UF_NAME_MAX} characters civicrm_uf_match.uf_name holds`;
  if (ufId > INT_UNSIGNED_MAX) return `its uf_id is past ${INT_UNSIGNED_MAX}, the most civicrm_uf_match.uf_id (INT UNSIGNED) holds`;
  if (contactId > INT_UNSIGNED_MAX) return `its contact_id is past ${INT_UNSIGNED_MAX}, the most civicrm_uf_match.contact_id (INT UNSIGNED) holds`;
  return null;
}

/**
 * One guarded INSERT, as uf_match.sql writes it (writeUfMatchSql streams the same text piece by
 * piece): only when the contact exists and no row of the domain has the uf_id, the contact_id or
 * the uf_name. Run twice, it inserts once.
 */
export function guardedInsertSql(domainId: number, ufId: number, email: string, contactId: number): string {
  const d = sqlInt(domainId);
  const uf = sqlInt(ufId);
  const c = sqlInt(contactId);
  const name = sqlString(email.trim());
  return (
    `INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)\nSELECT ${d}, ${uf}, ${name}, ${c} FROM DUAL\n` +
    `WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = ${c})\n` +
    `AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = ${d} AND (uf_id = ${uf} OR contact_id = ${c} OR uf_name = ${name}));\n`
  );
}

function sqlInt(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not an id: ${n}`);
  return String(n);
}

export function writeUfMatchSql(plan: Plan, version: string, out: TextOut): void {
  const d = sqlInt(plan.domainId);
  const links = plan.rows.filter((r) => r.decision.action === 'link');
  const leftOut = new Map<UserPlan, string>();
  for (const r of links) {
    const why = sqlLeftOut(r);
    if (why !== null) leftOut.set(r, why);
  }
  out.text(`-- ufmatch ${version}: ${links.length - leftOut.size} new links for domain ${d}.\n`);
  out.text(`-- Load with: mysql civicrm_db < uf_match.sql  (idempotent: a second run inserts nothing)\n`);
  for (const [r, why] of leftOut) out.text(`-- left out: uf_id ${sqlInt(r.user.ufId)}, ${why}; link it by hand\n`);
  out.text('START TRANSACTION;\n');
  for (const r of links) {
    if (r.decision.action !== 'link' || leftOut.has(r)) continue;
    const uf = sqlInt(r.user.ufId);
    const c = sqlInt(r.decision.contactId);
    const name = sqlString(r.user.email.trim());
    out.text('INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)\nSELECT ');
    out.text(d);
    out.text(', ');
    out.text(uf);
    out.text(', ');
    out.text(name);
    out.text(', ');
    out.text(c);
    out.text(' FROM DUAL\nWHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = ');
    out.text(c);
    out.text(')\nAND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = ');
    out.text(d);
    out.text(' AND (uf_id = ');
    out.text(uf);
    out.text(' OR contact_id = ');
    out.text(c);
    out.text(' OR uf_name = ');
    out.text(name);
    out.text('));\n');
  }
  out.text('COMMIT;\n');
}

/** uf_match.sql as one string (tests, small plans). */
export function ufMatchSql(plan: Plan, version: string): string {
  return textOf((out) => writeUfMatchSql(plan, version, out));
}
