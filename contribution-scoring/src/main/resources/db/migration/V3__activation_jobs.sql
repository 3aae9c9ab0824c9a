-- A model activation re-scores every customer in the background: its progress is kept here, so an operator
-- follows it (GET /api/v1/scoring/jobs/{id}) and a restarted service resumes it where it stopped.
CREATE TABLE scoring_job (
    id               uuid         PRIMARY KEY,
    kind             varchar(32)  NOT NULL,           -- ACTIVATION
    model_version    varchar(40)  NOT NULL,
    previous_version varchar(40),
    status           varchar(16)  NOT NULL,           -- RUNNING, SUCCEEDED, FAILED
    total            bigint       NOT NULL,           -- active customers when it started
    error            varchar(2000),
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    finished_at      timestamptz
);
-- At most one activation at a time: two would race to re-score the same customers with different models.
CREATE UNIQUE INDEX scoring_job_one_running ON scoring_job (kind) WHERE status = 'RUNNING';

-- A job's customers are split into ranges of customer numbers, walked side by side by the job's workers. Each
-- range's progress commits with each page it re-scores: the counts are exactly what was committed, and a resumed
-- range goes on after its last committed page.
CREATE TABLE scoring_job_part (
    job_id       uuid         NOT NULL REFERENCES scoring_job (id),
    part         integer      NOT NULL,
    after_key    varchar(20),                         -- the range starts after this number (null: from the first)
    up_to        varchar(20),                         -- and ends with this one (null: to the last)
    resume_after varchar(20),                         -- the last customer number re-scored
    processed    bigint       NOT NULL DEFAULT 0,
    changed      bigint       NOT NULL DEFAULT 0,
    matrix       jsonb        NOT NULL DEFAULT '{}',  -- tier before (rows) and after (columns) in this range so far
    done         boolean      NOT NULL DEFAULT false,
    PRIMARY KEY (job_id, part)
);
