-- The unified view's store: each customer's view sections as the services last answered them, kept in the
-- gateway's own tables so that a view is one read here even for a customer nobody has looked at since the gateway
-- started. Events keep it honest: every event naming a customer moves its generation on, and only sections read at
-- the current generation are answered; the gateway then reads the customer again in the background.

CREATE TABLE view_customer (
    customer_number VARCHAR(20) PRIMARY KEY,
    -- Moved on by every event naming the customer.
    generation      BIGINT NOT NULL DEFAULT 0,
    -- When the background refresh should read the customer again; NULL when nothing is pending.
    refresh_due     TIMESTAMPTZ
) WITH (fillfactor = 80);

CREATE INDEX view_customer_refresh_due ON view_customer (refresh_due) WHERE refresh_due IS NOT NULL;

CREATE TABLE view_section (
    customer_number VARCHAR(20) NOT NULL,
    -- CUSTOMER, RELATIONSHIPS, SCORE, OWNERS or VISITS
    section         VARCHAR(16) NOT NULL,
    -- The customer's generation when the answer was asked for: valid only while it is still the customer's.
    generation      BIGINT NOT NULL,
    -- The service's HTTP status: 2xx with the body, or 404 (the service has nothing for the customer).
    status          SMALLINT NOT NULL,
    body            BYTEA,
    read_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (customer_number, section)
) WITH (fillfactor = 80);

-- The oldest answers first, for the safety net that reads every customer again after max-age.
CREATE INDEX view_section_read_at ON view_section (read_at);

-- When a gateway last applied a poll of the topics (one row): a store nobody keeps honest is not answered from.
CREATE TABLE view_feed (
    id          SMALLINT PRIMARY KEY CHECK (id = 1),
    followed_at TIMESTAMPTZ NOT NULL
);
