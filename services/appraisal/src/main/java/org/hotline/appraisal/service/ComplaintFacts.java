package org.hotline.appraisal.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.UUID;
import org.hotline.appraisal.hotspot.ComplaintSubject;
import org.hotline.appraisal.hotspot.TopicTerms;
import org.hotline.contracts.routing.v1.WorkOrderEvent;
import org.hotline.events.consumer.FeedEvent;

/**
 * Routing's facts that are not an order's state: what each order is about (for hotspots: address, estate and topic
 * terms, derived once when the fact is applied) and each callback done (回访, for 回访执行率).
 */
final class ComplaintFacts {

    private ComplaintFacts() {
    }

    /** An order was created: what it is about. Its keys are a deterministic function of the fact (replay-safe). */
    static Uni<Void> created(FeedEvent event, WorkOrderEvent e) {
        String address = blankToNull(e.getSubjectAddress());
        String[] estate = ComplaintSubject.estate(address);
        String summary = blankToNull(e.getSummary());
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "INSERT INTO complaint_fact (work_order_id, tenant, region_code, category, received_at, "
                        + "subject_address, address_key, estate_key, estate_label, summary, terms) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (work_order_id) DO NOTHING")
                .setParameter(1, UUID.fromString(e.getWorkOrderId())).setParameter(2, event.tenant())
                .setParameter(3, blankToNull(e.getRegionCode())).setParameter(4, blankToNull(e.getCategory()))
                .setParameter(5, Instant.parse(e.getReceivedAt())).setParameter(6, cut(address, 300))
                .setParameter(7, cut(ComplaintSubject.addressKey(address), 300))
                .setParameter(8, estate == null ? null : cut(estate[0], 100))
                .setParameter(9, estate == null ? null : cut(estate[1], 100)).setParameter(10, cut(summary, 200))
                .setParameter(11, TopicTerms.format(TopicTerms.of(summary)))
                .executeUpdate()).replaceWithVoid();
    }

    /** A callback (回访) was recorded: when it was due, when it was done, by whom. */
    static Uni<Void> followUpDone(FeedEvent event, WorkOrderEvent e) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "INSERT INTO follow_up_fact (event_id, tenant, work_order_id, region_code, category, channel, "
                        + "agent_id, due_at, done_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                        + "ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, event.id()).setParameter(2, event.tenant())
                .setParameter(3, UUID.fromString(e.getWorkOrderId())).setParameter(4, blankToNull(e.getRegionCode()))
                .setParameter(5, blankToNull(e.getCategory())).setParameter(6, blankToNull(e.getChannel()))
                .setParameter(7, cut(blankToNull(e.getCallbackAgentId()), 128))
                .setParameter(8, Instant.parse(e.getCallbackDueAt())).setParameter(9, event.occurredAt())
                .executeUpdate()).replaceWithVoid();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
