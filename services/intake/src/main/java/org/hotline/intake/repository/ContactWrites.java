package org.hotline.intake.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotline.common.audit.AccessAudit;
import org.hotline.events.outbox.EventOutbox;
import org.hotline.events.outbox.NewEvent;
import org.hotline.intake.domain.Contact;

import static org.hotline.common.sql.NativeRow.arity;
import static org.hotline.common.sql.NativeRow.params;
import static org.hotline.common.sql.NativeRow.tuple;
import static org.hotline.common.sql.NativeRow.utc;

/**
 * Writes a new contact, its registration fact and its access-audit row as one SQL statement: the hot path of a
 * surge (issue 15). Through Hibernate the same write took a session, a transaction of three round trips and a second
 * session for the audit row, about half of intake's CPU per contact; one statement is atomic on its own, so the fact
 * still commits with the contact or not at all, and the audit row can no longer fail a contact already stored.
 */
@ApplicationScoped
public class ContactWrites {

    /** The contact's columns, in the order {@link #contactValues} gives them. */
    static final String CONTACT_COLUMNS = "id, tenant, channel, dialed_number, caller_number, carrier_region_code, "
            + "ivr_region_code, address, latitude, longitude, fallback_tenant, region_status, pooling_region_code, "
            + "pooling_region_name, province_code, province_name, region_decided_by, resolution_attempts, "
            + "last_resolution_error, idempotency_key, idempotency_tenant, idempotency_endpoint, request_hash, "
            + "registered_by, created_at, updated_at, region_resolved_at";
    private static final int CONTACT_ARITY = arity(CONTACT_COLUMNS);
    private static final int EVENT_ARITY = arity(EventOutbox.COLUMNS);
    private static final int AUDIT_ARITY = arity(AccessAudit.COLUMNS);

    private static final String CONTACT_AND_FACT = "WITH new_contact AS (INSERT INTO contact (" + CONTACT_COLUMNS
            + ") VALUES (" + params(1, CONTACT_ARITY) + ")) INSERT INTO outbox_event (" + EventOutbox.COLUMNS
            + ") VALUES (" + params(CONTACT_ARITY + 1, EVENT_ARITY) + ")";
    private static final String CONTACT_FACT_AND_AUDIT = "WITH new_contact AS (INSERT INTO contact (" + CONTACT_COLUMNS
            + ") VALUES (" + params(1, CONTACT_ARITY) + ")), new_fact AS (INSERT INTO outbox_event ("
            + EventOutbox.COLUMNS + ") VALUES (" + params(CONTACT_ARITY + 1, EVENT_ARITY) + ")) INSERT INTO access_audit ("
            + AccessAudit.COLUMNS + ") VALUES (" + params(CONTACT_ARITY + EVENT_ARITY + 1, AUDIT_ARITY) + ")";
    private static final String AUDIT = "INSERT INTO access_audit (" + AccessAudit.COLUMNS + ") VALUES ("
            + params(1, AUDIT_ARITY) + ")";

    private final Pool pool;

    public ContactWrites(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts {@code contact} with its registration {@code fact}, and the {@code audit} row when one is given, in one
     * statement. Fails with PostgreSQL's unique violation on {@code contact_idempotency} when the contact's
     * Idempotency-Key was used before (nothing is written then).
     */
    public Uni<Void> insert(Contact contact, NewEvent fact, AccessAudit.Entry audit) {
        List<Object> values = new ArrayList<>(CONTACT_ARITY + EVENT_ARITY + AUDIT_ARITY);
        values.addAll(contactValues(contact));
        values.addAll(EventOutbox.values(fact));
        if (audit != null) {
            values.addAll(audit.values(contact.id.toString(), contact.tenant));
        }
        return pool.preparedQuery(audit == null ? CONTACT_AND_FACT : CONTACT_FACT_AND_AUDIT).execute(tuple(values))
                .replaceWithVoid();
    }

    /** Inserts one audit row on its own (a replayed registration, which stores nothing else). */
    public Uni<Void> audit(AccessAudit.Entry audit, String id, String tenant) {
        return pool.preparedQuery(AUDIT).execute(tuple(audit.values(id, tenant))).replaceWithVoid();
    }

    static List<Object> contactValues(Contact c) {
        return Arrays.asList(c.id, c.tenant, c.channel.name(), c.dialedNumber, c.callerNumber, c.carrierRegionCode,
                c.ivrRegionCode, c.address, c.latitude, c.longitude, c.fallbackTenant, c.regionStatus.name(),
                c.poolingRegionCode, c.poolingRegionName, c.provinceCode, c.provinceName, c.regionDecidedBy,
                c.resolutionAttempts, c.lastResolutionError, c.idempotencyKey, c.idempotencyTenant,
                c.idempotencyEndpoint, c.requestHash, c.registeredBy, utc(c.createdAt), utc(c.updatedAt),
                utc(c.regionResolvedAt));
    }
}
