/** Small builders for hand-made datasets in tests. */
import { emailKey } from '../../src/match/email.js';
import { contactList } from '../../src/domain/contactList.js';
import type { Contact, Dataset, ExistingLink, Platform, User } from '../../src/domain/types.js';

let line = 2;

export function user(ufId: number, email: string, extra: Partial<User> = {}): User {
  return {
    ufId,
    email,
    emailKey: emailKey(email),
    username: `user${ufId}`,
    firstName: '',
    middleName: '',
    lastName: '',
    displayName: '',
    blocked: false,
    registered: '',
    lastLogin: '',
    roles: '',
    line: line++,
    ...extra,
  };
}

export function contact(
  id: number,
  emails: string | readonly (string | { email: string; primary?: boolean })[],
  extra: Partial<Omit<Contact, 'emails'>> = {},
): Contact {
  const list = typeof emails === 'string' ? [emails] : emails;
  return {
    id,
    type: 'Individual',
    displayName: '',
    firstName: '',
    middleName: '',
    lastName: '',
    deleted: false,
    line: line++,
    ...extra,
    emails: list.map((e, i) => {
      const email = typeof e === 'string' ? e : e.email;
      const primary = typeof e === 'string' ? i === 0 : (e.primary ?? i === 0);
      return { email, key: emailKey(email), primary, source: primary ? 'Email' : 'Work-Email' };
    }),
  };
}

export function link(ufId: number, contactId: number, ufName = '', domainId = 1): ExistingLink {
  return { ufId, contactId, ufName, domainId, line: line++ };
}

export function dataset(
  users: readonly User[],
  contacts: readonly Contact[],
  links: readonly ExistingLink[] = [],
  platform: Platform = 'wordpress',
): Dataset {
  const info = { path: 'test', rows: 0, sha256: '' };
  return { platform, domainId: 1, users, contacts: contactList(contacts), links, inputs: { users: info, contacts: info } };
}
