-- Event feeds (hotline-events). Applied by the library itself, with its own history table
-- (flyway_events_history), so it never collides with the service's own db/migration versions.

-- Producer side: the transactional outbox. Producers insert rows with position NULL inside their own
-- transaction; the sequencer later gives committed rows their feed position, in commit order, so a
-- reader never sees a lower position appear after a higher one.
CREATE TABLE outbox_event (
    seq             bigserial    PRIMARY KEY,
    id              uuid         NOT NULL UNIQUE,
    type            varchar(128) NOT NULL,
    tenant          varchar(8)   NOT NULL,
    aggregate_id    varchar(64)  NOT NULL,
    occurred_at     timestamptz  NOT NULL,
    payload_type    varchar(256) NOT NULL,
    payload_version integer      NOT NULL,
    payload         bytea        NOT NULL,
    position        bigint       UNIQUE
);
CREATE INDEX outbox_event_unsequenced ON outbox_event (seq) WHERE position IS NULL;

-- One row: the highest position handed out, and the highest position retention has deleted.
CREATE TABLE outbox_feed_state (
    id             smallint    PRIMARY KEY CHECK (id = 1),
    head           bigint      NOT NULL,
    pruned_through bigint      NOT NULL
);
INSERT INTO outbox_feed_state (id, head, pruned_through) VALUES (1, 0, 0);

-- Consumer side: where each consumer of this service stands in its feed, and which events it applied.
CREATE TABLE event_consumer (
    consumer   varchar(64)  PRIMARY KEY,
    feed       varchar(64)  NOT NULL,
    position   bigint       NOT NULL,
    updated_at timestamptz  NOT NULL
);

CREATE TABLE event_applied (
    consumer   varchar(64)  NOT NULL,
    event_id   uuid         NOT NULL,
    applied_at timestamptz  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX event_applied_age ON event_applied (applied_at);
