-- The explainable 综合贡献度 model (issue 4): versioned model parameters, daily balance snapshots, tier hysteresis,
-- manual overrides, score history and key-customer watch alerts. Additive only: V1 stays as it was.

-- Versioned model parameters; exactly one ACTIVE (the documented default ecif-cs-1.0 is stored at first start).
CREATE TABLE scoring_model (
    version      varchar(40)  PRIMARY KEY,
    description  varchar(500),
    parameters   jsonb        NOT NULL,
    status       varchar(16)  NOT NULL,           -- DRAFT, ACTIVE, RETIRED
    created_by   varchar(64),
    created_at   timestamptz  NOT NULL,
    activated_at timestamptz
);
CREATE UNIQUE INDEX scoring_model_one_active ON scoring_model (status) WHERE status = 'ACTIVE';

-- account_balance becomes the current holdings: who holds each account now (null once it left its holder) and
-- the account's terms as last reported.
ALTER TABLE account_balance ALTER COLUMN customer_number DROP NOT NULL;
ALTER TABLE account_balance
    ADD COLUMN currency      varchar(3),
    ADD COLUMN status        varchar(32),
    ADD COLUMN open_date     date,
    ADD COLUMN interest_rate numeric(9, 6),
    ADD COLUMN days_past_due integer NOT NULL DEFAULT 0,
    ADD COLUMN fee_income    numeric(20, 2);

-- Daily balance snapshots per account: a balance holds until the next snapshot. Kept per account (not per
-- customer) so that the history follows the account when customers merge or split.
CREATE TABLE balance_snapshot (
    source      varchar(16)    NOT NULL,
    account_id  varchar(64)    NOT NULL,
    as_of_date  date           NOT NULL,         -- the business date (Asia/Shanghai) of the holding's asOf
    balance     numeric(20, 2) NOT NULL,
    as_of       timestamptz,                     -- the exact asOf: on one day the latest statement wins
    PRIMARY KEY (source, account_id, as_of_date)
);
-- Balances known before this migration become the first snapshot of their account.
INSERT INTO balance_snapshot (source, account_id, as_of_date, balance, as_of)
SELECT source, account_id, coalesce((as_of AT TIME ZONE 'Asia/Shanghai')::date, current_date), balance, as_of
FROM account_balance;

-- A customer known only as the retired side of a merge has no tier of its own.
ALTER TABLE customer_score ALTER COLUMN tier DROP NOT NULL;
ALTER TABLE customer_score
    ADD COLUMN status           varchar(16)    NOT NULL DEFAULT 'ACTIVE',  -- ACTIVE, RETIRED (merged away)
    ADD COLUMN merged_into      varchar(20),
    ADD COLUMN points           numeric(12, 1) NOT NULL DEFAULT 0,
    ADD COLUMN score_date       date,
    ADD COLUMN model_version    varchar(40),
    ADD COLUMN rule_tier        varchar(16),
    ADD COLUMN tier_reason      varchar(300),
    ADD COLUMN model_tier       varchar(16),
    ADD COLUMN below_since      date,
    ADD COLUMN tier_since       date,
    ADD COLUMN assets_short     numeric(20, 2),
    ADD COLUMN assets_long      numeric(20, 2),
    ADD COLUMN loans_long       numeric(20, 2),
    ADD COLUMN worst_days_past_due integer NOT NULL DEFAULT 0,
    ADD COLUMN breakdown        jsonb,
    ADD COLUMN ebanking_signed_up   boolean,
    ADD COLUMN ebanking_logins      integer,
    ADD COLUMN ebanking_transactions integer,
    ADD COLUMN override_tier     varchar(16),
    ADD COLUMN override_reason   varchar(500),
    ADD COLUMN override_operator varchar(64),
    ADD COLUMN override_expires  date,
    ADD COLUMN tier_version      bigint         NOT NULL DEFAULT 0,
    -- Set by a split: the next score re-derives the tier at once (the balances were never this party's).
    ADD COLUMN rederive_tier     boolean        NOT NULL DEFAULT false;
CREATE INDEX customer_score_contribution ON customer_score (branch_code, score DESC);

-- One row per customer and business date scored (the last score of the day): the history and the migration
-- matrix between two dates rest on it.
CREATE TABLE score_history (
    customer_number varchar(20)    NOT NULL,
    score_date      date           NOT NULL,
    score           numeric(20, 2) NOT NULL,
    points          numeric(12, 1) NOT NULL,
    tier            varchar(16)    NOT NULL,
    rule_tier       varchar(16)    NOT NULL,
    assets_long     numeric(20, 2) NOT NULL,
    model_version   varchar(40)    NOT NULL,
    recorded_at     timestamptz    NOT NULL,
    PRIMARY KEY (customer_number, score_date)
);
CREATE INDEX score_history_by_date ON score_history (score_date);

-- Manual tier overrides, audited: every set, clear and expiry is a row.
CREATE TABLE tier_override_audit (
    id              bigserial    PRIMARY KEY,
    customer_number varchar(20)  NOT NULL,
    action          varchar(16)  NOT NULL,           -- SET, EXPIRED
    tier            varchar(16),
    reason          varchar(500),
    operator        varchar(64),
    expires_on      date,
    recorded_at     timestamptz  NOT NULL
);
CREATE INDEX tier_override_audit_by_customer ON tier_override_audit (customer_number);

-- Key-customer watch (重点客户监测): at most one open alert per customer and kind.
CREATE TABLE scoring_alert (
    id              bigserial    PRIMARY KEY,
    customer_number varchar(20)  NOT NULL,
    branch_code     varchar(64),
    kind            varchar(32)  NOT NULL,           -- BALANCE_DROP, LOAN_OVERDUE
    tier            varchar(16)  NOT NULL,
    detail          varchar(500) NOT NULL,
    status          varchar(16)  NOT NULL,           -- OPEN, RESOLVED
    raised_on       date         NOT NULL,
    resolved_on     date,
    raised_at       timestamptz  NOT NULL
);
CREATE UNIQUE INDEX scoring_alert_one_open ON scoring_alert (customer_number, kind) WHERE status = 'OPEN';
CREATE INDEX scoring_alert_by_branch ON scoring_alert (branch_code, status);
