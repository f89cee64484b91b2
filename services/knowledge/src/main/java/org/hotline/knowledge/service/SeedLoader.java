package org.hotline.knowledge.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hotline.common.phone.PhoneNumber;

/**
 * Loads the bundled seed (articles in {@code knowledge/seed/articles.txt}, directory in
 * {@code knowledge/seed/institutions.txt}) into an empty database at start-up, so {@code make run} needs no extra
 * step. Idempotent: each table is filled only when empty, under an advisory lock so that replicas starting together
 * load it once.
 */
@ApplicationScoped
public class SeedLoader {

    /** Effective dates in the seed are calendar days in China. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final long SEED_LOCK = 83_0001L;

    private final Pool pool;

    public SeedLoader(Pool pool) {
        this.pool = pool;
    }

    /** One seed article. */
    record SeedArticle(String key, String scope, String topic, String service, OffsetDateTime from, OffsetDateTime to,
            String title, String variants, String answer, String citationName, String citationNumber,
            String citationUrl) {
    }

    /** One seed directory entry. */
    record SeedInstitution(String region, String type, String name, String address, String hours, List<String[]> phones) {
    }

    /** Loads whatever part of the seed finds its table empty. */
    public Uni<Void> loadIfEmpty() {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_advisory_xact_lock($1)")
                .execute(Tuple.of(SEED_LOCK))
                .flatMap(x -> conn.query("select (select count(*) from article) as a, (select count(*) from institution) as i")
                        .execute())
                .flatMap(rows -> {
                    long articles = rows.iterator().next().getLong("a");
                    long institutions = rows.iterator().next().getLong("i");
                    Uni<Void> a = articles == 0 ? insertArticles(conn) : Uni.createFrom().voidItem();
                    return a.flatMap(v -> institutions == 0 ? insertInstitutions(conn) : Uni.createFrom().voidItem());
                }));
    }

    private Uni<Void> insertArticles(SqlConnection conn) {
        List<SeedArticle> seed = articles();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Tuple> heads = new ArrayList<>();
        List<Tuple> versions = new ArrayList<>();
        for (SeedArticle s : seed) {
            UUID id = UUID.randomUUID();
            heads.add(Tuple.of(id, s.key(), s.scope(), RegionScope.tenantOf(s.scope()), now));
            versions.add(Tuple.tuple().addUUID(id).addString(s.title()).addString(s.variants()).addString(s.answer())
                    .addString(s.topic()).addString(s.service()).addOffsetDateTime(s.from()).addOffsetDateTime(s.to())
                    .addString(s.citationName()).addString(s.citationNumber()).addString(s.citationUrl())
                    .addOffsetDateTime(now));
        }
        Log.infof("Loading %d seed articles into an empty knowledge base", seed.size());
        return conn.preparedQuery("insert into article (id, question_key, scope_region_code, tenant, current_version, "
                        + "created_at, updated_at) values ($1, $2, $3, $4, 1, $5, $5)").executeBatch(heads)
                .flatMap(x -> conn.preparedQuery("insert into article_version (article_id, version, status, title, "
                        + "question_variants, answer, topic, service, effective_from, effective_to, citation_name, "
                        + "citation_number, citation_url, owner, review_date, created_by, created_at, published_at) "
                        + "values ($1, 1, 'PUBLISHED', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'seed', "
                        + "date '2027-06-30', 'seed', $12, $12)").executeBatch(versions))
                .replaceWithVoid();
    }

    private Uni<Void> insertInstitutions(SqlConnection conn) {
        List<SeedInstitution> seed = institutions();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Tuple> rows = new ArrayList<>();
        List<Tuple> phones = new ArrayList<>();
        for (SeedInstitution s : seed) {
            UUID id = UUID.randomUUID();
            rows.add(Tuple.tuple().addUUID(id).addString(s.region().substring(0, 2)).addString(s.region())
                    .addString(s.name()).addString(s.type()).addString(s.address()).addString(s.hours())
                    .addOffsetDateTime(now));
            for (String[] p : s.phones()) {
                // Numbers nobody has verified yet start without a verification date, so their owner sees them flagged.
                boolean verified = p.length < 3 || !"unverified".equals(p[2].strip());
                phones.add(Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(id).addString(PhoneNumber.normalise(p[0]))
                        .addString(p.length > 1 ? p[1].strip() : null).addOffsetDateTime(verified ? now : null));
            }
        }
        Log.infof("Loading %d seed directory entries", seed.size());
        return conn.preparedQuery("insert into institution (id, tenant, region_code, name, type, address, hours, "
                        + "created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8)").executeBatch(rows)
                .flatMap(x -> conn.preparedQuery("insert into institution_phone (id, institution_id, phone, label, "
                        + "last_verified_at) values ($1, $2, $3, $4, $5)").executeBatch(phones))
                .replaceWithVoid();
    }

    /** Parses the article seed: blocks starting {@code === key | scope | topic | service | from | to}. */
    static List<SeedArticle> articles() {
        List<SeedArticle> out = new ArrayList<>();
        String[] head = null;
        String title = null;
        String variants = "";
        String answer = null;
        String[] citation = null;
        for (String line : lines("knowledge/seed/articles.txt")) {
            if (line.startsWith("===")) {
                if (head != null) {
                    out.add(article(head, title, variants, answer, citation));
                }
                head = line.substring(3).split("\\|");
                title = null;
                variants = "";
                answer = null;
                citation = null;
            } else if (line.startsWith("T:")) {
                title = line.substring(2).strip();
            } else if (line.startsWith("Q:")) {
                variants = String.join("\n", line.substring(2).strip().split("[；;]"));
            } else if (line.startsWith("A:")) {
                answer = line.substring(2).strip();
            } else if (line.startsWith("C:")) {
                citation = line.substring(2).split("\\|");
            }
        }
        if (head != null) {
            out.add(article(head, title, variants, answer, citation));
        }
        return out;
    }

    private static SeedArticle article(String[] head, String title, String variants, String answer, String[] citation) {
        if (head.length < 5 || title == null || answer == null) {
            throw new IllegalStateException("Incomplete seed article: " + String.join("|", head));
        }
        String to = head.length > 5 ? head[5].strip() : "-";
        return new SeedArticle(head[0].strip(), head[1].strip(), head[2].strip(), head[3].strip(), day(head[4]),
                "-".equals(to) || to.isEmpty() ? null : day(to), title, variants, answer,
                citation == null ? null : citation[0].strip(),
                citation == null || citation.length < 2 ? null : blankToNull(citation[1]),
                citation == null || citation.length < 3 ? null : blankToNull(citation[2]));
    }

    /** Parses the directory seed: {@code region | type | name | address | hours | phone/label; phone/label}. */
    static List<SeedInstitution> institutions() {
        List<SeedInstitution> out = new ArrayList<>();
        for (String line : lines("knowledge/seed/institutions.txt")) {
            String[] f = line.split("\\|");
            if (f.length < 6) {
                continue;
            }
            List<String[]> phones = new ArrayList<>();
            for (String p : f[5].split(";")) {
                if (!p.isBlank()) {
                    phones.add(p.strip().split("/", 3));
                }
            }
            out.add(new SeedInstitution(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f[4].strip(), phones));
        }
        return out;
    }

    private static OffsetDateTime day(String s) {
        return LocalDate.parse(s.strip()).atStartOfDay(CHINA).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = SeedLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
