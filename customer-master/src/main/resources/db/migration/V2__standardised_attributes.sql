-- Standardisation: the golden record carries whether its id passed its check, a completeness score and the
-- data-quality issues of its surviving values; each source record keeps its standardised form beside the
-- form received.
ALTER TABLE golden_record
    ADD COLUMN id_valid       boolean  NOT NULL DEFAULT false,
    ADD COLUMN completeness   smallint NOT NULL DEFAULT 0,
    ADD COLUMN quality_issues jsonb    NOT NULL DEFAULT '[]';

-- Only a valid id decides identity by rule; an invalid one is kept as given and may appear on several records.
DROP INDEX golden_record_identity;
CREATE UNIQUE INDEX golden_record_identity ON golden_record (id_type, id_number)
    WHERE id_valid AND status = 'ACTIVE';
CREATE INDEX golden_record_quality ON golden_record USING gin (quality_issues jsonb_path_ops);

ALTER TABLE source_record ADD COLUMN standard jsonb;
