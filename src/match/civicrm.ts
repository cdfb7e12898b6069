/**
 * A simulation of CiviCRM's own linking (CRM_Core_BAO_UFMatch::synchronizeUFMatch, as run by
 * "Synchronize Users to Contacts"), one user at a time in export order, carrying the state the
 * batch builds up: links made earlier, contacts created earlier, and the table's unique keys
 * (uf_id, contact_id, uf_name case-insensitively, per domain).
 */
import type { CivicrmOutcome } from '../domain/decisions.js';
import type { ExistingLink, User } from '../domain/types.js';
import type { UserKeys } from './userKeys.js';

export class CivicrmBatch {
  private readonly contactHolder = new Map<number, number>();
  private readonly ufLinked = new Map<number, number>();
  /** Per user key number (userKeys.ts): the uf_id holding it as uf_name, or -1. */
  private readonly ufNameHolder: Float64Array;
  /** Per user key number: 1 when the batch itself created a contact with it (a primary email). */
  private readonly created: Uint8Array;
  /** The position of the next user (the batch goes through them in order). */
  private next = 0;

  /** @param keys the users' keys numbered, with these links' (a uf_name no user has can hold nothing a user asks for) */
  constructor(
    links: readonly ExistingLink[],
    private readonly users: readonly User[],
    private readonly keys: UserKeys,
  ) {
    if (keys.ofLink.length !== links.length) throw new Error('CivicrmBatch: the keys were numbered with other links');
    this.ufNameHolder = new Float64Array(keys.count).fill(-1);
    this.created = new Uint8Array(keys.count);
    links.forEach((l, j) => {
      this.ufLinked.set(l.ufId, l.contactId);
      if (!this.contactHolder.has(l.contactId)) this.contactHolder.set(l.contactId, l.ufId);
      const k = keys.ofLink[j]!;
      if (k >= 0 && this.ufNameHolder[k] === -1) this.ufNameHolder[k] = l.ufId;
    });
  }

  /**
   * The next user's outcome (users come in export order, each once).
   * @param pick the contact CiviCRM's email match returns among existing contacts (usable,
   *   primary first then lowest id), or null
   * @param pickIsPrimary whether that contact's matching email is its primary one
   */
  step(user: User, pick: number | null, pickIsPrimary: boolean): CivicrmOutcome {
    const i = this.next++;
    if (this.users[i] !== user) throw new Error(`CivicrmBatch: user ${user.ufId} out of order`);
    const linked = this.ufLinked.get(user.ufId);
    if (linked !== undefined) return { kind: 'keep', contactId: linked };
    const k = this.keys.of[i]!;
    if (k < 0) return { kind: 'ignored', why: 'no-email' };
    if (this.keys.valid[k] !== 1) return { kind: 'ignored', why: 'invalid-email' };
    // A contact created earlier in this batch carries the key as its primary email: it beats a
    // non-primary match on an existing contact, and it is always already linked.
    const createdFirst = this.created[k] === 1 && (pick === null || !pickIsPrimary);
    const holder = this.ufNameHolder[k]!;
    if (pick !== null && !createdFirst && !this.contactHolder.has(pick)) {
      if (holder >= 0) return { kind: 'link-failed', contactId: pick, conflictUfId: holder };
      this.record(user.ufId, pick, k);
      return { kind: 'link', contactId: pick };
    }
    const taken = createdFirst ? null : pick;
    this.created[k] = 1;
    const newId = this.nextNewContact--;
    if (holder >= 0) {
      return { kind: 'create-unlinked', conflictUfId: holder, takenContactId: taken };
    }
    this.record(user.ufId, newId, k);
    return { kind: 'create', takenContactId: taken };
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
