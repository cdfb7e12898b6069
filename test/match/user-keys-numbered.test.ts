/**
 * UserKeys numbers the users' email keys in export order (the plan's and CiviCRM batch's
 * per-key state is kept by these numbers): one number per distinct key, -1 without an email,
 * the first user of each key, its validity, and a look-up that finds only users' keys; or it
 * takes the numbers the index's look-ups gave the same keys.
 */
import { describe, expect, it } from 'vitest';
import { CivicrmBatch } from '../../src/match/civicrm.js';
import { lookupsFor } from '../../src/match/contactIndex.js';
import { UserKeys } from '../../src/match/userKeys.js';
import { user } from '../helpers/build.js';

describe('the users’ email keys, numbered', () => {
  const users = [user(1, 'Ann@Example.org'), user(2, ''), user(3, 'bo@x.org'), user(4, 'ann@example.org'), user(5, 'not an email'), user(6, 'bo@x.org')];
  const keys = new UserKeys(users);

  it('gives each distinct key a number in the order it first comes, and -1 to a user without an email', () => {
    expect([...keys.of]).toEqual([0, -1, 1, 0, 2, 1]);
    expect(keys.count).toBe(3);
    expect([...keys.firstUser]).toEqual([0, 2, 4]);
  });

  it('knows which users have valid addresses', () => {
    expect(users.map((_, i) => keys.validAt(i))).toEqual([true, false, true, true, false, true]);
  });

  it('numbers addresses one under the database\'s collation as one key, and asks each unfolded whether it is valid', () => {
    const accents = [user(1, 'zoe@x.org'), user(2, 'Zoë@X.org'), user(3, 'straße@x.de'), user(4, 'STRASSE@x.de')];
    const k = new UserKeys(accents);
    expect([...k.of]).toEqual([0, 0, 1, 1]);
    expect(accents.map((_, i) => k.validAt(i))).toEqual([true, false, false, true]);
  });

  it('finds a key only when a user has it, a link’s uf_name included', () => {
    expect(keys.find('bo@x.org')).toBe(1);
    expect(keys.find('nobody@x.org')).toBe(-1);
    expect(keys.find('')).toBe(-1);
    const link = (ufName: string) => ({ ufId: 9, contactId: 9, ufName, domainId: 1, line: 2 });
    const withLinks = new UserKeys(users, [link(' BO@x.org '), link('nobody@x.org'), link('')]);
    expect([...withLinks.ofLink]).toEqual([1, -1, -1]);
    expect(() => new CivicrmBatch([link('bo@x.org')], users, keys)).toThrow(/other links/);
  });

  it('takes the numbers the look-ups gave the keys, with the same meaning, when built for these users', () => {
    const lookups = lookupsFor(users.map((u) => u.emailKey));
    const link = (ufName: string) => ({ ufId: 9, contactId: 9, ufName, domainId: 1, line: 2 });
    const byTable = new UserKeys(users, [link(' BO@x.org '), link('nobody@x.org')], lookups);
    expect(byTable.of).toBe(lookups.userKeyNumbers);
    // the same users share a number, the same one a link's uf_name finds; no number for no email
    expect(byTable.of[0]).toBe(byTable.of[3]);
    expect(byTable.of[2]).toBe(byTable.of[5]);
    expect(byTable.of[1]).toBe(-1);
    expect([...byTable.ofLink]).toEqual([byTable.of[2], -1]);
    expect(users.map((_, i) => byTable.validAt(i))).toEqual(users.map((_, i) => keys.validAt(i)));
    expect(byTable.firstUser[byTable.of[3]!]).toBe(0);
    // look-ups made for another list of users are not taken
    expect(new UserKeys(users.slice(1), [], lookups).of).not.toBe(lookups.userKeyNumbers);
  });

  it('lets CiviCRM’s batch go through the users in their order only', () => {
    const batch = new CivicrmBatch([], users, keys);
    expect(batch.step(users[0]!, null, false)).toEqual({ kind: 'create', takenContactId: null, takenBy: null });
    expect(() => batch.step(users[2]!, null, false)).toThrow(/out of order/);
  });
});
