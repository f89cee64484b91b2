package org.hotline.intake.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hotline.contracts.routing.v1.CreateWorkOrderRequest;
import org.hotline.contracts.routing.v1.WorkOrder;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.domain.Contact;
import org.hotline.intake.domain.HandOff;
import org.hotline.intake.domain.HandOffStatus;
import org.hotline.intake.domain.RegionStatus;
import org.hotline.common.category.ServiceCategory;
import org.hotline.intake.repository.ContactRepository;
import org.hotline.intake.repository.HandOffRepository;

/**
 * One-step hand-off to routing, outbox style: a case is written with its contact, in the same transaction, then sent
 * to routing right away and again by {@link HandOffDispatch} until routing has it. The contact id is routing's
 * idempotency key, so resending after a lost answer never creates a second order.
 */
@ApplicationScoped
public class HandOffs {

    private final HandOffRepository handOffs;
    private final ContactRepository contacts;
    private final WorkOrderSubmission submission;
    private final QueryCodes codes;
    private final IntakeConfig config;
    private final MeterRegistry metrics;

    public HandOffs(HandOffRepository handOffs, ContactRepository contacts, WorkOrderSubmission submission,
            QueryCodes codes, IntakeConfig config, MeterRegistry metrics) {
        this.handOffs = handOffs;
        this.contacts = contacts;
        this.submission = submission;
        this.codes = codes;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * The category as routing.proto's CreateWorkOrderRequest still spells it (POLICY, PRE_REVIEW for two of the
     * five); drop this mapping once routing takes the common vocabulary (issue 11.14).
     */
    static String contractCategory(ServiceCategory category) {
        return switch (category) {
            case POLICY_ANSWER -> "POLICY";
            case ONLINE_PRE_REVIEW -> "PRE_REVIEW";
            default -> category.name();
        };
    }

    /** What a case needs besides its contact. */
    public record Draft(ServiceCategory category, String subcategory, String title, String description,
            String citizenPhone, String citizenName, String address, Double lat, Double lon) {
    }

