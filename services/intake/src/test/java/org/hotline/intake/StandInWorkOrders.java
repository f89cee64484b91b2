package org.hotline.intake;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.contracts.routing.v1.CreateWorkOrderRequest;
import org.hotline.contracts.routing.v1.GetWorkOrderRequest;
import org.hotline.contracts.routing.v1.ListClosedComplaintsRequest;
import org.hotline.contracts.routing.v1.ListClosedComplaintsResponse;
import org.hotline.contracts.routing.v1.ReopenWorkOrderRequest;
import org.hotline.contracts.routing.v1.SuperviseWorkOrderRequest;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.contracts.routing.v1.WorkOrders;

/** Routing's work orders as a stand-in: idempotent by (tenant, key) like the real one; switch it off for an outage. */
@GrpcService
@RolesAllowed("service")
public class StandInWorkOrders implements WorkOrders {

    /** While true, every call fails as an unreachable routing would. */
    public static final AtomicBoolean DOWN = new AtomicBoolean();
    /** Orders by tenant + "/" + idempotency key. */
    public static final Map<String, WorkOrder> ORDERS = new ConcurrentHashMap<>();
    /** How many CreateWorkOrder calls reached the stand-in, per key (retries included). */
    public static final Map<String, Integer> CREATE_CALLS = new ConcurrentHashMap<>();

    /** The order created for an intake contact, or null. */
    public static WorkOrder forContact(String contactId) {
        return ORDERS.values().stream().filter(o -> o.getIdempotencyKey().equals(contactId)).findFirst().orElse(null);
    }

    /** Units as routing's directory names them for the regions the tests use. */
    private static final java.util.Map<String, String> UNIT_NAMES = java.util.Map.of(
            "420100", "武汉市医疗保障局", "370300", "淄博市医疗保障局");

    @Override
    public Uni<WorkOrder> createWorkOrder(CreateWorkOrderRequest r) {
        if (DOWN.get()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("routing is down").asRuntimeException());
        }
        if (r.getIdempotencyKey().isEmpty() || r.getRegionCode().length() != 6 || r.getTitle().isEmpty()
                || r.getDescription().isEmpty() || r.getCategory().isEmpty()) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription("incomplete order")
                    .asRuntimeException());
        }
        // As routing's WorkOrderService: the contract's five category codes, nothing else.
        if (!java.util.Set.of("POLICY", "DATA_LOOKUP", "PRE_REVIEW", "FEEDBACK", "OPINION").contains(r.getCategory())) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription(
                    "urn:hotline:problem:validation: category: '" + r.getCategory() + "' is not one of POLICY, "
                            + "DATA_LOOKUP, PRE_REVIEW, FEEDBACK, OPINION").asRuntimeException());
        }
        String tenant = r.getTenant().isEmpty() ? r.getRegionCode().substring(0, 2) : r.getTenant();
        String key = tenant + "/" + r.getIdempotencyKey();
        CREATE_CALLS.merge(r.getIdempotencyKey(), 1, Integer::sum);
        WorkOrder existing = ORDERS.get(key);
        if (existing != null) {
            return Uni.createFrom().item(existing.toBuilder().setCreated(false).build());
        }
        Instant received = r.getReceivedAt().isEmpty() ? Instant.now() : Instant.parse(r.getReceivedAt());
        WorkOrder order = WorkOrder.newBuilder().setId(UUID.randomUUID().toString()).setTenant(tenant)
                .setIdempotencyKey(r.getIdempotencyKey()).setStatus("DISPATCHED").setOpen311Status("open")
                .setCategory(r.getCategory()).setTitle(r.getTitle()).setRegionCode(r.getRegionCode())
                .setPoolingRegionCode(r.getRegionCode()).setUnitId(UUID.randomUUID().toString())
                .setUnitName(UNIT_NAMES.getOrDefault(r.getRegionCode(), "测试医保经办机构")).setExpectedAt(received.plus(Duration.ofDays(5)).toString())
                .setRequestedAt(received.toString()).setUpdatedAt(Instant.now().toString())
                .setChannel(r.getChannel()).build();
        ORDERS.put(key, order);
        return Uni.createFrom().item(order.toBuilder().setCreated(true).build());
    }

    @Override
    public Uni<WorkOrder> getWorkOrder(GetWorkOrderRequest r) {
        if (DOWN.get()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("routing is down").asRuntimeException());
        }
        return ORDERS.values().stream().filter(o -> o.getId().equals(r.getId())).findFirst()
                .map(o -> Uni.createFrom().item(o))
                .orElseGet(() -> Uni.createFrom().failure(Status.NOT_FOUND.asRuntimeException()));
    }

    /** Replies an order, as a department would (for status and reply checks). */
    public static void reply(String contactId, String text) {
        ORDERS.replaceAll((k, o) -> o.getIdempotencyKey().equals(contactId)
                ? o.toBuilder().setStatus("REPLIED").setOpen311Status("closed").setReply(text)
                        .setRepliedAt(Instant.now().toString()).build()
                : o);
    }

    @Override
    public Uni<WorkOrder> reopenWorkOrder(ReopenWorkOrderRequest r) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<WorkOrder> superviseWorkOrder(SuperviseWorkOrderRequest r) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<ListClosedComplaintsResponse> listClosedComplaints(ListClosedComplaintsRequest r) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }
}
