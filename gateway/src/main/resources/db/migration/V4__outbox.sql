-- The requests the gateway sends (seed, training, generation), recorded with their task in one
-- transaction and published after its commit, or by the outbox relay if the broker did not take them.
CREATE TABLE outbox (
    trigger_event_id UUID        PRIMARY KEY,
    topic            VARCHAR(64) NOT NULL,
    payload          TEXT        NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    published_at     TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished ON outbox (recorded_at) WHERE published_at IS NULL;
