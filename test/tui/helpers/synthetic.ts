/**
 * A synthetic dataset of any size with every kind of case: exact links, existing links, new
 * contacts, typos, shared emails, trashed matches, users without email. Deterministic.
 */
import { buildPlan } from '../../../src/decide/plan.js';
import type { Plan } from '../../../src/domain/decisions.js';
import type { Contact, Dataset, ExistingLink, User } from '../../../src/domain/types.js';
import { contact, dataset, link, user } from '../../helpers/build.js';

const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lea', 'Mo', 'Nia', 'Oto', 'Pia'];

export function syntheticDataset(n: number): Dataset {
  const users: User[] = [];
  const contacts: Contact[] = [];
  const links: ExistingLink[] = [];
  let cid = 1;
  for (let i = 0; i < n; i++) {
    const first = FIRST[i % FIRST.length]!;
    // scattered surnames: neighbours must not be one letter apart, or every user gets name matches
    const last = `S${(Math.imul(i + 1, 2654435761) >>> 0).toString(36)}`;
    const email = `${first.toLowerCase()}.${i}@example${i % 97}.org`;
    const kind = i % 20;
    const names = { firstName: first, lastName: last, displayName: `${first} ${last}` };
    if (kind === 0) {
      users.push(user(i + 1, '', names));
      continue;
    }
    users.push(user(i + 1, email, names));
    if (kind <= 11) contacts.push(contact(cid++, email, names));
    else if (kind <= 13) {
      const c = contact(cid++, email, names);
      contacts.push(c);
      links.push(link(i + 1, c.id, email));
    } else if (kind === 14) contacts.push(contact(cid++, email.replace('@example', '@exampel'), names));
    else if (kind === 15) {
      contacts.push(contact(cid++, email, names));
      contacts.push(contact(cid++, email, { ...names, firstName: 'Other' }));
    } else if (kind === 16) contacts.push(contact(cid++, email, { ...names, deleted: true }));
    // 17–19: no contact: create
  }
  return dataset(users, contacts, links);
}

export function syntheticPlan(n: number): { plan: Plan; data: Dataset } {
  const data = syntheticDataset(n);
  return { plan: buildPlan(data), data };
}
