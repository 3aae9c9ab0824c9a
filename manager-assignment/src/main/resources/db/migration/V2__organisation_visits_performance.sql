-- Issue 5: branches, staff lifecycle, customer facts for coverage and rosters, manual locks, merges and splits,
-- departure hand-over plans, visits and the effective-dated contribution used for performance.

-- A branch (网点) exists once staff or customers name it; its name and neighbours can be set.
CREATE TABLE branch (
    branch_code varchar(64)  PRIMARY KEY,
    name        varchar(100),
    neighbours  varchar(1000) NOT NULL DEFAULT '',  -- branch codes, comma-separated, nearest first
    updated_at  timestamptz  NOT NULL DEFAULT now()
);
INSERT INTO branch (branch_code) SELECT DISTINCT branch_code FROM staff ON CONFLICT DO NOTHING;
INSERT INTO branch (branch_code) SELECT DISTINCT branch_code FROM customer WHERE branch_code IS NOT NULL
    ON CONFLICT DO NOTHING;

ALTER TABLE staff ADD COLUMN updated_at timestamptz;
ALTER TABLE staff ADD COLUMN departure_reason varchar(300);

-- What the roster, the coverage policy and the audit checklist need to know of a customer.
ALTER TABLE customer ADD COLUMN name          varchar(200);
ALTER TABLE customer ADD COLUMN party_type    varchar(16);
ALTER TABLE customer ADD COLUMN address       varchar(300);
ALTER TABLE customer ADD COLUMN phone         varchar(40);
ALTER TABLE customer ADD COLUMN deposits      numeric(20, 2) NOT NULL DEFAULT 0;
ALTER TABLE customer ADD COLUMN loans         numeric(20, 2) NOT NULL DEFAULT 0;
ALTER TABLE customer ADD COLUMN overdue_loans integer        NOT NULL DEFAULT 0;
ALTER TABLE customer ADD COLUMN score         numeric(20, 2);
ALTER TABLE customer ADD COLUMN core          boolean        NOT NULL DEFAULT false;
ALTER TABLE customer ADD COLUMN locked        boolean        NOT NULL DEFAULT false;
ALTER TABLE customer ADD COLUMN lock_reason   varchar(300);
ALTER TABLE customer ADD COLUMN lock_operator varchar(64);
ALTER TABLE customer ADD COLUMN merged_into   varchar(20);
ALTER TABLE customer ADD COLUMN split_from    varchar(20);

-- Who made a manual change (null for automatic ones).
ALTER TABLE ownership ADD COLUMN operator varchar(64);
-- One current owner per role and customer, whatever races: two events for one customer never make two owners.
CREATE UNIQUE INDEX ownership_one_current_per_role ON ownership (customer_number, role) WHERE valid_to IS NULL;
CREATE INDEX ownership_by_owner_period ON ownership (owner_id, valid_from);
-- History by customer (owners then, former owners, performance): without it each lookup scans the table.
CREATE INDEX ownership_customer_history ON ownership (customer_number, valid_from);

-- The contribution (综合贡献度, CNY a year) from each TierChanged, effective-dated.
CREATE TABLE contribution (
    id              bigserial      PRIMARY KEY,
    customer_number varchar(20)    NOT NULL,
    score           numeric(20, 2) NOT NULL,
    valid_from      timestamptz    NOT NULL
);
CREATE INDEX contribution_customer ON contribution (customer_number, valid_from);

-- The hand-over plan made when a staff member starts departing (one row per customer they own).
CREATE TABLE handover_item (
    id              bigserial    PRIMARY KEY,
    staff_id        varchar(32)  NOT NULL,
    customer_number varchar(20)  NOT NULL,
    role            varchar(16)  NOT NULL,  -- the departing staff member's role for this customer
    proposed        varchar(500) NOT NULL,  -- the customer's proposed owners: ROLE:TYPE:ID, comma-separated
    reason          varchar(300) NOT NULL,
    checklist       varchar(2000) NOT NULL, -- the audit checklist, one line per item
    created_at      timestamptz  NOT NULL
);
CREATE INDEX handover_item_staff ON handover_item (staff_id);

-- Visit reports (走访记录).
CREATE TABLE visit (
    id              bigserial    PRIMARY KEY,
    customer_number varchar(20)  NOT NULL,
    staff_id        varchar(32)  NOT NULL,
    visit_date      date         NOT NULL,
    channel         varchar(16)  NOT NULL,  -- VISIT or PHONE
    needs           varchar(1000),
    products        varchar(500),           -- comma-separated
    next_date       date,
    created_at      timestamptz  NOT NULL
);
CREATE INDEX visit_customer ON visit (customer_number, visit_date);
CREATE INDEX visit_staff ON visit (staff_id, visit_date);

-- Version of the customer's ownership events: strictly increasing per customer (continues from events_applied,
-- which was the version published before).
ALTER TABLE customer ADD COLUMN ownership_version bigint NOT NULL DEFAULT 0;
UPDATE customer SET ownership_version = events_applied;
