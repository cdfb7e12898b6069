/**
 * The users' email keys numbered once: key number k is the k-th distinct key in export order.
 * What the plan and CiviCRM's batch keep per key (who holds it, whether the batch created a
 * contact with it, whether it is a valid address) is then an array by number, read per user
 * by its position, instead of Maps keyed by strings: at 200k users those string look-ups, each
 * a cache miss or two, were among the plan's costliest lines.
 */
import type { ExistingLink, User } from '../domain/types.js';
import { emailKey, isValidEmailKey } from './email.js';

export class UserKeys {
  /** Per user (position): its key's number, -1 when it has no email. */
  readonly of: Int32Array;
  /** How many distinct keys. */
  readonly count: number;
  /** Per key number: the position of the first user with it. */
  readonly firstUser: Int32Array;
  /** Per key number: 1 when it is a valid address (isValidEmailKey). */
  readonly valid: Uint8Array;
  /** Per link (in the order given): the number of its uf_name's key, -1 when no user has it. */
  readonly ofLink: Int32Array;
  private readonly byKey = new Map<string, number>();

  constructor(users: readonly User[], links: readonly ExistingLink[] = []) {
    const n = users.length;
    this.of = new Int32Array(n);
    const first = new Int32Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const key = users[i]!.emailKey;
      if (key === '') {
        this.of[i] = -1;
        continue;
      }
      let k = this.byKey.get(key);
      if (k === undefined) {
        k = count++;
        this.byKey.set(key, k);
        first[k] = i;
      }
      this.of[i] = k;
    }
    this.count = count;
    this.firstUser = first.slice(0, count);
    this.valid = new Uint8Array(count);
    for (let k = 0; k < count; k++) this.valid[k] = isValidEmailKey(users[first[k]!]!.emailKey) ? 1 : 0;
    this.ofLink = new Int32Array(links.length);
    for (let j = 0; j < links.length; j++) this.ofLink[j] = this.find(emailKey(links[j]!.ufName));
  }

  /** The number of a key (a link's uf_name, say), or -1 when no user has it. */
  find(key: string): number {
    if (key === '') return -1;
    return this.byKey.get(key) ?? -1;
  }

  /** Whether user i's key is a valid address (false without one). */
  validAt(i: number): boolean {
    const k = this.of[i]!;
    return k >= 0 && this.valid[k] === 1;
  }
}
