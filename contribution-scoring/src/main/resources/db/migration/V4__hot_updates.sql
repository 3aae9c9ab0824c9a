-- Every applied event rewrites the customer's score row and used to rewrite its accounts' rows. These changes let
-- PostgreSQL update in place (HOT: no new index entries) or not at all, and shrink what is written and then decoded
-- by the outbox relay's logical decoding, which reads all the WAL of the database:
-- - no index on the score, which changes with every event; the top-contributors query finds a branch's customers
--   through customer_score_branch_tier and sorts them (tens of thousands at most);
-- - the breakdown is no longer stored (about 1.4 KB of jsonb, most of the row): it is computed again when read, from
--   the model version, the score date and the facts that produced the score;
-- - an account's balance lives in its daily snapshots only: its row in account_balance (holder and terms) changes
--   when the holder or the terms do, not with every daily statement;
-- - free room in each page for the next version of a row.
DROP INDEX customer_score_contribution;
ALTER TABLE customer_score DROP COLUMN breakdown;
ALTER TABLE customer_score SET (fillfactor = 80);
ALTER TABLE account_balance DROP COLUMN balance, DROP COLUMN as_of;
ALTER TABLE account_balance SET (fillfactor = 90);
