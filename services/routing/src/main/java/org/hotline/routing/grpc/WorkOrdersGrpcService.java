package org.hotline.routing.grpc;

import io.quarkus.grpc.GrpcService;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;
import org.hotline.common.grpc.ProblemStatus;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.contracts.routing.v1.CreateWorkOrderRequest;
import org.hotline.contracts.routing.v1.GetWorkOrderRequest;
import org.hotline.contracts.routing.v1.ListClosedComplaintsRequest;
import org.hotline.contracts.routing.v1.ListClosedComplaintsResponse;
import org.hotline.contracts.routing.v1.ReopenWorkOrderRequest;
import org.hotline.contracts.routing.v1.SuperviseWorkOrderRequest;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.contracts.routing.v1.WorkOrders;
import org.hotline.routing.service.Caller;
import org.hotline.routing.service.CallerIdentity;
import org.hotline.routing.service.WorkOrderRegistration;
import org.hotline.routing.service.WorkOrderService;
import org.hotline.routing.service.WorkOrderView;

/** Work orders for intake (create, status) and evaluation (rework, supervision, closed complaints) over gRPC. */
@GrpcService
@RolesAllowed({ Roles.SERVICE, Roles.PLATFORM_OPERATOR, Roles.AGENT, Roles.TENANT_ADMIN })
public class WorkOrdersGrpcService implements WorkOrders {

    private final WorkOrderService service;
    private final WorkOrderRegistration registration;
    private final CurrentIdentityAssociation identities;

    public WorkOrdersGrpcService(WorkOrderService service, WorkOrderRegistration registration,
            CurrentIdentityAssociation identities) {
        this.service = service;
        this.registration = registration;
        this.identities = identities;
    }

    @Override
    public Uni<WorkOrder> createWorkOrder(CreateWorkOrderRequest r) {
        return call(caller -> registration.create(caller.onBehalfOf(r.getRegisteredBy()),
                new WorkOrderRegistration.NewWorkOrder(r.getIdempotencyKey(), r.getTenant(), r.getRegionCode(),
                        r.getCategory(), r.getSubcategory(), r.getTitle(), r.getDescription(), r.getPriority(),
                        r.getChannel(), r.getCitizenPhone(), r.getCitizenName(), r.getAddress(), r.getReceivedAt())))
                .map(WorkOrdersGrpcService::toProto);
    }

    @Override
    public Uni<WorkOrder> getWorkOrder(GetWorkOrderRequest r) {
        return call(caller -> {
            if (!r.getId().isBlank()) {
                return service.get(caller, id(r.getId()));
            }
            if (r.getTenant().isBlank() || r.getIdempotencyKey().isBlank()) {
                throw ProblemException.invalidField("id", "give the id, or tenant and idempotency_key");
            }
            return service.getByKey(caller, r.getTenant(), r.getIdempotencyKey());
        }).map(WorkOrdersGrpcService::toProto);
    }

    @Override
    public Uni<WorkOrder> reopenWorkOrder(ReopenWorkOrderRequest r) {
        return call(caller -> service.reopen(caller.onBehalfOf(r.getActor()), id(r.getId()), r.getReason(),
                r.getSource())).map(WorkOrdersGrpcService::toProto);
    }

    @Override
    public Uni<WorkOrder> superviseWorkOrder(SuperviseWorkOrderRequest r) {
        return call(caller -> service.supervise(caller.onBehalfOf(r.getActor()), id(r.getId()), r.getReason()))
                .map(WorkOrdersGrpcService::toProto);
    }

    @Override
    public Uni<ListClosedComplaintsResponse> listClosedComplaints(ListClosedComplaintsRequest r) {
        return call(caller -> {
            Instant from = instant("closed_from", r.getClosedFrom());
            Instant to = instant("closed_to", r.getClosedTo());
            int size = r.getPageSize() == 0 ? 500 : r.getPageSize();
            if (size < 1 || size > 1000) {
                throw ProblemException.invalidField("page_size", "must be 1..1000");
            }
            int page;
            try {
                page = r.getPageToken().isBlank() ? 0 : Integer.parseInt(r.getPageToken());
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("page_token", "is not a token returned by this method");
            }
            return service.closedComplaints(caller, r.getTenant(), from, to, page, size)
                    .map(p -> ListClosedComplaintsResponse.newBuilder()
                            .addAllWorkOrders(p.items().stream().map(WorkOrdersGrpcService::toProto).toList())
                            .setNextPageToken((long) (page + 1) * size < p.total() ? String.valueOf(page + 1) : "")
                            .build());
        });
    }

    /**
     * Runs the call for the caller once its identity is resolved (never blocking the IO thread), so that validation
     * failures also become gRPC statuses.
     */
    private <T> Uni<T> call(Function<Caller, Uni<? extends T>> work) {
        return identities.getDeferredIdentity().map(CallerIdentity::of).<T>flatMap(work::apply)
                .onFailure(e -> !(e instanceof ProblemException)).invoke(e -> Log.errorf(e, "gRPC work-order call failed"))
                .onFailure().transform(ProblemStatus::toStatus);
    }

    private static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "'" + raw + "' is not a work order id (UUID)");
        }
    }

    private static Instant instant(String field, String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "is required: a UTC ISO 8601 instant");
        }
    }

    static WorkOrder toProto(WorkOrderView v) {
        WorkOrder.Builder b = WorkOrder.newBuilder()
                .setId(v.id().toString()).setTenant(v.tenant()).setIdempotencyKey(v.idempotencyKey())
                .setStatus(v.status()).setOpen311Status(v.open311Status()).setCategory(v.category())
                .setTitle(v.title()).setRegionCode(v.regionCode()).setPoolingRegionCode(v.poolingRegionCode())
                .setSupervised(v.supervised()).setReopenCount(v.reopenCount()).setWarningLevel(v.warningLevel())
                .setRoutingDecision(v.routingDecision()).setCreated(v.created()).setPriority(v.priority())
                .setChannel(v.channel()).setRequestedAt(v.receivedAt().toString()).setUpdatedAt(v.updatedAt().toString());
        if (v.subcategory() != null) {
            b.setSubcategory(v.subcategory());
        }
        if (v.unitId() != null) {
            b.setUnitId(v.unitId().toString());
        }
        if (v.unitName() != null) {
            b.setUnitName(v.unitName());
        }
        if (v.firstResponsibleUnitId() != null) {
            b.setFirstResponsibleUnitId(v.firstResponsibleUnitId().toString());
        }
        if (v.firstResponsibleUnitName() != null) {
            b.setFirstResponsibleUnitName(v.firstResponsibleUnitName());
        }
        if (v.dueAt() != null) {
            b.setExpectedAt(v.dueAt().toString());
        }
        if (v.reply() != null) {
            b.setReply(v.reply());
        }
        if (v.repliedAt() != null) {
            b.setRepliedAt(v.repliedAt().toString());
        }
        if (v.closedAt() != null) {
            b.setClosedAt(v.closedAt().toString());
        }
        if (v.ruleId() != null) {
            b.setRuleId(v.ruleId().toString());
        }
        if (v.satisfaction() != null) {
            b.setSatisfaction(v.satisfaction());
        }
        if (v.statusNotes() != null) {
            b.setStatusNotes(v.statusNotes());
        }
        if (v.address() != null) {
            b.setAddress(v.address());
        }
        if (v.citizenPhoneMasked() != null) {
            b.setCitizenPhoneMasked(v.citizenPhoneMasked());
        }
        return b.build();
    }
}
