-- Evaluation's typed facts: submitted evaluations, rework and supervision requests, hearing items, test calls.
CREATE TABLE evaluation_fact (
    evaluation_id       varchar(64) PRIMARY KEY,
    tenant              varchar(2)  NOT NULL,
    work_order_id       varchar(64) NOT NULL,
    unit_id             varchar(64),
    region_code         varchar(6),
    category            varchar(32),
    round               int         NOT NULL,
    complainant_verdict varchar(32),
    evaluator_verdict   varchar(32),
    outcome             varchar(32),
    late                boolean     NOT NULL,
    submitted_at        timestamptz NOT NULL
);
CREATE INDEX evaluation_fact_submitted ON evaluation_fact (tenant, submitted_at);
CREATE INDEX evaluation_fact_order ON evaluation_fact (work_order_id, round);

CREATE TABLE evaluation_action_fact (
    action_id     varchar(64) PRIMARY KEY,
    tenant        varchar(2)  NOT NULL,
    kind          varchar(16) NOT NULL,
    work_order_id varchar(64),
    unit_id       varchar(64),
    region_code   varchar(6),
    category      varchar(32),
    requested_at  timestamptz NOT NULL
);

CREATE TABLE hearing_item_fact (
    item_id     varchar(64) PRIMARY KEY,
    tenant      varchar(2)  NOT NULL,
    kind        varchar(32) NOT NULL,
    unit_id     varchar(64),
    region_code varchar(6),
    outcome     varchar(32),
    decided_at  timestamptz NOT NULL
);

CREATE TABLE audit_call_fact (
    call_id     varchar(64) PRIMARY KEY,
    tenant      varchar(2)  NOT NULL,
    campaign_id varchar(64),
    unit_id     varchar(64),
    region_code varchar(6),
    answer      varchar(32),
    passed      boolean     NOT NULL,
    called_at   timestamptz NOT NULL
);
CREATE INDEX audit_call_fact_called ON audit_call_fact (tenant, called_at);
