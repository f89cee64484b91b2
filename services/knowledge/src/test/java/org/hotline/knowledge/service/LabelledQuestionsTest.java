package org.hotline.knowledge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answer quality on the labelled questions written as callers write them (typos, homophones, dialect, fragments, other
 * regions, out-of-domain questions), over the bundled seed, through the same composer the service answers with. The
 * held-out file was written with the second round and never used for tuning; both are measured and enforced.
 */
class LabelledQuestionsTest {

    private static final double THRESHOLD = 0.45;
    private static ArticleIndex index;

    record Labelled(String region, String expectedKey, String question, String kind) {
        boolean outOfDomain() {
            return "-".equals(expectedKey);
        }
    }

    record Figures(int questions, int inDomain, int top1, int top3, int found, int foundRight, int outOfDomain,
            int outOfDomainFound) {
        double top1Rate() {
            return 100.0 * top1 / inDomain;
        }

        double top3Rate() {
            return 100.0 * top3 / inDomain;
        }

        double precision() {
            return found == 0 ? 100 : 100.0 * foundRight / found;
        }

        double recall() {
            return 100.0 * foundRight / inDomain;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "questions=%d inDomain=%d top1=%.1f%% top3=%.1f%% foundPrecision=%.1f%% "
                    + "foundRecall=%.1f%% outOfDomain=%d outOfDomainFound=%d", questions, inDomain, top1Rate(),
                    top3Rate(), precision(), recall(), outOfDomain, outOfDomainFound);
        }
    }

    @BeforeAll
    static void buildIndexFromTheSeed() {
        index = new ArticleIndex(new Vocabulary());
        List<ArticleSnapshot> snapshots = new ArrayList<>();
        for (SeedLoader.SeedArticle s : SeedLoader.articles()) {
            snapshots.add(new ArticleSnapshot(UUID.randomUUID(), s.key(), s.scope(), false, List.of(
                    new ArticleSnapshot.PublishedVersion(1, s.title(), s.variants(), s.answer(), s.topic(), s.service(),
                            s.from().toInstant(), s.to() == null ? null : s.to().toInstant(), s.citationName(),
                            s.citationNumber(), s.citationUrl()))));
        }
        index.rebuild(snapshots);
    }

    @Test
    void theLabelledQuestionsMeetTheThresholds() throws Exception {
        Figures tuning = measure("knowledge/evaluation-questions.tsv");
        Figures heldOut = measure("knowledge/held-out-questions.tsv");
        Figures all = new Figures(tuning.questions() + heldOut.questions(), tuning.inDomain() + heldOut.inDomain(),
                tuning.top1() + heldOut.top1(), tuning.top3() + heldOut.top3(), tuning.found() + heldOut.found(),
                tuning.foundRight() + heldOut.foundRight(), tuning.outOfDomain() + heldOut.outOfDomain(),
                tuning.outOfDomainFound() + heldOut.outOfDomainFound());
        System.out.println("QUALITY tuning " + tuning);
        System.out.println("QUALITY held-out " + heldOut);
        System.out.println("QUALITY all " + all);
        assertTrue(all.questions() >= 300, "the labelled set has at least 300 questions: " + all);
        assertTrue(heldOut.questions() >= 100, "at least 100 of them are held out: " + heldOut);
        assertTrue(all.outOfDomain() >= 25, "the set has out-of-domain questions: " + all);
        // Thresholds of issue 18 on the whole labelled set; top-1 and out-of-domain also on each part alone.
        assertTrue(all.top1Rate() >= 95.0, "top-1 below 95%: " + all);
        assertTrue(all.precision() >= 98.0, "precision of found below 98%: " + all);
        assertTrue(tuning.top1Rate() >= 95.0, "top-1 of the tuning part below 95%: " + tuning);
        assertTrue(heldOut.top1Rate() >= 95.0, "top-1 of the held-out part below 95%: " + heldOut);
        assertEquals(0, all.outOfDomainFound(), "every out-of-domain question is not found: " + all);
    }

    @Test
    void homophonesAndDialectAreReadInStandardWords() {
        assertEquals("异地就医怎么备案", index.questions().normalise("意地就医怎么被案", "37"));
        assertEquals("医保卡丢失怎么办", index.questions().normalise("医保卡掉了咋办", "*"));
        assertEquals("慢病怎么办", index.questions().normalise("慢病咋弄", "*"));
        assertEquals("住院能报销吗", index.questions().normalise("住院给报不", "*"));
    }

    @Test
    void aOneLineTopicGetsChoicesAndAClarifyingQuestion() {
        var c = AnswerComposer.compose(index, "慢病咋弄", RegionScope.of("region", "370300"), Instant.now(), THRESHOLD,
                3, k -> 0);
        assertEquals(AnswerComposer.Mode.CHOICES, c.mode());
        assertEquals("chronic-disease-qualification", c.best().article().questionKey());
        assertEquals("370300", c.best().article().scope(), "the caller's city article answers");
        assertTrue(c.alternatives().size() >= 2, "the topic's other articles are offered as choices");
        assertTrue(c.clarifyingQuestion().contains("慢特病"), c.clarifyingQuestion());
    }

    private static Figures measure(String resource) throws Exception {
        List<Labelled> set = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(LabelledQuestionsTest.class.getClassLoader()
                .getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
                String[] f = l.split("\t");
                set.add(new Labelled(f[0], f[1], f[2], f[3]));
            });
        }
        int inDomain = 0, top1 = 0, top3 = 0, found = 0, foundRight = 0, ood = 0, oodFound = 0;
        for (Labelled q : set) {
            var c = AnswerComposer.compose(index, q.question(), RegionScope.of("region", q.region()), Instant.now(),
                    THRESHOLD, 3, k -> 0);
            String got = c.best() == null ? "-" : c.best().article().questionKey();
            if (resource.contains("evaluation") && c.mode() != AnswerComposer.Mode.CHOICES) {
                System.out.printf(Locale.ROOT, "CONF %s %.4f %s%n", q.outOfDomain() ? (index.questions().inDomain(c.normalised(), "*")
                        ? "ood" : "oodgated") : got.equals(q.expectedKey()) ? "right" : "wrong", c.confidence(), q.question());
            }
            if (q.outOfDomain()) {
                ood++;
                if (c.found()) {
                    oodFound++;
                    System.out.printf("OOD-FOUND %s -> %s (%.3f) [%s]%n", q.question(), got, c.confidence(),
                            c.normalised());
                }
                continue;
            }
            inDomain++;
            boolean right = got.equals(q.expectedKey());
            boolean inTop3 = right || c.alternatives().stream().limit(2)
                    .anyMatch(a -> a.article().questionKey().equals(q.expectedKey()));
            top1 += right ? 1 : 0;
            top3 += inTop3 ? 1 : 0;
            if (c.found()) {
                found++;
                foundRight += right ? 1 : 0;
            }
            if (!right || !c.found()) {
                System.out.printf("%s %s [%s] %s -> %s (%.3f, %s) expected %s%n", right ? "NOT-FOUND" : "MISS",
                        q.question(), q.kind(), c.normalised(), got, c.confidence(), c.mode(), q.expectedKey());
            }
        }
        return new Figures(set.size(), inDomain, top1, top3, found, foundRight, ood, oodFound);
    }
}
