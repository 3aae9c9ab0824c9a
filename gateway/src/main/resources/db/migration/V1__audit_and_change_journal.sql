-- Every read of unmasked personal data: who, whom, when, why.
CREATE TABLE access_audit (
    id              BIGSERIAL PRIMARY KEY,
    occurred_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor           VARCHAR(200) NOT NULL,
    actor_roles     VARCHAR(200) NOT NULL,
    actor_branch    VARCHAR(32),
    actor_staff     VARCHAR(32),
    customer_number VARCHAR(20),
    reason          VARCHAR(500) NOT NULL,
    method          VARCHAR(10) NOT NULL,
    path            VARCHAR(1000) NOT NULL
);
CREATE INDEX access_audit_customer ON access_audit (customer_number, occurred_at);
CREATE INDEX access_audit_actor ON access_audit (actor, occurred_at);

-- The change stream's journal: each event of ecif.customer.v1, ecif.tier.v1 and ecif.ownership.v1 once,
-- numbered in the order the gateway received it; the number is the SSE id a client resumes from.
CREATE TABLE change_event (
    seq             BIGSERIAL PRIMARY KEY,
    event_id        VARCHAR(64) NOT NULL UNIQUE,
    topic           VARCHAR(100) NOT NULL,
    event_type      VARCHAR(64) NOT NULL,
    customer_number VARCHAR(20),
    branch_code     VARCHAR(32),
    tier            VARCHAR(32),
    occurred_at     TIMESTAMPTZ,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    envelope        TEXT NOT NULL
);
CREATE INDEX change_event_received ON change_event (received_at);

-- The latest branch and tier the events told of, per customer, to filter and scope events that lack them.
CREATE TABLE customer_facts (
    customer_number VARCHAR(20) PRIMARY KEY,
    branch_code     VARCHAR(32),
    tier            VARCHAR(32),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