    /** Stores the case of {@code contact} unless it has one; must run inside the caller's transaction. */
    public Uni<HandOff> open(Contact contact, Draft draft) {
        return handOffs.findById(contact.id).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            HandOff h = new HandOff();
            h.contactId = contact.id;
            h.tenant = contact.tenant;
            h.queryCode = codes.next();
            h.channel = contact.channel;
            h.category = draft.category();
            h.subcategory = draft.subcategory();
            h.title = cut(draft.title(), 200);
            h.description = cut(draft.description(), 4000);
            h.citizenPhone = draft.citizenPhone();
            h.citizenName = draft.citizenName();
            h.address = cut(draft.address(), 255);
            h.lat = draft.lat();
            h.lon = draft.lon();
            h.receivedAt = contact.createdAt;
            h.registeredBy = contact.registeredBy;
            h.status = HandOffStatus.PENDING;
            h.nextAttemptAt = Instant.now();
            h.createdAt = Instant.now();
            h.updatedAt = h.createdAt;
            return handOffs.persist(h);
        });
    }

    /** One attempt to hand the case to routing; never fails (an outage leaves it pending for the job). */
    public Uni<HandOff> dispatch(UUID contactId) {
        // Read in a short session, call routing outside it: no database connection waits on the network.
        return Panache.withSession(() -> handOffs.findById(contactId).flatMap(h -> h == null
                        ? Uni.createFrom().<Object[]>nullItem()
                        : contacts.findById(contactId).map(c -> new Object[] { h, c })))
                .flatMap(loaded -> {
                    HandOff h = loaded == null ? null : (HandOff) loaded[0];
                    if (h == null || h.status != HandOffStatus.PENDING) {
                        return Uni.createFrom().item(h);
                    }
                    Contact contact = (Contact) loaded[1];
                    if (contact.regionStatus == RegionStatus.PENDING) {
                        // The order needs the region; the region job resolves it once routing is back.
                        return record(contactId, new SubmissionOutcome(null, null, "region pending"), null);
                    }
                    return submission.submit(request(h, contact))
                            .flatMap(outcome -> record(contactId, outcome, contact.tenant));
                })
                .onFailure().recoverWithUni(e -> {
                    Log.warnf("Hand-off %s attempt failed, kept pending: %s", contactId, e.toString());
                    return Uni.createFrom().nullItem();
                });
    }

    /** The case with the work order's latest state from routing (the last snapshot when routing cannot say). */
    public Uni<HandOff> refreshed(HandOff h) {
        if (h == null || h.status != HandOffStatus.CREATED || h.workOrderId == null) {
            return Uni.createFrom().item(h);
        }
        return submission.current(h.workOrderId).flatMap(wo -> wo == null
                ? Uni.createFrom().item(h)
                : Panache.withTransaction(() -> handOffs.findById(h.contactId).invoke(fresh -> {
                    snapshot(fresh, wo);
                    fresh.syncedAt = Instant.now();
                })));
    }

    private Uni<HandOff> record(UUID contactId, SubmissionOutcome outcome, String resolvedTenant) {
        return Panache.withTransaction(() -> handOffs.findById(contactId).invoke(h -> {
            if (h.status != HandOffStatus.PENDING) {
                return;
            }
            // A case taken while the region was pending belongs to the region's tenant once it is known.
            if (resolvedTenant != null && !"*".equals(resolvedTenant)) {
                h.tenant = resolvedTenant;
            }
            h.attempts++;
            h.updatedAt = Instant.now();
            if (outcome.workOrder() != null) {
                h.status = HandOffStatus.CREATED;
                h.lastError = null;
                snapshot(h, outcome.workOrder());
                h.syncedAt = h.updatedAt;
                count(h, "created");
                Log.infof("Hand-off %s became work order %s after %d attempts", contactId, h.workOrderId, h.attempts);
            } else if (outcome.rejected() != null) {
                h.status = HandOffStatus.REJECTED;
                h.lastError = cut(outcome.rejected(), 255);
                count(h, "rejected");
                Log.warnf("Routing refused hand-off %s: %s", contactId, outcome.rejected());
            } else {
                h.lastError = cut(outcome.unavailable(), 255);
                h.nextAttemptAt = h.updatedAt.plus(backoff(h.attempts));
                count(h, "deferred");
            }
        }));
    }

    private Duration backoff(int attempts) {
        Duration d = Duration.ofSeconds(1L << Math.min(attempts, 16));
        return d.compareTo(config.handOffs().maxBackoff()) > 0 ? config.handOffs().maxBackoff() : d;
    }

    private static void snapshot(HandOff h, WorkOrder wo) {
        h.workOrderId = wo.getId();
        h.workOrderStatus = wo.getStatus();
        h.open311Status = wo.getOpen311Status().isEmpty() ? "open" : wo.getOpen311Status();
        String unit = !wo.getUnitName().isBlank() ? wo.getUnitName() : wo.getFirstResponsibleUnitName();
        // Never "": the unit's name, or nothing while the order waits in the claim pool.
        h.agencyResponsible = unit == null || unit.isBlank() ? null : cut(unit, 128);
        h.expectedAt = wo.getExpectedAt().isEmpty() ? null : Instant.parse(wo.getExpectedAt());
        h.reply = wo.getReply().isEmpty() ? null : cut(wo.getReply(), 4000);
        h.statusNotes = cut(statusNotes(wo, h.agencyResponsible), 1000);
    }

    /** Status notes for citizens, in Chinese: the state in words, and routing's own note when it is Chinese. */
    static String statusNotes(WorkOrder wo, String unit) {
        String state = switch (wo.getStatus()) {
            case "DISPATCHED" -> "已受理，已派发至" + (unit == null ? "经办机构" : unit) + "，等待签收。";
            case "POOLED", "CLAIMED" -> "已受理，正在分派经办机构。";
            case "ACCEPTED", "RETURN_REQUESTED" -> (unit == null ? "经办机构" : unit) + "正在办理。";
            case "WAITING_CITIZEN" -> "需要您补充材料，请留意工作人员的联系。";
            case "REPLIED" -> "已办结并答复。";
            case "CALLBACK_DONE" -> "已办结，已完成回访。";
            case "CLOSED" -> "已办结。";
            default -> "已受理。";
        };
        String routingNote = wo.getStatusNotes();
        boolean chinese = routingNote != null && routingNote.codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return chinese && !routingNote.equals(state) ? state + routingNote : state;
    }

    private static CreateWorkOrderRequest request(HandOff h, Contact c) {
        // The contact's tenant is current (a pending region may have resolved since the case was opened); a
        // national contact without a region has none, and routing then refuses it (REJECTED, for an agent).
        String tenant = c.tenant == null || "*".equals(c.tenant) ? "" : c.tenant;
        String region = c.poolingRegionCode != null ? c.poolingRegionCode : tenant.isEmpty() ? "" : tenant + "0000";
        return CreateWorkOrderRequest.newBuilder()
                .setIdempotencyKey(h.contactId.toString())
                .setTenant(tenant)
                .setRegionCode(region)
                .setCategory(contractCategory(h.category))
                .setSubcategory(nz(h.subcategory))
                .setTitle(h.title)
                .setDescription(h.description)
                .setChannel(h.channel.name())
                .setCitizenPhone(nz(h.citizenPhone))
                .setCitizenName(nz(h.citizenName))
                .setAddress(nz(h.address))
                .setReceivedAt(h.receivedAt.toString())
                .setRegisteredBy(nz(h.registeredBy))
                .build();
    }

    private void count(HandOff h, String result) {
        metrics.counter("hotline_intake_handoffs_total", "tenant", h.tenant, "result", result).increment();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
