/**
 * A second baseline, the floor under any reconcile that parses with papaparse: the same
 * streaming parse as parseOnly.ts, plus the least state that must outlive the parse to answer
 * the plainest question ufmatch answers (which contact has this user's email):
 * - a Map from every contact email key (lowercase(trim(email)), every email column and the
 *   --emails file) to the contact id,
 * - the users' rows as papaparse returns them (no object of our own),
 * - then one look-up of each user's key in that Map.
 * No names, no fuzzy index, no plan, no output. Prints one JSON line on stdout:
 * { ms, rows, hits, maxRssKb }.
 *
 * Usage: node dist/bench/parseKeep.js USERS CONTACTS EMAILS LINKS
 */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

const normal = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');

function stream(file: string, onRow: (row: string[]) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8' }), {
      chunk(results) {
        const rows = results.data;
        for (let i = 0; i < rows.length; i++) onRow(rows[i]!);
      },
      complete: () => resolve(),
      error: (err: Error) => reject(err),
    });
  });
}

/** Streams a file, handing each data row (after the header) with the header's column names. */
async function rowsOf(file: string, onHeader: (names: string[]) => void, onRow: (row: string[]) => void): Promise<void> {
  let header = true;
  await stream(file, (row) => {
    if (header) {
      header = false;
      onHeader(row.map(normal));
    } else if (row.length > 1 || row[0] !== '') onRow(row);
  });
}

async function parseKeep(usersFile: string, contactsFile: string, emailsFile: string, linksFile: string): Promise<{ ms: number; rows: number; hits: number }> {
  const t0 = performance.now();
  const contactOf = new Map<string, number>();
  let rows = 0;
  let emailCols: number[] = [];
  await rowsOf(
    contactsFile,
    (names) => (emailCols = names.flatMap((n, i) => (n.endsWith('email') && n !== 'donotemail' ? [i] : []))),
    (row) => {
      rows++;
      const id = Number(row[0]);
      for (const c of emailCols) {
        const key = (row[c] ?? '').trim().toLowerCase();
        if (key !== '' && !contactOf.has(key)) contactOf.set(key, id);
      }
    },
  );
  await rowsOf(
    emailsFile,
    () => {},
    (row) => {
      rows++;
      const key = (row[1] ?? '').trim().toLowerCase();
      if (key !== '' && !contactOf.has(key)) contactOf.set(key, Number(row[0]));
    },
  );
  const users: string[][] = [];
  let userEmail = -1;
  await rowsOf(
    usersFile,
    (names) => (userEmail = names.findIndex((n) => n === 'useremail' || n === 'mail' || n === 'email')),
    (row) => {
      rows++;
      users.push(row);
    },
  );
  await rowsOf(linksFile, () => {}, () => rows++);
  let hits = 0;
  for (const u of users) if (contactOf.has((u[userEmail] ?? '').trim().toLowerCase())) hits++;
  return { ms: performance.now() - t0, rows, hits };
}

const [users, contacts, emails, links] = process.argv.slice(2);
if (!users || !contacts || !emails || !links) {
  process.stderr.write('usage: parseKeep USERS CONTACTS EMAILS LINKS\n');
  process.exit(2);
}
const r = await parseKeep(users, contacts, emails, links);
process.stdout.write(JSON.stringify({ ...r, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
