package org.hotline.knowledge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An index kept in a folder across restarts: a restart on unchanged articles analyses nothing again and answers as
 * before; a changed article is analysed again and answers with its new text; a removed one is gone.
 */
class KeptIndexTest {

    private Path folder;

    @AfterEach
    void removeFolder() throws Exception {
        if (folder != null) {
            try (var files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void aRestartReusesTheKeptIndexAndPicksUpOnlyWhatChanged() throws Exception {
        folder = Files.createTempDirectory("kept-index-test-");
        List<ArticleSnapshot> seed = seed();
        Instant at = Instant.now();
        String question = "异地就医怎么备案";
        List<String> chain = RegionScope.of("region", "370303").chain();

        ArticleIndex first = new ArticleIndex(new Vocabulary(), folder);
        ArticleIndex.Rebuilt built = first.rebuild(seed);
        assertEquals(seed.size(), built.analysed());
        RankedArticle firstBest = first.search(question, chain, at, 3).get(0);
        String answeredFirst = firstBest.article().questionKey();
        first.close();

        // Restart on the same rows: every version is taken over, none analysed, and the answer is the same.
        ArticleIndex second = new ArticleIndex(new Vocabulary(), folder);
        ArticleIndex.Rebuilt restarted = second.rebuild(seed);
        assertEquals(new ArticleIndex.Rebuilt(seed.size(), 0, 0), restarted);
        assertEquals(answeredFirst, second.search(question, chain, at, 3).get(0).article().questionKey());
        second.close();

        // Restart after one article changed and one was removed outside this replica.
        List<ArticleSnapshot> changed = new ArrayList<>(seed);
        ArticleSnapshot removed = changed.remove(changed.size() - 1);
        int edited = indexOfId(changed, firstBest.article().id());
        ArticleSnapshot old = changed.get(edited);
        ArticleSnapshot.PublishedVersion v = old.versions().get(0);
        changed.set(edited, new ArticleSnapshot(old.id(), old.questionKey(), old.scope(), false, List.of(
                new ArticleSnapshot.PublishedVersion(v.version(), v.title(), v.questionVariants(),
                        v.answer() + " 备案后请保存回执编号KEPT42。", v.topic(), v.service(), v.effectiveFrom(),
                        v.effectiveTo(), v.citationName(), v.citationNumber(), v.citationUrl()))));
        ArticleIndex third = new ArticleIndex(new Vocabulary(), folder);
        ArticleIndex.Rebuilt reconciled = third.rebuild(changed);
        assertEquals(new ArticleIndex.Rebuilt(seed.size() - 2, 1, 2), reconciled);
        RankedArticle best = third.search(question, chain, at, 3).get(0);
        assertEquals(firstBest.article().id(), best.article().id());
        assertEquals(true, best.version().answer().contains("KEPT42"), "the edited text is what the index answers with");
        assertEquals(seed.size() - 1, third.articleCount());
        assertEquals(false, third.articles().stream().anyMatch(a -> a.id().equals(removed.id())));
        third.close();
    }

    private static int indexOfId(List<ArticleSnapshot> list, UUID id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no article " + id);
    }

    private static List<ArticleSnapshot> seed() {
        List<ArticleSnapshot> snapshots = new ArrayList<>();
        for (SeedLoader.SeedArticle s : SeedLoader.articles()) {
            snapshots.add(new ArticleSnapshot(UUID.randomUUID(), s.key(), s.scope(), false, List.of(
                    new ArticleSnapshot.PublishedVersion(1, s.title(), s.variants(), s.answer(), s.topic(), s.service(),
                            s.from().toInstant(), s.to() == null ? null : s.to().toInstant(), s.citationName(),
                            s.citationNumber(), s.citationUrl()))));
        }
        return snapshots;
    }
}
