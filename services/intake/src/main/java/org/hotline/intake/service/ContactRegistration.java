package org.hotline.intake.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.intake.domain.Channel;
import org.hotline.intake.domain.Contact;
import org.hotline.intake.domain.RegionStatus;
import org.hotline.common.category.ServiceCategory;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.repository.ContactRepository;
import org.hotline.intake.repository.ContactWrites;
import org.hotline.common.audit.AccessAudit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.hotline.intake.rest.ContactRequest;

/** Registers contacts with their region: routing's answer when it has one, a pending region when it is down. */
@ApplicationScoped
public class ContactRegistration {

    private final ContactRepository contacts;
    private final ContactWrites writes;
    private final KnownRegions regions;
    private final MeterRegistry metrics;
    /** The registration counters by tenant, channel and region status, found once rather than on every contact. */
    private final ConcurrentHashMap<String, Counter> registered = new ConcurrentHashMap<>();

    private final ContactFacts facts;
    private final IntakeConfig config;

    public ContactRegistration(ContactRepository contacts, ContactWrites writes, KnownRegions regions,
            MeterRegistry metrics, ContactFacts facts, IntakeConfig config) {
        this.writes = writes;
        this.facts = facts;
        this.config = config;
        this.contacts = contacts;
        this.regions = regions;
        this.metrics = metrics;
    }

    /** A registered contact and whether it was created now or replayed for a repeated Idempotency-Key. */
    public record Registered(Contact contact, boolean replayed) {
    }

    /**
     * Registers a contact for a caller of {@code callerTenant} ({@code *} for national callers and the switch).
     * The region is asked before the transaction so no database connection waits on routing.
     */
    public Uni<Registered> register(ContactRequest request, String callerTenant, String subject,
            IdempotencyKey idempotencyKey) {
        return register(request, callerTenant, subject, idempotencyKey, null);
    }

    /**
     * As above, and writes {@code audit} (when given) in the contact's own statement. At most 64 registrations run
     * at once per replica and 128 more wait; beyond that a surge is refused at once with 503 and Retry-After
     * ({@code overloaded}), before anything is stored: an unbounded queue answered late, after the clients had given
     * up on contacts it then stored anyway (docs/benchmarks.md). Sized for 1,500 contacts/s at a few ms each; override
     * with {@code quarkus.fault-tolerance."org.hotline.intake.service.ContactRegistration/register".bulkhead.value}
     * and {@code .bulkhead.waiting-task-queue}.
     */
    @Bulkhead(value = 64, waitingTaskQueue = 128)
    public Uni<Registered> register(ContactRequest request, String callerTenant, String subject,
            IdempotencyKey idempotencyKey, AccessAudit.Entry audit) {
        validate(request);
        // The key is checked by the insert itself (unique index contact_idempotency), not by a read before it: a new
        // contact costs one statement, and only a repeat, which the index refuses, reads the first registration.
        // Two concurrent requests with one key also end as one contact and one replay.
        return resolve(request, callerTenant, subject, idempotencyKey).flatMap(r -> {
            Contact contact = r.contact();
            return writes.insert(contact, facts.registered(contact, null), audit).map(x -> {
                counted(contact);
                return r;
            });
        }).onFailure(ContactRegistration::isRepeatedKey).recoverWithUni(e ->
                contacts.findByIdempotencyKey(tenantOf(callerTenant), idempotencyKey.endpoint(), subject,
                        idempotencyKey.key()).map(found -> replay(found, idempotencyKey, e))
                        .call(replayed -> audit == null ? Uni.createFrom().voidItem()
                                : writes.audit(audit, replayed.contact().id.toString(), replayed.contact().tenant)));
    }

    private static Registered replay(Contact found, IdempotencyKey key, Throwable conflict) {
        if (found == null) {
            throw new IllegalStateException("Idempotency-Key conflict without a stored contact", conflict);
        }
        if (key.requestHash() != null && found.requestHash != null && !key.requestHash().equals(found.requestHash)) {
            throw ProblemException.unprocessable("idempotency-key-reused", "This Idempotency-Key was used "
                    + "for another request; send a new key for a new request.");
        }
        return new Registered(found, true);
    }

