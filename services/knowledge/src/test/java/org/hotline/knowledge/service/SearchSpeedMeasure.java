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
        // Optional: a folder to keep the index in (a second run on it measures a restart), and "bench" for the 15
        // well-formed questions of the bench's knowledge scenario instead of the labelled ones.
        ArticleIndex index = new ArticleIndex(new Vocabulary(), args.length > 3 && !args[3].equals("-")
                ? java.nio.file.Path.of(args[3]) : null);
        List<SeedLoader.SeedArticle> seed = SeedLoader.articles();
        List<ArticleSnapshot> snapshots = new ArrayList<>(articles);
        long t0 = System.nanoTime();
        for (int i = 0; i < articles; i++) {
            SeedLoader.SeedArticle s = seed.get(i % seed.size());
            int copy = i / seed.size();
            // Copies go to synthetic cities of other provinces, so the caller's chain still sees one of each key.
            String scope = copy == 0 ? s.scope() : String.format("%02d%02d00", 11 + copy % 50, 1 + (copy / 50) % 90);
            // Ids fixed by key and copy, so that a kept index is recognised by a second run.
            snapshots.add(new ArticleSnapshot(UUID.nameUUIDFromBytes((s.key() + "/" + s.scope() + "/" + copy)
                    .getBytes(StandardCharsets.UTF_8)), s.key() + (copy == 0 ? "" : "-" + copy), scope, false,
                    List.of(new ArticleSnapshot.PublishedVersion(1, s.title(), s.variants(), s.answer(), s.topic(),
                            s.service(), s.from().toInstant(), null, s.citationName(), s.citationNumber(),
                            s.citationUrl()))));
        }
        index.rebuild(snapshots);
        System.out.printf("indexed %d articles in %.1f s%n", articles, (System.nanoTime() - t0) / 1e9);
        List<String[]> questions = new ArrayList<>();
        if (args.length > 4 && args[4].equals("bench")) {
            String[] regions = { "370300", "370100", "370200", "420100" };
            String[] asked = { "异地就医怎么备案", "在上海出差得了急性阑尾炎住院了能报销吗", "医保关系怎么转移",
                "慢性病资格认定需要什么材料", "家人在海南住院如何办理转诊", "淄博医保局电话是多少", "新生儿怎么参保",
                "门诊费用能报销多少", "医保卡丢了怎么补办", "退休后医保缴费年限不够怎么办", "跨省异地就医直接结算",
                "生育津贴怎么申领", "灵活就业人员怎么交医保", "医保个人账户能给家人用吗", "住院起付线是多少" };
            for (int i = 0; i < asked.length * regions.length; i++) {
                questions.add(new String[] { regions[i % regions.length], "-", asked[i / regions.length] });
            }
        } else try (var r = new BufferedReader(new InputStreamReader(SearchSpeedMeasure.class.getClassLoader()
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
