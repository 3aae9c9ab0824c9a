-- contribution-scoring owns this schema; it learns about customers only from events.

CREATE TABLE customer_score (
    customer_number varchar(20)    PRIMARY KEY,
    branch_code     varchar(64),
    score           numeric(20, 2) NOT NULL,
    tier            varchar(16)    NOT NULL,
    -- Each applied event bumps this once: with the inbox it proves no event was applied twice.
    events_applied  bigint         NOT NULL DEFAULT 0,
    last_event_version bigint      NOT NULL DEFAULT 0,
    updated_at      timestamptz    NOT NULL
);
CREATE INDEX customer_score_branch_tier ON customer_score (branch_code, tier);

-- The balances the score rests on: the latest known balance of each account.
CREATE TABLE account_balance (
    customer_number varchar(20)    NOT NULL,
    source          varchar(16)    NOT NULL,
    account_id      varchar(64)    NOT NULL,
    product_type    varchar(32)    NOT NULL,
    balance         numeric(20, 2) NOT NULL,
    as_of           timestamptz,
    PRIMARY KEY (source, account_id)
);
CREATE INDEX account_balance_by_customer ON account_balance (customer_number);