    /** Whether a failed insert was refused by the Idempotency-Key's unique index (the key was used before). */
    static boolean isRepeatedKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Hibernate Reactive reports PostgreSQL's unique violation (23505) as an SQLException or a PgException.
            String state = t instanceof PgException pg ? pg.getSqlState()
                    : t instanceof SQLException sql ? sql.getSQLState() : null;
            if ("23505".equals(state) && String.valueOf(t.getMessage()).contains("contact_idempotency")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Everything of a registration but the write: the replayed contact for a repeated Idempotency-Key, or a new
     * contact with its region, not yet stored: the caller stores it with {@link #store} inside its own transaction
     * (a message and its contact are one transaction).
     */
    public Uni<Registered> prepare(ContactRequest request, String callerTenant, String subject,
            IdempotencyKey idempotencyKey) {
        validate(request);
        String scope = tenantOf(callerTenant);
        Uni<Contact> earlier = idempotencyKey == null
                ? Uni.createFrom().nullItem()
                : contacts.findByIdempotencyKey(scope, idempotencyKey.endpoint(), subject, idempotencyKey.key());
        return earlier.flatMap(found -> found == null
                ? resolve(request, callerTenant, subject, idempotencyKey)
                : Uni.createFrom().item(replay(found, idempotencyKey, null)));
    }

    private static void validate(ContactRequest request) {
        if (request.channel() == Channel.PHONE && blankToNull(request.dialedNumber()) == null) {
            throw ProblemException.invalidField("dialedNumber", "is required for PHONE contacts");
        }
        if (request.channel() == Channel.PHONE && blankToNull(request.callerNumber()) == null) {
            throw ProblemException.invalidField("callerNumber", "is required for PHONE contacts");
        }
        if ((request.latitude() == null) != (request.longitude() == null)) {
            throw ProblemException.invalidField(request.latitude() == null ? "latitude" : "longitude",
                    "is required with " + (request.latitude() == null ? "longitude" : "latitude"));
        }
    }

    private Uni<Registered> resolve(ContactRequest request, String callerTenant, String subject,
            IdempotencyKey key) {
        Contact contact = new Contact();
        contact.id = UUID.randomUUID();
        contact.channel = request.channel();
        contact.dialedNumber = PhoneNumber.normalise(request.dialedNumber());
        contact.callerNumber = PhoneNumber.normalise(request.callerNumber());
        contact.carrierRegionCode = blankToNull(request.carrierRegionCode());
        contact.ivrRegionCode = blankToNull(request.ivrRegionCode());
        contact.address = blankToNull(request.address());
        contact.latitude = request.latitude();
        contact.longitude = request.longitude();
        // When nothing else decides, the registering tenant's province takes the contact centrally (省级集中受理).
        contact.fallbackTenant = callerTenant == null || Roles.NATIONAL.equals(callerTenant) ? null : callerTenant;
        if (key != null) {
            contact.idempotencyKey = key.key();
            contact.idempotencyEndpoint = key.endpoint();
            contact.idempotencyTenant = tenantOf(callerTenant);
            contact.requestHash = key.requestHash();
        }
        contact.registeredBy = subject;
        contact.createdAt = Instant.now();
        contact.updatedAt = contact.createdAt;
        // The region is asked before any transaction, so no database connection waits on routing.
        return regions.lookup(contact).map(outcome -> {
            apply(contact, outcome, callerTenant);
            return new Registered(contact, false);
        });
    }

    /** Stores a prepared contact and its registration fact; must run inside the caller's transaction. */
    public Uni<Contact> store(Contact contact, ServiceCategory category) {
        return contacts.persist(contact).call(saved -> facts.contactRegistered(saved, category))
                .invoke(this::counted);
    }

    private void counted(Contact saved) {
        registered.computeIfAbsent(saved.tenant + "|" + saved.channel + "|" + saved.regionStatus, k ->
                metrics.counter("hotline_contacts_registered_total", "tenant", saved.tenant,
                        "channel", saved.channel.name(), "region_status", saved.regionStatus.name()))
                .increment();
    }

    /** Applies a region outcome; a provincial caller may only register contacts of its own province. */
    static void apply(Contact contact, RegionOutcome outcome, String callerTenant) {
        contact.regionStatus = outcome.status();
        contact.lastResolutionError = outcome.error();
        contact.resolutionAttempts++;
        if (outcome.status() == RegionStatus.RESOLVED) {
            var region = outcome.region();
            if (callerTenant != null && !Roles.NATIONAL.equals(callerTenant)
                    && !callerTenant.equals(region.getTenant())) {
                throw ProblemException.unprocessable("region-outside-tenant",
                        "The contact belongs to " + region.getPoolingRegionName() + " (tenant " + region.getTenant()
                                + "), outside your tenant " + callerTenant + "; transfer it to that province's line.");
            }
            contact.tenant = region.getTenant();
            contact.poolingRegionCode = region.getPoolingRegionCode();
            contact.poolingRegionName = region.getPoolingRegionName();
            contact.provinceCode = region.getProvinceCode();
            contact.provinceName = region.getProvinceName();
            contact.regionDecidedBy = region.getDecidedBy();
            contact.regionResolvedAt = Instant.now();
            contact.lastResolutionError = null;
        } else if (contact.tenant == null || Roles.NATIONAL.equals(contact.tenant)) {
            contact.tenant = callerTenant == null ? Roles.NATIONAL : callerTenant;
        }
    }

    /** Retries the region of one pending contact; keeps it pending while routing is still unreachable. */
    public Uni<Contact> retryRegion(Contact contact) {
        return regions.lookup(contact)
                .onFailure(RuntimeException.class).recoverWithItem(e -> RegionOutcome.undetermined(e.getMessage()))
                .flatMap(outcome -> updateRegion(contact.id, outcome));
    }

    private Uni<Contact> updateRegion(UUID id, RegionOutcome outcome) {
        return Panache.withTransaction(() -> contacts.findById(id).flatMap(contact -> {
            if (contact == null || contact.regionStatus != RegionStatus.PENDING) {
                return Uni.createFrom().item(contact);
            }
            // The region was pending, so the registration was already accepted: a region outside the registering
            // tenant is recorded rather than refused, and the contact stays visible to the tenant that took it.
            String keepTenant = Roles.NATIONAL.equals(contact.tenant) ? null : contact.tenant;
            apply(contact, outcome, null);
            if (keepTenant != null) {
                contact.tenant = keepTenant;
            }
            contact.updatedAt = Instant.now();
            if (contact.regionStatus == RegionStatus.RESOLVED) {
                Log.infof("Contact %s region resolved to %s after %d attempts", contact.id,
                        contact.poolingRegionCode, contact.resolutionAttempts);
                // A call offered while routing was down joins its queue now.
                String queue = CallEvents.queueOf(contact, config);
                return Panache.getSession().flatMap(session -> session.<String>createNativeQuery("""
                        update call_record set tenant = :t, region_code = :q, contact_region_code = :r
                         where contact_id = :c and region_code is null returning call_id""", String.class)
                        .setParameter("t", contact.tenant).setParameter("q", queue)
                        .setParameter("r", contact.poolingRegionCode)
                        .setParameter("c", contact.id).getResultList()
                        .flatMap(callIds -> session.createNativeQuery("""
                                update message set tenant = :t where contact_id = :c and tenant = '*'""")
                                .setParameter("t", contact.tenant).setParameter("c", contact.id).executeUpdate()
                                // A callback booked meanwhile joins the queue now (the province's central one if
                                // nothing finer decided), so an agent of that queue gets it.
                                .flatMap(x -> session.createNativeQuery("""
                                        update callback set tenant = :t, region_code = :q
                                         where contact_id = :c and region_code is null""")
                                        .setParameter("t", contact.tenant).setParameter("q", queue)
                                        .setParameter("c", contact.id).executeUpdate())
                                .flatMap(n -> facts.contactRegionResolved(contact, callIds, queue))))
                        .replaceWith(contact);
            }
            return Uni.createFrom().item(contact);
        }));
    }

    private static String tenantOf(String callerTenant) {
        return callerTenant == null || callerTenant.isBlank() ? Roles.NATIONAL : callerTenant;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
