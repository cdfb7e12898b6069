-- ufmatch X: 7 new links for domain 1.
-- Load with: mysql civicrm_db < uf_match.sql  (idempotent: a second run inserts nothing)
START TRANSACTION;
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 14, 'lukasz.wisniewski@gmail.com', 120 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 120)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 14 OR contact_id = 120 OR uf_name = 'lukasz.wisniewski@gmail.com'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 18, 'Anna.Berg@Example.org', 122 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 122)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 18 OR contact_id = 122 OR uf_name = 'Anna.Berg@Example.org'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 20, 'chiara.romano@libero.it', 124 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 124)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 20 OR contact_id = 124 OR uf_name = 'chiara.romano@libero.it'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 21, 'thomas.whitaker@harbourline-logistics.co.uk', 125 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 125)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 21 OR contact_id = 125 OR uf_name = 'thomas.whitaker@harbourline-logistics.co.uk'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 23, 'zoe.bronte@outlook.com', 127 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 127)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 23 OR contact_id = 127 OR uf_name = 'zoe.bronte@outlook.com'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 24, 'eleanor.vaughan@outlook.com', 128 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 128)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 24 OR contact_id = 128 OR uf_name = 'eleanor.vaughan@outlook.com'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 27, 'beckers@gmx.de', 133 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 133)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 27 OR contact_id = 133 OR uf_name = 'beckers@gmx.de'));
COMMIT;
