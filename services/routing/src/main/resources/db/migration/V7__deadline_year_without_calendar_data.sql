-- A deadline counted into a year whose national holidays are not entered yet (weekends only): the first such year,
-- shown on the order until a calendar change recomputes the deadline with data.
ALTER TABLE work_order ADD COLUMN deadline_year_without_data INTEGER;

-- Append-only record of every calendar change (who set or removed which day of which calendar, and how many open
-- orders' deadlines were recomputed). GET /api/v1/calendars/{tenant}/changes.
CREATE TABLE calendar_change (
  id                UUID PRIMARY KEY,
  tenant            VARCHAR(2) NOT NULL,
  day               DATE NOT NULL,
  action            VARCHAR(10) NOT NULL,
  working           BOOLEAN,
  name              VARCHAR(100),
  actor             VARCHAR(200) NOT NULL,
  at                TIMESTAMPTZ NOT NULL,
  orders_recomputed INTEGER NOT NULL
);
CREATE INDEX calendar_change_tenant_at ON calendar_change (tenant, at);
