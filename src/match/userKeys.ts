/**
 * The users' email keys numbered once: key number k is the k-th distinct key in export order.
 * What the plan and CiviCRM's batch keep per key (who holds it, whether the batch created a
 * contact with it, whether it is a valid address) is then an array by number, read per user
 * by its position, instead of Maps keyed by strings: at 200k users those string look-ups, each
 * a cache miss or two, were among the plan's costliest lines.
 */
import type { ExistingLink, User } from '../domain/types.js';
import type { IndexLookups } from './contactIndex.js';
import { emailKey, isAscii, isValidEmail, isValidEmailKey } from './email.js';

export class UserKeys {
  /** Per user (position): its key's number, -1 when it has no email. */
  readonly of: Int32Array;
  /** Numbers are below this. */
  readonly count: number;
  /** Per key number: the position of the first user with it (-1 for a number no user's key has). */
  readonly firstUser: Int32Array;
  /**
   * Per user (position): 1 when its address is valid (isValidEmail, on the address unfolded:
   * users whose keys are one under the collation, `zoë@` and `zoe@`, need not both be).
   */
  readonly valid: Uint8Array;
  /** Per link (in the order given): the number of its uf_name's key, -1 when no user has it (or a number no user's key has). */
  readonly ofLink: Int32Array;
  private readonly lookUp: (key: string) => number;

  /**
   * @param lookups the look-ups built for these users (contactIndex.ts's lookupsFor), whose
   *   KeyTable numbered their keys already: then no Map is built. Mailboxes share those
   *   numbers, but a number only a mailbox has is never a user's, so whatever is kept under
   *   it (a link's uf_name) is never asked for, as with a key no user has.
   */
  constructor(users: readonly User[], links: readonly ExistingLink[] = [], lookups?: Pick<IndexLookups, 'userKeyNumbers' | 'keyTable'>) {
    const n = users.length;
    let count = 0;
    if (lookups && lookups.userKeyNumbers.length === n) {
      const table = lookups.keyTable;
      this.of = lookups.userKeyNumbers;
      count = table.size;
      this.lookUp = (key) => table.findString(key);
    } else {
      const byKey = new Map<string, number>();
      this.of = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const key = users[i]!.emailKey;
        if (key === '') {
          this.of[i] = -1;
          continue;
        }
        let k = byKey.get(key);
        if (k === undefined) {
          k = count++;
          byKey.set(key, k);
        }
        this.of[i] = k;
      }
      this.lookUp = (key) => byKey.get(key) ?? -1;
    }
    this.count = count;
    this.firstUser = new Int32Array(count).fill(-1);
    this.valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const k = this.of[i]!;
      if (k < 0) continue;
      const u = users[i]!;
      // the key of an ASCII address is that address lowercased and trimmed: no second string
      this.valid[i] = (isAscii(u.email) ? isValidEmailKey(u.emailKey) : isValidEmail(u.email)) ? 1 : 0;
      if (this.firstUser[k] === -1) this.firstUser[k] = i;
    }
    this.ofLink = new Int32Array(links.length);
    for (let j = 0; j < links.length; j++) this.ofLink[j] = this.find(emailKey(links[j]!.ufName));
  }

  /** The number of a key (a link's uf_name, say), or -1 when no user has it (or a number no user's key has). */
  find(key: string): number {
    return key === '' ? -1 : this.lookUp(key);
  }

  /** Whether user i's key is a valid address (false without one). */
  validAt(i: number): boolean {
    return this.valid[i] === 1;
  }
}
