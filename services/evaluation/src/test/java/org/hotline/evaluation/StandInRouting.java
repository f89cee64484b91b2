package org.hotline.evaluation;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.contracts.routing.v1.CalendarDay;
import org.hotline.contracts.routing.v1.CalendarDays;
import org.hotline.contracts.routing.v1.CreateWorkOrderRequest;
import org.hotline.contracts.routing.v1.GetCalendarRequest;
import org.hotline.contracts.routing.v1.GetWorkOrderRequest;
import org.hotline.contracts.routing.v1.ListClosedComplaintsRequest;
import org.hotline.contracts.routing.v1.ListClosedComplaintsResponse;
import org.hotline.contracts.routing.v1.ReopenWorkOrderRequest;
import org.hotline.contracts.routing.v1.SuperviseWorkOrderRequest;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.contracts.routing.v1.WorkOrders;
import org.hotline.contracts.routing.v1.WorkingCalendar;

/**
 * Routing's work orders and calendar as a stand-in served by the test app itself, with routing's rules for what
 * evaluation calls (checked against the real routing in routing's own gRPC tests): reopen only a replied, called-back
 * or closed order (else FAILED_PRECONDITION), a second reopen makes it supervised, supervising a replied order
 * reopens it under supervision, supervising a supervised open order changes nothing. Switch it off for an outage,
 * or make it apply a call and lose the answer.
 */
@GrpcService
@RolesAllowed("service")
public class StandInRouting implements WorkOrders, WorkingCalendar {

    /** While true, every call fails as an unreachable routing would. */
    public static final AtomicBoolean DOWN = new AtomicBoolean();
    /** While true, reopen and supervise are applied but answered with DEADLINE_EXCEEDED (a lost answer). */
    public static final AtomicBoolean LOSE_ANSWERS = new AtomicBoolean();
    /** Reopen and supervise calls received (applied or not). */
    public static final AtomicInteger MUTATIONS = new AtomicInteger();

    private static final Set<String> FINISHED = Set.of("REPLIED", "CALLBACK_DONE", "CLOSED");
    static final Map<String, WorkOrder> ORDERS = new ConcurrentHashMap<>();

    /** Puts an order in the stand-in as the real routing would answer it. */
    public static void put(WorkOrder order) {
        ORDERS.put(order.getId(), order);
    }

    public static WorkOrder order(String id) {
        return ORDERS.get(id);
    }

    private static <T> Uni<T> down() {
        return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("routing is down").asRuntimeException());
    }

    @Override
    public Uni<WorkOrder> getWorkOrder(GetWorkOrderRequest request) {
        if (DOWN.get()) {
            return down();
        }
        WorkOrder o = ORDERS.get(request.getId());
        return o == null ? Uni.createFrom().failure(Status.NOT_FOUND.withDescription("no order").asRuntimeException())
                : Uni.createFrom().item(o);
    }

    @Override
    public Uni<WorkOrder> reopenWorkOrder(ReopenWorkOrderRequest request) {
        if (DOWN.get()) {
            return down();
        }
        MUTATIONS.incrementAndGet();
        if (request.getReason().isBlank()) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription("reason").asRuntimeException());
        }
        WorkOrder o = ORDERS.get(request.getId());
        if (o == null) {
            return Uni.createFrom().failure(Status.NOT_FOUND.asRuntimeException());
        }
        if (!FINISHED.contains(o.getStatus())) {
            return Uni.createFrom().failure(Status.FAILED_PRECONDITION
                    .withDescription("cannot reopen an order in status " + o.getStatus()).asRuntimeException());
        }
        WorkOrder after = reopened(o).toBuilder().setStatusNotes(notes("Returned for rework (退回重办): "
                + request.getReason())).build();
        return answer(after);
    }

    @Override
    public Uni<WorkOrder> superviseWorkOrder(SuperviseWorkOrderRequest request) {
        if (DOWN.get()) {
            return down();
        }
        MUTATIONS.incrementAndGet();
        WorkOrder o = ORDERS.get(request.getId());
        if (o == null) {
            return Uni.createFrom().failure(Status.NOT_FOUND.asRuntimeException());
        }
        String notes = notes("Supervised (督办): " + request.getReason());
        if (FINISHED.contains(o.getStatus())) {
            return answer(reopened(o).toBuilder().setSupervised(true).setStatusNotes(notes).build());
        }
        if (o.getSupervised()) {
            return answer(o);
        }
        return answer(o.toBuilder().setSupervised(true).setStatusNotes(notes).build());
    }

    /** Routing keeps status notes in 500 characters and refuses longer ones with an internal error. */
    private static String notes(String text) {
        if (text.length() > 500) {
            throw Status.INTERNAL.withDescription("value too long for type character varying(500)").asRuntimeException();
        }
        return text;
    }

    private static WorkOrder reopened(WorkOrder o) {
        int count = o.getReopenCount() + 1;
        return o.toBuilder().setStatus("DISPATCHED").setReopenCount(count).setReply("").setRepliedAt("")
                .setSupervised(o.getSupervised() || count >= 2)
                .setExpectedAt(Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())
                .build();
    }

    private static Uni<WorkOrder> answer(WorkOrder after) {
        ORDERS.put(after.getId(), after);
        if (LOSE_ANSWERS.get()) {
            return Uni.createFrom().failure(Status.DEADLINE_EXCEEDED.withDescription("answer lost").asRuntimeException());
        }
        return Uni.createFrom().item(after);
    }

    @Override
    public Uni<WorkOrder> createWorkOrder(CreateWorkOrderRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<ListClosedComplaintsResponse> listClosedComplaints(ListClosedComplaintsRequest request) {
        return Uni.createFrom().failure(Status.UNIMPLEMENTED.asRuntimeException());
    }

    @Override
    public Uni<CalendarDays> getCalendar(GetCalendarRequest request) {
        if (DOWN.get()) {
            return down();
        }
        CalendarDays.Builder b = CalendarDays.newBuilder().setTenant(request.getTenant()).setZone("Asia/Shanghai")
                .setVersion(1);
        LocalDate to = LocalDate.parse(request.getToDate());
        for (LocalDate d = LocalDate.parse(request.getFromDate()); !d.isAfter(to); d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            b.addDays(CalendarDay.newBuilder().setDate(d.toString()).setWorkingDay(!weekend).setYearHasData(true));
        }
        return Uni.createFrom().item(b.build());
    }
}
