-- 满意度评分: one row per contact from intake's SurveyAnswered (post-contact survey), with who handled the contact.
CREATE TABLE survey_fact (
    contact_id  varchar(64)  PRIMARY KEY,
    tenant      varchar(2)   NOT NULL,
    call_id     varchar(64),
    agent_id    varchar(64),
    queue_id    varchar(6),
    region_code varchar(6),
    channel     varchar(16),
    category    varchar(32),
    answer      varchar(24)  NOT NULL,
    score       integer      NOT NULL,
    answered_at timestamptz  NOT NULL
);
CREATE INDEX survey_fact_answered ON survey_fact (tenant, answered_at);

-- 解答准确率: one row per quality review from evaluation's AnswerReviewed (质检 of an agent's answer).
CREATE TABLE answer_review_fact (
    review_id           varchar(64)  PRIMARY KEY,
    tenant              varchar(2)   NOT NULL,
    contact_id          varchar(64)  NOT NULL,
    call_id             varchar(64),
    agent_id            varchar(64)  NOT NULL,
    queue_id            varchar(6),
    channel             varchar(16),
    category            varchar(32),
    accurate            boolean      NOT NULL,
    expected_article_id varchar(64),
    reviewed_at         timestamptz  NOT NULL
);
CREATE INDEX answer_review_fact_reviewed ON answer_review_fact (tenant, reviewed_at);

-- First-contact resolution and hotspot rules become per-tenant versioned settings like the others (null in a version
-- stored before: the service's defaults, hotline.appraisal.fcr-repeat-window and hotline.appraisal.hotspots.*).
ALTER TABLE kpi_settings ADD COLUMN fcr_repeat_days integer;
ALTER TABLE kpi_settings ADD COLUMN hotspot_window_days integer;
ALTER TABLE kpi_settings ADD COLUMN hotspot_min_cases integer;
ALTER TABLE kpi_settings ADD COLUMN hotspot_topic_similarity numeric(4, 3);
