-- Quality sampling of agents' answers (质检, 解答准确率): one reviewer's verdict per contact and tenant, whether the
-- agent's answer was accurate, with the knowledge article that should have been used. The note stays here (it is
-- not published: a reviewer may quote the citizen).
CREATE TABLE answer_review (
    id                  uuid          PRIMARY KEY,
    tenant              varchar(2)    NOT NULL,
    contact_id          uuid          NOT NULL,
    call_id             varchar(64),
    agent_id            varchar(64)   NOT NULL,
    queue_id            varchar(6),
    channel             varchar(16),
    category            varchar(32),
    accurate            boolean       NOT NULL,
    expected_article_id varchar(64),
    note                varchar(2000),
    reviewer            varchar(128)  NOT NULL,
    reviewed_at         timestamptz   NOT NULL,
    UNIQUE (tenant, contact_id)
);
CREATE INDEX answer_review_agent ON answer_review (tenant, agent_id, reviewed_at);
