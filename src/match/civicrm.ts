/**
 * A simulation of CiviCRM's own linking (CRM_Core_BAO_UFMatch::synchronizeUFMatch, as run by
 * "Synchronize Users to Contacts"), one user at a time in export order, carrying the state the
 * batch builds up: links made earlier, contacts created earlier, and the table's unique keys
 * (uf_id, contact_id, uf_name case-insensitively, per domain).
 */
import type { CivicrmOutcome } from '../domain/decisions.js';
import type { ExistingLink, User } from '../domain/types.js';
import { emailKey, isValidEmailKey } from './email.js';

export class CivicrmBatch {
  private readonly contactHolder = new Map<number, number>();
  private readonly ufLinked = new Map<number, number>();
  private readonly ufNameHolder = new Map<string, number>();
  /** Email keys of contacts the batch itself created (they are primary emails). */
  private readonly created = new Set<string>();
  private nextNewContact = -1;

  constructor(links: readonly ExistingLink[]) {
    for (const l of links) {
      this.ufLinked.set(l.ufId, l.contactId);
      if (!this.contactHolder.has(l.contactId)) this.contactHolder.set(l.contactId, l.ufId);
      const n = emailKey(l.ufName);
      if (n !== '' && !this.ufNameHolder.has(n)) this.ufNameHolder.set(n, l.ufId);
    }
  }

  /**
   * @param pick the contact CiviCRM's email match returns among existing contacts (usable,
   *   primary first then lowest id), or null
   * @param pickIsPrimary whether that contact's matching email is its primary one
   */
  step(user: User, pick: number | null, pickIsPrimary: boolean): CivicrmOutcome {
    const linked = this.ufLinked.get(user.ufId);
    if (linked !== undefined) return { kind: 'keep', contactId: linked };
    const key = user.emailKey;
    if (key === '') return { kind: 'ignored', why: 'no-email' };
    if (!isValidEmailKey(key)) return { kind: 'ignored', why: 'invalid-email' };
    // A contact created earlier in this batch carries the key as its primary email: it beats a
    // non-primary match on an existing contact, and it is always already linked.
    const createdFirst = this.created.has(key) && (pick === null || !pickIsPrimary);
    const nameHolder = this.ufNameHolder.get(key);
    if (pick !== null && !createdFirst && !this.contactHolder.has(pick)) {
      if (nameHolder !== undefined) return { kind: 'link-failed', contactId: pick, conflictUfId: nameHolder };
      this.record(user.ufId, pick, key);
      return { kind: 'link', contactId: pick };
    }
    const taken = createdFirst ? null : pick;
    this.created.add(key);
    const newId = this.nextNewContact--;
    if (nameHolder !== undefined) {
      return { kind: 'create-unlinked', conflictUfId: nameHolder, takenContactId: taken };
    }
    this.record(user.ufId, newId, key);
    return { kind: 'create', takenContactId: taken };
  }

  private record(ufId: number, contactId: number, key: string): void {
    this.ufLinked.set(ufId, contactId);
    this.contactHolder.set(contactId, ufId);
    this.ufNameHolder.set(key, ufId);
  }

  /** Which user holds this contact in the batch so far (existing or made by the batch). */
  holderOf(contactId: number): number | undefined {
    return this.contactHolder.get(contactId);
  }
}
