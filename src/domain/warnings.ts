/**
 * Warnings: a code-tagged union with readonly fields (the shape zod gives its issues).
 * The TUI, the CSV writers, --json and `explain` all switch on `code`.
 */

export const WARNING_CODES = [
  'email-typo',
  'alias-email',
  'name-match',
  'shared-email',
  'deleted-match',
  'non-individual-match',
  'contact-taken',
  'duplicate-user-email',
  'stale-link',
  'orphan-link',
  'no-email',
  'invalid-email',
] as const;

export type WarningCode = (typeof WARNING_CODES)[number];

/** ★ in SPEC §4: a strong warning stops automatic link/create. */
export const STRONG_WARNINGS: ReadonlySet<WarningCode> = new Set<WarningCode>([
  'email-typo',
  'alias-email',
  'name-match',
  'deleted-match',
  'non-individual-match',
  'contact-taken',
  'duplicate-user-email',
]);

export function isStrong(code: WarningCode): boolean {
  return STRONG_WARNINGS.has(code);
}

interface WarningBase {
  /** The user the warning is about (for orphan-link: the link's uf_id). */
  readonly ufId: number;
  /** The contact it points at, if any. */
  readonly contactId: number | null;
  /** The other user it points at, if any. */
  readonly otherUfId: number | null;
  /** Similarity in [0,1]: how sure ufmatch is that the pointed-at record is the same person. */
  readonly score: number;
  /** One line for a person, including what CiviCRM would do. */
  readonly detail: string;
}

export interface EmailTypoWarning extends WarningBase {
  readonly code: 'email-typo';
  readonly contactId: number;
  readonly contactEmail: string;
  readonly part: 'local' | 'domain';
  readonly distance: number;
  /** Both names known and different (predicates.namesDiffer): maybe another person's address. */
  readonly namesDiffer: boolean;
}
export type AliasRule = 'plus-tag' | 'gmail-dots' | 'googlemail';
export interface AliasEmailWarning extends WarningBase {
  readonly code: 'alias-email';
  readonly contactId: number;
  readonly contactEmail: string;
  readonly rules: readonly AliasRule[];
}
export interface NameMatchWarning extends WarningBase {
  readonly code: 'name-match';
  readonly contactId: number;
  readonly contactName: string;
  readonly contactEmail: string;
}
export interface SharedEmailWarning extends WarningBase {
  readonly code: 'shared-email';
  /** The usable contacts carrying the email, in CiviCRM's order: the first SHARED_IDS_LISTED of them. */
  readonly contactIds: readonly number[];
  /** How many usable contacts carry it (contactIds lists the first). */
  readonly contactCount: number;
}
export interface DeletedMatchWarning extends WarningBase {
  readonly code: 'deleted-match';
  readonly contactId: number;
  /** Whether it is the only contact carrying the user's email (else others do, none usable). */
  readonly alone: boolean;
}
export interface NonIndividualMatchWarning extends WarningBase {
  readonly code: 'non-individual-match';
  readonly contactId: number;
  readonly contactType: string;
  /** As DeletedMatchWarning's. */
  readonly alone: boolean;
}
export interface ContactTakenWarning extends WarningBase {
  readonly code: 'contact-taken';
  readonly contactId: number;
  /** The user already holding the contact. */
  readonly otherUfId: number;
  /**
   * By an existing link, by ufmatch's own link for a user earlier in the file, or kept for an
   * earlier user in review whose exact email picks it (Claims.reserve).
   */
  readonly via: 'link' | 'plan' | 'review';
}
export interface DuplicateUserEmailWarning extends WarningBase {
  readonly code: 'duplicate-user-email';
  readonly otherUfId: number;
  /** 'user': another user exports the same email; 'link': another user's existing link has it as uf_name. */
  readonly via: 'user' | 'link';
}
export interface StaleLinkWarning extends WarningBase {
  readonly code: 'stale-link';
  readonly contactId: number;
  readonly why: 'contact-lacks-email' | 'uf-name-differs' | 'contact-deleted';
}
export interface OrphanLinkWarning extends WarningBase {
  readonly code: 'orphan-link';
  readonly missing: 'contact' | 'user';
}
export interface NoEmailWarning extends WarningBase {
  readonly code: 'no-email';
}
export interface InvalidEmailWarning extends WarningBase {
  readonly code: 'invalid-email';
  readonly email: string;
}

export type Warning =
  | EmailTypoWarning
  | AliasEmailWarning
  | NameMatchWarning
  | SharedEmailWarning
  | DeletedMatchWarning
  | NonIndividualMatchWarning
  | ContactTakenWarning
  | DuplicateUserEmailWarning
  | StaleLinkWarning
  | OrphanLinkWarning
  | NoEmailWarning
  | InvalidEmailWarning;

export type WarningOf<C extends WarningCode> = Extract<Warning, { code: C }>;
