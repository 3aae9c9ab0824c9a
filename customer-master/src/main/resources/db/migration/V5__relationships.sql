-- Relationships between parties (关联关系). From the feeds: an organisation's legal representative. Added by
-- staff: family, guarantor, supplier, customer, shareholder. Never deleted: an ended relationship keeps its end.
CREATE TABLE relationship (
    id                 bigserial    PRIMARY KEY,
    from_customer      varchar(20)  NOT NULL REFERENCES golden_record,
    to_customer        varchar(20)  REFERENCES golden_record,     -- null while the other party is not known yet
    to_id_type         varchar(64),                               -- how to recognise that party when it arrives
    to_id_number       varchar(64),
    to_name            varchar(200),
    type               varchar(32)  NOT NULL,
    origin             varchar(16)  NOT NULL,                     -- FEED or MANUAL
    operator           varchar(64),
    reason             varchar(500),
    created_at         timestamptz  NOT NULL,
    ended_at           timestamptz,
    ended_by           varchar(64),
    end_reason         varchar(500)
);
CREATE INDEX relationship_from ON relationship (from_customer) WHERE ended_at IS NULL;
CREATE INDEX relationship_to ON relationship (to_customer) WHERE ended_at IS NULL;
CREATE INDEX relationship_pending ON relationship (to_id_type, to_id_number) WHERE to_customer IS NULL;
CREATE UNIQUE INDEX relationship_current ON relationship (from_customer, type, coalesce(to_customer, to_id_number))
    WHERE ended_at IS NULL;
