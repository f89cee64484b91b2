package org.hotline.knowledge.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.knowledge.domain.Article;

/**
 * Articles as the caller may see them: every query adds the caller's tenants (national articles and the caller's own
 * province; everything for the platform operator and the suite's services), so a resource that forgets a check
 * cannot leak another province's drafts. Another province's article is simply not found.
 */
@ApplicationScoped
public class ArticleRepository implements PanacheRepositoryBase<Article, UUID> {

    private final TenantContext tenant;

    public ArticleRepository(TenantContext tenant) {
        this.tenant = tenant;
    }

    /** The tenants whose articles the caller sees; null means all. */
    public List<String> visibleTenants() {
        String own = tenant.tenant();
        if (Roles.NATIONAL.equals(own)) {
            // Only the national operator and services have national reach; any other role holding * sees national
            // articles only.
            return tenant.hasRole(Roles.PLATFORM_OPERATOR) || tenant.hasRole(Roles.SERVICE) ? null
                    : List.of(Roles.NATIONAL);
        }
        return List.of(Roles.NATIONAL, own);
    }

    /** The article if the caller may see it, else null. */
    public Uni<Article> findVisible(UUID id) {
        List<String> tenants = visibleTenants();
        return tenants == null ? findById(id) : find("id = ?1 and tenant in ?2", id, tenants).firstResult();
    }

    /** A page of visible articles, optionally of one scope, newest first. */
    public Uni<List<Article>> listVisible(String scope, int page, int size) {
        List<String> tenants = visibleTenants();
        if (tenants == null) {
            return (scope == null ? find("order by updatedAt desc, id")
                    : find("scopeRegionCode = ?1 order by updatedAt desc, id", scope)).page(page, size).list();
        }
        return (scope == null ? find("tenant in ?1 order by updatedAt desc, id", tenants)
                : find("tenant in ?1 and scopeRegionCode = ?2 order by updatedAt desc, id", tenants, scope))
                .page(page, size).list();
    }

    /** How many articles {@link #listVisible} pages through. */
    public Uni<Long> countVisible(String scope) {
        List<String> tenants = visibleTenants();
        if (tenants == null) {
            return scope == null ? count() : count("scopeRegionCode", scope);
        }
        return scope == null ? count("tenant in ?1", tenants)
                : count("tenant in ?1 and scopeRegionCode = ?2", tenants, scope);
    }
}
