package org.hotline.knowledge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline.knowledge.service.ArticleIndex;
import org.hotline.knowledge.service.RankedArticle;
import org.hotline.knowledge.service.RegionScope;
import org.junit.jupiter.api.Test;

/** Measures answer quality on the labelled set of colloquial citizen questions. */
@QuarkusTest
class AnswerQualityTest {

    @Inject
    ArticleIndex index;

    record Labelled(String region, String expectedKey, String question, String kind) {
    }

    @Test
    void ranksTheExpectedArticleFirstForMostColloquialQuestions() throws Exception {
        List<Labelled> set = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(getClass().getClassLoader()
                .getResourceAsStream("knowledge/evaluation-questions.tsv"), StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
                String[] f = l.split("\t");
                set.add(new Labelled(f[0], f[1], f[2], f[3]));
            });
        }
        int top1 = 0;
        int top3 = 0;
        int unshared = 0;
        int unsharedTop1 = 0;
        double confidenceOfRight = 0;
        for (Labelled q : set) {
            List<RankedArticle> ranked = index.search(q.question(), RegionScope.of("region", q.region()).chain(),
                    Instant.now(), 3);
            int rank = -1;
            for (int i = 0; i < ranked.size(); i++) {
                if (ranked.get(i).article().questionKey().equals(q.expectedKey())) {
                    rank = i;
                    break;
                }
            }
            if (rank == 0) {
                top1++;
                confidenceOfRight += ranked.get(0).confidence();
            }
            if (rank >= 0) {
                top3++;
            }
            if ("unshared".equals(q.kind())) {
                unshared++;
                unsharedTop1 += rank == 0 ? 1 : 0;
            }
            if (rank != 0) {
                Log.infof("MISS rank=%d %s [%s] expected %s got %s (%.2f)", rank, q.question(), q.region(),
                        q.expectedKey(), ranked.isEmpty() ? "-" : ranked.get(0).article().questionKey(),
                        ranked.isEmpty() ? 0.0 : ranked.get(0).confidence());
            }
        }
        double p1 = 100.0 * top1 / set.size();
        double p3 = 100.0 * top3 / set.size();
        Log.infof("QUALITY questions=%d top1=%.1f%% top3=%.1f%% unshared=%d unsharedTop1=%d meanConfidenceTop1=%.2f",
                set.size(), p1, p3, unshared, unsharedTop1, top1 == 0 ? 0 : confidenceOfRight / top1);
        assertTrue(set.size() >= 100, "the labelled set has at least 100 questions");
        assertTrue(unshared >= 20, "at least 20 questions share no wording with their article");
        assertTrue(p1 >= 85.0, "top-1 accuracy " + p1 + "% is below 85%");
        assertTrue(p3 >= 95.0, "top-3 accuracy " + p3 + "% is below 95%");
    }
}
