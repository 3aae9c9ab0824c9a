-- customer-master owns this schema; no other service reads it.

-- Customer numbers are handed out once and never reused or re-meant.
CREATE SEQUENCE customer_number_seq START WITH 1000000001 NO CYCLE;

-- Golden record (客户主档): one row per real party.
CREATE TABLE golden_record (
    customer_number varchar(20)  PRIMARY KEY,
    party_type      varchar(16)  NOT NULL,
    name            varchar(200) NOT NULL,
    id_type         varchar(64),
    id_number       varchar(64),
    birth_date      date,
    gender          varchar(16),
    phone           varchar(64),
    address         varchar(500),
    occupation      varchar(200),
    branch_code     varchar(64),
    attributes_as_of timestamptz,
    status          varchar(16)  NOT NULL DEFAULT 'ACTIVE',
    version         bigint       NOT NULL,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL
);
-- Backstop for the rule "the same id is the same party": two active golden records never share one.
CREATE UNIQUE INDEX golden_record_identity ON golden_record (id_type, id_number)
    WHERE id_number IS NOT NULL AND status = 'ACTIVE';
CREATE INDEX golden_record_branch ON golden_record (branch_code);

-- Every source record received, as received (lineage): never updated, never deleted.
CREATE TABLE source_record (
    id                 bigserial    PRIMARY KEY,
    source             varchar(16)  NOT NULL,
    source_customer_id varchar(64)  NOT NULL,
    as_of              timestamptz,
    received_at        timestamptz  NOT NULL,
    customer_number    varchar(20)  NOT NULL REFERENCES golden_record,
    content_hash       varchar(64)  NOT NULL,
    payload            jsonb        NOT NULL
);
CREATE INDEX source_record_by_source_id ON source_record (source, source_customer_id, id DESC);
CREATE INDEX source_record_by_customer ON source_record (customer_number);

-- Cross-reference: which golden record a source system's customer id belongs to.
CREATE TABLE xref (
    source             varchar(16)  NOT NULL,
    source_customer_id varchar(64)  NOT NULL,
    customer_number    varchar(20)  NOT NULL REFERENCES golden_record,
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL,
    PRIMARY KEY (source, source_customer_id)
);
CREATE INDEX xref_by_customer ON xref (customer_number);

-- Holdings: each account with its balance as of its source record's date.
CREATE TABLE account_holding (
    source          varchar(16)    NOT NULL,
    account_id      varchar(64)    NOT NULL,
    customer_number varchar(20)    NOT NULL REFERENCES golden_record,
    product_type    varchar(32)    NOT NULL,
    currency        varchar(3),
    balance         numeric(20, 2),
    status          varchar(32),
    open_date       date,
    interest_rate   numeric(12, 6),
    days_past_due   integer,
    term_months     integer,
    fee_income      numeric(20, 2),
    as_of           timestamptz,
    PRIMARY KEY (source, account_id)
);
CREATE INDEX account_holding_by_customer ON account_holding (customer_number);

CREATE TABLE ebanking_status (
    customer_number        varchar(20) PRIMARY KEY REFERENCES golden_record,
    mobile_banking         boolean     NOT NULL,
    logins_last_30d        integer,
    transactions_last_30d  integer,
    as_of                  timestamptz
);

-- A refused feed record is kept, with why, so that nothing sent is lost.
CREATE TABLE rejected_record (
    id           bigserial    PRIMARY KEY,
    source       varchar(64)  NOT NULL,
    received_at  timestamptz  NOT NULL,
    record_index integer      NOT NULL,
    errors       jsonb        NOT NULL,
    raw          text         NOT NULL
);
CREATE INDEX rejected_record_received ON rejected_record (received_at);
