/**
 * ContactTable keeps contacts in columns and builds them back on demand: what comes back must
 * be what went in, whatever the text (accents, CJK, emoji, empty fields), type and emails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contact, ContactEmail } from '../../src/domain/types.js';
import { ContactTable } from '../../src/load/contactTable.js';
import { emailKey } from '../../src/match/email.js';
import { Utf8Arena } from '../../src/runtime/utf8Arena.js';

const text = fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('Siobhán', 'Ørsted', '山田', 'Zoë 🎉', 'x'.repeat(300)));
const SOURCES = ['Email', 'Home-Email', 'Work-Email', 'emails-file'];

const contactArb = fc.record({
  type: fc.constantFrom('Individual', 'Organization', 'Household', 'Particulier'),
  displayName: text,
  firstName: text,
  middleName: text,
  lastName: text,
  deleted: fc.boolean(),
  emails: fc.array(fc.record({ email: fc.oneof(fc.emailAddress(), fc.constantFrom('ÅSA@Exämple.org', ' Mixed@Case.ORG ')), primary: fc.boolean(), source: fc.constantFrom(...SOURCES) }), { maxLength: 4 }),
});

function contactsOf(specs: fc.infer<typeof contactArb>[]): Contact[] {
  return specs.map((s, i) => ({
    ...s,
    id: 10 + i * 7,
    line: i + 2,
    emails: s.emails.map((e): ContactEmail => ({ ...e, key: emailKey(e.email) })),
  }));
}

describe('ContactTable', () => {
  it('gives back every contact as it was appended, by position and in order', () => {
    fc.assert(
      fc.property(fc.array(contactArb, { maxLength: 40 }), (specs) => {
        const contacts = contactsOf(specs);
        const table = new ContactTable(16); // a tiny first arena: it has to grow
        for (const c of contacts) table.append(c);
        expect(table.length).toBe(contacts.length);
        expect([...table]).toEqual(contacts);
        contacts.forEach((c, pos) => {
          expect(table.at(pos)).toEqual(c);
          expect(table.idAt(pos)).toBe(c.id);
          expect(table.deletedAt(pos)).toBe(c.deleted);
          expect(table.usableAt(pos)).toBe(!c.deleted && c.type === 'Individual');
          expect(table.emailsAt(pos)).toEqual(c.emails);
          expect(table.lineAt(pos)).toBe(c.line);
          for (const key of [...c.emails.map((e) => e.key), 'mixed@case.org', 'åsa@exämple.org', 'nobody@x.org', '']) {
            expect(table.emailWithKey(pos, key)).toBe(c.emails.find((e) => e.key === key)?.email);
            expect(table.primaryKeyIs(pos, key)).toBe(c.emails.some((e) => e.primary && e.key === key));
          }
          // what warnings name a contact by, without building it: as the built contact says
          expect(table.refAt(pos)).toMatchObject({ id: c.id, displayName: c.displayName });
          expect(table.personNameAt(pos)).toBe(c.displayName || `${c.firstName} ${c.lastName}`.trim());
          const main = c.emails.find((e) => e.primary) ?? c.emails[0];
          expect(table.mainEmailAt(pos)).toEqual({ email: main?.email ?? '', primary: !!main?.primary });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('serves changed emails after setEmails, even for a contact built and cached before', () => {
    const table = new ContactTable();
    const c: Contact = { id: 5, type: 'Individual', displayName: 'Ana', firstName: 'Ana', middleName: '', lastName: 'Silva', deleted: false, emails: [], line: 2 };
    table.append(c);
    expect(table.at(0).emails).toEqual([]);
    const added: ContactEmail[] = [{ email: 'Ana@Example.org', key: 'ana@example.org', primary: true, source: 'emails-file' }];
    table.setEmails(0, added);
    expect(table.at(0).emails).toEqual(added);
    expect(table.emailsAt(0)).toBe(added);
    expect(table.emailWithKey(0, 'ana@example.org')).toBe('Ana@Example.org');
    expect(table.primaryKeyIs(0, 'ana@example.org')).toBe(true);
    expect(table.mainEmailAt(0)).toEqual({ email: 'Ana@Example.org', primary: true });
  });

  it('finds the address with a key among look-alikes (same length, same first letters, other case)', () => {
    const table = new ContactTable();
    const emails = ['ab@x.org', 'Ac@X.org', ' ad@x.org', 'Zoë@x.org'].map((email, i): ContactEmail => ({ email, key: emailKey(email), primary: i === 0, source: 'Email' }));
    table.append({ id: 1, type: 'Individual', displayName: '', firstName: '', middleName: '', lastName: '', deleted: false, emails, line: 2 });
    expect(table.emailWithKey(0, 'ac@x.org')).toBe('Ac@X.org');
    expect(table.emailWithKey(0, 'ad@x.org')).toBe(' ad@x.org');
    expect(table.emailWithKey(0, emailKey('Zoë@x.org'))).toBe('Zoë@x.org'); // the key is zoe@x.org, as the database compares
    expect(table.emailWithKey(0, 'ae@x.org')).toBeUndefined();
  });

  it('keeps building the right contact when many share a cache slot', () => {
    const table = new ContactTable();
    for (let i = 0; i < 5000; i++) table.append({ id: i + 1, type: 'Individual', displayName: `n${i}`, firstName: '', middleName: '', lastName: '', deleted: false, emails: [], line: i + 2 });
    for (const pos of [0, 1024, 2048, 0, 4096, 1024]) expect(table.at(pos).displayName).toBe(`n${pos}`);
  });
});

describe('Utf8Arena', () => {
  it('gives back each string, and each range of a string, as added', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.nat(), fc.nat()), { maxLength: 60 }), (items) => {
        const arena = new Utf8Arena(8);
        const want: string[] = [];
        for (const [s, a, b] of items) {
          // a range that cuts no surrogate pair (the callers pass whole keys or parts at '@')
          let from = s.length === 0 ? 0 : a % (s.length + 1);
          let to = s.length === 0 ? 0 : from + (b % (s.length - from + 1));
          if (from > 0 && from < s.length && /[\uDC00-\uDFFF]/.test(s[from]!)) from--;
          if (to > 0 && to < s.length && /[\uDC00-\uDFFF]/.test(s[to]!)) to++;
          expect(arena.add(s, from, to)).toBe(want.length);
          want.push(s.slice(from, to));
        }
        expect(arena.count).toBe(want.length);
        want.forEach((s, i) => expect(arena.get(i)).toBe(s));
      }),
      { numRuns: 200 },
    );
  });
});
