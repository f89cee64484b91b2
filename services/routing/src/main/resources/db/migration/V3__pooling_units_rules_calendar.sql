-- Per-tenant, effective-dated pooling (统筹区) assignments, units (承办单位), routing rules and working calendars.

-- A region (and everything below it) pools with pooling_code from effective_from (inclusive) to effective_to
-- (exclusive, open when NULL). Without an assignment a region pools by region.default_pooling_code (its city; a
-- municipality's districts with the municipality; a county-level city directly under its province as itself).
CREATE TABLE pooling_assignment (
  id             UUID PRIMARY KEY,
  tenant         CHAR(2) NOT NULL,
  region_code    CHAR(6) NOT NULL REFERENCES region (code),
  pooling_code   CHAR(6) NOT NULL REFERENCES region (code),
  effective_from DATE NOT NULL,
  effective_to   DATE,
  reason         VARCHAR(500),
  created_by     VARCHAR(200) NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX pooling_assignment_region ON pooling_assignment (region_code, effective_from);

-- 海南: basic medical insurance is pooled at province level (省级统筹), and 0898 covers the whole island.
INSERT INTO pooling_assignment (id, tenant, region_code, pooling_code, effective_from, reason, created_by) VALUES
  ('00000000-0000-4000-8000-000000000046', '46', '460000', '460000', DATE '2000-01-01',
   'Province-level pooling (省级统筹)', 'seed');

-- Units (承办单位): hotline centre, province agency, city agencies, county offices, departments inside them.
CREATE TABLE unit (
  id               UUID PRIMARY KEY,
  tenant           CHAR(2) NOT NULL,
  parent_id        UUID REFERENCES unit (id),
  name             VARCHAR(200) NOT NULL,
  kind             VARCHAR(20) NOT NULL
                   CHECK (kind IN ('HOTLINE_CENTER', 'PROVINCE_AGENCY', 'CITY_AGENCY', 'COUNTY_OFFICE', 'DEPARTMENT')),
  region_code      CHAR(6) NOT NULL REFERENCES region (code),
  leader_name      VARCHAR(100),
  leader_phone     VARCHAR(32),
  -- Working hours of this unit when they differ from the tenant's, e.g. '08:30-12:00,14:00-17:30'.
  working_hours    VARCHAR(100),
  open_claim_cap   INT NOT NULL DEFAULT 5 CHECK (open_claim_cap >= 0),
  active           BOOLEAN NOT NULL DEFAULT TRUE,
  version          INT NOT NULL DEFAULT 0,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX unit_tenant ON unit (tenant, region_code);

-- Routing rules: ordered by position (lowest first) then priority; the first effective match wins.
CREATE TABLE routing_rule (
  id                UUID PRIMARY KEY,
  tenant            CHAR(2) NOT NULL,
  name              VARCHAR(200) NOT NULL,
  position          INT NOT NULL,
  -- Matches when the order's region is this region or lies below it; NULL matches every region.
  region_code       CHAR(6) REFERENCES region (code),
  category          VARCHAR(20),
  subcategory       VARCHAR(100),
  -- Comma-separated words; any of them in title or description matches; NULL matches everything.
  keywords          VARCHAR(1000),
  priority          VARCHAR(10) CHECK (priority IN ('NORMAL', 'URGENT')),
  target_unit_id    UUID REFERENCES unit (id),
  -- Claim pool (抢单) instead of a unit: CITY (any office of the order's pooling region) or PROVINCE.
  pool_scope        VARCHAR(10) CHECK (pool_scope IN ('CITY', 'PROVINCE')),
  limit_value       INT NOT NULL CHECK (limit_value > 0),
  limit_unit        VARCHAR(20) NOT NULL CHECK (limit_unit IN ('WORKING_DAYS', 'WORKING_HOURS')),
  accept_limit_hours INT NOT NULL DEFAULT 4 CHECK (accept_limit_hours > 0),
  is_default        BOOLEAN NOT NULL DEFAULT FALSE,
  effective_from    DATE NOT NULL,
  effective_to      DATE,
  created_by        VARCHAR(200) NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  version           INT NOT NULL DEFAULT 0,
  CHECK ((target_unit_id IS NULL) <> (pool_scope IS NULL)),
  CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX routing_rule_tenant ON routing_rule (tenant, position);

-- Working-day calendar: exceptions to "Monday-Friday are working days". tenant '*' is the State Council's national
-- calendar; a tenant's own row for a day wins over the national one.
CREATE TABLE calendar_day (
  tenant  VARCHAR(2) NOT NULL,
  day     DATE NOT NULL,
  working BOOLEAN NOT NULL,
  name    VARCHAR(100) NOT NULL,
  PRIMARY KEY (tenant, day)
);

-- 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): holidays and adjusted working days (调休上班).
INSERT INTO calendar_day (tenant, day, working, name)
SELECT '*', d::date, FALSE, n FROM (VALUES
  ('2026-01-01', '2026-01-03', '元旦'),
  ('2026-02-15', '2026-02-23', '春节'),
  ('2026-04-04', '2026-04-06', '清明节'),
  ('2026-05-01', '2026-05-05', '劳动节'),
  ('2026-06-19', '2026-06-21', '端午节'),
  ('2026-09-25', '2026-09-27', '中秋节'),
  ('2026-10-01', '2026-10-07', '国庆节')) AS h (f, t, n),
  generate_series(f::date, t::date, INTERVAL '1 day') AS d;
INSERT INTO calendar_day (tenant, day, working, name) VALUES
  ('*', DATE '2026-01-04', TRUE, '元旦调休上班'),
  ('*', DATE '2026-02-14', TRUE, '春节调休上班'),
  ('*', DATE '2026-02-28', TRUE, '春节调休上班'),
  ('*', DATE '2026-05-09', TRUE, '劳动节调休上班'),
  ('*', DATE '2026-09-20', TRUE, '国庆节调休上班'),
  ('*', DATE '2026-10-10', TRUE, '国庆节调休上班');

-- Tenant's zone and hours when they differ from the defaults (Asia/Shanghai, 09:00-12:00,13:00-17:00).
CREATE TABLE tenant_calendar (
  tenant        CHAR(2) PRIMARY KEY,
  zone          VARCHAR(40) NOT NULL,
  working_hours VARCHAR(100) NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
