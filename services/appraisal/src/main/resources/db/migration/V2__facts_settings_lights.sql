-- Raw facts per record, from which every figure is computed (half-hours and longer periods are grouped at read time),
-- per-tenant versioned KPI settings, and complaint lights with their webhook deliveries.

-- One row per call (intake's typed call facts, keyed by the switch's call id); a later fact of the same call fills in
-- its columns, the tenant included (a call offered while its region was pending has tenant "*" until resolved).
CREATE TABLE call_fact (
    tenant         varchar(2)   NOT NULL,
    call_id        varchar(64)  PRIMARY KEY,
    queue_id       varchar(6),
    region_code    varchar(6),
    agent_id       varchar(64),
    category       varchar(32),
    outcome        varchar(32),
    offered_at     timestamptz  NOT NULL,
    answered_at    timestamptz,
    abandoned_at   timestamptz,
    ended_at       timestamptz,
    wait_seconds   numeric(12, 3),
    handle_seconds numeric(12, 3),
    service_open   boolean,
    callback_booked boolean NOT NULL DEFAULT false,
    reached_queue  boolean
);
CREATE INDEX call_fact_offered ON call_fact (tenant, offered_at);

-- One row per callback (offered, then kept or failed).
CREATE TABLE callback_fact (
    tenant       varchar(2)  NOT NULL,
    callback_id  varchar(64) PRIMARY KEY,
    queue_id     varchar(6),
    region_code  varchar(6),
    agent_id     varchar(64),
    requested_at timestamptz NOT NULL,
    completed_at timestamptz,
    status       varchar(16) NOT NULL,
    attempts     int         NOT NULL DEFAULT 0
);
CREATE INDEX callback_fact_requested ON callback_fact (tenant, requested_at);

-- One row per work order: its state after the latest fact, plus what happened to it (routing's WorkOrderEvent).
CREATE TABLE work_order_fact (
    tenant           varchar(2)  NOT NULL,
    work_order_id    uuid        PRIMARY KEY,
    region_code      varchar(6),
    unit_id          varchar(64),
    first_unit_id    varchar(64),
    category         varchar(32),
    subcategory      varchar(64),
    channel          varchar(16),
    status           varchar(32) NOT NULL,
    received_at      timestamptz NOT NULL,
    due_at           timestamptz,
    replied_at       timestamptz,
    replied_on_time  boolean,
    callback_at      timestamptz,
    closed_at        timestamptz,
    satisfaction     varchar(16),
    supervised       boolean     NOT NULL DEFAULT false,
    reopen_count     int         NOT NULL DEFAULT 0,
    returns_used     int         NOT NULL DEFAULT 0,
    pooled           boolean     NOT NULL DEFAULT false,
    claimed          boolean     NOT NULL DEFAULT false
);
CREATE INDEX work_order_fact_received ON work_order_fact (tenant, received_at);

-- Returns (退单) per unit: requested, then approved or refused (refused counts against the unit: improper return).
CREATE TABLE work_order_return_fact (
    event_id       uuid        PRIMARY KEY,
    tenant         varchar(2)  NOT NULL,
    work_order_id  uuid        NOT NULL,
    unit_id        varchar(64),
    decision       varchar(16) NOT NULL,
    occurred_at    timestamptz NOT NULL
);
CREATE INDEX work_order_return_fact_tenant ON work_order_return_fact (tenant, occurred_at);

-- KPI settings per tenant ("*" = national defaults), append-only: every change is a new version.
CREATE TABLE kpi_settings (
    tenant                 varchar(2)  NOT NULL,
    version                int         NOT NULL,
    created_at             timestamptz NOT NULL,
    created_by             varchar(128) NOT NULL,
    service_level_seconds  int         NOT NULL,
    abandon_treatment      varchar(16) NOT NULL,
    short_abandon_seconds  int         NOT NULL,
    light_window_hours     int         NOT NULL,
    light_yellow_count     int         NOT NULL,
    light_red_count        int         NOT NULL,
    light_baseline_weeks   int         NOT NULL,
    light_baseline_sd      numeric(6, 2) NOT NULL,
    light_ack_minutes      int         NOT NULL,
    webhook_url            varchar(1000),
    escalation_webhook_url varchar(1000),
    PRIMARY KEY (tenant, version)
);

-- A complaint light: one row per crossing. The partial unique index lets only one light be open per scope, so two
-- replicas evaluating at once can never open the same crossing twice (the second insert does nothing).
CREATE TABLE complaint_light (
    id              uuid         PRIMARY KEY,
    tenant          varchar(2)   NOT NULL,
    scope           varchar(16)  NOT NULL,
    scope_key       varchar(64)  NOT NULL,
    level           varchar(8)   NOT NULL,
    count           int          NOT NULL,
    threshold       numeric(10, 2) NOT NULL,
    opened_at       timestamptz  NOT NULL,
    red_at          timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by varchar(128),
    escalated_at    timestamptz,
    cleared_at      timestamptz
);
CREATE UNIQUE INDEX complaint_light_open ON complaint_light (tenant, scope, scope_key) WHERE cleared_at IS NULL;

-- Webhook deliveries: one row per notification (unique per light and kind), retried with back-off; the attempts
-- are the delivery log.
CREATE TABLE light_delivery (
    id              uuid         PRIMARY KEY,
    light_id        uuid         NOT NULL REFERENCES complaint_light (id),
    kind            varchar(16)  NOT NULL,
    url             varchar(1000) NOT NULL,
    body            text         NOT NULL,
    status          varchar(16)  NOT NULL,
    attempts        int          NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL,
    last_status     int,
    last_error      varchar(500),
    delivered_at    timestamptz,
    UNIQUE (light_id, kind)
);
CREATE INDEX light_delivery_due ON light_delivery (next_attempt_at) WHERE status = 'PENDING';

CREATE TABLE light_delivery_attempt (
    delivery_id  uuid        NOT NULL REFERENCES light_delivery (id),
    attempt      int         NOT NULL,
    at           timestamptz NOT NULL,
    http_status  int,
    error        varchar(500),
    PRIMARY KEY (delivery_id, attempt)
);

-- Evaluations name their work order, so attitude (服务态度评价) can be cut by the order's unit.
ALTER TABLE kpi_fact ADD COLUMN work_order_id uuid;
