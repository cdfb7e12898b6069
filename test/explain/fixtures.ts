/** Hand-built datasets for the explain tests: each one raises exactly the case it is named for. */
import { buildPlan } from '../../src/decide/plan.js';
import type { Plan, UserPlan } from '../../src/domain/decisions.js';
import type { Contact, Dataset, ExistingLink, Platform, User } from '../../src/domain/types.js';
import { contactDirectory, type ContactDirectory } from '../../src/explain/contactDirectory.js';
import { explainUser } from '../../src/explain/explainUser.js';
import type { Explanation, FixStep } from '../../src/explain/model.js';
import { contact, dataset, link, user } from '../helpers/build.js';

export { contact, dataset, link, user };

export const person = (first: string, last: string): Partial<User> => ({
  firstName: first,
  lastName: last,
  displayName: `${first} ${last}`,
});
export const named = (first: string, last: string): Partial<Omit<Contact, 'emails'>> => ({
  firstName: first,
  lastName: last,
  displayName: `${first} ${last}`,
});

export interface Built {
  readonly data: Dataset;
  readonly plan: Plan;
  readonly contactsById: ContactDirectory;
  row(ufId: number): UserPlan;
  explain(ufId: number): Explanation;
}

export function build(
  users: readonly User[],
  contacts: readonly Contact[],
  links: readonly ExistingLink[] = [],
  platform: Platform = 'wordpress',
): Built {
  const data = dataset(users, contacts, links, platform);
  const plan = buildPlan(data);
  const contactsById = contactDirectory(data.contacts);
  const row = (ufId: number) => {
    const r = plan.rows.find((x) => x.user.ufId === ufId);
    if (!r) throw new Error(`no user ${ufId} in the test dataset`);
    return r;
  };
  return { data, plan, contactsById, row, explain: (ufId) => explainUser(plan, row(ufId), contactsById, links) };
}

/** All the words of the fix steps (and their SQL) for one code, or for the user as a whole (null). */
export function fixText(e: Explanation, code: FixStep['code'] | 'any' = 'any'): string {
  return e.fix
    .filter((s) => code === 'any' || s.code === code)
    .map((s) => `${s.text}\n${s.sql ?? ''}`)
    .join('\n');
}

export function sqlOf(e: Explanation): string[] {
  return e.fix.map((s) => s.sql).filter((s): s is string => s !== null);
}
