/**
 * Names whose letters a single-byte save lost. A spreadsheet saving a users export as
 * "Windows-1252" writes `?` for every letter that encoding lacks (LibreOffice: "Błażej
 * Wiśniewski" as "B?a?ej Wi?niewski", without a word). Read back, such a name matches no
 * contact's: a name-match that would have held the user for review is gone, and ufmatch would
 * create a duplicate contact with the garbled name. A `?` between two letters is no name's.
 */
import type { User } from '../domain/types.js';

const LOST = /\p{L}\?+\p{L}/u;

function lost(name: string): boolean {
  return name.indexOf('?') >= 0 && LOST.test(name);
}

/** The lines of the users whose names hold a `?` between letters, in file order. */
export function usersWithLostLetters(users: readonly User[]): number[] {
  const lines: number[] = [];
  for (const u of users) {
    if (lost(u.firstName) || lost(u.middleName) || lost(u.lastName) || lost(u.displayName)) lines.push(u.line);
  }
  return lines;
}
