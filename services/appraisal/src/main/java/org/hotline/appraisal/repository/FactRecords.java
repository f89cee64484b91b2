package org.hotline.appraisal.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.appraisal.domain.CallFact;
import org.hotline.appraisal.domain.WorkOrderFact;

/** The records behind a figure (drill-down), in the caller's tenant scope, a page at a time with the total. */
@ApplicationScoped
public class FactRecords {

    private static final Map<String, String> CALL_FIELDS = Map.of("TENANT", "tenant", "QUEUE", "queueId",
            "REGION", "regionCode", "AGENT", "agentId", "CATEGORY", "category");
    private static final Map<String, String> ORDER_FIELDS = Map.of("TENANT", "tenant", "UNIT", "unitId",
            "REGION", "regionCode", "CATEGORY", "category", "CHANNEL", "channel");

    @WithSession
    public Uni<Tuple2<List<CallFact>, Long>> calls(String tenant, Instant from, Instant to, String by, String key,
            int page, int size) {
        StringBuilder q = new StringBuilder("offeredAt >= :from and offeredAt < :to");
        Parameters p = Parameters.with("from", from).and("to", to);
        if (tenant != null) {
            q.append(" and tenant = :tenant");
            p.and("tenant", tenant);
        }
        if (key != null && CALL_FIELDS.containsKey(by)) {
            q.append(" and ").append(CALL_FIELDS.get(by)).append(" = :key");
            p.and("key", key);
        }
        var query = CallFact.<CallFact>find(q.toString(), Sort.by("offeredAt").and("callId"), p);
        return query.count().chain(total -> query.page(Page.of(page, size)).list().map(l -> Tuple2.of(l, total)));
    }

    @WithSession
    public Uni<Tuple2<List<WorkOrderFact>, Long>> workOrders(String tenant, Instant from, Instant to, String by,
            String key, int page, int size) {
        StringBuilder q = new StringBuilder("receivedAt >= :from and receivedAt < :to");
        Parameters p = Parameters.with("from", from).and("to", to);
        if (tenant != null) {
            q.append(" and tenant = :tenant");
            p.and("tenant", tenant);
        }
        if (key != null && ORDER_FIELDS.containsKey(by)) {
            q.append(" and ").append(ORDER_FIELDS.get(by)).append(" = :key");
            p.and("key", key);
        }
        var query = WorkOrderFact.<WorkOrderFact>find(q.toString(), Sort.by("receivedAt").and("workOrderId"), p);
        return query.count().chain(total -> query.page(Page.of(page, size)).list().map(l -> Tuple2.of(l, total)));
    }
}
