-- Shared by every service, created in the service's own schema.

-- Transactional outbox: rows are written in the same transaction as the state change they announce, and the
-- Debezium engine relays them (from the WAL, not by polling) to the topic named in aggregatetype.
CREATE TABLE outbox_event (
    id            uuid        PRIMARY KEY,
    aggregatetype varchar(64) NOT NULL,  -- the topic, e.g. ecif.customer.v1
    aggregateid   varchar(64) NOT NULL,  -- the Kafka key, e.g. the customer number
    type          varchar(64) NOT NULL,  -- the event type, e.g. CustomerCreated
    payload       jsonb       NOT NULL,  -- the event envelope
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_event_created_at ON outbox_event (created_at);

-- Inbox of an idempotent consumer: an event id is recorded in the transaction that applies the event, so a
-- redelivered event is recognised and skipped.
CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    topic        varchar(64) NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Where the Debezium engine keeps the position it has relayed up to (its JDBC offset store's own layout).
CREATE TABLE debezium_offset_storage (
    id                VARCHAR(36) NOT NULL PRIMARY KEY,
    offset_key        VARCHAR(1255),
    offset_val        VARCHAR(1255),
    record_insert_ts  TIMESTAMP   NOT NULL,
    record_insert_seq INTEGER     NOT NULL
);
