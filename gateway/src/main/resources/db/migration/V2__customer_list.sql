-- The list-query read model (名单制营销): one row per customer number as the events of ecif.customer.v1,
-- ecif.tier.v1 and ecif.ownership.v1 last described it, so that a list query across the three services is one
-- SQL statement over the gateway's own tables instead of a fan-out to every service.
CREATE TABLE customer_list (
    customer_number     VARCHAR(20) PRIMARY KEY,
    -- Set when a merge retired this number: the survivor. Retired numbers never appear in a list.
    retired_into        VARCHAR(20),
    party_type          VARCHAR(16),
    name                VARCHAR(200),
    id_type             VARCHAR(64),
    id_number           VARCHAR(64),
    phone               VARCHAR(64),
    address             VARCHAR(500),
    birth_date          DATE,
    gender              VARCHAR(16),
    branch_code         VARCHAR(64),
    -- Derived from the attributes when they arrive (flag names as customer-master's QualityFlag).
    quality_flags       VARCHAR(40)[] NOT NULL DEFAULT '{}',
    tier                VARCHAR(16),
    score               NUMERIC(20, 2),
    -- Totals of the current holdings (the latest HoldingsChanged), in the accounts' own amounts.
    deposit_balance     NUMERIC(20, 2) NOT NULL DEFAULT 0,
    loan_balance        NUMERIC(20, 2) NOT NULL DEFAULT 0,
    wealth_balance      NUMERIC(20, 2) NOT NULL DEFAULT 0,
    -- Product categories held: the account product types, DEPOSIT for any deposit, EBANKING, MOBILE_BANKING.
    products            VARCHAR(32)[] NOT NULL DEFAULT '{}',
    -- The event version each part was last set from: an older or repeated event changes nothing.
    attributes_version  BIGINT NOT NULL DEFAULT 0,
    holdings_version    BIGINT NOT NULL DEFAULT 0,
    tier_version        BIGINT NOT NULL DEFAULT 0,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customer_list_branch_tier ON customer_list (branch_code, tier) WHERE retired_into IS NULL;
CREATE INDEX customer_list_tier ON customer_list (tier) WHERE retired_into IS NULL;
CREATE INDEX customer_list_products ON customer_list USING gin (products);
CREATE INDEX customer_list_quality ON customer_list USING gin (quality_flags);
CREATE INDEX customer_list_deposit ON customer_list (deposit_balance);

-- Current owners per customer and role (OwnershipChanged sets a role, OwnershipEnded clears it).
CREATE TABLE customer_owner (
    customer_number VARCHAR(20) NOT NULL,
    role            VARCHAR(16) NOT NULL,
    owner_type      VARCHAR(16),
    owner_id        VARCHAR(64),
    version         BIGINT NOT NULL,
    PRIMARY KEY (customer_number, role)
);
CREATE INDEX customer_owner_owner ON customer_owner (owner_id, customer_number) WHERE owner_id IS NOT NULL;
