-- Who may use the platform, and how: people log in with a password (bcrypt), scripts and other
-- systems send an API key (kept only as its SHA-256). Roles: viewer < operator < admin.
CREATE TABLE users (
    username      VARCHAR(64)  PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    created_by    VARCHAR(64)
);

CREATE TABLE api_keys (
    key_id      UUID         PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    key_hash    CHAR(64)     NOT NULL UNIQUE,
    role        VARCHAR(16)  NOT NULL,
    owner       VARCHAR(64)  NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ  NOT NULL,
    last_used_at TIMESTAMPTZ
);
CREATE INDEX api_keys_owner ON api_keys (owner);

-- Who changed or deleted what: every state-changing API call, with its answer.
CREATE TABLE audit_log (
    id        BIGSERIAL    PRIMARY KEY,
    at        TIMESTAMPTZ  NOT NULL,
    actor     VARCHAR(120) NOT NULL,
    method    VARCHAR(10)  NOT NULL,
    path      VARCHAR(500) NOT NULL,
    status    INTEGER      NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
