-- Third-party evaluation workflow (docs/evaluation.md): evaluators, cases from routing's feed, weekly assignment,
-- the evaluation form, routing actions (rework, supervision) queued durably, hearings and mystery-shopper audits.
-- Every tenant-owned table carries `tenant` (2-digit province code); every read of it is scoped by the caller's tenant.

-- Idempotency-Key records are scoped by tenant, endpoint and caller, and remember a hash of the request body so a
-- key reused with another body is refused (422 idempotency-key-reused) instead of answering the first result.
DROP TABLE idempotent_request;
CREATE TABLE idempotent_request (
    tenant          varchar(2)   NOT NULL,
    endpoint        varchar(64)  NOT NULL,
    caller          varchar(128) NOT NULL,
    idempotency_key varchar(128) NOT NULL,
    request_hash    varchar(64)  NOT NULL,
    result_id       uuid,
    result_count    integer,
    created_at      timestamptz  NOT NULL,
    PRIMARY KEY (tenant, endpoint, caller, idempotency_key)
);

-- Third-party evaluators (第三方评价员) of a tenant; a token's subject links to at most one evaluator per tenant.
CREATE TABLE evaluator (
    id              uuid         PRIMARY KEY,
    tenant          varchar(2)   NOT NULL,
    subject         varchar(128) NOT NULL,
    name            varchar(100) NOT NULL,
    phone           varchar(32),
    region_codes    varchar(200) NOT NULL,
    status          varchar(16)  NOT NULL,
    weekly_capacity integer      NOT NULL CHECK (weekly_capacity BETWEEN 0 AND 500),
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    version         integer      NOT NULL DEFAULT 0,
    UNIQUE (tenant, subject)
);

-- Conflict-of-interest declarations: ADDRESS, ESTATE (housing estate), UNIT (routing unit id), PERSON (phone).
CREATE TABLE evaluator_conflict (
    id           uuid         PRIMARY KEY,
    tenant       varchar(2)   NOT NULL,
    evaluator_id uuid         NOT NULL REFERENCES evaluator (id),
    kind         varchar(16)  NOT NULL,
    value        varchar(200) NOT NULL,
    note         varchar(500),
    created_at   timestamptz  NOT NULL
);
CREATE INDEX evaluator_conflict_evaluator ON evaluator_conflict (evaluator_id);

-- Complaints (FEEDBACK) replied or closed in routing, followed from routing's feed; one row per work order.
CREATE TABLE evaluation_case (
    id                        uuid         PRIMARY KEY,
    tenant                    varchar(2)   NOT NULL,
    work_order_id             uuid         NOT NULL UNIQUE,
    category                  varchar(32)  NOT NULL,
    subcategory               varchar(100),
    region_code               varchar(6)   NOT NULL,
    pooling_region_code       varchar(6),
    unit_id                   uuid,
    first_responsible_unit_id uuid,
    routing_status            varchar(32)  NOT NULL,
    callback_satisfaction     varchar(16),
    reopen_count              integer      NOT NULL DEFAULT 0,
    supervised                boolean      NOT NULL DEFAULT false,
    replied_at                timestamptz,
    due_at                    timestamptz,
    routing_updated_at        timestamptz  NOT NULL,
    -- Sampling decision, taken once (NULL: not yet decided).
    sampled                   boolean,
    sample_reason             varchar(32),
    -- Details read from routing's GetWorkOrder (title, masked phone, address) for the evaluator and conflicts.
    title                     varchar(200),
    address                   varchar(500),
    citizen_phone_masked      varchar(32),
    details_loaded_at         timestamptz,
    -- Where the evaluation workflow is: NEW, ASSIGNED, EVALUATED, REWORK, REWORK_REPLIED, SUPERVISED, DONE.
    stage                     varchar(24)  NOT NULL,
    round                     integer      NOT NULL DEFAULT 1,
    -- Reply deadline after rework (退回重办), from routing's reopened fact.
    rework_due_at             timestamptz,
    -- Complainant verdicts: the first and the one after rework (the second counts once present).
    first_complainant_verdict  varchar(24),
    second_complainant_verdict varchar(24),
    created_at                timestamptz  NOT NULL,
    updated_at                timestamptz  NOT NULL,
    version                   integer      NOT NULL DEFAULT 0
);
CREATE INDEX evaluation_case_stage ON evaluation_case (tenant, stage);

