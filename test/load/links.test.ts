import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadLinks, repeatedUfIds } from '../../src/load/links.js';
import { runInProcess } from '../helpers/runCli.js';
import { expectInputError, fixture, tempDir } from './helpers.js';

const tmp = tempDir();

describe('loadLinks', () => {
  it('returns the links of every domain; empty domain_id → 1', async () => {
    const path = fixture('links.csv');
    const r = await loadLinks(path);
    expect(r.info).toMatchObject({ path, rows: 3 });
    expect(r.links).toEqual([
      { ufId: 1, contactId: 101, ufName: 'admin@example.org', domainId: 1, line: 2 },
      { ufId: 1, contactId: 201, ufName: 'admin@example.org', domainId: 2, line: 3 },
      { ufId: 2, contactId: 102, ufName: 'bob@example.org', domainId: 1, line: 4 },
    ]);
  });

  it('only uf_id and contact_id are required', async () => {
    const r = await loadLinks(fixture('links-minimal.csv'));
    expect(r.links).toEqual([{ ufId: 5, contactId: 105, ufName: '', domainId: 1, line: 2 }]);
  });

  it("CiviCRM's own labels (a SearchKit export of User Accounts): CMS ID, CMS Unique Identifier, Contact ID, Domain ID", async () => {
    const p = tmp.write('searchkit-links.csv', 'UF Match ID,Domain ID,CMS ID,CMS Unique Identifier,Contact ID\n7,1,12,ann@example.org,105\n');
    const r = await loadLinks(p);
    expect(r.links).toEqual([{ ufId: 12, contactId: 105, ufName: 'ann@example.org', domainId: 1, line: 2 }]);
  });

  it('rows without a domain belong to the domain asked for (--domain-id), not to domain 1', async () => {
    const r = await loadLinks(fixture('links-minimal.csv'), { defaultDomainId: 2 });
    expect(r.links).toEqual([{ ufId: 5, contactId: 105, ufName: '', domainId: 2, line: 2 }]);
    const both = tmp.write('links-some-domains.csv', 'uf_id,contact_id,domain_id\n1,101,1\n2,102,\n');
    expect((await loadLinks(both, { defaultDomainId: 3 })).links.map((l) => l.domainId)).toEqual([1, 3]);
  });

  it('a header-only file is 0 links', async () => {
    const r = await loadLinks(fixture('links-empty.csv'));
    expect(r.links).toEqual([]);
    expect(r.info.rows).toBe(0);
  });

  it('missing uf_id / bad ids are InputErrors', async () => {
    const p = tmp.write('nouf.csv', 'id,ufid_x,contact_id\n1,2,3\n');
    await expectInputError(loadLinks(p), p, 1, /missing column "uf_id".*columns found: id, ufid_x, contact_id/);
    const q = tmp.write('baddomain.csv', 'domain_id,uf_id,contact_id\nx,2,3\n');
    expect((await expectInputError(loadLinks(q), q, 2, /"domain_id" is not a positive whole number/)).column).toBe(1);
    const s = tmp.write('badcontact.csv', 'uf_id,uf_name,contact_id\n2,ann@x.org,0\n');
    await expectInputError(loadLinks(s), s, 2, /"contact_id" is not a positive whole number/, ['ann@x.org']);
  });

  it('a contact or a uf_name linked twice in one domain is an InputError naming both lines (the table cannot hold it)', async () => {
    const c = tmp.write('dupcontact.csv', 'domain_id,uf_id,uf_name,contact_id\n1,1,ann@x.org,10\n2,2,bob@x.org,10\n1,3,cat@x.org,10\n');
    await expectInputError(loadLinks(c), c, 4, /contact 10 is linked again in domain 1 \(first on line 2\)/, ['ann@x.org', 'cat@x.org']);
    const n = tmp.write('dupname.csv', 'domain_id,uf_id,uf_name,contact_id\n1,1,Ann@X.org,10\n1,2,ann@x.org  ,11\n');
    await expectInputError(loadLinks(n), n, 3, /the same uf_name is linked again in domain 1 \(first on line 2\)/, ['ann@x.org']);
  });

  it('a uf_id linked twice is kept (CiviCRM adds that unique key only since 5.69, and not where such rows exist); empty uf_names never clash', async () => {
    const p = tmp.write('dupuf.csv', 'uf_id,uf_name,contact_id\n1,,10\n1,,11\n2, ann@x.org,12\n3,ann@x.org,13\n');
    const r = await loadLinks(p);
    expect(r.links.map((l) => l.contactId)).toEqual([10, 11, 12, 13]);
  });

  it('a uf_id linked twice is counted, with its first two lines, and a run says which row counts', async () => {
    const p = tmp.write('dupuf2.csv', 'id,domain_id,uf_id,uf_name,contact_id\n1,1,1,alice@example.org,10\n2,1,1,alice2@example.org,11\n3,1,2,bob@example.org,12\n4,1,2,,13\n5,1,2,,14\n');
    const r = await loadLinks(p);
    expect(repeatedUfIds(r.links)).toEqual({ count: 2, first: { ufId: 1, lines: [2, 3] } });
    expect(repeatedUfIds(r.links.slice(0, 1))).toEqual({ count: 0, first: null });
    const users = tmp.write('dupuf-users.csv', 'ID,user_login,user_email\n1,alice,alice@example.org\n3,carol,carol@example.org\n');
    const contacts = tmp.write('dupuf-contacts.csv', 'Contact ID,Contact Type,Email\n10,Individual,alice@example.org\n11,Individual,carol@example.org\n');
    const out = join(tmp.dir, 'out-dupuf');
    const run = await runInProcess(['--users', users, '--contacts', contacts, '--links', p, '--out', out, '--yes']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `ufmatch: ${p}: uf_id 1 is linked on two rows in domain 1 (lines 2 and 3) (and 1 more uf_id so); the first counts, as CiviCRM's look-up takes the first row, and every row's contact stays linked in CiviCRM — remove the rows that are wrong from civicrm_uf_match`,
    );
    const rows = readFileSync(join(out, 'links.csv'), 'utf8').trim().split('\r\n').slice(1);
    expect(rows[0]).toMatch(/^1,alice@example\.org,10,keep,existing-link,/);
    // carol's email is on contact 11, which user 1's second row holds: not linked
    expect(rows[1]).toMatch(/^3,carol@example\.org,11,review,/);
  });
});
