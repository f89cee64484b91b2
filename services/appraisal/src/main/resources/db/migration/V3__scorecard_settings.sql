-- Scorecard weights and grade bands per settings version (JSON text; null = the built-in defaults).
ALTER TABLE kpi_settings ADD COLUMN scorecard_weights text;
ALTER TABLE kpi_settings ADD COLUMN grade_bands text;
