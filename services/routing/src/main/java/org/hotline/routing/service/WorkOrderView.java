package org.hotline.routing.service;

import java.time.Instant;
import java.util.UUID;
import org.hotline.common.audit.AuditedCase;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.routing.domain.Unit;
import org.hotline.routing.domain.WorkOrder;

/** A work order as staff and other services see it, with unit names; the citizen's phone masked. */
public record WorkOrderView(UUID id, String tenant, String idempotencyKey, String status, String open311Status,
        String category, String subcategory, String priority, String channel, String title, String description,
        String citizenName, String citizenPhoneMasked, String address, String regionCode, String poolingRegionCode,
        UUID unitId, String unitName, UUID firstResponsibleUnitId, String firstResponsibleUnitName,
        UUID answerableUnitId, String poolScope, String poolRegionCode, Instant claimExpiresAt, UUID ruleId,
        String routingDecision, int limitValue, String limitUnit, Instant receivedAt, Instant acceptBy, Instant dueAt,
        Long remainingWorkingMinutes, String warningLevel, boolean supervised, int reopenCount, int returnsUsed,
        int returnBudget, String reply, Instant repliedAt, Instant callbackDueAt, String satisfaction,
        Integer extensionRequestedDays, String statusNotes, Instant createdAt, Instant updatedAt, Instant closedAt,
        boolean created, Integer deadlineYearWithoutData, String deadlineWarning) implements AuditedCase {

    @Override
    public String auditId() {
        return id.toString();
    }

    @Override
    public String auditTenant() {
        return tenant;
    }

    static WorkOrderView of(WorkOrder o, Unit unit, Unit first, boolean created) {
        return new WorkOrderView(o.id, o.tenant, o.idempotencyKey, o.status.name(), o.status.open311(),
                o.category.name(), o.subcategory, o.priority.name(), o.channel.name(), o.title, o.description,
                o.citizenName, PhoneNumber.mask(o.citizenPhone), o.address, o.regionCode, o.poolingRegionCode,
                o.unitId, unit == null ? null : unit.name, o.firstResponsibleUnitId, first == null ? null : first.name,
                o.answerableUnitId, o.poolScope == null ? null : o.poolScope.name(), o.poolRegionCode, o.claimExpiresAt,
                o.ruleId, o.routingDecision, o.limitValue, o.limitUnit.name(), o.receivedAt, o.acceptBy, o.dueAt,
                o.remainingWorkingMinutes, o.warningLevel, o.supervised, o.reopenCount, o.returnsUsed, o.returnBudget,
                o.reply, o.repliedAt, o.callbackDueAt, o.satisfaction, o.extensionRequestedDays, o.statusNotes,
                o.createdAt, o.updatedAt, o.closedAt, created, o.deadlineYearWithoutData,
                o.deadlineYearWithoutData == null ? null : "The deadline is counted into " + o.deadlineYearWithoutData
                        + ", whose national holidays are not entered yet (weekends only); it may fall on a holiday "
                        + "and is recomputed when the calendar is completed.");
    }
}
