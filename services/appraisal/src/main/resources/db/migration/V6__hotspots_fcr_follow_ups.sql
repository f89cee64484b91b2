-- Hotspots: what each complaint is about (routing's work-order-created event: subject address and summary), with the
-- keys derived from them when the fact is applied (normalised address, housing estate, Chinese topic terms). No
-- caller name or number: the address is the complaint's subject.
CREATE TABLE complaint_fact (
    work_order_id   uuid         PRIMARY KEY,
    tenant          varchar(2)   NOT NULL,
    region_code     varchar(6),
    category        varchar(32),
    received_at     timestamptz  NOT NULL,
    subject_address varchar(300),
    address_key     varchar(300),
    estate_key      varchar(100),
    estate_label    varchar(100),
    summary         varchar(200),
    terms           text
);
CREATE INDEX complaint_fact_received ON complaint_fact (tenant, received_at);

-- First-contact resolution: contacts with their pseudonymous caller key (intake's ContactRegistered), and the
-- contact of each call (CallOffered), so repeat contacts of one caller can be found without any number.
CREATE TABLE contact_fact (
    contact_id    varchar(64)  PRIMARY KEY,
    tenant        varchar(2)   NOT NULL,
    channel       varchar(16),
    caller_key    varchar(64),
    registered_at timestamptz
);
CREATE INDEX contact_fact_caller ON contact_fact (caller_key) WHERE caller_key IS NOT NULL;
ALTER TABLE call_fact ADD COLUMN contact_id varchar(64);
CREATE INDEX call_fact_contact ON call_fact (contact_id);

-- 回访执行率: when the current cycle's callback is due (routing's callback_due_at), and one row per callback done
-- (every cycle, so a callback that sent the order back for rework still counts as done).
ALTER TABLE work_order_fact ADD COLUMN callback_due_at timestamptz;
CREATE TABLE follow_up_fact (
    event_id      uuid         PRIMARY KEY,
    tenant        varchar(2)   NOT NULL,
    work_order_id uuid         NOT NULL,
    region_code   varchar(6),
    category      varchar(32),
    channel       varchar(16),
    agent_id      varchar(128),
    due_at        timestamptz  NOT NULL,
    done_at       timestamptz  NOT NULL
);
CREATE INDEX follow_up_fact_due ON follow_up_fact (tenant, due_at);
