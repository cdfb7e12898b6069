import { describe, expect, it } from 'vitest';
import { splitDisplayName, splitJoomlaName } from '../../src/load/names.js';
import { splitJoomlaName as fromUsers } from '../../src/load/users.js';

describe('splitJoomlaName (SPEC §3 item 4)', () => {
  it.each([
    ['Smith, John Paul', { first: 'John', middle: 'Paul', last: 'Smith' }],
    ['Smith, John', { first: 'John', middle: '', last: 'Smith' }],
    ['Smith, John Paul George', { first: 'John', middle: 'Paul', last: 'Smith' }],
    ['Smith,John', { first: 'John', middle: '', last: 'Smith' }],
    ['Smith,', { first: '', middle: '', last: 'Smith' }],
    [', John', { first: 'John', middle: '', last: '' }],
    ['Smith, Jr., John', { first: 'Jr.', middle: '', last: 'Smith' }],
    ['John', { first: 'John', middle: '', last: '' }],
    ['John Smith', { first: 'John', middle: '', last: 'Smith' }],
    ['John Paul Smith', { first: 'John', middle: 'Paul', last: 'Smith' }],
    ['John Paul Smith Jr', { first: 'John', middle: 'Paul', last: 'Smith' }],
    ['  John   Smith  ', { first: 'John', middle: '', last: 'Smith' }],
    ["Siobhan O'Brien", { first: 'Siobhan', middle: '', last: "O'Brien" }],
    ['  ', { first: '', middle: '', last: '' }],
    ['', { first: '', middle: '', last: '' }],
  ])('%j', (name, parts) => {
    expect(splitJoomlaName(name)).toEqual(parts);
  });

  it('is re-exported from users', () => {
    expect(fromUsers).toBe(splitJoomlaName);
  });
});

describe('splitDisplayName (WordPress without first/last columns)', () => {
  it.each([
    ['Ada Lovelace', '', { first: 'Ada', middle: '', last: 'Lovelace' }],
    ['José García López', '', { first: 'José', middle: '', last: 'García López' }],
    ['van der Berg, Maria', '', { first: 'Maria', middle: '', last: 'van der Berg' }],
    ['Cher', '', { first: 'Cher', middle: '', last: '' }],
    ['carol', 'Carol', { first: '', middle: '', last: '' }],
    ['eve@example.org', '', { first: '', middle: '', last: '' }],
    ['   ', '', { first: '', middle: '', last: '' }],
  ])('%j (login %j)', (display, login, parts) => {
    expect(splitDisplayName(display, login)).toEqual(parts);
  });
});
