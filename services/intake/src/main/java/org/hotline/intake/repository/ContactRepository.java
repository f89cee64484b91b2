package org.hotline.intake.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hotline.intake.domain.Contact;
import org.hotline.intake.domain.RegionStatus;

/** Stores and finds contacts. */
@ApplicationScoped
@WithSession
public class ContactRepository implements PanacheRepositoryBase<Contact, UUID> {

    /** The contact an Idempotency-Key registered, scoped by the caller's tenant, the endpoint and the client. */
    public Uni<Contact> findByIdempotencyKey(String tenant, String endpoint, String registeredBy, String key) {
        return find("idempotencyTenant = ?1 and idempotencyEndpoint = ?2 and registeredBy = ?3 and idempotencyKey = ?4",
                tenant, endpoint, registeredBy, key).firstResult();
    }

    /** Contacts whose region still waits for routing, oldest first. */
    public Uni<List<Contact>> findPending(int limit) {
        return find("regionStatus", Sort.by("createdAt"), RegionStatus.PENDING).page(Page.ofSize(limit)).list();
    }

    /** One page of a tenant's contacts (all tenants when {@code tenant} is null), newest first. */
    public Uni<List<Contact>> page(String tenant, int page, int size) {
        var query = tenant == null
                ? findAll(Sort.by("createdAt").descending())
                : find("tenant", Sort.by("createdAt").descending(), tenant);
        return query.page(Page.of(page, size)).list();
    }

    public Uni<Long> countFor(String tenant) {
        return tenant == null ? count() : count("tenant", tenant);
    }
}
