/**
 * The order CiviCRM's batch takes the users in (src/match/batchOrder.ts): WordPress's
 * get_users() sorts by user_login under wp_users' collation, Drupal's and Joomla's queries
 * come in primary key order. It decides which of two users with one email CiviCRM links and
 * which gets the duplicate, whatever order the export is in.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { batchOrder, compareLogins } from '../../src/match/batchOrder.js';
import type { UserPlan } from '../../src/domain/decisions.js';
import { contact, dataset, user } from '../helpers/build.js';

const row = (rows: readonly UserPlan[], ufId: number) => rows.find((r) => r.user.ufId === ufId)!;
const sign = (n: number) => Math.sign(n);

describe('the batch order', () => {
  it('WordPress: by login, case-insensitive, punctuation before digits before letters; equal logins keep export order', () => {
    const logins = ['zed', 'Amy', 'amy_b', 'amyb', 'amy-c', '9lives', 'Émile', 'emil', 'AMY'];
    const users = logins.map((l, i) => user(i + 1, `${i}@example.org`, { username: l }));
    const order = batchOrder(users, 'wordpress')!;
    expect([...order].map((i) => logins[i])).toEqual(['9lives', 'Amy', 'AMY', 'amy_b', 'amy-c', 'amyb', 'emil', 'Émile', 'zed']);
  });

  it('WordPress: an export already in login order (wp user list) is taken as it is', () => {
    const users = ['adam', 'Bea', 'carl'].map((l, i) => user(10 - i, `${l}@example.org`, { username: l }));
    expect(batchOrder(users, 'wordpress')).toBeNull();
  });

  it('Drupal and Joomla: by uid / id', () => {
    const users = [user(5, 'a@example.org'), user(3, 'b@example.org'), user(4, 'c@example.org')];
    for (const p of ['drupal', 'joomla'] as const) expect([...batchOrder(users, p)!]).toEqual([1, 2, 0]);
    expect(batchOrder([users[1]!, users[2]!, users[0]!], 'drupal')).toBeNull();
  });

  it('compares ASCII logins by rank exactly as the collator does', () => {
    const collator = new Intl.Collator('und', { sensitivity: 'base' });
    const alphabet = ' _-.@0123456789aAbBzZ~$!';
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    for (let k = 0; k < 5000; k++) {
      const s = () => Array.from({ length: 1 + rnd(6) }, () => alphabet[rnd(alphabet.length)]).join('');
      const a = s();
      const b = s();
      expect(sign(compareLogins(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(sign(collator.compare(a, b)));
    }
  });

  it('WordPress: of two users with one email, CiviCRM links the first by login, not by ID', () => {
    const users = [user(1, 'pat@example.org', { username: 'zed' }), user(2, 'Pat@example.org', { username: 'amy' })];
    const plan = buildPlan(dataset(users, [contact(20, 'pat@example.org')], [], 'wordpress'));
    expect(row(plan.rows, 2).civicrm).toEqual({ kind: 'link', contactId: 20 });
    expect(row(plan.rows, 1).civicrm).toMatchObject({ kind: 'create-unlinked', conflictUfId: 2, takenContactId: 20 });
    // links.csv keeps the export order
    expect(plan.rows.map((r) => r.user.ufId)).toEqual([1, 2]);
  });

  it('Drupal: an export not in uid order is replayed in uid order', () => {
    const users = [user(7, 'pat@example.org'), user(3, 'pat@example.org')];
    const plan = buildPlan(dataset(users, [contact(20, 'pat@example.org')], [], 'drupal'));
    expect(row(plan.rows, 3).civicrm).toEqual({ kind: 'link', contactId: 20 });
    expect(row(plan.rows, 7).civicrm.kind).toBe('create-unlinked');
  });
});
