-- ufmatch X: 5 new links for domain 1.
-- Load with: mysql civicrm_db < uf_match.sql  (idempotent: a second run inserts nothing)
START TRANSACTION;
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 1, 'oliver@millbrook-garden.org', 2 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 2)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 1 OR contact_id = 2 OR uf_name = 'oliver@millbrook-garden.org'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 2, 'sofia.marchetti@gmail.com', 3 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 3)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 2 OR contact_id = 3 OR uf_name = 'sofia.marchetti@gmail.com'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 3, 'Arjun.Mehta@Outlook.com', 5 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 5)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 3 OR contact_id = 5 OR uf_name = 'Arjun.Mehta@Outlook.com'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 13, 'rhiannon.pugh@btinternet.com', 21 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 21)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 13 OR contact_id = 21 OR uf_name = 'rhiannon.pugh@btinternet.com'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 14, 'kofi.boateng@gmail.com', 31 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 31)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 14 OR contact_id = 31 OR uf_name = 'kofi.boateng@gmail.com'));
COMMIT;
