/** One-phrase descriptions of what CiviCRM does, used in warning details and `explain`. */
import type { CivicrmOutcome } from '../domain/decisions.js';
import { REPEATS, SYNC_WHEN, SYNC_WHEN_REPEATING } from '../domain/platform.js';
import type { Platform } from '../domain/types.js';

/** @param hasEmail false for a user without an email, whose uf_name is the empty one */
export function describeCivicrm(o: CivicrmOutcome, platform: Platform, hasEmail = true): string {
  const when = SYNC_WHEN[platform];
  const again = SYNC_WHEN_REPEATING[platform];
  const held = hasEmail ? 'holds this email' : 'holds the empty uf_name';
  switch (o.kind) {
    case 'keep':
      return `CiviCRM keeps the existing link to contact ${o.contactId}`;
    case 'link':
      return `CiviCRM would link contact ${o.contactId} ${when}`;
    case 'link-failed':
      return o.orphanOf !== null
        ? `CiviCRM would pick the contact it created, unlinked, for user ${o.orphanOf}'s email ${again} but the link fails: user ${o.conflictUfId ?? '?'} already holds this email as uf_name (no further contact is created)`
        : `CiviCRM would pick contact ${o.contactId} ${again} but the link fails: user ${o.conflictUfId ?? '?'} already holds this email as uf_name`;
    case 'create':
      return o.takenContactId !== null
        ? `CiviCRM would pick contact ${o.takenContactId}, find it linked to ${o.takenBy !== null ? `user ${o.takenBy}` : 'another user'}, and create a duplicate contact ${when}`
        : `CiviCRM would create a new contact ${when}`;
    case 'create-unlinked':
      return o.repeats
        ? `CiviCRM would create a new contact ${again} and fail to link it (user ${o.conflictUfId ?? '?'} ${held}), creating another one ${REPEATS[platform]}`
        : `CiviCRM would create a new contact ${again} and fail to link it (user ${o.conflictUfId ?? '?'} ${held}); later it finds that contact and only the link fails again`;
    case 'ignored':
      return "CiviCRM's batch skips a user without an email: the user is never linked";
    case 'create-failed':
      return `CiviCRM would try to create a contact ${when} and fail with an error (no email and no first or last name: its Contact create refuses such a contact), so the user is never linked; its Synchronize Users batch stops with that error at the first such user in its order`;
  }
}
