/**
 * The records ufmatch reasons about, as plain readonly data.
 * Loaders produce them; matching, deciding and writing consume them.
 */

import type { ContactList } from './contactList.js';

export type Platform = 'drupal' | 'wordpress' | 'joomla';
export const PLATFORMS: readonly Platform[] = ['drupal', 'wordpress', 'joomla'];

export type ContactType = 'Individual' | 'Organization' | 'Household' | string;

/** One CMS account, as exported. */
export interface User {
  /** CMS user id (uf_id). */
  readonly ufId: number;
  /** The email exactly as exported (this is what `uf_name` carries). */
  readonly email: string;
  /** lowercase(trim(email)): the key CiviCRM matches on; '' when empty. */
  readonly emailKey: string;
  readonly username: string;
  /** Name parts the CMS would pass to CiviCRM (see SPEC §3 item 4). */
  readonly firstName: string;
  readonly middleName: string;
  readonly lastName: string;
  /** Full display name as exported ('' for Drupal). */
  readonly displayName: string;
  /** True when the account is blocked / inactive, when the export says so. */
  readonly blocked: boolean;
  readonly registered: string;
  readonly lastLogin: string;
  readonly roles: string;
  /** 1-based line in the users file where the row starts (for messages). */
  readonly line: number;
  /**
   * Set (true) only for a user without an email for whom CiviCRM would pass no first or last
   * name either (WordPress: the export's first_name and last_name columns both empty; Joomla: an
   * empty name): CiviCRM's Contact create refuses such a contact.
   */
  readonly noNameForCivicrm?: true;
}

/** One email of a contact. */
export interface ContactEmail {
  readonly email: string;
  /** lowercase(trim(email)). */
  readonly key: string;
  readonly primary: boolean;
  /** The column or source it came from: 'Email', 'Home-Email', 'emails-file', … */
  readonly source: string;
}

/** One CiviCRM contact, as exported. */
export interface Contact {
  readonly id: number;
  readonly type: ContactType;
  readonly displayName: string;
  readonly firstName: string;
  readonly middleName: string;
  readonly lastName: string;
  readonly deleted: boolean;
  /** Mutable only while loading (the --emails file appends); frozen in spirit afterwards. */
  readonly emails: ContactEmail[];
  readonly line: number;
}

/** One existing civicrm_uf_match row. */
export interface ExistingLink {
  readonly ufId: number;
  readonly contactId: number;
  /** '' when the export has no uf_name column (or the cell is SQL NULL). */
  readonly ufName: string;
  /**
   * The export has the uf_name column and this link's is '' (spaces at most), not NULL: the
   * empty uf_name, which only one link in a domain can hold (CiviCRM gives it to a user
   * without an email on WordPress and Joomla).
   */
  readonly emptyUfName?: boolean;
  readonly domainId: number;
  readonly line: number;
}

/** Facts about an input file, for summary.json. */
export interface InputInfo {
  readonly path: string;
  readonly rows: number;
  readonly sha256: string;
}

export interface LoadedUsers {
  readonly platform: Platform;
  readonly users: readonly User[];
  readonly info: InputInfo;
}

export interface LoadedLinks {
  readonly links: readonly ExistingLink[];
  readonly info: InputInfo;
}

/** Everything the matcher needs. */
export interface Dataset {
  readonly platform: Platform;
  readonly domainId: number;
  readonly users: readonly User[];
  readonly contacts: ContactList;
  /** Links of the chosen domain only. */
  readonly links: readonly ExistingLink[];
  readonly inputs: {
    readonly users: InputInfo;
    readonly contacts: InputInfo;
    readonly links?: InputInfo;
    readonly emails?: InputInfo;
  };
}
