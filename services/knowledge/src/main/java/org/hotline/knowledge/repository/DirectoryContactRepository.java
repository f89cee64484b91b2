package org.hotline.knowledge.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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

    /** Every agency number not withheld, ordered by name and number. */
    public Uni<List<Contact>> liveAgencyContacts() {
        return pool.query("""
                        select i.id, i.name, i.region_code, p.phone, i.hours
                        from institution i join institution_phone p on p.institution_id = i.id
                        where i.type = 'AGENCY' and not p.withheld
                        order by i.name, p.phone""")
                .execute()
                .map(rows -> {
                    List<Contact> all = new ArrayList<>();
                    for (Row r : rows) {
                        all.add(new Contact(r.getUUID("id"), r.getString("name"), r.getString("region_code"),
                                r.getString("phone"), r.getString("hours")));
                    }
                    return all;
                });
    }
}
