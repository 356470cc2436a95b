-- How many times the job of an event was started (service-support's JobRunner): a job whose
-- service stops three times while running it is failed with WORKER_CRASHED instead of started again.
CREATE TABLE event_attempts (
    event_id        UUID        PRIMARY KEY,
    topic           VARCHAR(64) NOT NULL,
    attempts        INTEGER     NOT NULL,
    last_attempt_at TIMESTAMPTZ NOT NULL
);

-- The outbox: each job's outcome event, written with the outcome and marked once published; if the
-- trigger comes back before the mark (the service died in between), it is published then
-- (service-support's Outbox).
CREATE TABLE outbox (
    trigger_event_id UUID        PRIMARY KEY,
    topic            VARCHAR(64) NOT NULL,
    payload          TEXT        NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    published_at     TIMESTAMPTZ
);
