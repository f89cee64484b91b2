-- Numbered 11: the service-hours and rate-limit branches each add a V9 of intake at the same time.
-- Post-contact satisfaction survey (满意度评分): the citizen's one answer per contact, given through the IVR or the
-- channel's gateway, with who handled the contact (the latest answered call's agent and queue) fixed at that moment.
-- No personal data: the contact's number stays on the contact.
CREATE TABLE satisfaction_survey (
    contact_id  uuid         PRIMARY KEY REFERENCES contact (id),
    tenant      varchar(2)   NOT NULL,
    call_id     varchar(64),
    agent_id    varchar(64),
    queue_id    char(6),
    region_code char(6),
    channel     varchar(16)  NOT NULL,
    category    varchar(32),
    answer      varchar(24)  NOT NULL,
    score       integer      NOT NULL,
    answered_at timestamptz  NOT NULL,
    recorded_by varchar(128) NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE INDEX satisfaction_survey_tenant ON satisfaction_survey (tenant, answered_at);
