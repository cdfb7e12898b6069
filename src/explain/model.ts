/**
 * The `explain` answer (SPEC §7) as plain readonly data. `--json` prints exactly this model
 * (inside the envelope of json.ts), so its keys are snake_case like summary.json's and the
 * CSV outputs' (`uf_id`, `contact_id`, `domain_id`). The text renderer prints the same data.
 */
import type { Action, CandidateBasis, CivicrmKind, DecidedBy, Reason } from '../domain/decisions.js';
import type { Platform } from '../domain/types.js';
import type { Warning, WarningCode } from '../domain/warnings.js';

/** Version of the JSON shape: bumped when a key changes meaning or disappears. */
export const EXPLAIN_SCHEMA = 'ufmatch.explain/1';

/** camelCase → snake_case at the type level (`otherUfId` → `other_uf_id`). */
export type Snake<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}`
  : S;
export type SnakeKeys<T> = { readonly [K in keyof T as K extends string ? Snake<K> : K]: T[K] };

export interface UserView {
  readonly uf_id: number;
  readonly username: string;
  /** Exactly as exported (this is what uf_name carries), spaces and case included. */
  readonly email: string;
  /** lowercase(trim(email)): the key CiviCRM matches on. */
  readonly email_key: string;
  /** The person's name as ufmatch reads it ('' when the export has none, e.g. Drupal). */
  readonly name: string;
  readonly first_name: string;
  readonly middle_name: string;
  readonly last_name: string;
  readonly display_name: string;
  readonly blocked: boolean;
  readonly registered: string;
  readonly last_login: string;
  readonly roles: string;
  /** Line of the users file where the row starts. */
  readonly line: number;
}

export interface ContactEmailView {
  readonly email: string;
  readonly primary: boolean;
  /** Column or file it came from: `Email`, `Home-Email`, `emails-file`, … */
  readonly source: string;
}

export interface ContactView {
  readonly id: number;
  readonly type: string;
  readonly display_name: string;
  readonly first_name: string;
  readonly middle_name: string;
  readonly last_name: string;
  readonly in_trash: boolean;
  readonly emails: readonly ContactEmailView[];
}

export const LINK_PROBLEMS = ['contact-missing', 'contact-in-trash', 'contact-lacks-email', 'uf-name-differs'] as const;
export type LinkProblemKind = (typeof LINK_PROBLEMS)[number];

export interface LinkProblem {
  readonly kind: LinkProblemKind;
  readonly text: string;
}

/** The user's existing civicrm_uf_match row in the chosen domain, and whether it is sound. */
export interface LinkView {
  readonly contact_id: number;
  /** '' when the export has no uf_name column. */
  readonly uf_name: string;
  readonly domain_id: number;
  /** Line of the links file. */
  readonly line: number;
  readonly sound: boolean;
  readonly problems: readonly LinkProblem[];
  /** null when the contact is not in the contacts export. */
  readonly contact: ContactView | null;
  /** The user's further rows in civicrm_uf_match for the domain (a uf_id on two rows: this link is the first, which CiviCRM uses). */
  readonly more_rows: readonly { readonly contact_id: number; readonly uf_name: string; readonly line: number }[];
}

export interface CandidateView {
  readonly contact_id: number;
  readonly score: number;
  readonly basis: CandidateBasis;
  /** Why it is a candidate, in words. */
  readonly why: string;
  /** The contact's email that matched ('' for a name match on a contact without email). */
  readonly email: string;
  readonly email_source: string;
  readonly primary_email: boolean;
  /** Usable by CiviCRM: an Individual, not in the trash. */
  readonly usable: boolean;
  readonly name_agrees: boolean;
  /** Another user linked to this contact (existing link) or proposed for it by ufmatch, if any. */
  readonly held_by_uf_id: number | null;
  readonly contact: ContactView | null;
}

/** A warning: its own fields in snake_case, plus whether it is strong (★) and the words. */
export type WarningView = Warning extends infer W
  ? W extends Warning
    ? SnakeKeys<W> & { readonly strong: boolean; readonly explanation: string }
    : never
  : never;

export interface DecisionView {
  readonly action: Action;
  readonly contact_id: number | null;
  readonly reason: Reason;
  readonly decided_by: DecidedBy;
  readonly text: string;
}

/** What CiviCRM's own linking does with this user, on this platform, and when. */
export type CivicrmConsequence =
  | 'keeps-link'
  | 'links'
  | 'link-fails'
  | 'creates-contact'
  | 'creates-duplicate'
  | 'creates-orphans'
  | 'fails-with-error'
  | 'does-nothing';

export interface CivicrmView {
  readonly platform: Platform;
  readonly platform_label: string;
  /** When CiviCRM's automatic linking runs on this platform. */
  readonly runs: string;
  readonly outcome: {
    readonly kind: CivicrmKind;
    readonly contact_id: number | null;
    readonly taken_contact_id: number | null;
    /** The user CiviCRM finds holding taken_contact_id (by an existing link, or linked earlier in its batch). */
    readonly taken_by_uf_id: number | null;
    readonly conflict_uf_id: number | null;
  };
  readonly consequence: CivicrmConsequence;
  /** The contact a new CiviCRM contact would duplicate, when ufmatch knows it. */
  readonly duplicates_contact_id: number | null;
  /** True when the failure comes back each time the sync runs (endless duplicates or failed links). */
  readonly repeats: boolean;
  /** True when each time makes another new contact (not only another failed link). */
  readonly multiplies: boolean;
  readonly text: string;
}

export interface FixStep {
  /** The warning the step settles; null for a step about the user as a whole. */
  readonly code: WarningCode | null;
  readonly text: string;
  /** A statement to run against CiviCRM's database, values quoted safely; null when none. */
  readonly sql: string | null;
}

export interface Explanation {
  readonly platform: Platform;
  readonly domain_id: number;
  /** One sentence: what is wrong (or that nothing is). */
  readonly headline: string;
  readonly user: UserView;
  readonly link: LinkView | null;
  /** False when no --links file was given: `link` null then means the link is not known, not that there is none. */
  readonly links_given?: boolean;
  readonly candidates: readonly CandidateView[];
  /** Contacts that were candidates too but are not listed (the plan keeps the best MAX_CANDIDATES): 0 but for a placeholder email. */
  readonly more_candidates: number;
  readonly warnings: readonly WarningView[];
  /** The current decision (differs from `proposal` when --decisions replayed one). */
  readonly decision: DecisionView;
  /** What ufmatch proposed automatically. */
  readonly proposal: DecisionView;
  readonly civicrm: CivicrmView;
  readonly fix: readonly FixStep[];
}

/** One line of a list of several hits. */
export interface HitView {
  readonly uf_id: number;
  readonly username: string;
  readonly email: string;
  readonly name: string;
  readonly action: Action;
  readonly contact_id: number | null;
  readonly warnings: readonly WarningCode[];
}

export interface NearestView {
  readonly uf_id: number;
  readonly username: string;
  readonly email: string;
  readonly name: string;
  readonly distance: number;
}
