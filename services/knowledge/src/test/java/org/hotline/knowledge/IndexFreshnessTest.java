package org.hotline.knowledge;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hotline.testing.TestTokens;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Plays the other replica: writes a published article straight into the shared database and NOTIFYs, exactly as a
 * replica's editor transaction does, and checks this instance's index picks it up without a restart.
 */
@QuarkusTest
class IndexFreshnessTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void articlePublishedByAnotherReplicaBecomesSearchable() throws Exception {
        String word = KnowledgeApiTest.uniqueWord();
        UUID id = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (PreparedStatement a = c.prepareStatement("insert into article (id, question_key, scope_region_code, "
                    + "tenant, current_version, created_at, updated_at) values (?, ?, '000000', '*', 1, now(), now())")) {
                a.setObject(1, id);
                a.setString(2, "test-" + word);
                a.executeUpdate();
            }
            try (PreparedStatement v = c.prepareStatement("insert into article_version (article_id, version, status, "
                    + "title, answer, topic, service, effective_from, owner, created_by, created_at, published_at) "
                    + "values (?, 1, 'PUBLISHED', ?, ?, '测试', 'POLICY_ANSWER', now() - interval '1 day', 'test', "
                    + "'replica-b', now(), now())")) {
                v.setObject(1, id);
                v.setString(2, "另一副本发布 " + word);
                v.setString(3, "另一副本发布的答复 " + word);
                v.executeUpdate();
            }
            try (PreparedStatement n = c.prepareStatement("select pg_notify('knowledge_changed', ?)")) {
                n.setString(1, id.toString());
                n.execute();
            }
            c.commit();
        }
        // No timing assertion: poll until it shows up, giving up only after a generous bound.
        for (int i = 0; i < 100; i++) {
            List<String> ids = given().header("Authorization", TestTokens.bearer("agent", "37")).queryParam("q", word)
                    .get("/api/v1/search").then().statusCode(200).extract().path("items.articleId");
            if (ids.contains(id.toString())) {
                return;
            }
            Thread.sleep(100);
        }
        Assertions.fail("the article published by the other replica never became searchable");
    }
}
