/**
 * A decisions.csv that is not a journal: named by --decisions, the operator is told to pass one
 * ufmatch wrote; found in --out by a review (no --decisions given), that advice made no sense:
 * the file is in the review's way, so it says to move it or choose another folder.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { tempDir } from '../helpers/tempDir.js';

describe('a file that is not a journal', () => {
  it('named by --decisions: pass one written by ufmatch; found in --out: move it away (no --decisions was given)', () => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    writeFileSync(path, 'name,notes\nAnn,call back\n');
    expect(() => readJournal(path, true)).toThrow(/not a decisions file: missing column uf_id, email, action, contact_id .* pass a decisions\.csv written by ufmatch/);
    expect(() => readJournal(path)).toThrow(/not a decisions file: .* a review keeps its journal under that name in --out: move this file away, or choose another --out/);
  });
});
