-- Kafka transport (hotline.events.transport=kafka). Harmless with the gRPC transport: both tables stay idle.

-- Producer side: the highest feed position the relay has published to Kafka (acknowledged by the brokers).
-- Rows above it are published again after a crash; consumers drop the duplicates by event id.
CREATE TABLE outbox_relay (
    id                smallint    PRIMARY KEY CHECK (id = 1),
    published_through bigint      NOT NULL,
    updated_at        timestamptz NOT NULL
);
INSERT INTO outbox_relay (id, published_through, updated_at) VALUES (1, 0, now());

-- Consumer side: the next offset to read of each partition, written in the transaction that applies the events
-- before it. The broker's committed offsets are only a copy for tooling: these rows are authoritative.
CREATE TABLE event_partition (
    consumer    varchar(64)  NOT NULL,
    topic       varchar(249) NOT NULL,
    partition   integer      NOT NULL,
    next_offset bigint       NOT NULL,
    updated_at  timestamptz  NOT NULL,
    PRIMARY KEY (consumer, topic, partition)
);
