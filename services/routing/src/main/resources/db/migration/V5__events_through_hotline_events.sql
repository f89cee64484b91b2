-- Routing's facts are published through hotline-events' outbox (outbox_event, migrated by the library itself);
-- the interim table of V4 goes.
DROP TABLE routing_event;
