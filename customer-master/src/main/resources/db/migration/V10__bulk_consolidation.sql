-- Bulk consolidation looks candidates up for thousands of records at once. Most golden records carry a verified
-- id (resident id or USCC with a correct check character); a record that carries one of its own can only match a
-- golden record WITHOUT one (two different verified ids are never the same party), so those keys get their own
-- small index instead of being filtered out of the large one.
ALTER TABLE blocking_key ADD COLUMN verified boolean NOT NULL DEFAULT false;
UPDATE blocking_key b SET verified = true FROM golden_record g
WHERE g.customer_number = b.customer_number AND g.id_valid AND g.id_type IN ('RESIDENT_ID', 'USCC');
CREATE INDEX blocking_key_unverified ON blocking_key (key) WHERE NOT verified;
