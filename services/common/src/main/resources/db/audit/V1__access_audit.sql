-- Access audit (docs/security.md): who read or changed which case. Append-only: the services connect as the table's
-- owner, for whom REVOKE does not bind, so triggers refuse UPDATE, DELETE and TRUNCATE for everyone.
CREATE TABLE access_audit (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            TIMESTAMPTZ  NOT NULL,
    tenant        VARCHAR(2)   NOT NULL,
    subject       VARCHAR(255) NOT NULL,
    roles         VARCHAR(128) NOT NULL,
    caller_tenant VARCHAR(2)   NOT NULL,
    action        VARCHAR(16)  NOT NULL,
    resource_type VARCHAR(32)  NOT NULL,
    resource_id   VARCHAR(64)  NOT NULL,
    request_id    VARCHAR(128) NOT NULL
);
CREATE INDEX access_audit_resource ON access_audit (resource_type, resource_id, at);
CREATE INDEX access_audit_tenant_at ON access_audit (tenant, at);
CREATE INDEX access_audit_subject_at ON access_audit (subject, at);

CREATE FUNCTION access_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER access_audit_no_change BEFORE UPDATE OR DELETE ON access_audit
    FOR EACH ROW EXECUTE FUNCTION access_audit_append_only();
CREATE TRIGGER access_audit_no_truncate BEFORE TRUNCATE ON access_audit
    FOR EACH STATEMENT EXECUTE FUNCTION access_audit_append_only();
