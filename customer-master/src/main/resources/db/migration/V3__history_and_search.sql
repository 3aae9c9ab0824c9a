-- Every version of every golden record, as the unified record looked after the change: answers "as of".
CREATE TABLE golden_record_version (
    customer_number varchar(20) NOT NULL REFERENCES golden_record,
    version         bigint      NOT NULL,
    recorded_at     timestamptz NOT NULL,
    snapshot        jsonb       NOT NULL,
    PRIMARY KEY (customer_number, version)
);
CREATE INDEX golden_record_version_as_of ON golden_record_version (customer_number, recorded_at DESC);

-- Search: phones and names by their standard form; fuzzy names by edit distance (fuzzystrmatch counts Chinese
-- characters, not bytes).
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE INDEX golden_record_phone ON golden_record (phone);
CREATE INDEX golden_record_name ON golden_record (name);
CREATE INDEX golden_record_id_number ON golden_record (id_number);
