import { describe, expect, it } from 'vitest';
import { loadLinks } from '../../src/load/links.js';
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
});
