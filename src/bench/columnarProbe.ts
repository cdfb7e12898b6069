/**
 * A measurement, not a loader: what loading a contacts export would cost if contacts were
 * kept in columns instead of one object each. Reads the file as bytes and keeps no string per
 * field: each email column's key (trimmed, ASCII-lowercased) goes into a byte arena and an
 * open-addressing hash table on typed arrays (FNV-1a), ids into a Float64Array, and the three
 * name columns are copied into the arena as bytes. It assumes the bench's UI-style export
 * (id in column 1, display/first/last name in 3, 4, 6, emails in 7–9, LF or CRLF) and does
 * not unescape quotes; the README's performance section quotes its figure beside papaparse
 * parsing the same file.
 *
 * Usage: node dist/bench/columnarProbe.js CONTACTS   → one JSON line { ms, contacts, keys, maxRssKb }
 */
import { open } from 'node:fs/promises';

const CAP = 1 << 22;
const MASK = CAP - 1;

class Columns {
  readonly table = new Int32Array(CAP).fill(-1);
  arena = new Uint8Array(64 << 20);
  used = 0;
  keyOff = new Int32Array(1 << 16);
  keyLen = new Uint16Array(1 << 16);
  keys = 0;
  ids = new Float64Array(1 << 16);
  nameOff = new Int32Array(3 << 16);
  contacts = 0;
  private header = true;

  private room(n: number): void {
    if (this.used + n <= this.arena.length) return;
    const a = new Uint8Array(Math.max(this.arena.length * 2, this.used + n));
    a.set(this.arena);
    this.arena = a;
  }

  row(b: Uint8Array, start: Int32Array, end: Int32Array): void {
    if (this.header) {
      this.header = false;
      return;
    }
    if (this.contacts === this.ids.length) {
      const ids = new Float64Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const names = new Int32Array(this.nameOff.length * 2);
      names.set(this.nameOff);
      this.nameOff = names;
    }
    let id = 0;
    for (let i = start[0]!; i < end[0]!; i++) id = id * 10 + (b[i]! - 48);
    this.ids[this.contacts] = id;
    for (let k = 0; k < 3; k++) {
      const f = k === 0 ? 2 : k === 1 ? 3 : 5;
      let s = start[f]!;
      let e = end[f]!;
      if (b[s] === 34) {
        s++;
        e--;
      }
      this.room(e - s);
      this.nameOff[this.contacts * 3 + k] = this.used;
      this.arena.set(b.subarray(s, e), this.used);
      this.used += e - s;
    }
    for (let f = 6; f <= 8; f++) this.key(b, start[f]!, end[f]!);
    this.contacts++;
  }

  private key(b: Uint8Array, s: number, e: number): void {
    while (s < e && b[s]! <= 32) s++;
    while (e > s && b[e - 1]! <= 32) e--;
    if (s === e) return;
    this.room(e - s);
    const arena = this.arena;
    const off = this.used;
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) {
      let c = b[i]!;
      if (c >= 65 && c <= 90) c += 32;
      arena[this.used++] = c;
      h = Math.imul(h ^ c, 0x01000193);
    }
    const len = e - s;
    let slot = h & MASK;
    for (;;) {
      const k = this.table[slot]!;
      if (k === -1) break;
      if (this.keyLen[k] === len) {
        const o = this.keyOff[k]!;
        let i = 0;
        while (i < len && arena[o + i] === arena[off + i]) i++;
        if (i === len) {
          this.used = off; // known key: its bytes are not kept twice
          return;
        }
      }
      slot = (slot + 1) & MASK;
    }
    if (this.keys === this.keyOff.length) {
      const o = new Int32Array(this.keys * 2);
      o.set(this.keyOff);
      this.keyOff = o;
      const l = new Uint16Array(this.keys * 2);
      l.set(this.keyLen);
      this.keyLen = l;
    }
    this.table[slot] = this.keys;
    this.keyOff[this.keys] = off;
    this.keyLen[this.keys] = len;
    this.keys++;
  }
}

async function probe(file: string): Promise<{ ms: number; contacts: number; keys: number }> {
  const t0 = performance.now();
  const fh = await open(file);
  const cols = new Columns();
  const start = new Int32Array(256);
  const end = new Int32Array(256);
  const buf = Buffer.allocUnsafe(256 * 1024);
  let carry: Uint8Array = new Uint8Array(0);
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      const last = bytesRead === 0;
      let b: Uint8Array;
      if (last) b = carry.length > 0 && carry[carry.length - 1] !== 10 ? Uint8Array.from([...carry, 10]) : carry;
      else if (carry.length > 0) {
        b = new Uint8Array(carry.length + bytesRead);
        b.set(carry);
        b.set(buf.subarray(0, bytesRead), carry.length);
      } else b = buf.subarray(0, bytesRead);
      const n = b.length;
      let rowStart = 0;
      rows: for (;;) {
        let nf = 0;
        let p = rowStart;
        for (;;) {
          if (p >= n || nf === start.length) break rows;
          start[nf] = p;
          if (b[p] === 34) {
            p++;
            for (;;) {
              while (p < n && b[p] !== 34) p++;
              if (p + 1 < n && b[p + 1] === 34) p += 2;
              else break;
            }
            if (p >= n) break rows;
            p++;
          }
          while (p < n && b[p] !== 44 && b[p] !== 10) p++;
          if (p >= n) break rows;
          end[nf] = b[p] === 10 && b[p - 1] === 13 ? p - 1 : p;
          nf++;
          if (b[p++] === 10) break;
        }
        if (nf > 1) cols.row(b, start, end);
        rowStart = p;
      }
      carry = b.slice(rowStart);
      if (last) break;
    }
  } finally {
    await fh.close();
  }
  return { ms: performance.now() - t0, contacts: cols.contacts, keys: cols.keys };
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: columnarProbe CONTACTS\n');
  process.exit(2);
}
const r = await probe(file);
process.stdout.write(JSON.stringify({ ...r, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
