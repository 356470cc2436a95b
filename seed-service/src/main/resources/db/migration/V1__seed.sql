-- Seed Parquet files written by this service; the file itself is in the artifact store at path.
CREATE TABLE seeds (
    seed_id         VARCHAR(80)  PRIMARY KEY,
    machine_id      VARCHAR(64)  NOT NULL,
    job_id          UUID         NOT NULL UNIQUE,
    path            VARCHAR(300) NOT NULL,
    rows            INTEGER      NOT NULL,
    cycles          INTEGER      NOT NULL,
    profile_version INTEGER      NOT NULL,
    random_seed     BIGINT       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX seeds_by_machine ON seeds (machine_id, created_at DESC);

-- One row per seed job, whoever started it (a seed.requested, or machine.created in the auto pipeline).
CREATE TABLE jobs (
    job_id          UUID         PRIMARY KEY,
    machine_id      VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    error_code      VARCHAR(64),
    error_message   VARCHAR(2000),
    created_at      TIMESTAMPTZ  NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    trigger_topic   VARCHAR(64)  NOT NULL,
    pipeline        VARCHAR(16)  NOT NULL,
    profile_version INTEGER      NOT NULL,
    rows            INTEGER      NOT NULL,
    random_seed     BIGINT       NOT NULL,
    seed_id         VARCHAR(80)
);
CREATE INDEX jobs_by_machine ON jobs (machine_id, created_at DESC);

CREATE TABLE processed_events (
    event_id     UUID         PRIMARY KEY,
    topic        VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL
);
