-- KPI facts fed by the event feeds: one row per applied event, and running counts per tenant, type and verdict.
CREATE TABLE kpi_fact (
    event_id     uuid         PRIMARY KEY,
    tenant       varchar(2)   NOT NULL,
    type         varchar(128) NOT NULL,
    aggregate_id varchar(64)  NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    region_code  varchar(6),
    verdict      varchar(16),
    score        smallint
);
CREATE INDEX kpi_fact_tenant ON kpi_fact (tenant, type, occurred_at);

CREATE TABLE kpi_count (
    tenant    varchar(2)   NOT NULL,
    type      varchar(128) NOT NULL,
    verdict   varchar(16)  NOT NULL,
    events    bigint       NOT NULL,
    score_sum bigint       NOT NULL,
    PRIMARY KEY (tenant, type, verdict)
);
