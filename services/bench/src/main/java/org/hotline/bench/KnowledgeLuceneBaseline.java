package org.hotline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The raw-Lucene baseline of the knowledge scenario: indexes the very rows knowledge indexes (the published article
 * versions of its database, exported by bench.sh) with the same analyzer and fields, then runs the core of
 * knowledge's query (every word of the question an optional term in title x2.5, 同义问法 x2 and answer x1, scope and
 * date filters, top 60, each hit's article looked up through a doc value) from {@code threads} threads for
 * {@code seconds}, closed loop. What knowledge adds on top (reading the question, synonyms, pinyin and bigram
 * clauses, re-ranking, confidence, highlights, JSON over HTTP, the token) is the difference to the scenario's figure.
 * Prints tab-separated {@code knowledge-lucene <metric> <value>} lines for the results file.
 * Usage: {@code KnowledgeLuceneBaseline <articles.tsv> <threads> <seconds> <region,region,...>}.
 */
public final class KnowledgeLuceneBaseline {

    private static final Map<String, Float> FIELD_BOOSTS = Map.of("title", 2.5f, "questions", 2.0f, "answer", 1.0f);

    private KnowledgeLuceneBaseline() {
    }

    public static void main(String[] args) throws Exception {
        Path rows = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String[] regions = args[3].split(",");
        Analyzer words = new SmartChineseAnalyzer();
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        long t0 = System.nanoTime();
        int articles = 0;
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(words));
                BufferedReader in = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                // COPY ... TO (text format): scope, title, question_variants, answer, effective_from (epoch ms).
                String[] f = line.split("\t", -1);
                Document doc = new Document();
                doc.add(new NumericDocValuesField("slot", articles++));
                doc.add(new StringField("scope", f[0], Field.Store.NO));
                doc.add(new LongPoint("from", Long.parseLong(f[4])));
                doc.add(new LongPoint("to", Long.MAX_VALUE));
                doc.add(new TextField("title", unescape(f[1]), Field.Store.NO));
                doc.add(new TextField("questions", unescape(f[2]), Field.Store.NO));
                doc.add(new TextField("answer", unescape(f[3]), Field.Store.NO));
                writer.addDocument(doc);
            }
            writer.forceMerge(1);
        }
        System.out.printf("knowledge-lucene\tcorpus\t%d%n", articles);
        System.out.printf("knowledge-lucene\tindexSeconds\t%.1f%n", (System.nanoTime() - t0) / 1e9);
        List<String[]> questions = new ArrayList<>();
        for (String q : KnowledgeAnswerSimulation.QUESTIONS) {
            questions.add(tokens(words, q).toArray(String[]::new));
        }
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            long now = System.currentTimeMillis();
            run(searcher, questions, regions, now, threads, Math.min(10, seconds), null);
            long[] latencies = new long[5_000_000];
            var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = bean.getProcessCpuTime();
            long start = System.nanoTime();
            int done = run(searcher, questions, regions, now, threads, seconds, latencies);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpuMs = (bean.getProcessCpuTime() - cpu0) / 1e6;
            long[] measured = Arrays.copyOf(latencies, Math.min(done, latencies.length));
            Arrays.sort(measured);
            System.out.printf("knowledge-lucene\tthreads\t%d%n", threads);
            System.out.printf("knowledge-lucene\tqueriesPerSecond\t%.0f%n", done / elapsed);
            System.out.printf("knowledge-lucene\tp50Ms\t%.3f%n", measured[measured.length / 2] / 1e6);
            System.out.printf("knowledge-lucene\tp99Ms\t%.3f%n", measured[(int) (measured.length * 0.99)] / 1e6);
            System.out.printf("knowledge-lucene\tcpuMsPerQuery\t%.3f%n", cpuMs / done);
        }
    }

    /** Runs queries until {@code seconds} have passed; returns how many ran. */
    private static int run(IndexSearcher searcher, List<String[]> questions, String[] regions, long now, int threads,
            int seconds, long[] latencies) throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = offset; System.nanoTime() < end; i += threads) {
                        String[] q = questions.get(i % questions.size());
                        String region = regions[(i / questions.size()) % regions.length];
                        long s = System.nanoTime();
                        search(searcher, q, region, now);
                        int n = count.getAndIncrement();
                        if (latencies != null && n < latencies.length) {
                            latencies[n] = System.nanoTime() - s;
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return count.get();
    }

    /** knowledge's query without its extras: word terms per field with the same boosts, the same filters, top 60. */
    private static long search(IndexSearcher searcher, String[] words, String region, long now) throws IOException {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> field : FIELD_BOOSTS.entrySet()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String w : words) {
                any.add(new TermQuery(new Term(field.getKey(), w)), BooleanClause.Occur.SHOULD);
            }
            text.add(new BoostQuery(any.build(), field.getValue()), BooleanClause.Occur.SHOULD);
        }
        // The caller's chain: city, province, nation.
        List<BytesRef> chain = List.of(new BytesRef(region), new BytesRef(region.substring(0, 2) + "0000"),
                new BytesRef("000000"));
        Query query = new BooleanQuery.Builder()
                .add(text.build(), BooleanClause.Occur.MUST)
                .add(new TermInSetQuery("scope", chain), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery("from", Long.MIN_VALUE, now), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery("to", now + 1, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
                .build();
        TopDocs top = searcher.search(query, 60);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        long sum = 0;
        for (ScoreDoc sd : top.scoreDocs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
            NumericDocValues slot = leaf.reader().getNumericDocValues("slot");
            if (slot.advanceExact(sd.doc - leaf.docBase)) {
                sum += slot.longValue();
            }
        }
        return sum;
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    /** PostgreSQL COPY text format: backslash escapes for newline, tab, carriage return and backslash. */
    private static String unescape(String s) {
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
}
