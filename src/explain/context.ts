/** What the words of an explanation may look up, besides the user's own plan row. */
import type { UserPlan } from '../domain/decisions.js';
import type { Contact, ExistingLink, Platform } from '../domain/types.js';
import type { LinkProblemKind } from './model.js';
import { userName } from './resolveQuery.js';
import { contactName } from './words.js';

export interface ExplainContext {
  readonly platform: Platform;
  readonly domainId: number;
  readonly row: UserPlan;
  /** The user's existing link in the domain, if any. */
  readonly link: ExistingLink | null;
  /** The user's further link rows in the domain (a uf_id on two rows: `link` is the first, which CiviCRM uses). */
  readonly moreLinks: readonly ExistingLink[];
  readonly linkProblems: readonly LinkProblemKind[];
  /** False when no --links file was given (ExplainLookups.linksGiven). */
  readonly linksGiven: boolean;
  contact(id: number): Contact | undefined;
  userRow(ufId: number): UserPlan | undefined;
  linkOf(ufId: number): ExistingLink | undefined;
  /** Another user holding the contact: by an existing link, else by ufmatch's decision. */
  holderOf(contactId: number): number | null;
  /** Another user linked to the contact by an existing link (not only in ufmatch's plan). */
  linkHolderOf(contactId: number): number | null;
  /** Another user whose existing link has this email as uf_name (case-insensitively, as the table's collation compares). */
  ufNameHolderOf(email: string): number | null;
  /** Plan.civicrmBatchStopsAt: the user at which CiviCRM's batch stops with an error, or null. */
  readonly batchStopsAt: number | null;
  /** Contacts carrying the user's email key, other than the linked one (in id order). */
  readonly emailHolders: readonly Contact[];
  /** Usable contacts with the user's name (looked up only when the user has no usable email). */
  readonly sameNameContacts: readonly Contact[];
}

/** "contact 130 (Daniel Okafor)" or "contact 141 (not in the contacts export)". */
export function cref(ctx: Pick<ExplainContext, 'contact'>, id: number): string {
  const c = ctx.contact(id);
  if (!c) return `contact ${id} (not in the contacts export)`;
  const name = contactName(c);
  return name ? `contact ${id} (${name})` : `contact ${id}`;
}

/**
 * "already linked to user 3 (…)" when an existing link holds the contact, "ufmatch links it to
 * user 3 (…)" when only ufmatch's plan gives it to that user; '' when it is free.
 */
export function heldWords(ctx: Pick<ExplainContext, 'holderOf' | 'linkHolderOf' | 'userRow'>, contactId: number): string {
  const hold = holdOf(ctx, contactId);
  if (hold === null) return '';
  return `${hold.byLink ? 'already linked to' : 'ufmatch links it to'} ${uref(ctx, hold.holder)}`;
}

/** Who else holds the contact, and whether by an existing link (else only in ufmatch's plan); null when it is free. */
export function holdOf(ctx: Pick<ExplainContext, 'holderOf' | 'linkHolderOf'>, contactId: number): { readonly holder: number; readonly byLink: boolean } | null {
  const holder = ctx.holderOf(contactId);
  return holder === null ? null : { holder, byLink: ctx.linkHolderOf(contactId) === holder };
}

/** "user 16 (Daniel Okafor, daniel.okafor@outlook.com)" or "user 77 (not in the users export)". */
export function uref(ctx: Pick<ExplainContext, 'userRow'>, ufId: number): string {
  const r = ctx.userRow(ufId);
  if (!r) return `user ${ufId} (not in the users export)`;
  const bits = [userName(r.user) || r.user.username, r.user.email.trim()].filter(Boolean);
  return bits.length > 0 ? `user ${ufId} (${bits.join(', ')})` : `user ${ufId}`;
}
