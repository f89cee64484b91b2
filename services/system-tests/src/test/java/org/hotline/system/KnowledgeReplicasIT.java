package org.hotline.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two knowledge replicas on one database: an article published or archived through one is seen the same way by
 * search in the other (PostgreSQL LISTEN/NOTIFY keeps every in-memory index current).
 */
class KnowledgeReplicasIT {

    private static final String EDITOR = TestTokens.bearer("platform-operator", "*");
    private static final String ZIBO = "370300";
    private static final Duration POLL = Duration.ofMillis(50);
    // Generous: the bound only decides when to give up on a loaded CI machine; the delay itself is printed.
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private static ServiceProcess replicaA;
    private static ServiceProcess replicaB;

    @BeforeAll
    static void startReplicas() {
        ServiceProcess.resetDatabase("knowledge", "_it2");
        replicaA = ServiceProcess.of("knowledge").with("hotline.db.suffix", "_it2").start();
        // Only after A is ready, so the seed is loaded once and B builds its index from the finished tables.
        replicaB = ServiceProcess.of("knowledge").with("hotline.db.suffix", "_it2").start();
        warmUp();
    }

    /**
     * Readiness does not wait for the LISTEN connection, which is opened just after start-up, and fresh JVMs answer
     * their first calls slowly; so, as an operator would before relying on the pair, the test publishes throw-away
     * articles on A until one shows up on B. The measured delays below are then those of a warm, listening pair.
     */
    private static void warmUp() {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        int attempt = 0;
        while (Instant.now().isBefore(giveUp)) {
            attempt++;
            String token = token();
            String id = createAndPublish(token, "预热");
            if (pollSearch(replicaB, token, id, true, Duration.ofSeconds(10)) != null) {
                if (attempt > 1) {
                    System.out.println("[KnowledgeReplicasIT] replica B saw a publication only at warm-up attempt "
                            + attempt);
                }
                return;
            }
        }
        throw new IllegalStateException("replica B never saw an article published on replica A within 120 s");
    }

    @AfterAll
    static void stopReplicas() {
        if (replicaB != null) {
            replicaB.stop();
        }
        if (replicaA != null) {
            replicaA.stop();
        }
    }

    @Test
    void articlePublishedOnOneReplicaIsFoundBySearchOnTheOther() {
        String token = token();
        String id = createDraft(token, "核验");
        assertNull(searchHit(replicaB, token, id), "a draft is never searchable");

        Instant requested = Instant.now();
        publish(id);
        Instant answered = Instant.now();
        assertTrue(searchHit(replicaA, token, id) != null, "the writing replica finds its own publication at once");

        Map<String, Object> hit = pollSearch(replicaB, token, id, true, GIVE_UP);
        Instant seen = Instant.now();
        if (hit == null) {
            fail("replica B did not find the article published on replica A within " + GIVE_UP);
        }
        // One more search on B, to tell how much of the delay is the machine's plain request latency.
        Instant probe = Instant.now();
        searchHit(replicaB, token, id);
        System.out.printf("[KnowledgeReplicasIT] published on A, found by search on B after %d ms "
                + "(%d ms after A answered the publish; one search on B takes %d ms)%n",
                Duration.between(requested, seen).toMillis(), Duration.between(answered, seen).toMillis(),
                Duration.between(probe, Instant.now()).toMillis());

        assertEquals(1, hit.get("version"));
        assertEquals(title(token, "核验"), hit.get("title"));
        assertEquals("000000", hit.get("scopeRegionCode"));
        assertNull(hit.get("effectiveTo"), "not expired");
        assertTrue(Instant.parse((String) hit.get("effectiveFrom")).isBefore(Instant.now()), "in force");
        given().header("Authorization", EDITOR).when().get(replicaB.baseUrl() + "/api/v1/articles/" + id)
                .then().statusCode(200)
                .body("archived", equalTo(false))
                .body("status", equalTo("PUBLISHED"))
                .body("effectiveTo", nullValue());
    }

