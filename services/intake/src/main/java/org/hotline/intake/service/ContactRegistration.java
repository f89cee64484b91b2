package org.hotline.intake.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.intake.domain.Channel;
import org.hotline.intake.domain.Contact;
import org.hotline.intake.domain.RegionStatus;
import org.hotline.intake.domain.ServiceCategory;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.repository.ContactRepository;
import org.hotline.intake.rest.ContactRequest;

/** Registers contacts with their region: routing's answer when it has one, a pending region when it is down. */
@ApplicationScoped
public class ContactRegistration {

    private final ContactRepository contacts;
    private final RegionLookup regions;
    private final MeterRegistry metrics;

    private final ContactFacts facts;
    private final IntakeConfig config;

    public ContactRegistration(ContactRepository contacts, RegionLookup regions, MeterRegistry metrics,
            ContactFacts facts, IntakeConfig config) {
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
    public Uni<Registered> register(ContactRequest request, String callerTenant, String subject, String idempotencyKey) {
        return register(request, null, callerTenant, subject, idempotencyKey);
    }

    /** As above, for a contact whose service category is known at registration (text channels). */
    public Uni<Registered> register(ContactRequest request, ServiceCategory category, String callerTenant,
            String subject, String idempotencyKey) {
        if (request.channel() == Channel.PHONE && (request.dialedNumber() == null || request.dialedNumber().isBlank())) {
            throw ProblemException.invalidField("dialedNumber", "is required for PHONE contacts");
        }
        Uni<Contact> earlier = idempotencyKey == null
                ? Uni.createFrom().nullItem()
                : contacts.findByIdempotencyKey(subject, idempotencyKey);
        return earlier.flatMap(found -> found != null
                ? Uni.createFrom().item(new Registered(found, true))
                : resolveAndStore(request, category, callerTenant, subject, idempotencyKey));
    }

    private Uni<Registered> resolveAndStore(ContactRequest request, ServiceCategory category, String callerTenant,
            String subject, String key) {
        Contact contact = new Contact();
        contact.id = UUID.randomUUID();
        contact.channel = request.channel();
        contact.dialedNumber = PhoneNumber.normalise(request.dialedNumber());
        contact.callerNumber = PhoneNumber.normalise(request.callerNumber());
        contact.carrierRegionCode = blankToNull(request.carrierRegionCode());
        contact.ivrRegionCode = blankToNull(request.ivrRegionCode());
        contact.idempotencyKey = key;
        contact.registeredBy = subject;
        contact.createdAt = Instant.now();
        contact.updatedAt = contact.createdAt;
        return regions.lookup(contact).flatMap(outcome -> {
            apply(contact, outcome, callerTenant);
            return save(contact, category);
        }).map(saved -> {
            metrics.counter("hotline_contacts_registered_total", "tenant", saved.tenant,
                    "channel", saved.channel.name(), "region_status", saved.regionStatus.name()).increment();
            return new Registered(saved, false);
        });
    }

    private Uni<Contact> save(Contact contact, ServiceCategory category) {
        // An explicit transaction (not @WithTransaction): this is called from inside the bean, past its interceptors.
        return Panache.withTransaction(() -> contacts.persist(contact)
                .call(saved -> facts.contactRegistered(saved, category)));
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
                                .flatMap(n -> facts.contactRegionResolved(contact, callIds, queue))))
                        .replaceWith(contact);
            }
            return Uni.createFrom().item(contact);
        }));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
