-- What customer managers learn in person (source MANUAL): risk preference, family, occupation, income band,
-- notes; who captured it and when is its lineage. Its occupation takes part in survivorship like a source's.
CREATE TABLE customer_profile (
    customer_number  varchar(20)   PRIMARY KEY REFERENCES golden_record,
    risk_preference  varchar(16),
    income_band      varchar(16),
    family           varchar(500),
    occupation       varchar(200),
    notes            varchar(2000),
    captured_by      varchar(64)   NOT NULL,
    captured_at      timestamptz   NOT NULL
);
