/**
 * A simulation of CiviCRM's own linking (CRM_Core_BAO_UFMatch::synchronizeUFMatch, as run by
 * "Synchronize Users to Contacts"), one user at a time in the batch's order (batchOrder.ts), carrying the state the
 * batch builds up: links made earlier, contacts created earlier, and the table's unique keys
 * (uf_id, contact_id, uf_name case-insensitively, per domain).
 */
import type { CivicrmOutcome } from '../domain/decisions.js';
import type { ExistingLink, Platform, User } from '../domain/types.js';
import type { UserKeys } from './userKeys.js';

const LINKED = 1;
const ORPHAN = 2;

export class CivicrmBatch {
  private readonly contactHolder = new Map<number, number>();
  private readonly ufLinked = new Map<number, number>();
  /** Per user key number (userKeys.ts): the uf_id holding it as uf_name, or -1. */
  private readonly ufNameHolder: Float64Array;
  /**
   * Per user key number: the first contact the batch itself created with it (its primary
   * email): 0 none, LINKED, or ORPHAN (its link failed: the user is unlinked).
   */
  private readonly created: Uint8Array;
  /** Per user key number: the uf_id of the user the batch created the ORPHAN contact for. */
  private readonly orphanFor: Float64Array;
  /** The uf_id holding the empty uf_name (a user without an email that the batch linked), or -1. */
  private emptyHolder = -1;
  /** The position of the next user (the batch goes through them in order). */
  private next = 0;
  /** The uf_id of the first user whose contact create fails (the batch stops there), or null. */
  stopsAt: number | null = null;

  /**
   * @param keys the users' keys numbered, with these links' (a uf_name no user has can hold nothing a user asks for)
   * @param platform Drupal's batch leaves out users without an email (`mail != ''`); WordPress's
   *   walks every user, and so does Joomla's (its `where($mail != '')` is `where(true)` in PHP)
   * @param order the positions of the users in the order the batch takes them (batchOrder.ts), null for export order
   */
  constructor(
    links: readonly ExistingLink[],
    private readonly users: readonly User[],
    private readonly keys: UserKeys,
    private readonly platform: Platform,
    private readonly order: Int32Array | null = null,
  ) {
    if (keys.ofLink.length !== links.length) throw new Error('CivicrmBatch: the keys were numbered with other links');
    this.ufNameHolder = new Float64Array(keys.count).fill(-1);
    this.created = new Uint8Array(keys.count);
    this.orphanFor = new Float64Array(keys.count);
    links.forEach((l, j) => {
      // a uf_id on two rows: CiviCRM's look-up (find(TRUE) on uf_id) takes the first, as the plan does
      if (!this.ufLinked.has(l.ufId)) this.ufLinked.set(l.ufId, l.contactId);
      if (!this.contactHolder.has(l.contactId)) this.contactHolder.set(l.contactId, l.ufId);
      const k = keys.ofLink[j]!;
      if (k >= 0 && this.ufNameHolder[k] === -1) this.ufNameHolder[k] = l.ufId;
      if (l.emptyUfName && this.emptyHolder === -1) this.emptyHolder = l.ufId;
    });
  }

  /**
   * The next user's outcome (users come in the batch's order, each once).
   * @param pick the contact CiviCRM's email match returns among existing contacts (usable,
   *   primary first then lowest id), or null
   * @param pickIsPrimary whether that contact's matching email is its primary one
   *
   * CiviCRM does not check that the address is valid (the check went in 5.28): an invalid
   * one is matched and created with like any other.
   */
  step(user: User, pick: number | null, pickIsPrimary: boolean): CivicrmOutcome {
    const s = this.next++;
    const i = this.order ? this.order[s]! : s;
    if (this.users[i] !== user) throw new Error(`CivicrmBatch: user ${user.ufId} out of order`);
    const linked = this.ufLinked.get(user.ufId);
    if (linked !== undefined) return { kind: 'keep', contactId: linked };
    const k = this.keys.of[i]!;
    if (k < 0) return this.withoutEmail(user);
    // A contact created earlier in this batch carries the key as its primary email: it beats a
    // non-primary match on an existing contact (and loses to a primary one, whose id is lower).
    const createdFirst = this.created[k] !== 0 && (pick === null || !pickIsPrimary);
    const holder = this.ufNameHolder[k]!;
    if (createdFirst && this.created[k] === ORPHAN) {
      // that contact is linked to no one, so CiviCRM takes it: the link fails on uf_name again
      return { kind: 'link-failed', contactId: null, conflictUfId: holder, orphanOf: this.orphanFor[k]! };
    }
    if (pick !== null && !createdFirst && !this.contactHolder.has(pick)) {
      if (holder >= 0) return { kind: 'link-failed', contactId: pick, conflictUfId: holder, orphanOf: null };
      this.record(user.ufId, pick, k);
      return { kind: 'link', contactId: pick };
    }
    const taken = createdFirst ? null : pick;
    const takenBy = taken !== null ? (this.contactHolder.get(taken) ?? null) : null;
    const newId = this.nextNewContact--;
    if (holder >= 0) {
      // later loads pick this orphan, unless a linked contact comes first again: a primary
      // match (lower id), or the contact the batch created and linked for an earlier user
      const repeats = (pick !== null && pickIsPrimary) || this.created[k] === LINKED;
      if (this.created[k] === 0) {
        this.created[k] = ORPHAN;
        this.orphanFor[k] = user.ufId;
      }
      return { kind: 'create-unlinked', conflictUfId: holder, takenContactId: taken, takenBy, repeats };
    }
    if (this.created[k] === 0) this.created[k] = LINKED;
    this.record(user.ufId, newId, k);
    return { kind: 'create', takenContactId: taken, takenBy };
  }

  /**
   * A user without an email: Drupal's batch leaves them out; WordPress's and Joomla's create a
   * contact with no email (never found again) and link it with an empty uf_name, which only the
   * first such user can hold.
   */
  private withoutEmail(user: User): CivicrmOutcome {
    if (this.platform === 'drupal') return { kind: 'ignored', why: 'no-email' };
    if (user.noNameForCivicrm) {
      // no email, no first or last name: Contact create throws, and nothing is made or held
      if (this.stopsAt === null) this.stopsAt = user.ufId;
      return { kind: 'create-failed' };
    }
    const newId = this.nextNewContact--;
    if (this.emptyHolder >= 0) return { kind: 'create-unlinked', conflictUfId: this.emptyHolder, takenContactId: null, takenBy: null, repeats: true };
    this.emptyHolder = user.ufId;
    this.ufLinked.set(user.ufId, newId);
    this.contactHolder.set(newId, user.ufId);
    return { kind: 'create', takenContactId: null, takenBy: null };
  }

  private nextNewContact = -1;

  private record(ufId: number, contactId: number, k: number): void {
    this.ufLinked.set(ufId, contactId);
    this.contactHolder.set(contactId, ufId);
    this.ufNameHolder[k] = ufId;
  }

  /** Which user holds this contact in the batch so far (existing or made by the batch). */
  holderOf(contactId: number): number | undefined {
    return this.contactHolder.get(contactId);
  }
}
