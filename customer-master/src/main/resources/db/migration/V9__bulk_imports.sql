-- Bulk imports: a file is stored first (streamed to disk, never held in memory), then consolidated in the
-- background. Progress is committed batch by batch, so a restart resumes where the last committed batch ended.
CREATE TABLE import_job (
    id           uuid         PRIMARY KEY,
    source       varchar(16)  NOT NULL,
    format       varchar(8)   NOT NULL,          -- NDJSON or CSV
    state        varchar(16)  NOT NULL,          -- QUEUED, RUNNING, COMPLETED, FAILED
    file_path    varchar(500) NOT NULL,
    total        bigint       NOT NULL DEFAULT 0,
    processed    bigint       NOT NULL DEFAULT 0,
    rejected     bigint       NOT NULL DEFAULT 0,
    next_index   bigint       NOT NULL DEFAULT 0,
    error        text,
    created_at   timestamptz  NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz
);
CREATE INDEX import_job_unfinished ON import_job (state) WHERE state IN ('QUEUED', 'RUNNING');

ALTER TABLE rejected_record ADD COLUMN import_job uuid REFERENCES import_job;
CREATE INDEX rejected_record_job ON rejected_record (import_job, record_index);
