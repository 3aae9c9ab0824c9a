-- Probabilistic matching. Blocking keys let a new record find its candidates without scanning everyone: each
-- golden record is indexed under a few keys (phone tail, birth date, name sound + birth year, ...).
CREATE TABLE blocking_key (
    key             varchar(128) NOT NULL,
    customer_number varchar(20)  NOT NULL REFERENCES golden_record,
    PRIMARY KEY (key, customer_number)
);
CREATE INDEX blocking_key_customer ON blocking_key (customer_number);

-- Every match decision, explainable: the rule or each comparator's level and weight, the total, the thresholds
-- and the model version that produced it.
CREATE TABLE match_result (
    id                 bigserial    PRIMARY KEY,
    source             varchar(16)  NOT NULL,
    source_customer_id varchar(64)  NOT NULL,
    candidate          varchar(20)  REFERENCES golden_record,
    outcome            varchar(24)  NOT NULL,
    total_weight       double precision,
    explanation        jsonb        NOT NULL,
    model_version      varchar(64)  NOT NULL,
    decided_at         timestamptz  NOT NULL
);
CREATE INDEX match_result_source ON match_result (source, source_customer_id);

-- Possible matches (between the two thresholds) wait here for a data steward.
CREATE TABLE steward_task (
    id                 bigserial    PRIMARY KEY,
    customer_number    varchar(20)  NOT NULL REFERENCES golden_record,  -- the record that was kept apart for now
    candidate          varchar(20)  NOT NULL REFERENCES golden_record,  -- the possible match
    match_result_id    bigint       NOT NULL REFERENCES match_result,
    status             varchar(16)  NOT NULL,                           -- OPEN, MERGED, KEPT_APART
    created_at         timestamptz  NOT NULL,
    resolved_at        timestamptz,
    resolved_by        varchar(64),
    resolution_reason  varchar(500)
);
CREATE INDEX steward_task_open ON steward_task (status, created_at) WHERE status = 'OPEN';
CREATE UNIQUE INDEX steward_task_pair ON steward_task (customer_number, candidate) WHERE status = 'OPEN';
