-- Calls as the telephony switch reports them; every timestamp is kept (可回溯), whatever order the events came in.
CREATE TABLE call_record (
  call_id         VARCHAR(64)  PRIMARY KEY,
  contact_id      UUID         REFERENCES contact (id),
  tenant          VARCHAR(2),
  region_code     CHAR(6),
  priority        INTEGER      NOT NULL DEFAULT 0,
  offered_at      TIMESTAMPTZ,
  queued_at       TIMESTAMPTZ,
  answered_at     TIMESTAMPTZ,
  abandoned_at    TIMESTAMPTZ,
  ended_at        TIMESTAMPTZ,
  agent_id        VARCHAR(64),
  category        VARCHAR(16),
  summary         VARCHAR(2000),
  outcome         VARCHAR(16),
  recording_ref   VARCHAR(255),
  ivr_question    VARCHAR(2000),
  created_at      TIMESTAMPTZ  NOT NULL,
  updated_at      TIMESTAMPTZ  NOT NULL
);
-- Waiting calls of a queue (tenant + pooling region), for positions and depth.
CREATE INDEX call_waiting ON call_record (tenant, region_code, priority DESC, queued_at)
  WHERE answered_at IS NULL AND abandoned_at IS NULL AND ended_at IS NULL;
CREATE INDEX call_tenant_created ON call_record (tenant, created_at DESC);

-- Every switch event once, by its id: a repeat (switch retry) finds its row and changes nothing.
CREATE TABLE call_event (
  event_id     VARCHAR(64)  PRIMARY KEY,
  call_id      VARCHAR(64)  NOT NULL,
  type         VARCHAR(16)  NOT NULL,
  occurred_at  TIMESTAMPTZ  NOT NULL,
  received_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX call_event_call ON call_event (call_id, occurred_at);

-- Agents' states per queue, for Erlang C (agents on duty) and for the supervisors' board.
CREATE TABLE agent_state (
  agent_id     VARCHAR(64)  PRIMARY KEY,
  tenant       VARCHAR(2)   NOT NULL,
  region_code  CHAR(6)      NOT NULL,
  state        VARCHAR(16)  NOT NULL,
  updated_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX agent_state_queue ON agent_state (tenant, region_code, state);

-- Virtual hold: a callback keeps the caller's place (place_at = when the caller joined the queue).
CREATE TABLE callback (
  id            UUID         PRIMARY KEY,
  call_id       VARCHAR(64)  UNIQUE,
  contact_id    UUID         REFERENCES contact (id),
  tenant        VARCHAR(2)   NOT NULL,
  region_code   CHAR(6),
  priority      INTEGER      NOT NULL DEFAULT 0,
  place_at      TIMESTAMPTZ  NOT NULL,
  phone         VARCHAR(32)  NOT NULL,
  status        VARCHAR(16)  NOT NULL CHECK (status IN ('WAITING', 'DIALING', 'DONE', 'FAILED')),
  attempts      INTEGER      NOT NULL DEFAULT 0,
  agent_id      VARCHAR(64),
  reason        VARCHAR(32)  NOT NULL,
  created_at    TIMESTAMPTZ  NOT NULL,
  updated_at    TIMESTAMPTZ  NOT NULL,
  completed_at  TIMESTAMPTZ
);
CREATE INDEX callback_waiting ON callback (tenant, region_code, priority DESC, place_at) WHERE status = 'WAITING';

CREATE TABLE callback_attempt (
  id            UUID         PRIMARY KEY,
  callback_id   UUID         NOT NULL REFERENCES callback (id),
  agent_id      VARCHAR(64),
  result        VARCHAR(16)  NOT NULL,
  note          VARCHAR(500),
  attempted_at  TIMESTAMPTZ  NOT NULL
);

-- Text messages (web, app, WeChat) and what the citizen got back.
CREATE TABLE message (
  id                 UUID          PRIMARY KEY,
  contact_id         UUID          NOT NULL UNIQUE REFERENCES contact (id),
  tenant             VARCHAR(2)    NOT NULL,
  channel            VARCHAR(16)   NOT NULL,
  text               VARCHAR(2000) NOT NULL,
  category           VARCHAR(16)   NOT NULL,
  outcome            VARCHAR(24)   NOT NULL,
  reply              VARCHAR(4000) NOT NULL,
  article_id         VARCHAR(64),
  article_title      VARCHAR(255),
  citations          VARCHAR(4000),
  confidence         DOUBLE PRECISION,
  service_open       BOOLEAN       NOT NULL,
  created_at         TIMESTAMPTZ   NOT NULL
);

-- One-step hand-off, outbox style: written with the contact, sent to routing by a job until routing takes it.
-- Keyed by the contact, which is also routing's idempotency key: a routing outage delays the order, never loses
-- or doubles it. Its query code (查询码) lets the citizen follow the case without logging in.
CREATE TABLE hand_off (
  contact_id          UUID          PRIMARY KEY REFERENCES contact (id),
  tenant              VARCHAR(2)    NOT NULL,
  query_code          VARCHAR(16)   NOT NULL UNIQUE,
  channel             VARCHAR(16)   NOT NULL,
  category            VARCHAR(16)   NOT NULL,
  subcategory         VARCHAR(64),
  title               VARCHAR(200)  NOT NULL,
  description         VARCHAR(4000) NOT NULL,
  citizen_phone       VARCHAR(32),
  citizen_name        VARCHAR(64),
  address             VARCHAR(255),
  lat                 DOUBLE PRECISION,
  lon                 DOUBLE PRECISION,
  received_at         TIMESTAMPTZ   NOT NULL,
  registered_by       VARCHAR(128)  NOT NULL,
  status              VARCHAR(16)   NOT NULL CHECK (status IN ('PENDING', 'CREATED', 'REJECTED')),
  attempts            INTEGER       NOT NULL DEFAULT 0,
  last_error          VARCHAR(255),
  next_attempt_at     TIMESTAMPTZ   NOT NULL,
  work_order_id       VARCHAR(64),
  work_order_status   VARCHAR(24),
  open311_status      VARCHAR(8),
  agency_responsible  VARCHAR(128),
  expected_at         TIMESTAMPTZ,
  reply               VARCHAR(4000),
  status_notes        VARCHAR(1000),
  synced_at           TIMESTAMPTZ,
  created_at          TIMESTAMPTZ   NOT NULL,
  updated_at          TIMESTAMPTZ   NOT NULL
);
CREATE INDEX hand_off_due ON hand_off (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX hand_off_open311 ON hand_off (tenant, channel, received_at DESC);

-- Open311 integrators: one API key each, stored as its SHA-256 only.
CREATE TABLE open311_integrator (
  id            UUID         PRIMARY KEY,
  tenant        VARCHAR(2)   NOT NULL,
  name          VARCHAR(128) NOT NULL,
  api_key_hash  CHAR(64)     NOT NULL UNIQUE,
  created_by    VARCHAR(128) NOT NULL,
  created_at    TIMESTAMPTZ  NOT NULL
);
