-- Re-evaluation after a coverage-policy change runs as a background job over every customer, a page at a time.
-- A page's owner changes and the job's progress are committed together, so a job interrupted by a restart resumes
-- after its last committed page (last_customer) and re-evaluates no page twice.
CREATE TABLE reevaluation_job (
    id            uuid         PRIMARY KEY,
    status        varchar(16)  NOT NULL,  -- RUNNING, SUCCEEDED, FAILED
    operator      varchar(64)  NOT NULL,
    reason        varchar(300),
    customers     bigint       NOT NULL,  -- customers to re-evaluate when the job started
    processed     bigint       NOT NULL DEFAULT 0,
    changed       bigint       NOT NULL DEFAULT 0,
    last_customer varchar(20)  NOT NULL DEFAULT '',
    error         varchar(1000),
    created_at    timestamptz  NOT NULL,
    finished_at   timestamptz
);
-- At most one job runs at a time: two would fight over the same rows and staff loads.
CREATE UNIQUE INDEX reevaluation_job_one_running ON reevaluation_job (status) WHERE status = 'RUNNING';
CREATE INDEX reevaluation_job_created ON reevaluation_job (created_at);
