package org.hotline.knowledge.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the live agency numbers given in automatic answers; withheld (dead) numbers are never returned. */
@ApplicationScoped
public class DirectoryContactRepository {

    /** A number safe to give a citizen. */
    public record Contact(UUID institutionId, String institutionName, String regionCode, String phone, String hours) {
    }

    private final Pool pool;

    public DirectoryContactRepository(Pool pool) {
        this.pool = pool;
    }

    /** Agencies of the most local region in {@code chain} that has any with a live number. */
    public Uni<List<Contact>> liveAgencyContacts(List<String> chain) {
        return pool.preparedQuery("""
                        select i.id, i.name, i.region_code, p.phone, i.hours
                        from institution i join institution_phone p on p.institution_id = i.id
                        where i.type = 'AGENCY' and i.region_code = any($1) and not p.withheld
                        order by i.name, p.phone""")
                .execute(Tuple.of(chain.toArray(new String[0])))
                .map(rows -> {
                    List<Contact> all = new ArrayList<>();
                    for (Row r : rows) {
                        all.add(new Contact(r.getUUID("id"), r.getString("name"), r.getString("region_code"),
                                r.getString("phone"), r.getString("hours")));
                    }
                    for (String region : chain) {
                        List<Contact> local = all.stream().filter(c -> c.regionCode().equals(region)).toList();
                        if (!local.isEmpty()) {
                            return local;
                        }
                    }
                    return List.<Contact>of();
                });
    }
}
