-- A revision per calendar ('*' national, or a tenant), raised in the same transaction as every change of its days or
-- hours: WorkingCalendar.GetCalendar answers revision('*') + revision(tenant) as its version, and every replica
-- reloads its in-memory calendars when the sum changes.
CREATE TABLE calendar_revision (
  tenant   VARCHAR(2) PRIMARY KEY,
  revision BIGINT NOT NULL
);
INSERT INTO calendar_revision (tenant, revision) VALUES ('*', 1);