    @Test
    void articleArchivedOnOneReplicaDisappearsFromSearchOnTheOther() {
        String token = token();
        String id = createAndPublish(token, "撤回");
        if (pollSearch(replicaB, token, id, true, GIVE_UP) == null) {
            fail("replica B did not find the article published on replica A within " + GIVE_UP);
        }

        Instant requested = Instant.now();
        given().header("Authorization", EDITOR).when().post(replicaA.baseUrl() + "/api/v1/articles/" + id + "/archive")
                .then().statusCode(200)
                .body("archived", equalTo(true))
                .body("status", equalTo("ARCHIVED"));
        assertNull(searchHit(replicaA, token, id), "the writing replica drops its own archived article at once");

        Map<String, Object> gone = pollSearch(replicaB, token, id, false, GIVE_UP);
        Instant seen = Instant.now();
        if (gone != null) {
            fail("replica B still returned the article archived on replica A after " + GIVE_UP);
        }
        System.out.printf("[KnowledgeReplicasIT] archived on A, gone from search on B after %d ms%n",
                Duration.between(requested, seen).toMillis());
        given().header("Authorization", EDITOR).when().get(replicaB.baseUrl() + "/api/v1/articles/" + id)
                .then().statusCode(200)
                .body("archived", equalTo(true));
    }

    /**
     * Searches {@code replica} every 50 ms until the article is there ({@code present}) or gone (not present).
     * Returns the last hit seen: with {@code present}, null means it never appeared; without, non-null means it stayed.
     */
    private static Map<String, Object> pollSearch(ServiceProcess replica, String token, String id, boolean present,
            Duration timeout) {
        Instant giveUp = Instant.now().plus(timeout);
        Map<String, Object> hit;
        do {
            hit = searchHit(replica, token, id);
            if ((hit != null) == present) {
                return hit;
            }
            ServiceProcess.sleep(POLL.toMillis());
        } while (Instant.now().isBefore(giveUp));
        return hit;
    }

    /** The search hit for article {@code id} on {@code replica}, or null when search does not return it. */
    private static Map<String, Object> searchHit(ServiceProcess replica, String token, String id) {
        JsonPath page = given().header("Authorization", TestTokens.bearer("agent", "37"))
                .queryParam("q", token + " 副本同步").queryParam("region", ZIBO).queryParam("size", 50)
                .when().get(replica.baseUrl() + "/api/v1/search")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        return items.stream().filter(h -> id.equals(h.get("articleId"))).findFirst().orElse(null);
    }

    private static String createAndPublish(String token, String purpose) {
        String id = createDraft(token, purpose);
        publish(id);
        return id;
    }

    /** Creates a national draft on replica A; the token makes its text unlike any seed article. */
    private static String createDraft(String token, String purpose) {
        String body = """
                {"questionKey":"replica-sync-%s","scopeRegionCode":"000000","title":"%s",
                 "questionVariants":["副本同步%s号条目在哪里查"],
                 "answer":"本条目由系统测试创建，编号%s，用于核验多个副本之间的检索同步，不作为政策答复。",
                 "topic":"系统测试","service":"POLICY_ANSWER","effectiveFrom":"%s"}"""
                .formatted(token, title(token, purpose), token, token,
                        OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.SECONDS));
        String id = given().header("Authorization", EDITOR).contentType(ContentType.JSON).body(body)
                .when().post(replicaA.baseUrl() + "/api/v1/articles")
                .then().statusCode(201)
                .body("status", equalTo("DRAFT"))
                .extract().path("id");
        assertFalse(id == null || id.isBlank());
        return id;
    }

    private static void publish(String id) {
        given().header("Authorization", EDITOR).when().post(replicaA.baseUrl() + "/api/v1/articles/" + id + "/publish")
                .then().statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("archived", equalTo(false))
                .body("effectiveTo", nullValue());
    }

    private static String title(String token, String purpose) {
        return "副本同步" + purpose + "测试条目" + token + "号";
    }

    /** A number no seed article contains, so search can only match the article made with it. */
    private static String token() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(10_000_000L, 100_000_000L));
    }
}
