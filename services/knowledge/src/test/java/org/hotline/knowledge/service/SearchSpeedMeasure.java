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
 * Instead of a number of articles, the first argument may name a file of the rows of a real knowledge database (the
 * bench corpus), exported with {@code psql -c "\copy (select a.id, a.question_key, a.scope_region_code, v.version,
 * v.title, v.question_variants, v.answer, v.topic, v.service, (extract(epoch from v.effective_from)*1000)::bigint,
 * (extract(epoch from v.effective_to)*1000)::bigint, v.citation_name, v.citation_number, v.citation_url from article a
 * join article_version v on v.article_id = a.id and v.status = 'PUBLISHED' where a.archived_at is null order by a.id,
 * v.version) to 'corpus.tsv'"}. The fifth argument {@code dump} prints every answer to the bench's and the labelled
 * questions (article, scope, confidence, mode, alternatives) instead of timing them, to compare two builds.
 */
public final class SearchSpeedMeasure {

    public static void main(String[] args) throws Exception {
        boolean fromRows = args.length > 0 && !args[0].matches("\\d+");
        int articles = fromRows ? 0 : args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        // Optional: a folder to keep the index in (a second run on it measures a restart), and "bench" for the 15
        // well-formed questions of the bench's knowledge scenario instead of the labelled ones.
        ArticleIndex index = new ArticleIndex(new Vocabulary(), args.length > 3 && !args[3].equals("-")
                ? java.nio.file.Path.of(args[3]) : null);
        List<SeedLoader.SeedArticle> seed = SeedLoader.articles();
        List<ArticleSnapshot> snapshots = new ArrayList<>(articles);
        long t0 = System.nanoTime();
        if (fromRows) {
            snapshots.addAll(rows(java.nio.file.Path.of(args[0])));
            articles = snapshots.size();
        }
        for (int i = 0; i < articles && !fromRows; i++) {
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
        String mode = args.length > 4 ? args[4] : "labelled";
        if (mode.equals("bench") || mode.equals("dump")) {
            String[] regions = { "370300", "370100", "370200", "420100" };
            String[] asked = { "异地就医怎么备案", "在上海出差得了急性阑尾炎住院了能报销吗", "医保关系怎么转移",
                "慢性病资格认定需要什么材料", "家人在海南住院如何办理转诊", "淄博医保局电话是多少", "新生儿怎么参保",
                "门诊费用能报销多少", "医保卡丢了怎么补办", "退休后医保缴费年限不够怎么办", "跨省异地就医直接结算",
                "生育津贴怎么申领", "灵活就业人员怎么交医保", "医保个人账户能给家人用吗", "住院起付线是多少" };
            for (int i = 0; i < asked.length * regions.length; i++) {
                questions.add(new String[] { regions[i % regions.length], "-", asked[i / regions.length] });
            }
        }
        if (!mode.equals("bench")) try (var r = new BufferedReader(new InputStreamReader(SearchSpeedMeasure.class.getClassLoader()
                .getResourceAsStream("knowledge/evaluation-questions.tsv"), StandardCharsets.UTF_8))) {
            r.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> questions.add(l.split("\t")));
        }
        Instant at = Instant.now();
        if (mode.equals("dump")) {
            for (String[] q : questions) {
                var c = AnswerComposer.compose(index, q[2], RegionScope.of("region", q[0]), at, 0.45, 3, k -> 0);
                StringBuilder line = new StringBuilder(q[0] + " " + q[2] + " -> " + c.mode() + " " + c.found() + " "
                        + c.confidence());
                if (c.best() != null) {
                    line.append(" ").append(c.best().article().questionKey()).append("@").append(c.best().article()
                            .scope()).append(" ").append(String.format("%.3f", c.best().score())).append(" ")
                            .append(c.best().highlight());
                }
                c.alternatives().forEach(a -> line.append(" | ").append(a.article().questionKey()).append("@")
                        .append(a.article().scope()).append(" ").append(a.confidence()));
                System.out.println(line);
            }
            index.close();
            return;
        }
        // Warm-up, then the measured pass.
        run(index, questions, at, threads, Math.min(queries, 4000));
        long[] latencies = run(index, questions, at, threads, queries);
        Arrays.sort(latencies);
        System.out.printf("p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6, latencies[latencies.length - 1] / 1e6);
    }

    /** The rows of a {@code \\copy ... to} export (text format), one snapshot per article. */
    private static List<ArticleSnapshot> rows(java.nio.file.Path file) throws java.io.IOException {
        java.util.Map<UUID, List<String[]>> byArticle = new java.util.LinkedHashMap<>();
        try (var lines = java.nio.file.Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(l -> {
                String[] f = l.split("\t", -1);
                for (int i = 0; i < f.length; i++) {
                    f[i] = unescape(f[i]);
                }
                byArticle.computeIfAbsent(UUID.fromString(f[0]), k -> new ArrayList<>()).add(f);
            });
        }
        java.util.Map<String, String> shared = new java.util.HashMap<>();
        java.util.function.UnaryOperator<String> once = v -> v == null ? null : shared.computeIfAbsent(v, k -> k);
        List<ArticleSnapshot> out = new ArrayList<>(byArticle.size());
        byArticle.forEach((id, versions) -> out.add(new ArticleSnapshot(id, once.apply(versions.get(0)[1]),
                once.apply(versions.get(0)[2]), false, versions.stream().map(f -> new ArticleSnapshot.PublishedVersion(
                        Integer.parseInt(f[3]), once.apply(f[4]), once.apply(f[5]), f[6], once.apply(f[7]),
                        once.apply(f[8]), Instant.ofEpochMilli(Long.parseLong(f[9])),
                        f[10] == null ? null : Instant.ofEpochMilli(Long.parseLong(f[10])), once.apply(f[11]),
                        once.apply(f[12]), once.apply(f[13]))).toList())));
        return out;
    }

    /** COPY's text format: {@code \\N} is null; backslash escapes newline, tab, carriage return and backslash. */
    private static String unescape(String s) {
        if (s.equals("\\N")) {
            return null;
        }
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
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
