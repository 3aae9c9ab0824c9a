-- Merges and splits by data stewards. A retired customer number keeps pointing at the survivor it was merged
-- into, so the number never changes meaning; a split-off party gets a new number.
ALTER TABLE golden_record ADD COLUMN merged_into varchar(20) REFERENCES golden_record;

-- Which source customer an account came from, so a split can take that customer's accounts along.
ALTER TABLE account_holding ADD COLUMN source_customer_id varchar(64);

-- Steward decisions: MUST_LINK (merged by hand) and CANNOT_LINK (kept apart). They outlive re-processing of the
-- same or updated source records.
CREATE TABLE match_decision (
    id              bigserial    PRIMARY KEY,
    customer_a      varchar(20)  NOT NULL REFERENCES golden_record,
    customer_b      varchar(20)  NOT NULL REFERENCES golden_record,
    decision        varchar(16)  NOT NULL,
    operator        varchar(64)  NOT NULL,
    reason          varchar(500) NOT NULL,
    decided_at      timestamptz  NOT NULL
);
CREATE INDEX match_decision_a ON match_decision (customer_a);
CREATE INDEX match_decision_b ON match_decision (customer_b);

-- Audit of steward actions (merge, split), who and why.
CREATE TABLE steward_action (
    id          bigserial    PRIMARY KEY,
    action      varchar(16)  NOT NULL,
    customers   jsonb        NOT NULL,
    operator    varchar(64)  NOT NULL,
    reason      varchar(500) NOT NULL,
    acted_at    timestamptz  NOT NULL
);
