/** An explanation starts with a capital — except when its first word is an email address, which is shown as written. */
import { describe, expect, it } from 'vitest';
import { capitalize } from '../../src/explain/explainUser.js';

describe('capitalize', () => {
  it.each([
    ['the linked contact is in the trash', 'The linked contact is in the trash'],
    ['ann@example.org is shared by two contacts', 'ann@example.org is shared by two contacts'],
    ['ann@example.org', 'ann@example.org'],
    ['user 3 has no email', 'User 3 has no email'],
    ['', ''],
  ])('%j', (input, expected) => {
    expect(capitalize(input)).toBe(expected);
  });
});
