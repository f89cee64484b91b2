package org.hotline.routing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.domain.WorkOrder;
import org.hotline.routing.repository.UnitRepository;
import org.hotline.routing.repository.WorkOrderHistoryRepository;
import org.hotline.routing.repository.WorkOrderRepository;

/**
 * A resource that forgot every tenant check (test sources only): it reads, searches, and changes work orders and
 * units through the repositories with whatever token it is called with, for {@link DataLayerTenancyTest}.
 */
@Path("/test/unchecked")
// One session per request, closed at its end: without it each probe call kept a connection (found by EndpointFuzzTest).
@WithSession
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UncheckedDataProbe {

    private final WorkOrderRepository orders;
    private final WorkOrderHistoryRepository history;
    private final UnitRepository units;

    public UncheckedDataProbe(WorkOrderRepository orders, WorkOrderHistoryRepository history, UnitRepository units) {
        this.orders = orders;
        this.history = history;
        this.units = units;
    }

    @GET
    @Path("/work-orders/{id}")
    public Uni<Map<String, String>> byId(@PathParam("id") UUID id) {
        return orders.findById(id).map(o -> found(o == null ? null : o.id, o == null ? null : o.tenant, o));
    }

    /** Every order the repository's search returns for "all tenants", and its count. */
    @GET
    @Path("/work-orders")
    public Uni<Map<String, Object>> all() {
        var query = orders.search("*", null, null);
        return query.list().flatMap(list -> query.count().map(count -> Map.of(
                "ids", list.stream().map(o -> o.id.toString()).toList(),
                "tenants", list.stream().map(o -> o.tenant).distinct().toList(), "count", count)));
    }

    @GET
    @Path("/work-orders/{id}/history")
    public Uni<List<String>> historyOf(@PathParam("id") UUID id) {
        return history.of(id).map(list -> list.stream().map(h -> h.action).toList());
    }

    /** Supervises an order found by id, in a transaction; 404 when the data layer does not find it. */
    @POST
    @Path("/work-orders/{id}/supervise")
    public Uni<Map<String, String>> supervise(@PathParam("id") UUID id) {
        return Panache.withTransaction(() -> WorkOrder.<WorkOrder>findById(id).map(o -> {
            Map<String, String> found = found(o == null ? null : o.id, o == null ? null : o.tenant, o);
            o.supervised = true;
            return found;
        }));
    }

    @GET
    @Path("/units/{id}")
    public Uni<Map<String, String>> unit(@PathParam("id") UUID id) {
        return units.findById(id).map(u -> found(u == null ? null : u.id, u == null ? null : u.tenant, null));
    }

    private static Map<String, String> found(UUID id, String tenant, WorkOrder o) {
        if (id == null) {
            throw ProblemException.notFound("not-found", "Not found by the data layer.");
        }
        return Map.of("id", id.toString(), "tenant", tenant, "supervised", String.valueOf(o != null && o.supervised));
    }
}
