-- Where each surviving attribute of a golden record came from: source, source customer, source record, asOf.
ALTER TABLE golden_record ADD COLUMN lineage jsonb NOT NULL DEFAULT '{}';
CREATE INDEX source_record_latest ON source_record (source, source_customer_id, as_of DESC NULLS LAST, id DESC);
