-- Service hours a province's administrator sets through PUT /api/v1/service-hours (issue 16); a province without a
-- row keeps the configured hours (hotline.intake.service-hours / tenant-hours). Times are kept as written
-- ("08:30", "24:00" for midnight at the end of the day), days as MONDAY,...,SUNDAY.
-- Every write takes the next value of one sequence, so max(version) tells each replica whether anything changed
-- since it last loaded the table (one index-only look-up per refresh).
CREATE SEQUENCE service_hours_version;
CREATE TABLE service_hours (
  tenant       VARCHAR(2)   PRIMARY KEY,
  zone         VARCHAR(64)  NOT NULL,
  open_at      VARCHAR(12)  NOT NULL,
  close_at     VARCHAR(12)  NOT NULL,
  lunch_start  VARCHAR(12),
  lunch_end    VARCHAR(12),
  days         VARCHAR(80)  NOT NULL,
  version      BIGINT       NOT NULL,
  updated_by   VARCHAR(255) NOT NULL,
  updated_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX service_hours_by_version ON service_hours (version);