-- One assignment run per tenant and week (weekly job or POST /assignment-runs).
CREATE TABLE assignment_run (
    id          uuid        PRIMARY KEY,
    tenant      varchar(2)  NOT NULL,
    week        date        NOT NULL,
    seed        bigint      NOT NULL,
    trigger     varchar(16) NOT NULL,
    started_by  varchar(128) NOT NULL,
    assigned    integer     NOT NULL,
    unassigned  integer     NOT NULL,
    not_sampled integer     NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX assignment_run_week ON assignment_run (tenant, week);

-- A case that a run could not assign, with the reason.
CREATE TABLE unassigned_case (
    run_id  uuid        NOT NULL REFERENCES assignment_run (id),
    case_id uuid        NOT NULL REFERENCES evaluation_case (id),
    reason  varchar(32) NOT NULL,
    PRIMARY KEY (run_id, case_id)
);

-- A case given to one evaluator for one round (1, or 2 after rework). Never twice: unique (case, round).
CREATE TABLE assignment (
    id           uuid        PRIMARY KEY,
    tenant       varchar(2)  NOT NULL,
    case_id      uuid        NOT NULL REFERENCES evaluation_case (id),
    round        integer     NOT NULL,
    evaluator_id uuid        NOT NULL REFERENCES evaluator (id),
    run_id       uuid,
    week         date        NOT NULL,
    status       varchar(16) NOT NULL,
    assigned_at  timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,
    remind_at    timestamptz NOT NULL,
    reminded_at  timestamptz,
    deadline_basis varchar(16) NOT NULL,
    submitted_at timestamptz,
    version      integer     NOT NULL DEFAULT 0,
    UNIQUE (case_id, round)
);
CREATE INDEX assignment_evaluator ON assignment (evaluator_id, week);
CREATE INDEX assignment_due ON assignment (tenant, status, due_at);

-- The evaluation form of an assignment: a draft until submitted, then fixed.
CREATE TABLE case_evaluation (
    id                     uuid        PRIMARY KEY,
    tenant                 varchar(2)  NOT NULL,
    assignment_id          uuid        NOT NULL UNIQUE REFERENCES assignment (id),
    case_id                uuid        NOT NULL REFERENCES evaluation_case (id),
    round                  integer     NOT NULL,
    status                 varchar(16) NOT NULL,
    contact_attempts       text        NOT NULL DEFAULT '[]',
    complainant_verdict    varchar(24),
    evaluator_verdict      varchar(24),
    complaint_reasonable   varchar(16),
    unit_performed_duty    varchar(16),
    on_site_verified       boolean     NOT NULL DEFAULT false,
    on_site_note           varchar(2000),
    notes                  varchar(4000),
    evidence_refs          text        NOT NULL DEFAULT '[]',
    articles               text        NOT NULL DEFAULT '[]',
    outcome                varchar(24),
    submitted_at           timestamptz,
    updated_at             timestamptz NOT NULL,
    version                integer     NOT NULL DEFAULT 0
);

-- Actions evaluation asks of routing (ReopenWorkOrder, SuperviseWorkOrder), queued in the same transaction as the
-- decision and sent until routing answers: an outage delays them, never loses them. One per (case, kind, round).
CREATE TABLE routing_action (
    id                  uuid         PRIMARY KEY,
    tenant              varchar(2)   NOT NULL,
    case_id             uuid         NOT NULL REFERENCES evaluation_case (id),
    work_order_id       uuid         NOT NULL,
    kind                varchar(16)  NOT NULL,
    round               integer      NOT NULL,
    trigger             varchar(32)  NOT NULL,
    reason              varchar(1000) NOT NULL,
    actor               varchar(128) NOT NULL,
    reopen_count_before integer      NOT NULL,
    status              varchar(16)  NOT NULL,
    attempts            integer      NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz  NOT NULL,
    last_error          varchar(500),
    created_at          timestamptz  NOT NULL,
    done_at             timestamptz,
    UNIQUE (case_id, kind, round)
);
CREATE INDEX routing_action_due ON routing_action (status, next_attempt_at);

-- Hearings (听证会), quarterly per tenant: agenda items, attendance, outcomes and follow-ups.
CREATE TABLE hearing (
    id          uuid         PRIMARY KEY,
    tenant      varchar(2)   NOT NULL,
    quarter     varchar(7)   NOT NULL,
    title       varchar(200) NOT NULL,
    held_at     timestamptz,
    location    varchar(200),
    status      varchar(16)  NOT NULL,
    attendance  text         NOT NULL DEFAULT '[]',
    created_by  varchar(128) NOT NULL,
    created_at  timestamptz  NOT NULL,
    UNIQUE (tenant, quarter, title)
);

CREATE TABLE hearing_item (
    id            uuid         PRIMARY KEY,
    tenant        varchar(2)   NOT NULL,
    hearing_id    uuid         NOT NULL REFERENCES hearing (id),
    kind          varchar(24)  NOT NULL,
    case_id       uuid         REFERENCES evaluation_case (id),
    unit_id       uuid,
    summary       varchar(1000) NOT NULL,
    outcome       varchar(24),
    outcome_note  varchar(2000),
    decided_at    timestamptz,
    follow_ups    text         NOT NULL DEFAULT '[]',
    UNIQUE (hearing_id, kind, case_id, unit_id)
);

-- Mystery-shopper campaigns (电话暗访): target lines, scripted scenarios, auditors, scheduled and scored calls.
CREATE TABLE audit_campaign (
    id          uuid         PRIMARY KEY,
    tenant      varchar(2)   NOT NULL,
    name        varchar(200) NOT NULL,
    scenarios   text         NOT NULL DEFAULT '[]',
    auditors    text         NOT NULL DEFAULT '[]',
    pass_rule   varchar(200) NOT NULL,
    starts_on   date,
    ends_on     date,
    created_by  varchar(128) NOT NULL,
    created_at  timestamptz  NOT NULL
);

CREATE TABLE audit_line (
    id             uuid         PRIMARY KEY,
    tenant         varchar(2)   NOT NULL,
    campaign_id    uuid         NOT NULL REFERENCES audit_campaign (id),
    institution_id varchar(64),
    unit_id        varchar(64),
    unit_name      varchar(200) NOT NULL,
    phone          varchar(32)  NOT NULL,
    region_code    varchar(6)
);

CREATE TABLE audit_call (
    id                   uuid         PRIMARY KEY,
    tenant               varchar(2)   NOT NULL,
    campaign_id          uuid         NOT NULL REFERENCES audit_campaign (id),
    line_id              uuid         NOT NULL REFERENCES audit_line (id),
    scenario             varchar(500),
    auditor              varchar(128),
    scheduled_at         timestamptz,
    called_at            timestamptz,
    answer               varchar(16),
    seconds_to_answer    integer,
    rings                integer,
    answered_promptly    boolean,
    business_proficient  boolean,
    first_responsibility boolean,
    good_attitude        boolean,
    civil_language       boolean,
    passed               boolean,
    note                 varchar(2000),
    scored_at            timestamptz,
    dead_number_reported_at timestamptz,
    dead_number_status   varchar(16)
);
CREATE INDEX audit_call_campaign ON audit_call (campaign_id);
