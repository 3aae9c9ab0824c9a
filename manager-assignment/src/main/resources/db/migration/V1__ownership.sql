-- manager-assignment owns this schema; it learns about customers and tiers only from events.

CREATE TABLE staff (
    staff_id    varchar(32)  PRIMARY KEY,
    name        varchar(100) NOT NULL,
    branch_code varchar(64)  NOT NULL,
    role        varchar(32)  NOT NULL,  -- CUSTOMER_MANAGER or TELLER
    grade       varchar(16),            -- SENIOR, MANAGER, TRAINEE; none for tellers
    capacity    integer      NOT NULL DEFAULT 300,
    status      varchar(16)  NOT NULL DEFAULT 'ACTIVE',
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX staff_branch ON staff (branch_code, role, status);

-- What this service knows of each customer.
CREATE TABLE customer (
    customer_number varchar(20) PRIMARY KEY,
    branch_code     varchar(64),
    tier            varchar(16),
    events_applied  bigint      NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL
);

-- Effective-dated ownership: who owned whom, when. A current row has valid_to NULL.
CREATE TABLE ownership (
    id              bigserial    PRIMARY KEY,
    customer_number varchar(20)  NOT NULL,
    role            varchar(16)  NOT NULL,  -- PRIMARY, SECONDARY, BRANCH, TELLER
    owner_type      varchar(16)  NOT NULL,  -- STAFF or BRANCH
    owner_id        varchar(64)  NOT NULL,  -- staff id or branch code
    reason          varchar(300) NOT NULL,
    valid_from      timestamptz  NOT NULL,
    valid_to        timestamptz
);
CREATE INDEX ownership_current ON ownership (customer_number) WHERE valid_to IS NULL;
CREATE INDEX ownership_by_owner ON ownership (owner_id) WHERE valid_to IS NULL;
