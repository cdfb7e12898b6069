/**
 * Phrases `explain` needs beyond src/domain/platform.ts: where a person changes things in each
 * CMS and in CiviCRM, and when CiviCRM will next try to link the user.
 */
import type { Contact, Platform, User } from '../domain/types.js';
import { guardedInsertSql, linkNotInsertable, sqlString } from '../output/ufMatchSql.js';

/** When CiviCRM next runs its automatic linking for this user, after a fix. */
export const NEXT_SYNC: Record<Platform, string> = {
  drupal: "at the user's next login",
  wordpress: 'the next time the user opens a CiviCRM page or their profile is saved',
  joomla: 'the next time the user opens a CiviCRM page or form',
};

/** NEXT_SYNC for this user: a blocked account has no login or page load, only the batch. */
export function nextSync(platform: Platform, u: User): string {
  return u.blocked ? "when CiviCRM's Synchronize Users batch next runs (the account is blocked: no login reaches it)" : NEXT_SYNC[platform];
}

/** HAS_SYNCED for this user (a blocked account: only the batch). */
export function hasSynced(platform: Platform, u: User): string {
  return u.blocked ? "has been reached by CiviCRM's Synchronize Users batch" : HAS_SYNCED[platform];
}

/** What the user has done if CiviCRM has run for them since the exports were taken. */
export const HAS_SYNCED: Record<Platform, string> = {
  drupal: 'has logged in',
  wordpress: 'has opened a CiviCRM page or saved their profile',
  joomla: 'has opened a CiviCRM page or form',
};

/** Where the user's email is changed in the CMS. */
export const EDIT_EMAIL_AT: Record<Platform, string> = {
  drupal: 'in Drupal (People → Edit → Email address)',
  wordpress: 'in WordPress (Users → All Users → Edit → Email)',
  joomla: 'in Joomla (Users → Manage → Edit → Email)',
};

/** How a duplicate account is removed in the CMS, keeping `keep`. */
export function removeAccount(platform: Platform, remove: number, keep: number): string {
  switch (platform) {
    case 'drupal':
      return `cancel account ${remove} in Drupal (People → Edit → Cancel account, assigning its content to user ${keep})`;
    case 'wordpress':
      return `delete user ${remove} in WordPress (Users → All Users → Delete, attributing its content to user ${keep})`;
    case 'joomla':
      return `delete user ${remove} in Joomla (Users → Manage → Delete)`;
  }
}

export const contactPage = (id: number): string => `civicrm/contact/view?reset=1&cid=${id}`;

export function contactName(c: Contact): string {
  return c.displayName.trim() || [c.firstName, c.middleName, c.lastName].map((s) => s.trim()).filter(Boolean).join(' ');
}

/** "its Home-Email", or "an extra email from the emails file" for rows of --emails. */
export function sourceWords(source: string): string {
  return source === 'emails-file' || source === '' ? 'an extra email from the emails file' : `its ${source}`;
}

export { article } from '../domain/article.js';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Why an email is not a valid address, in a few words. */
export function invalidEmailReason(email: string): string {
  const e = email.trim();
  if (/\s/.test(e)) return 'it contains a space';
  const at = e.indexOf('@');
  if (at < 0) return 'it has no @';
  if (e.indexOf('@', at + 1) >= 0) return 'it has more than one @';
  if (at === 0) return 'there is nothing before the @';
  const domain = e.slice(at + 1);
  if (domain === '') return 'there is nothing after the @, so no domain';
  if (!domain.includes('.')) return `its domain "${domain}" has no dot, so no .com, .org or the like`;
  return 'it has characters or dots that an address cannot have';
}

export const sqlInt = (n: number): string => String(Math.trunc(n));

export function updateUfNameSql(domainId: number, ufId: number, email: string): string {
  return `UPDATE civicrm_uf_match SET uf_name = ${sqlString(email.trim())} WHERE uf_id = ${sqlInt(ufId)} AND domain_id = ${sqlInt(domainId)};`;
}

export function updateContactSql(domainId: number, ufId: number, contactId: number): string {
  return `UPDATE civicrm_uf_match SET contact_id = ${sqlInt(contactId)} WHERE uf_id = ${sqlInt(ufId)} AND domain_id = ${sqlInt(domainId)};`;
}

export function deleteLinkSql(domainId: number, ufId: number): string {
  return `DELETE FROM civicrm_uf_match WHERE uf_id = ${sqlInt(ufId)} AND domain_id = ${sqlInt(domainId)};`;
}

/**
 * A step's words and SQL for making the link now: `lead` then "load uf_match.sql, or run:" and
 * the guarded INSERT — or, where uf_match.sql cannot hold the link, why, and no SQL at all.
 * @param review whether the ufmatch review is a way too ("in the ufmatch review link …, or run:")
 * @param planned whether ufmatch's plan links this contact (uf_match.sql holds only the plan's links: a
 *   user left on review is in it once the review links them and writes)
 */
export function linkNow(domainId: number, u: User, contactId: number, lead: string, review = '', planned = true): { text: string; sql: string | null } {
  const why = linkNotInsertable(u.ufId, u.email, contactId);
  if (why !== null) return { text: `${lead}: uf_match.sql cannot hold this link (${why}), so make it by hand in CiviCRM${review ? `, or ${review}` : ''}.`, sql: null };
  const text = planned
    ? `${lead}: ${review ? `${review}, ` : ''}load ufmatch's uf_match.sql, or run:`
    : `${lead}: ${review || 'decide it in the ufmatch review'} and load the uf_match.sql it then writes, or run:`;
  // the statement uf_match.sql writes: idempotent, never a second link to the contact, uf_id or email
  return { text, sql: guardedInsertSql(domainId, u.ufId, u.email, contactId).trimEnd() };
}
