import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalFile } from '../../src/output/journalFile.js';

function journalWith(path: string, ufId: number): void {
  const j = JournalFile.open(path);
  j.append({ ufId, email: `u${ufId}@example.org`, action: 'skip', contactId: null, decidedAt: '2026-11-21T10:00:00Z' });
  j.close();
}

describe('the journal file', () => {
  it('starting over keeps the old journal as .bak, and an earlier .bak as .bak.1, .bak.2 …', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ufm-journal-'));
    const path = join(dir, 'decisions.csv');
    const older: (string | null)[] = [];
    for (const uf of [1, 2, 3]) {
      journalWith(path, uf);
      older.push(JournalFile.setAside(path).older);
    }
    expect(older).toEqual([null, `${path}.bak.1`, `${path}.bak.2`]);
    expect(readdirSync(dir).sort()).toEqual(['decisions.csv.bak', 'decisions.csv.bak.1', 'decisions.csv.bak.2']);
    expect(readFileSync(join(dir, 'decisions.csv.bak.1'), 'utf8')).toContain('u1@example.org');
    expect(readFileSync(join(dir, 'decisions.csv.bak.2'), 'utf8')).toContain('u2@example.org');
    expect(readFileSync(join(dir, 'decisions.csv.bak'), 'utf8')).toContain('u3@example.org');
  });

  it('setting aside a journal that does not exist does nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ufm-journal-'));
    expect(JournalFile.setAside(join(dir, 'decisions.csv'))).toEqual({ older: null });
    expect(readdirSync(dir)).toEqual([]);
  });
});
