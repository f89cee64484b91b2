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

    public Uni<Contact> findByIdempotencyKey(String registeredBy, String key) {
        return find("registeredBy = ?1 and idempotencyKey = ?2", registeredBy, key).firstResult();
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
