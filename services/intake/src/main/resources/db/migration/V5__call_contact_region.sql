-- The contact's pooling region beside the call's queue (they differ for provinces that take calls centrally), so
-- the call facts on the event feed name both without reading the contact.
ALTER TABLE call_record ADD COLUMN contact_region_code CHAR(6);
