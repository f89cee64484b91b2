-- Evaluations (满意度评价): an evaluator's verdict on how a work order was handled.
CREATE TABLE evaluation (
    id            uuid         PRIMARY KEY,
    tenant        varchar(2)   NOT NULL,
    work_order_id uuid         NOT NULL,
    region_code   varchar(6)   NOT NULL,
    verdict       varchar(16)  NOT NULL,
    score         smallint     NOT NULL CHECK (score BETWEEN 1 AND 5),
    evaluator     varchar(128) NOT NULL,
    recorded_at   timestamptz  NOT NULL
);
CREATE INDEX evaluation_tenant ON evaluation (tenant, recorded_at);

-- Idempotency-Key of POSTs: a retried request returns the first answer instead of acting twice.
CREATE TABLE idempotent_request (
    idempotency_key varchar(128) NOT NULL,
    caller          varchar(128) NOT NULL,
    result_id       uuid,
    result_count    integer,
    created_at      timestamptz  NOT NULL,
    PRIMARY KEY (idempotency_key, caller)
);
