-- Synthetic datasets: train/val/test Parquet and quality.json in the artifact store at path, with
-- the headline quality scores copied here so lists need not open the report.
CREATE TABLE datasets (
    dataset_id         VARCHAR(80)  PRIMARY KEY,
    machine_id         VARCHAR(64)  NOT NULL,
    job_id             UUID         NOT NULL UNIQUE,
    model_id           VARCHAR(80)  NOT NULL,
    path               VARCHAR(300) NOT NULL,
    seed_path          VARCHAR(300) NOT NULL,
    train_rows         INTEGER      NOT NULL,
    val_rows           INTEGER      NOT NULL,
    test_rows          INTEGER      NOT NULL,
    quality_overall    DOUBLE PRECISION,
    column_shapes      DOUBLE PRECISION,
    column_pair_trends DOUBLE PRECISION,
    grade              VARCHAR(16)  NOT NULL,
    passed             BOOLEAN      NOT NULL,
    utility_ratio      DOUBLE PRECISION,
    random_seed        BIGINT       NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX datasets_by_machine ON datasets (machine_id, created_at DESC);

-- One row per generation job, whoever started it (generation.requested, or model.trained in the auto pipeline).
CREATE TABLE jobs (
    job_id        UUID         PRIMARY KEY,
    machine_id    VARCHAR(64)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    error_code    VARCHAR(64),
    error_message VARCHAR(2000),
    created_at    TIMESTAMPTZ  NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    trigger_topic VARCHAR(64)  NOT NULL,
    model_id      VARCHAR(80)  NOT NULL,
    model_path    VARCHAR(300) NOT NULL,
    seed_path     VARCHAR(300) NOT NULL,
    train_rows    INTEGER      NOT NULL,
    val_rows      INTEGER      NOT NULL,
    test_rows     INTEGER      NOT NULL,
    random_seed   BIGINT       NOT NULL,
    dataset_id    VARCHAR(80)
);
CREATE INDEX jobs_by_machine ON jobs (machine_id, created_at DESC);

CREATE TABLE processed_events (
    event_id     UUID         PRIMARY KEY,
    topic        VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL
);
