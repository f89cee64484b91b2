-- Hotspot alerts (issue 14): a hotspot found by the periodic sweep is raised once, with its cases, and sent to the
-- tenant's webhook like a complaint light. The alert keeps the id the hotspot had when it was raised; a later sweep
-- finds its alert by a shared case (same tenant and kind), because a hotspot's computed id follows its first case and
-- that can change (a complaint received earlier but applied later, a first case that left the sweep's look-back, a
-- topic clustered anew), while its cases only grow. No caller data: cases are work order ids.
CREATE TABLE hotspot_alert (
    id              uuid         PRIMARY KEY,
    tenant          varchar(2)   NOT NULL,
    kind            varchar(16)  NOT NULL,
    label           varchar(300) NOT NULL,
    region_code     varchar(6),
    case_count      int          NOT NULL,
    window_start    timestamptz  NOT NULL,
    window_end      timestamptz  NOT NULL,
    alerted_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by varchar(128)
);
CREATE INDEX hotspot_alert_tenant ON hotspot_alert (tenant, window_end);

CREATE TABLE hotspot_alert_case (
    alert_id      uuid NOT NULL REFERENCES hotspot_alert (id),
    work_order_id uuid NOT NULL,
    PRIMARY KEY (alert_id, work_order_id)
);
CREATE INDEX hotspot_alert_case_order ON hotspot_alert_case (work_order_id);

-- Every webhook of appraisal goes through the one delivery table and its attempt log (same claiming, retries and
-- back-off): a delivery belongs to a complaint light or to a hotspot alert, once per subject and kind.
ALTER TABLE light_delivery ALTER COLUMN light_id DROP NOT NULL;
ALTER TABLE light_delivery ADD COLUMN hotspot_alert_id uuid REFERENCES hotspot_alert (id);
ALTER TABLE light_delivery ADD CONSTRAINT light_delivery_one_subject
    CHECK ((light_id IS NULL) <> (hotspot_alert_id IS NULL));
CREATE UNIQUE INDEX light_delivery_hotspot_alert ON light_delivery (hotspot_alert_id, kind)
    WHERE hotspot_alert_id IS NOT NULL;
