import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/load/errors.js';
import { editDistance, Header, looksLikeData, nearestMatch, normalizeHeader } from '../../src/load/headers.js';

describe('normalizeHeader', () => {
  it.each([
    ['Contact ID', 'contactid'],
    ['contact_id', 'contactid'],
    ['Home-Email', 'homeemail'],
    ['email_primary.email', 'emailprimaryemail'],
    ['  User_Email ', 'useremail'],
    ['\uFEFFID', 'id'],
    ['Contact is in Trash', 'contactisintrash'],
    ['lastvisitDate', 'lastvisitdate'],
  ])('%j → %j', (raw, key) => {
    expect(normalizeHeader(raw)).toBe(key);
  });
});

describe('Header', () => {
  const h = new Header('f.csv', ['Contact ID', ' First Name ', 'email_primary.email', 'Notes', 'notes'], 1);

  it('finds columns by any alias, in alias order', () => {
    expect(h.find(['id', 'contact_id'])).toBe(0);
    expect(h.find(['first_name'])).toBe(1);
    expect(h.find(['Email', 'email_primary.email'])).toBe(2);
    expect(h.find(['nope'])).toBe(-1);
    expect(h.names[1]).toBe('First Name');
  });

  it('duplicate names are an error only when the column is used', () => {
    expect(h.find(['first_name'])).toBe(1);
    let e: unknown;
    try {
      h.find(['Notes']);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).line).toBe(1);
    expect((e as InputError).problem).toBe('duplicate column: columns 4 ("Notes") and 5 ("notes") have the same name');
  });

  it('missing column lists the columns found and the nearest match', () => {
    const w = new Header('users.csv', ['ID', 'user_login', 'user_mail', 'display_name'], 1);
    let e: unknown;
    try {
      w.require(['user_email'], 'WordPress users');
    } catch (err) {
      e = err;
    }
    const ie = e as InputError;
    expect(ie).toBeInstanceOf(InputError);
    expect(ie.problem).toBe('missing column "user_email" needed for WordPress users; columns found: ID, user_login, user_mail, display_name');
    expect(ie.remedy).toBe('nearest match: "user_mail" — rename it to "user_email" if that is the column');
    expect(ie.message).toBe(
      'users.csv line 1: missing column "user_email" needed for WordPress users; columns found: ID, user_login, user_mail, display_name — nearest match: "user_mail" — rename it to "user_email" if that is the column',
    );
  });

  it('a far nearest match is still named, flagged as not close', () => {
    const w = new Header('c.csv', ['Foo', 'Bar'], 1);
    const e = w.missing(['Contact ID', 'id'], 'contacts');
    expect(e.problem).toContain('(or "id")');
    expect(e.remedy).toMatch(/^nearest match: "(Foo|Bar)" \(not close\)/);
  });

  it('a data-looking first line is reported without echoing it', () => {
    const w = new Header('u.csv', ['1', 'admin', 'ada@example.org'], 1);
    const e = w.missing(['user_email'], 'WordPress users');
    expect(e.problem).toMatch(/no header row/);
    expect(e.message).not.toContain('ada@example.org');
    expect(e.message).not.toContain('admin');
  });

  it('long header lists are bounded', () => {
    const names = Array.from({ length: 40 }, (_, i) => `col${i}`);
    const e = new Header('x.csv', names, 1).missing(['wanted'], 'x');
    expect(e.problem).toContain('… (15 more)');
    expect(e.problem).not.toContain('col30');
  });
});

describe('helpers', () => {
  it('editDistance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('usermail', 'useremail')).toBe(1);
  });

  it('nearestMatch compares normalised names', () => {
    expect(nearestMatch(['user_email'], ['ID', 'User-Mail', 'roles'])).toEqual({ name: 'User-Mail', alias: 'user_email', distance: 1 });
    expect(nearestMatch(['x'], [])).toBeNull();
  });

  it('looksLikeData', () => {
    expect(looksLikeData(['ID', 'user_email'])).toBe(false);
    expect(looksLikeData(['12', 'x'])).toBe(true);
    expect(looksLikeData(['a@b.c'])).toBe(true);
  });
});
