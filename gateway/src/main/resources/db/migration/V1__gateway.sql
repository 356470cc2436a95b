-- A task is one job (seed, training or generation) as the public API shows it, kept up to date
-- from the events of all services.
CREATE TABLE tasks (
    task_id        UUID         PRIMARY KEY,
    machine_id     VARCHAR(64)  NOT NULL,
    stage          VARCHAR(16)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    progress       DOUBLE PRECISION NOT NULL DEFAULT 0,
    epoch          INTEGER,
    epochs         INTEGER,
    loss           DOUBLE PRECISION,
    elapsed_ms     BIGINT,
    eta_ms         BIGINT,
    result_id      VARCHAR(80),
    next_task_id   UUID,
    quality_overall DOUBLE PRECISION,
    grade          VARCHAR(16),
    error_code     VARCHAR(64),
    error_message  VARCHAR(2000),
    batch_id       UUID,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX tasks_machine ON tasks (machine_id, stage, created_at DESC);
CREATE INDEX tasks_batch ON tasks (batch_id);

CREATE TABLE batches (
    batch_id   UUID        PRIMARY KEY,
    operation  VARCHAR(16) NOT NULL,
    params     TEXT        NOT NULL,
    results    TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE processed_events (
    event_id     UUID         PRIMARY KEY,
    topic        VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL
);
