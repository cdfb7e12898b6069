/**
 * Who holds which contact and which email under the current decisions: the rules that
 * ufmatch never proposes two links to one contact nor two links with one email
 * (case-insensitively). Used by operator decisions (TUI) and by --decisions replay.
 */
import type { Decision, UserPlan } from '../domain/decisions.js';
import type { ExistingLink, User } from '../domain/types.js';
import { emailKey } from '../match/email.js';

export type Conflict =
  | { readonly kind: 'contact'; readonly holder: number }
  | { readonly kind: 'email'; readonly holder: number };

/** The contact a decision links (or keeps), if any. */
export function heldContact(d: Decision): number | null {
  return d.action === 'link' || d.action === 'keep' ? d.contactId : null;
}
/** Whether a decision puts the user's email into a link (link, keep, or a new contact's link). */
export function holdsEmail(d: Decision): boolean {
  return d.action === 'link' || d.action === 'keep' || d.action === 'create';
}

/**
 * A contact or email nobody holds any more is set to null, not deleted: V8 keeps a deleted
 * key's entry in its bucket until the map is rehashed, so a user decided again and again
 * (200,000 journal rows for one user) made every look-up of that key walk them all.
 */
export class Holds {
  private readonly contact = new Map<number, number | null>();
  private readonly email = new Map<string, number | null>();
  /**
   * What the existing links hold in civicrm_uf_match whatever is decided: their contacts and
   * uf_names (the first link's, per contact and per key). A user of the export holds more
   * through its link than through its `keep`: a uf_name it no longer has as its email, or a
   * second link row's contact — uf_match.sql's NOT EXISTS would insert nothing.
   */
  private readonly linkedContact = new Map<number, number>();
  private readonly linkedEmail = new Map<string, number>();

  static fromRows(rows: readonly Pick<UserPlan, 'user' | 'decision'>[], links: readonly ExistingLink[] = []): Holds {
    const h = new Holds();
    for (const l of links) {
      if (!h.linkedContact.has(l.contactId)) h.linkedContact.set(l.contactId, l.ufId);
      const k = emailKey(l.ufName);
      if (k !== '' && !h.linkedEmail.has(k)) h.linkedEmail.set(k, l.ufId);
    }
    for (const r of rows) h.add(r.user, r.decision);
    return h;
  }

  private add(u: User, d: Decision): void {
    const c = heldContact(d);
    if (c !== null && this.contact.get(c) == null) this.contact.set(c, u.ufId);
    if (holdsEmail(d) && u.emailKey !== '' && this.email.get(u.emailKey) == null) this.email.set(u.emailKey, u.ufId);
  }

  private remove(u: User, d: Decision): void {
    const c = heldContact(d);
    if (c !== null && this.contact.get(c) === u.ufId) this.contact.set(c, null);
    if (holdsEmail(d) && this.email.get(u.emailKey) === u.ufId) this.email.set(u.emailKey, null);
  }

  contactHolder(contactId: number): number | undefined {
    return this.linkedContact.get(contactId) ?? this.contact.get(contactId) ?? undefined;
  }

  /** Would giving `u` this decision make a second link to a contact or with an email? */
  conflict(u: User, d: Decision): Conflict | null {
    const c = heldContact(d);
    if (c !== null) {
      const linked = this.linkedContact.get(c);
      if (linked !== undefined && linked !== u.ufId) return { kind: 'contact', holder: linked };
      const holder = this.contact.get(c);
      if (holder != null && holder !== u.ufId) return { kind: 'contact', holder };
    }
    if (holdsEmail(d) && u.emailKey !== '') {
      const linked = this.linkedEmail.get(u.emailKey);
      if (linked !== undefined && linked !== u.ufId) return { kind: 'email', holder: linked };
      const holder = this.email.get(u.emailKey);
      if (holder != null && holder !== u.ufId) return { kind: 'email', holder };
    }
    return null;
  }

  /** Replace u's decision `from` by `to` (the caller checked `conflict` first). */
  change(u: User, from: Decision, to: Decision): void {
    this.remove(u, from);
    this.add(u, to);
  }
}
