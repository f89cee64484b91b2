package org.hotline.knowledge.service;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rough measure of answer speed (not a test, never run by the build): builds an index of {@code articles} articles
 * (the seed repeated over every city of the country, each copy a distinct question key so nothing collapses), then
 * composes answers to the labelled questions from {@code threads} threads and prints throughput and percentiles.
 * Run: {@code java -cp <test classpath> org.hotline.knowledge.service.SearchSpeedMeasure 100000 2 20000}.
 */
public final class SearchSpeedMeasure {

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        ArticleIndex index = new ArticleIndex(new Vocabulary());
        List<SeedLoader.SeedArticle> seed = SeedLoader.articles();
        List<ArticleSnapshot> snapshots = new ArrayList<>(articles);
        long t0 = System.nanoTime();
        for (int i = 0; i < articles; i++) {
            SeedLoader.SeedArticle s = seed.get(i % seed.size());
            int copy = i / seed.size();
            // Copies go to synthetic cities of other provinces, so the caller's chain still sees one of each key.
            String scope = copy == 0 ? s.scope() : String.format("%02d%02d00", 11 + copy % 50, 1 + (copy / 50) % 90);
            snapshots.add(new ArticleSnapshot(UUID.randomUUID(), s.key() + (copy == 0 ? "" : "-" + copy), scope, false,
                    List.of(new ArticleSnapshot.PublishedVersion(1, s.title(), s.variants(), s.answer(), s.topic(),
                            s.service(), s.from().toInstant(), null, s.citationName(), s.citationNumber(),
                            s.citationUrl()))));
        }
        index.rebuild(snapshots);
        System.out.printf("indexed %d articles in %.1f s%n", articles, (System.nanoTime() - t0) / 1e9);
        List<String[]> questions = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(SearchSpeedMeasure.class.getClassLoader()
                .getResourceAsStream("knowledge/evaluation-questions.tsv"), StandardCharsets.UTF_8))) {
            r.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> questions.add(l.split("\t")));
        }
        Instant at = Instant.now();
        // Warm-up, then the measured pass.
        run(index, questions, at, threads, Math.min(queries, 4000));
        long[] latencies = run(index, questions, at, threads, queries);
        Arrays.sort(latencies);
        System.out.printf("p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6, latencies[latencies.length - 1] / 1e6);
    }

    private static long[] run(ArticleIndex index, List<String[]> questions, Instant at, int threads, int queries)
            throws Exception {
        long[] latencies = new long[queries];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong cpu = new java.util.concurrent.atomic.AtomicLong();
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                long cpuStart = bean.getCurrentThreadCpuTime();
                for (int i = next.getAndIncrement(); i < queries; i = next.getAndIncrement()) {
                    String[] q = questions.get(i % questions.size());
                    long s = System.nanoTime();
                    AnswerComposer.compose(index, q[2], RegionScope.of("region", q[0]), at, 0.45, 3, k -> 0);
                    latencies[i] = System.nanoTime() - s;
                }
                cpu.addAndGet(bean.getCurrentThreadCpuTime() - cpuStart);
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        // CPU time of the answering threads (not wall time): the comparable figure on a shared machine.
        System.out.printf("%d answers on %d threads in %.1f s: %.0f answers/s, %.3f ms CPU per answer%n", queries,
                threads, seconds, queries / seconds, cpu.get() / 1e6 / queries);
        return latencies;
    }
}
