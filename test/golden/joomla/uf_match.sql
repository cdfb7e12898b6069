-- ufmatch X: 5 new links for domain 1.
-- Load with: mysql civicrm_db < uf_match.sql  (idempotent: a second run inserts nothing)
START TRANSACTION;
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 475, 'oliver@millbrook-garden.org', 2 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 2)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 475 OR contact_id = 2 OR uf_name = 'oliver@millbrook-garden.org'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 476, 'sofia.marchetti@gmail.com', 3 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 3)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 476 OR contact_id = 3 OR uf_name = 'sofia.marchetti@gmail.com'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 477, 'thorntons@outlook.com', 19 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 19)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 477 OR contact_id = 19 OR uf_name = 'thorntons@outlook.com'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 486, 'd.volkov@yandex.ru', 27 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 27)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 486 OR contact_id = 27 OR uf_name = 'd.volkov@yandex.ru'));
INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id)
SELECT 1, 489, 'maeve.osullivan@eircom.net', 25 FROM DUAL
WHERE EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 25)
AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 489 OR contact_id = 25 OR uf_name = 'maeve.osullivan@eircom.net'));
COMMIT;
