/**
 * Who holds which contact and which email under the current decisions — the rules that no
 * two links go to one contact nor carry one email (case-insensitively), as in
 * src/decide/holds.ts, but persistent: a change returns new holds in O(log n), sharing the
 * rest, so the review reducer stays pure and undo is free.
 *
 * Every contact a user could be linked to (a candidate or a current link) and every email
 * gets a slot once, up front; the holders of a slot are the plan's (a static array) unless a
 * change has replaced them (a sparse persistent trie).
 */
import type { Decision, UserPlan } from '../../domain/decisions.js';
import type { ExistingLink, User } from '../../domain/types.js';
import { emailKey } from '../../match/email.js';
import { heldContact, holdsEmail } from '../../decide/holds.js';
import { SparseTrie } from './sparseTrie.js';

export type Conflict =
  | { readonly kind: 'contact'; readonly holder: number }
  | { readonly kind: 'email'; readonly holder: number };

type UfIds = readonly number[];
const NONE: UfIds = [];

export { heldContact, holdsEmail };

interface Slots {
  readonly contact: ReadonlyMap<number, number>;
  readonly email: ReadonlyMap<string, number>;
  readonly baseContact: readonly (UfIds | undefined)[];
  readonly baseEmail: readonly (UfIds | undefined)[];
  /**
   * What the existing links hold in civicrm_uf_match whatever is decided: their contacts and
   * their uf_names, by uf_id (the first link's, per contact and per key). A user of the export
   * holds more through its link than through its `keep`: a uf_name it no longer has as its
   * email, or a second link row's contact — uf_match.sql's NOT EXISTS would insert nothing.
   */
  readonly linkedContact: ReadonlyMap<number, number>;
  readonly linkedEmail: ReadonlyMap<string, number>;
}

/** `holders` with `fixed` first, unless absent or among them. */
function withFixed(holders: UfIds, fixed: number | undefined): UfIds {
  return fixed === undefined || holders.includes(fixed) ? holders : [fixed, ...holders];
}

export class Holds {
  private constructor(
    private readonly slots: Slots,
    private readonly contactChanges: SparseTrie<UfIds>,
    private readonly emailChanges: SparseTrie<UfIds>,
  ) {}

  /** Holds of the plan's decisions, and of the existing links (of users in the export or not). */
  static fromRows(rows: readonly UserPlan[], links: readonly ExistingLink[] = []): Holds {
    const contact = new Map<number, number>();
    const email = new Map<string, number>();
    const baseContact: UfIds[] = [];
    const baseEmail: UfIds[] = [];
    const contactSlot = (id: number): number => {
      let s = contact.get(id);
      if (s === undefined) contact.set(id, (s = contact.size));
      return s;
    };
    const emailSlot = (key: string): number => {
      let s = email.get(key);
      if (s === undefined) email.set(key, (s = email.size));
      return s;
    };
    const hold = (list: UfIds[], slot: number, ufId: number): void => {
      const cur = list[slot];
      list[slot] = cur ? (cur.includes(ufId) ? cur : [...cur, ufId]) : [ufId];
    };
    const linkedContact = new Map<number, number>();
    const linkedEmail = new Map<string, number>();
    for (const l of links) {
      if (!linkedContact.has(l.contactId)) linkedContact.set(l.contactId, l.ufId);
      const k = emailKey(l.ufName);
      if (k !== '' && !linkedEmail.has(k)) linkedEmail.set(k, l.ufId);
    }
    for (const r of rows) {
      for (const c of r.candidates) contactSlot(c.contactId);
      const p = heldContact(r.proposal);
      if (p !== null) contactSlot(p);
      const d = r.decision;
      const c = heldContact(d);
      if (c !== null) hold(baseContact, contactSlot(c), r.user.ufId);
      if (r.user.emailKey !== '') {
        const s = emailSlot(r.user.emailKey);
        if (holdsEmail(d)) hold(baseEmail, s, r.user.ufId);
      }
    }
    const slots: Slots = { contact, email, baseContact, baseEmail, linkedContact, linkedEmail };
    return new Holds(slots, SparseTrie.empty(contact.size), SparseTrie.empty(email.size));
  }

  /** Users (uf_ids) holding the contact, through an existing link or a decision: normally none or one. */
  contactHolders(contactId: number): UfIds {
    return withFixed(this.decidedContact(contactId), this.slots.linkedContact.get(contactId));
  }

  /** The user whose existing link (civicrm_uf_match) holds the contact, if one does. */
  linkHolder(contactId: number): number | undefined {
    return this.slots.linkedContact.get(contactId);
  }

  emailHolders(key: string): UfIds {
    return withFixed(this.decidedEmail(key), this.slots.linkedEmail.get(key));
  }

  /** The holders of the contact by the decisions (what change() changes). */
  private decidedContact(contactId: number): UfIds {
    const s = this.slots.contact.get(contactId);
    if (s === undefined) return NONE;
    return this.contactChanges.get(s) ?? this.slots.baseContact[s] ?? NONE;
  }

  private decidedEmail(key: string): UfIds {
    const s = this.slots.email.get(key);
    if (s === undefined) return NONE;
    return this.emailChanges.get(s) ?? this.slots.baseEmail[s] ?? NONE;
  }

  /** Would giving `u` decision `d` make a second link to a contact or with an email? */
  conflict(u: User, d: Decision): Conflict | null {
    const c = heldContact(d);
    if (c !== null) {
      const other = this.contactHolders(c).find((id) => id !== u.ufId);
      if (other !== undefined) return { kind: 'contact', holder: other };
    }
    if (holdsEmail(d) && u.emailKey !== '') {
      const other = this.emailHolders(u.emailKey).find((id) => id !== u.ufId);
      if (other !== undefined) return { kind: 'email', holder: other };
    }
    return null;
  }

  /** Holds after `u`'s decision goes from `from` to `to`. */
  change(u: User, from: Decision, to: Decision): Holds {
    let contactChanges = this.contactChanges;
    let emailChanges = this.emailChanges;
    const before = heldContact(from);
    const after = heldContact(to);
    if (before !== after) {
      if (before !== null) contactChanges = this.putContact(contactChanges, before, this.decidedContact(before).filter((id) => id !== u.ufId));
      if (after !== null) {
        const cur = before === null ? this.decidedContact(after) : new Holds(this.slots, contactChanges, emailChanges).decidedContact(after);
        contactChanges = this.putContact(contactChanges, after, cur.includes(u.ufId) ? cur : [...cur, u.ufId]);
      }
    }
    const key = u.emailKey;
    if (key !== '' && holdsEmail(from) !== holdsEmail(to)) {
      const cur = this.decidedEmail(key);
      const next = holdsEmail(to) ? (cur.includes(u.ufId) ? cur : [...cur, u.ufId]) : cur.filter((id) => id !== u.ufId);
      emailChanges = emailChanges.set(this.slotOfEmail(key), next);
    }
    return new Holds(this.slots, contactChanges, emailChanges);
  }

  private putContact(t: SparseTrie<UfIds>, contactId: number, holders: UfIds): SparseTrie<UfIds> {
    const s = this.slots.contact.get(contactId);
    if (s === undefined) throw new Error(`contact ${contactId} is not a candidate of any user`);
    return t.set(s, holders);
  }

  private slotOfEmail(key: string): number {
    const s = this.slots.email.get(key);
    if (s === undefined) throw new Error(`email ${key} is not a user's email`);
    return s;
  }
}
