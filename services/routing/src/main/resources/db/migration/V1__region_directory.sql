-- Minimal region directory (GB/T 2260) with telephone area codes; the full directory is loaded by a later migration.
CREATE TABLE region (
  code          CHAR(6) PRIMARY KEY,
  name          VARCHAR(64) NOT NULL,
  level         VARCHAR(16) NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
  parent_code   CHAR(6) REFERENCES region (code),
  province_code CHAR(6) NOT NULL
);

CREATE TABLE area_code (
  area_code   VARCHAR(5) PRIMARY KEY,
  region_code CHAR(6) NOT NULL REFERENCES region (code)
);

INSERT INTO region (code, name, level, parent_code, province_code) VALUES
  ('370000', '山东省', 'PROVINCE', NULL, '370000'),
  ('370100', '济南市', 'CITY', '370000', '370000'),
  ('370200', '青岛市', 'CITY', '370000', '370000'),
  ('370300', '淄博市', 'CITY', '370000', '370000'),
  ('420000', '湖北省', 'PROVINCE', NULL, '420000'),
  ('420100', '武汉市', 'CITY', '420000', '420000'),
  ('110000', '北京市', 'PROVINCE', NULL, '110000');

INSERT INTO area_code (area_code, region_code) VALUES
  ('0531', '370100'),
  ('0532', '370200'),
  ('0533', '370300'),
  ('027', '420100'),
  ('010', '110000');
