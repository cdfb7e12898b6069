/**
 * UTF-8 bytes to UTF-16 code units, written into a Uint16Array: what decoding the bytes and
 * copying the string's char codes gives, without the string (the contact table's names go to
 * the indexing worker as code units). The bytes must be valid UTF-8, as the table's are.
 */

/** Writes the code units of b[from, to) at out[at, …) and returns how many (at most to - from). */
export function utf8ToUnits(b: Uint8Array, from: number, to: number, out: Uint16Array, at: number): number {
  let n = at;
  let i = from;
  while (i < to) {
    const c = b[i]!;
    if (c < 0x80) {
      out[n++] = c;
      i++;
    } else if (c < 0xe0) {
      out[n++] = ((c & 0x1f) << 6) | (b[i + 1]! & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      out[n++] = ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
      i += 3;
    } else {
      const cp = (((c & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f)) - 0x10000;
      out[n++] = 0xd800 + (cp >>> 10);
      out[n++] = 0xdc00 + (cp & 0x3ff);
      i += 4;
    }
  }
  return n - at;
}
