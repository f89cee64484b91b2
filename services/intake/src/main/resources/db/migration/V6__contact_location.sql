-- Text channels have no dialed number: the region comes from the region the citizen names, the address or the
-- coordinates, the caller's number, or the registering tenant's province (fallback). They are kept with the contact
-- so that a contact registered while routing was down is resolved later from the same facts.
ALTER TABLE contact ADD COLUMN address VARCHAR(255);
ALTER TABLE contact ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE contact ADD COLUMN longitude DOUBLE PRECISION;
ALTER TABLE contact ADD COLUMN fallback_tenant VARCHAR(2);
