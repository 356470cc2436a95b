-- Training jobs. Text columns that come straight from an event are unbounded: a malformed request
-- must still get its row (and its job.failed), not a database error.
CREATE TABLE jobs (
    job_id              UUID             PRIMARY KEY,
    machine_id          TEXT             NOT NULL,
    status              VARCHAR(16)      NOT NULL,
    error_code          VARCHAR(64),
    error_message       TEXT,
    created_at          TIMESTAMPTZ      NOT NULL,
    started_at          TIMESTAMPTZ,
    finished_at         TIMESTAMPTZ,
    seed_id             TEXT             NOT NULL,
    seed_path           TEXT             NOT NULL,
    epochs              INTEGER          NOT NULL,
    batch_size          INTEGER          NOT NULL,
    random_seed         BIGINT           NOT NULL,
    pipeline            VARCHAR(16)      NOT NULL,
    epoch               INTEGER          NOT NULL DEFAULT 0,
    loss                DOUBLE PRECISION,
    progress            DOUBLE PRECISION NOT NULL DEFAULT 0,
    elapsed_ms          BIGINT,
    eta_ms              BIGINT,
    loss_curve          DOUBLE PRECISION[],
    model_id            VARCHAR(80),
    -- the replica working on it; null while the request waits in Kafka for a worker
    claimed_by          VARCHAR(200),
    cancel_requested_at TIMESTAMPTZ
);
CREATE INDEX jobs_by_machine ON jobs (machine_id, created_at DESC);
CREATE INDEX jobs_by_status ON jobs (status, created_at DESC);

CREATE TABLE models (
    model_id    VARCHAR(80)      PRIMARY KEY,
    machine_id  VARCHAR(80)      NOT NULL,
    job_id      UUID             NOT NULL REFERENCES jobs (job_id),
    seed_id     VARCHAR(80)      NOT NULL,
    path        VARCHAR(300)     NOT NULL,
    epochs      INTEGER          NOT NULL,
    final_loss  DOUBLE PRECISION NOT NULL,
    duration_ms BIGINT           NOT NULL,
    created_at  TIMESTAMPTZ      NOT NULL
);
CREATE INDEX models_by_machine ON models (machine_id, created_at DESC);

CREATE TABLE processed_events (
    event_id     UUID         PRIMARY KEY,
    topic        VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL
);
