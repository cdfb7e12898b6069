/**
 * What a links.csv written earlier into the output folder states, per user: `link:135`,
 * `keep:20`, `create`, … (journal.ts writtenAs). Read when a review resumes, to tell the
 * decisions that still need writing from those the earlier session wrote.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { writtenKey } from '../decide/journal.js';

/** uf_id → action (with the contact for link and keep), or null when there is no readable links.csv of ours. */
export function writtenLinks(path: string): Map<number, string> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const header = rows[0];
  if (!header || header[0] !== 'uf_id' || header[2] !== 'contact_id' || header[3] !== 'action') return null;
  const out = new Map<number, string>();
  for (let i = 1; i < rows.length; i++) {
    const [uf, , contact, action] = rows[i]!;
    const id = Number(uf);
    if (!Number.isSafeInteger(id) || !action) continue;
    out.set(id, writtenKey(action, contact ?? ''));
  }
  return out;
}
