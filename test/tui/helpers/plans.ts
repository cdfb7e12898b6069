/** A small hand-made plan with one user of each kind the review has to handle. */
import { buildPlan } from '../../../src/decide/plan.js';
import type { Plan } from '../../../src/domain/decisions.js';
import type { Dataset } from '../../../src/domain/types.js';
import { reviewModel, type ReviewModel } from '../../../src/tui/state/model.js';
import { contact, dataset, link, user } from '../../helpers/build.js';

export const UF = {
  sharedEmail: 1, // two contacts carry ann@x.org, neither with her name: review
  exact: 2, // one contact: link automatically
  fresh: 3, // no contact: create
  linked: 4, // existing link: keep
  noEmail: 5, // skip
  trashed: 6, // the only match is in the trash: review, candidate unusable
  dupA: 8, // fay@x.org, twice: both review
  dupB: 9,
  taken: 10, // its contact is linked to user 11: review
  holder: 11,
  takenByOutsider: 12, // its contact is linked to user 99, not in the export
} as const;

export function sampleDataset(): Dataset {
  const users = [
    user(1, 'ann@x.org', { firstName: 'Ann', lastName: 'Lee' }),
    user(2, 'bob@x.org', { firstName: 'Bob', lastName: 'Stone' }),
    user(3, 'cat@x.org', { firstName: 'Cat', lastName: 'Ng' }),
    user(4, 'dan@x.org', { firstName: 'Dan', lastName: 'Oak' }),
    user(5, '', { firstName: 'No', lastName: 'Mail' }),
    user(6, 'eve@x.org', { firstName: 'Eve', lastName: 'Moss' }),
    user(8, 'fay@x.org', { firstName: 'Fay', lastName: 'Rowe' }),
    user(9, 'Fay@X.org', { firstName: 'Fay', lastName: 'Rowe' }),
    user(10, 'gil@x.org', { firstName: 'Gil', lastName: 'Hart' }),
    user(11, 'gil.old@x.org', { firstName: 'Gil', lastName: 'Hart' }),
    user(12, 'hal@x.org', { firstName: 'Hal', lastName: 'Wood' }),
  ];
  const contacts = [
    contact(101, 'ann@x.org', { firstName: 'Anna', lastName: 'Bell' }),
    contact(102, 'ann@x.org', { firstName: 'Annie', lastName: 'Cole' }),
    contact(201, 'bob@x.org', { firstName: 'Bob', lastName: 'Stone' }),
    contact(401, 'dan@x.org', { firstName: 'Dan', lastName: 'Oak' }),
    contact(601, 'eve@x.org', { firstName: 'Eve', lastName: 'Moss', deleted: true }),
    contact(801, 'fay@x.org', { firstName: 'Fay', lastName: 'Rowe' }),
    contact(1001, 'gil@x.org', { firstName: 'Gil', lastName: 'Hart' }),
    contact(1201, 'hal@x.org', { firstName: 'Hal', lastName: 'Wood' }),
  ];
  const links = [link(4, 401, 'dan@x.org'), link(11, 1001, 'gil.old@x.org'), link(99, 1201, 'old@x.org')];
  return dataset(users, contacts, links);
}

export function samplePlan(): { plan: Plan; data: Dataset; model: ReviewModel } {
  const data = sampleDataset();
  const plan = buildPlan(data);
  return { plan, data, model: reviewModel(plan, data.contacts, data.links, 'out') };
}

export function rowOf(plan: Plan, ufId: number): number {
  const i = plan.rows.findIndex((r) => r.user.ufId === ufId);
  if (i < 0) throw new Error(`no user ${ufId}`);
  return i;
}
