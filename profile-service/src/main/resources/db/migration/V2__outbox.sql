-- Events this service announces (machine.deleted), recorded in the transaction of the change they
-- announce and published after its commit, or by the outbox relay if the service stopped in between.
CREATE TABLE outbox (
    trigger_event_id UUID        PRIMARY KEY,
    topic            VARCHAR(64) NOT NULL,
    payload          TEXT        NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    published_at     TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished ON outbox (recorded_at) WHERE published_at IS NULL;
