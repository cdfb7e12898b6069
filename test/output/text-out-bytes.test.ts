/**
 * ByteOut (the writers' pieces encoded straight into a buffer) gives exactly the UTF-8 of what
 * StringOut (csvCell's rules, String(n)) gives, for any sequence of pieces: cells that need
 * quoting or the formula prefix, non-ASCII text, lone surrogates, long text, huge text,
 * numbers of every kind, and a buffer small enough that every piece crosses a flush.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONS, REASONS } from '../../src/domain/decisions.js';
import { WARNING_CODES } from '../../src/domain/warnings.js';
import { csvCell, csvRow } from '../../src/output/csvCell.js';
import { ByteOut, cellRow, StringOut, type TextOut } from '../../src/output/textOut.js';

type Piece = { kind: 'text' | 'cell'; s: string } | { kind: 'num' | 'cellNum'; n: number } | { kind: 'char'; c: number } | { kind: 'null' };

const unit = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', 'a', 'Z', '0', ' ', "'", 'é', '李', '😀', '\ud800', '\u0080');
const str = fc.oneof(fc.string({ unit, maxLength: 20 }), fc.string({ unit, minLength: 40, maxLength: 120 }), fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }));
const num = fc.oneof(fc.nat(), fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, -0, 9, 10, 99, 100, 4294967295, 4294967296, -1, 1.5, 2 ** 53, NaN, Infinity), fc.double());
const piece: fc.Arbitrary<Piece> = fc.oneof(
  str.map((s) => ({ kind: 'text' as const, s })),
  str.map((s) => ({ kind: 'cell' as const, s })),
  num.map((n) => ({ kind: 'num' as const, n })),
  num.map((n) => ({ kind: 'cellNum' as const, n })),
  fc.constantFrom(44, 59, 10, 13, 58).map((c) => ({ kind: 'char' as const, c })),
  fc.constant({ kind: 'null' as const }),
);

function put(out: TextOut, p: Piece): void {
  if (p.kind === 'text') out.text(p.s);
  else if (p.kind === 'cell') out.cell(p.s);
  else if (p.kind === 'num') out.num(p.n);
  else if (p.kind === 'cellNum') out.cell(p.n);
  else if (p.kind === 'char') out.char(p.c);
  else out.cell(null);
}

function bytesOf(pieces: readonly Piece[], size: number): Buffer {
  const got: Buffer[] = [];
  const out = new ByteOut((buf, n) => got.push(Buffer.from(buf.subarray(0, n))), size);
  for (const p of pieces) put(out, p);
  out.flush();
  return Buffer.concat(got);
}

describe('text out as bytes', () => {
  it('is the UTF-8 of the same pieces written as a string, whatever the buffer size', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom(64, 100, 1000, 1 << 20), (pieces, size) => {
        const s = new StringOut();
        for (const p of pieces) put(s, p);
        expect(bytesOf(pieces, size).equals(Buffer.from(s.toString(), 'utf8'))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes a piece larger than its buffer whole', () => {
    const big = 'é'.repeat(500) + 'x';
    const out = new StringOut();
    out.text('a');
    out.text(big);
    out.cell('b,c');
    expect(bytesOf([{ kind: 'text', s: 'a' }, { kind: 'text', s: big }, { kind: 'cell', s: 'b,c' }], 64).toString('utf8')).toBe(out.toString());
  });

  it('the words the writers put as they are (actions, reasons, decided_by, warning codes) are cells that csvCell leaves alone', () => {
    for (const w of [...ACTIONS, ...REASONS, 'auto', 'operator', 'decisions-file', ...WARNING_CODES]) expect(csvCell(w)).toBe(w);
  });

  it('writes a row of cells as csvRow does', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(str, num, fc.constant(null)), { maxLength: 8 }), (values) => {
        const got: Buffer[] = [];
        const out = new ByteOut((buf, n) => got.push(Buffer.from(buf.subarray(0, n))), 64);
        cellRow(out, values);
        out.flush();
        expect(Buffer.concat(got).equals(Buffer.from(csvRow(values), 'utf8'))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
