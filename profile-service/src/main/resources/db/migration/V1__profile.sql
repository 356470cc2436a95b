CREATE TABLE machines (
    machine_id      VARCHAR(64)  PRIMARY KEY,
    machine_type    VARCHAR(64)  NOT NULL,
    manufacturer    VARCHAR(200),
    model           VARCHAR(200),
    sensor_count    INTEGER      NOT NULL,
    current_version INTEGER      NOT NULL,
    pipeline        VARCHAR(16)  NOT NULL,
    source          VARCHAR(16)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);

CREATE TABLE profile_versions (
    machine_id   VARCHAR(64)  NOT NULL REFERENCES machines (machine_id) ON DELETE CASCADE,
    version      INTEGER      NOT NULL,
    profile_json TEXT         NOT NULL,
    profile_path VARCHAR(300) NOT NULL,
    comment      VARCHAR(500),
    created_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (machine_id, version)
);

CREATE TABLE processed_events (
    event_id     UUID         PRIMARY KEY,
    topic        VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL
);

-- One-time actions already done (the catalog is loaded once; machines deleted later stay deleted).
CREATE TABLE bootstrap (
    name    VARCHAR(64) PRIMARY KEY,
    done_at TIMESTAMPTZ NOT NULL
);
