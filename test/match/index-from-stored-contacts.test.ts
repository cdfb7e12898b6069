/**
 * The index read from the contact table's bytes (ExactIndexBuilder.stored, ContactFeed.stored)
 * is the index built from the contacts as objects (contact()): the same exact and mailbox
 * entries, the same email rows and names given to the fuzzy side, whether read from the table
 * in this thread or from its shared columns as the worker reads them (tableFeed.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/domain/types.js';
import { ContactTable } from '../../src/load/contactTable.js';
import { ContactFeed, emailRows, ExactIndexBuilder, lookupsFor } from '../../src/match/contactIndex.js';
import { emailKey, mailboxOf } from '../../src/match/email.js';
import type { FuzzySink } from '../../src/match/fuzzyIndexes.js';
import { TableFeed } from '../../src/parallel/tableFeed.js';
import { contact } from '../helpers/build.js';

const EMAIL = fc.constantFrom('ann@example.org', 'Ann@Example.ORG', ' ann@example.org ', 'a.nn+x@gmail.com', 'ann@googlemail.com', 'zoë@exämple.org', 'ÅSA@x.org', 'bo@x.org', '');
const NAME = fc.constantFrom('Anna', 'Zoë', 'Łukasz', '', 'Nguyễn', 'Bo');
const CONTACTS = fc.array(
  fc.record({
    emails: fc.array(EMAIL, { maxLength: 3 }),
    first: NAME,
    last: NAME,
    display: NAME,
    deleted: fc.boolean(),
    type: fc.constantFrom('Individual', 'Individual', 'Organization'),
  }),
  { minLength: 1, maxLength: 20 },
);

function build(specs: { emails: string[]; first: string; last: string; display: string; deleted: boolean; type: string }[], shared = false): { list: Contact[]; table: ContactTable } {
  const table = new ContactTable(64, shared);
  const list = specs.map((s, i) => {
    const seen = new Set<string>();
    const emails = s.emails.filter((e) => e.trim() !== '' && !seen.has(e.trim().toLowerCase()) && seen.add(e.trim().toLowerCase()));
    return contact(i + 1, emails.map((e, j) => ({ email: e, primary: j === 0 })), { firstName: s.first, lastName: s.last, displayName: s.display, deleted: s.deleted, type: s.type });
  });
  for (const c of list) table.append(c);
  return { list, table };
}

/** Records what a FuzzySink is given. */
function recorder(): FuzzySink & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    email: (row, s, from, to) => calls.push(['email', row, s.slice(from, to)]),
    name: (pos, first, last, display) => calls.push(['name', pos, first, last, display]),
  };
}

describe('the index read from the stored contacts', () => {
  it('has the entries of the index built from the contacts as objects', () => {
    fc.assert(
      fc.property(CONTACTS, fc.boolean(), (specs, withLookups) => {
        const { list, table } = build(specs);
        const lookups = withLookups ? lookupsFor(['ann@example.org', 'ann@gmail.com', 'zoë@exämple.org', 'åsa@x.org'].map(emailKey)) : undefined;
        const a = new ExactIndexBuilder(lookups);
        const b = new ExactIndexBuilder(lookups);
        list.forEach((c, pos) => a.contact(pos, c));
        for (let pos = 0; pos < table.length; pos++) b.stored(table, pos);
        const x = a.finish(table);
        const y = b.finish(table);
        expect([...y.exact]).toEqual([...x.exact]);
        expect([...y.mailbox]).toEqual([...x.mailbox]);
      }),
      { numRuns: 300 },
    );
  });

  it('with look-ups, keeps exactly the entries of the keys looked up, as the index of every key has them', () => {
    const LOOKED_UP = ['ann@example.org', 'ann@gmail.com', 'zoë@exämple.org', 'åsa@x.org', 'nobody@x.org'].map(emailKey);
    fc.assert(
      fc.property(CONTACTS, fc.subarray(LOOKED_UP), fc.boolean(), (specs, users, stored) => {
        const { list, table } = build(specs);
        const all = new ExactIndexBuilder();
        const some = new ExactIndexBuilder(lookupsFor(users));
        list.forEach((c, pos) => all.contact(pos, c));
        for (let pos = 0; pos < table.length; pos++) {
          if (stored) some.stored(table, pos);
          else some.contact(pos, list[pos]!);
        }
        const x = all.finish(table);
        const y = some.finish(table);
        const reachable = new Set(users.flatMap((u) => [u, mailboxOf(u)]));
        const only = (m: ReadonlyMap<string, unknown>) => [...m].filter(([k]) => reachable.has(k)).sort();
        expect([...y.exact].sort()).toEqual(only(x.exact));
        expect([...y.mailbox].sort()).toEqual(only(x.mailbox));
      }),
      { numRuns: 300 },
    );
  });

  it('finds a user’s exact refs by the user’s position as by its key, and any other key by the key', () => {
    const USERS = ['ann@example.org', 'ann@gmail.com', '', 'zoë@exämple.org', 'ann@example.org', 'bo@x.org'].map(emailKey);
    fc.assert(
      fc.property(CONTACTS, fc.subarray(USERS, { minLength: 1 }), (specs, users) => {
        const { table } = build(specs);
        const b = new ExactIndexBuilder(lookupsFor(users));
        for (let pos = 0; pos < table.length; pos++) b.stored(table, pos);
        const x = b.finish(table);
        users.forEach((key, i) => {
          expect(x.exactForUser!(i, key)).toEqual(x.exact.get(key));
          // another key at this position (a user list of another order): found by the key
          expect(x.exactForUser!(i, 'bo@x.org')).toEqual(x.exact.get('bo@x.org'));
        });
        expect(x.exactForUser!(users.length + 3, 'ann@example.org')).toEqual(x.exact.get('ann@example.org'));
      }),
      { numRuns: 200 },
    );
  });

  it('feeds the fuzzy side the same rows and names, read here or from the shared columns in steps', () => {
    fc.assert(
      fc.property(CONTACTS, fc.boolean(), fc.integer({ min: 1, max: 7 }), (specs, viewed, step) => {
        const { list, table } = build(specs, viewed);
        const ref = recorder();
        const got = recorder();
        const fa = new ContactFeed(ref);
        list.forEach((c, pos) => fa.contact(pos, c));
        let rb;
        if (viewed) {
          // as the worker: told every `step` contacts (and at the end) how far the view holds
          const fb = new TableFeed(got);
          for (let upTo = step; upTo < table.length + step; upTo += step) fb.stored(table.sharedView(), Math.min(upTo, table.length));
          rb = emailRows(fb.rowsState());
        } else {
          const fb = new ContactFeed(got);
          for (let pos = 0; pos < table.length; pos++) fb.stored(table, pos);
          rb = fb.rows();
        }
        expect(got.calls).toEqual(ref.calls);
        const ra = fa.rows();
        expect(rb.count).toBe(ra.count);
        expect([...rb.contact]).toEqual([...ra.contact]);
        for (let r = 0; r < ra.count; r++) expect(rb.key(r)).toBe(ra.key(r));
      }),
      { numRuns: 300 },
    );
  });
});
