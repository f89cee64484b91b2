package org.hotline.knowledge.service;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hotline.knowledge.config.KnowledgeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CachingTokenFilter;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * The in-memory Lucene index of published article versions, rebuilt from PostgreSQL at start-up and kept current by
 * change notifications. Every method blocks: call it from a worker thread, never from the event loop.
 */
@ApplicationScoped
public class ArticleIndex {

    private static final String AID = "aid";
    /** "article id:version": one document per published version. */
    private static final String VID = "vid";
    private static final String FINGERPRINT = "fp";
    private static final String HEAD_WORDS = "hw";
    private static final String CONTENT_WORDS = "cw";
    private static final String WORD_SEPARATOR = "\u0001";
    /** Layout and analysis of the documents; a kept folder of another format is rebuilt from scratch. */
    private static final String FORMAT = "3";
    private static final String FORMAT_KEY = "hotline.knowledge.format";
    private static final String SLOT = "slot";
    private static final String SCOPE = "scope";
    private static final String FROM = "from";
    private static final String TO = "to";
    private static final String TITLE = "title";
    private static final String QUESTIONS = "questions";
    private static final String ANSWER = "answer";
    private static final String BIGRAMS = "_bg";
    /** Blurred pinyin of adjacent character pairs of the title and 同义问法: homophones and typos meet here. */
    private static final String PINYIN = "py";
    private static final float PINYIN_BOOST = 0.3f;
    /** Field boosts: a match in the title or a 同义问法 says more than one in the answer text. */
    private static final Map<String, Float> FIELD_BOOSTS = Map.of(TITLE, 2.5f, QUESTIONS, 2.0f, ANSWER, 1.0f);
    /** Confidence = weighted coverage of the question by the whole article and by its title and 同义问法, plus lead. */
    static final double COVERAGE_WEIGHT = 0.45;
    static final double HEAD_WEIGHT = 0.3;
    static final double MARGIN_WEIGHT = 0.25;
    /** Weight of Lucene's score (relative to the best) when the first {@link #RERANKED} are re-ranked by coverage. */
    static final double SCORE_WEIGHT = 0.5;
    static final int RERANKED = 8;
    /**
     * Confidence of the word pass's first article from which the character-pair and pinyin clauses are not asked:
     * chosen on the labelled set so that every answer is the one the full query gives.
     */
    static final double STRONG_WORD_PASS = Double.parseDouble(System.getProperty("knowledge.strong", "0.5"));
    /** Bounds on query size, so that a pasted essay cannot blow Lucene's clause limit. */
    private static final int MAX_BIGRAM_CHARS = 160;
    /**
     * Bigram and pinyin fields are only ever queried term by term, never as phrases: without positions the index of
     * a 100,000-article corpus is smaller by a third and its scores are the same (BM25 uses frequencies and norms).
     */
    private static final FieldType TERMS_ONLY = termsOnly();
    /** From this many articles a rebuild analyses them on every core. */
    private static final int PARALLEL_REBUILD = 5_000;
    private final SmartChineseAnalyzer words = new SmartChineseAnalyzer();
    private final CJKAnalyzer bigrams = new CJKAnalyzer();
    private final Vocabulary vocabulary;
    /** Counts refreshes of the searcher after a change (see {@link #generation()}). */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private final QuestionReading reading;
    /** Topic -> scope -> articles: a topic's articles for a caller are read for the scopes of its chain only. */
    private final Map<String, Map<String, Set<UUID>>> byTopic = new ConcurrentHashMap<>();
    /** Words of each version's title and 同义问法 ("id:version"): what the article is about, not what it mentions. */
    private final Map<IndexedVersion, WordSet> headWords = new ConcurrentHashMap<>();
    /** Words of each version's whole text, for the confidence measure. */
    private final Map<IndexedVersion, WordSet> contentWords = new ConcurrentHashMap<>();
    /**
     * The index lives in a folder read through memory mapping: outside the heap (a 100,000-article index would take a
     * third of a 384 MB heap). With {@code hotline.knowledge.index.folder} set it is kept there across restarts and
     * reconciled with PostgreSQL at start-up (only new or changed versions are analysed again); otherwise it is a
     * temporary folder deleted at shutdown.
     */
    private final Path folder;
    private final boolean persistent;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<UUID, ArticleSnapshot> catalogue = new ConcurrentHashMap<>();
    /** Question key -> scope -> article: the most local article of a key is a look-up per scope of the chain. */
    private final Map<String, Map<String, UUID>> byQuestionKey = new ConcurrentHashMap<>();
    /**
     * Lucene document -> article version, through the document's {@value #SLOT} doc value: reading stored fields for
     * every hit would decompress a block of documents each time.
     */
    private final Map<Long, IndexedVersion> slots = new ConcurrentHashMap<>();
    private final Map<UUID, List<Long>> slotsOfArticle = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextSlot = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean ready;
    private volatile int searchable;

    @Inject
    public ArticleIndex(Vocabulary vocabulary, KnowledgeConfig config) {
        this(vocabulary, config.index().folder().filter(f -> !f.isBlank()).map(Path::of).orElse(null));
    }

    /** An index in a temporary folder, deleted at shutdown. */
    public ArticleIndex(Vocabulary vocabulary) {
        this(vocabulary, (Path) null);
    }

    /** An index kept in {@code keep} (null: a temporary folder). */
    ArticleIndex(Vocabulary vocabulary, Path keep) {
        this.vocabulary = vocabulary;
        this.reading = new QuestionReading(vocabulary);
        Analyzer perField = new PerFieldAnalyzerWrapper(words, Map.of(TITLE + BIGRAMS, bigrams,
                QUESTIONS + BIGRAMS, bigrams, ANSWER + BIGRAMS, bigrams, PINYIN, new WhitespaceAnalyzer()));
        try {
            Path chosen = keep;
            Directory dir = null;
            IndexWriter w = null;
            if (keep != null) {
                try {
                    Files.createDirectories(keep);
                    dir = FSDirectory.open(keep);
                    // Another layout or analysis (or index order, which a writer cannot change): nothing in it can
                    // be reused.
                    boolean reusable = FORMAT.equals(keptFormat(dir));
                    w = new IndexWriter(dir, config(perField).setOpenMode(reusable
                            ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE));
                } catch (LockObtainFailedException e) {
                    // Another replica on this host keeps its index there: this one builds its own.
                    Log.warnf("Knowledge index folder %s is in use by another process; using a temporary one", keep);
                    dir.close();
                    dir = null;
                    w = null;
                    chosen = null;
                }
            }
            if (w == null) {
                chosen = Files.createTempDirectory("knowledge-index-");
                dir = FSDirectory.open(chosen);
                w = new IndexWriter(dir, config(perField));
            }
            folder = chosen;
            persistent = keep != null && chosen == keep;
            directory = dir;
            writer = w;
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the index reads a caller's question (normalised, in words and their synonyms, its topic). */
    public QuestionReading questions() {
        return reading;
    }

    /**
     * Documents are kept in scope order: the few hundred documents of a caller's scopes are then neighbours, so each
     * word's postings are decoded a block or two per scope instead of once per document across the whole corpus.
     */
    private static IndexWriterConfig config(Analyzer analyzer) {
        return new IndexWriterConfig(analyzer).setIndexSort(new Sort(new SortField(SCOPE, SortField.Type.STRING)));
    }

    /** The format number of the index kept in {@code dir}, null when there is none. */
    private static String keptFormat(Directory dir) throws IOException {
        if (!DirectoryReader.indexExists(dir)) {
            return null;
        }
        return SegmentInfos.readLatestCommit(dir).getUserData().get(FORMAT_KEY);
    }

    @PreDestroy
    void close() throws IOException {
        searchers.close();
        if (persistent) {
            writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT).entrySet());
        }
        writer.close();
        directory.close();
        if (!persistent) {
            try (var files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Whether the index has been built from the database at least once. */
    /**
     * Changes whenever what a search can find may have changed: the searcher was refreshed after a change of articles,
     * or editors changed the vocabulary (synonyms, colloquial rewrites, topics). Answers remembered under an earlier
     * value are never served again ({@link RecentAnswers}).
     */
    public String generation() {
        return changes.get() + "/" + vocabulary.generation();
    }

    public boolean ready() {
        return ready;
    }

    /** Every article the index knows (published, possibly not yet effective). */
    public java.util.Collection<ArticleSnapshot> articles() {
        return java.util.Collections.unmodifiableCollection(catalogue.values());
    }

    /** Number of articles the index knows (published or not yet effective). */
    public int articleCount() {
        return catalogue.size();
    }

    /**
     * Number of articles searchable as of the last completed rebuild or change. Unlike {@link #articleCount()}, which
     * counts a bulk import's articles as soon as a rebuild starts analysing them, this reaches the corpus size only
     * when searches see it (the bench waits for it before measuring).
     */
    public int searchableArticles() {
        return searchable;
    }

    /**
     * Makes the index hold exactly {@code articles}. Versions the index already holds unchanged (same fingerprint,
     * e.g. from the kept folder after a restart, or untouched by a bulk import) are reused with their stored word
     * lists; only new and changed versions are analysed. Searches go on meanwhile against what the index held.
     */
    public synchronized Rebuilt rebuild(Collection<ArticleSnapshot> articles) {
        long start = System.nanoTime();
        try {
            searchers.maybeRefreshBlocking();
            changes.incrementAndGet();
            Map<String, HeldVersion> held = held();
            long maxSlot = held.values().stream().mapToLong(HeldVersion::slot).max().orElse(0);
            nextSlot.set(Math.max(nextSlot.get(), maxSlot));
            Set<UUID> present = new HashSet<>();
            articles.forEach(a -> present.add(a.id()));
            for (UUID id : new ArrayList<>(catalogue.keySet())) {
                if (!present.contains(id)) {
                    forget(id);
                }
            }
            Set<String> kept = new HashSet<>();
            List<Map.Entry<ArticleSnapshot, ArticleSnapshot.PublishedVersion>> analyse = new ArrayList<>();
            // An article's old look-ups stay until the new searcher is live (see replace).
            List<Superseded> superseded = new ArrayList<>();
            for (ArticleSnapshot a : articles) {
                ArticleSnapshot previous = catalogue.get(a.id());
                List<Long> previousSlots = slotsOfArticle.remove(a.id());
                boolean live = !a.archived() && !a.versions().isEmpty();
                if (previous != null) {
                    superseded.add(new Superseded(previous, live ? a : null, previousSlots));
                }
                if (!live) {
                    catalogue.remove(a.id());
                    continue;
                }
                remember(a);
                List<Long> articleSlots = new ArrayList<>(a.versions().size());
                for (ArticleSnapshot.PublishedVersion v : a.versions()) {
                    HeldVersion h = held.get(versionId(a.id(), v.version()));
                    if (h != null && h.fingerprint() == fingerprint(a, v)) {
                        kept.add(versionId(a.id(), v.version()));
                        reuse(a, v, h);
                        articleSlots.add(h.slot());
                    } else {
                        analyse.add(Map.entry(a, v));
                    }
                }
                slotsOfArticle.put(a.id(), java.util.Collections.synchronizedList(articleSlots));
            }
            int deleted = 0;
            for (String vid : held.keySet()) {
                if (!kept.contains(vid)) {
                    writer.deleteDocuments(new Term(VID, vid));
                    deleted++;
                }
            }
            // Analysing the text is most of the work: on a large corpus every core takes a share (IndexWriter is
            // thread-safe). Small ones stay in order, so that equal scores keep ranking in the database's order.
            (analyse.size() > PARALLEL_REBUILD ? analyse.parallelStream() : analyse.stream()).forEach(e -> {
                try {
                    slotsOfArticle.get(e.getKey().id()).add(index(e.getKey(), e.getValue()));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            // One segment after a large change: every query then looks each term up once instead of once per segment.
            if (analyse.size() + deleted > Math.max(1000, held.size() / 10)) {
                writer.forceMerge(1);
            }
            writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT).entrySet());
            if (persistent) {
                writer.commit();
            }
            searchers.maybeRefreshBlocking();
            changes.incrementAndGet();
            for (Superseded old : superseded) {
                if (old.slots() != null) {
                    List<Long> current = old.current() == null ? List.of() : slotsOfArticle.get(old.current().id());
                    Set<Long> keptSlots = current == null ? Set.of() : new HashSet<>(current);
                    new ArrayList<>(old.slots()).stream().filter(slot -> !keptSlots.contains(slot))
                            .forEach(slots::remove);
                }
                forgetStale(old.previous(), old.current());
            }
            ready = true;
            searchable = catalogue.size();
            Log.infof("Knowledge index holds %d articles: %d versions reused, %d analysed, %d removed in %.1f s",
                    catalogue.size(), kept.size(), analyse.size(), deleted, (System.nanoTime() - start) / 1e9);
            return new Rebuilt(kept.size(), analyse.size(), deleted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An article a rebuild replaced: what it was, what it is now (null when gone) and the slots it had. */
    private record Superseded(ArticleSnapshot previous, ArticleSnapshot current, List<Long> slots) {
    }

    /** What a rebuild did: versions taken over unchanged, versions analysed, stale documents removed. */
    public record Rebuilt(int reused, int analysed, int removed) {
    }

    /** A version the index holds: its fingerprint, slot and the words it was indexed with. */
    private record HeldVersion(long fingerprint, long slot, String head, String content) {
    }

    private Map<String, HeldVersion> held() throws IOException {
        Map<String, HeldVersion> out = new java.util.HashMap<>();
        IndexSearcher searcher = searchers.acquire();
        try {
            Set<String> fields = Set.of(VID, FINGERPRINT, HEAD_WORDS, CONTENT_WORDS);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                var reader = leaf.reader();
                var live = reader.getLiveDocs();
                var stored = reader.storedFields();
                NumericDocValues slotValues = reader.getNumericDocValues(SLOT);
                for (int d = 0; d < reader.maxDoc(); d++) {
                    if (live != null && !live.get(d)) {
                        continue;
                    }
                    Document doc = stored.document(d, fields);
                    if (doc.get(VID) == null || slotValues == null || !slotValues.advanceExact(d)) {
                        continue;
                    }
                    out.put(doc.get(VID), new HeldVersion(doc.getField(FINGERPRINT).numericValue().longValue(),
                            slotValues.longValue(), doc.get(HEAD_WORDS), doc.get(CONTENT_WORDS)));
                }
            }
        } finally {
            searchers.release(searcher);
        }
        return out;
    }

    private static String versionId(UUID id, int version) {
        return id + ":" + version;
    }

    /** What a version was indexed from; a different fingerprint means the stored document is stale. */
    private static long fingerprint(ArticleSnapshot a, ArticleSnapshot.PublishedVersion v) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            for (String part : new String[] { a.scope(), String.valueOf(v.effectiveFrom().toEpochMilli()),
                    v.effectiveTo() == null ? "-" : String.valueOf(v.effectiveTo().toEpochMilli()), v.title(),
                    v.questionVariants(), v.answer() }) {
                digest.update(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return java.nio.ByteBuffer.wrap(digest.digest()).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A held version taken over as it is: its word sets from the stored words, no analysis. */
    private void reuse(ArticleSnapshot a, ArticleSnapshot.PublishedVersion v, HeldVersion h) {
        IndexedVersion indexed = new IndexedVersion(a.id(), v.version());
        List<String> head = splitWords(h.head());
        headWords.put(indexed, WordSet.of(head));
        contentWords.put(indexed, WordSet.of(splitWords(h.content())));
        head.forEach(reading::learn);
        slots.put(h.slot(), indexed);
    }

    private static List<String> splitWords(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(WORD_SEPARATOR));
    }

    /**
     * Replaces one article (or removes it when {@code article} has no published version or is archived). The new
     * version is added before the old one's look-ups go, so that a search running meanwhile finds the article in one
     * version or the other, never in neither.
     */
    public synchronized void replace(UUID id, ArticleSnapshot article) {
        ArticleSnapshot old = catalogue.get(id);
        boolean live = article != null && !article.archived() && !article.versions().isEmpty();
        if (live && article.equals(old)) {
            // The editor's own refresh and the change notification that follows it: the second changes nothing.
            return;
        }
        try {
            writer.deleteDocuments(new Term(AID, id.toString()));
            List<Long> oldSlots = slotsOfArticle.remove(id);
            if (live) {
                remember(article);
                List<Long> articleSlots = new ArrayList<>(article.versions().size());
                for (ArticleSnapshot.PublishedVersion v : article.versions()) {
                    articleSlots.add(index(article, v));
                }
                slotsOfArticle.put(id, articleSlots);
            } else {
                catalogue.remove(id);
            }
            searchers.maybeRefreshBlocking();
            changes.incrementAndGet();
            searchable = catalogue.size();
            // Only now does no searcher hold the old documents: their look-ups can go.
            if (oldSlots != null) {
                oldSlots.forEach(slots::remove);
            }
            if (old != null) {
                forgetStale(old, live ? article : null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the look-ups of {@code old} that {@code current} (null when gone) no longer has. */
    private void forgetStale(ArticleSnapshot old, ArticleSnapshot current) {
        UUID id = old.id();
        if (current == null || !current.questionKey().equals(old.questionKey())
                || !current.scope().equals(old.scope())) {
            Map<String, UUID> same = byQuestionKey.get(old.questionKey());
            if (same != null) {
                same.remove(old.scope(), id);
            }
        }
        Set<String> topics = new HashSet<>();
        if (current != null) {
            current.versions().forEach(v -> topics.add(v.topic()));
        }
        byTopic.forEach((topic, byScope) -> {
            if (current == null || !current.scope().equals(old.scope()) || !topics.contains(topic)) {
                Set<UUID> ids = byScope.get(old.scope());
                if (ids != null) {
                    ids.remove(id);
                }
            }
        });
        Set<Integer> versions = new HashSet<>();
        if (current != null) {
            current.versions().forEach(v -> versions.add(v.version()));
        }
        old.versions().forEach(v -> {
            if (!versions.contains(v.version())) {
                headWords.remove(new IndexedVersion(id, v.version()));
                contentWords.remove(new IndexedVersion(id, v.version()));
            }
        });
    }

    /** Drops an article from the look-ups (not from Lucene). */
    private void forget(UUID id) {
        ArticleSnapshot old = catalogue.remove(id);
        if (old == null) {
            return;
        }
        Map<String, UUID> same = byQuestionKey.get(old.questionKey());
        if (same != null) {
            same.remove(old.scope(), id);
        }
        List<Long> oldSlots = slotsOfArticle.remove(id);
        if (oldSlots != null) {
            oldSlots.forEach(slots::remove);
        }
        byTopic.values().forEach(byScope -> {
            Set<UUID> ids = byScope.get(old.scope());
            if (ids != null) {
                ids.remove(id);
            }
        });
        old.versions().forEach(v -> {
            headWords.remove(new IndexedVersion(id, v.version()));
            contentWords.remove(new IndexedVersion(id, v.version()));
        });
    }

    /** Adds an article to the look-ups: catalogue, question key and topics. */
    private void remember(ArticleSnapshot a) {
        catalogue.put(a.id(), a);
        byQuestionKey.computeIfAbsent(a.questionKey(), k -> new ConcurrentHashMap<>()).put(a.scope(), a.id());
        for (ArticleSnapshot.PublishedVersion v : a.versions()) {
            byTopic.computeIfAbsent(v.topic(), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(a.scope(), k -> ConcurrentHashMap.newKeySet()).add(a.id());
        }
    }

    /** Analyses one version, adds its document and word sets; returns its slot. */
    private long index(ArticleSnapshot a, ArticleSnapshot.PublishedVersion v) throws IOException {
        // Each text is analysed once: its tokens give the word sets and are replayed into the index.
        List<String> head = new ArrayList<>();
        CachingTokenFilter title = analysed(v.title(), head);
        CachingTokenFilter questions = analysed(v.questionVariants(), head);
        List<String> all = new ArrayList<>(head);
        CachingTokenFilter answer = analysed(v.answer(), all);
        IndexedVersion indexed = new IndexedVersion(a.id(), v.version());
        headWords.put(indexed, WordSet.of(head));
        contentWords.put(indexed, WordSet.of(all));
        // Words of the title and 同义问法 are what homophone typos are corrected towards.
        head.forEach(reading::learn);
        long slot = nextSlot.incrementAndGet();
        slots.put(slot, indexed);
        Document doc = new Document();
        doc.add(new StringField(AID, a.id().toString(), Field.Store.NO));
        doc.add(new StringField(VID, versionId(a.id(), v.version()), Field.Store.YES));
        doc.add(new StoredField(FINGERPRINT, fingerprint(a, v)));
        // The words, kept so that a restart (or a bulk rebuild) need not analyse an unchanged version again.
        doc.add(new StoredField(HEAD_WORDS, String.join(WORD_SEPARATOR, new LinkedHashSet<>(head))));
        doc.add(new StoredField(CONTENT_WORDS, String.join(WORD_SEPARATOR, new LinkedHashSet<>(all))));
        doc.add(new NumericDocValuesField(SLOT, slot));
        doc.add(new StringField(SCOPE, a.scope(), Field.Store.NO));
        doc.add(new SortedDocValuesField(SCOPE, new BytesRef(a.scope())));
        doc.add(new LongField(FROM, v.effectiveFrom().toEpochMilli(), Field.Store.NO));
        doc.add(new LongField(TO, v.effectiveTo() == null ? Long.MAX_VALUE : v.effectiveTo().toEpochMilli(),
                Field.Store.NO));
        doc.add(new TextField(TITLE, title));
        doc.add(new TextField(QUESTIONS, questions));
        doc.add(new TextField(ANSWER, answer));
        doc.add(new Field(TITLE + BIGRAMS, v.title(), TERMS_ONLY));
        doc.add(new Field(QUESTIONS + BIGRAMS, v.questionVariants(), TERMS_ONLY));
        doc.add(new Field(ANSWER + BIGRAMS, v.answer(), TERMS_ONLY));
        doc.add(new Field(PINYIN, String.join(" ", PinyinReading.pairs(v.title() + "\n" + v.questionVariants())),
                TERMS_ONLY));
        writer.addDocument(doc);
        return slot;
    }

    private static FieldType termsOnly() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS);
        type.freeze();
        return type;
    }

    /** {@code text} analysed into words (added to {@code into}), cached so that indexing replays them. */
    private CachingTokenFilter analysed(String text, List<String> into) throws IOException {
        CachingTokenFilter cached = new CachingTokenFilter(words.tokenStream("f", text));
        CharTermAttribute term = cached.addAttribute(CharTermAttribute.class);
        cached.reset();
        while (cached.incrementToken()) {
            into.add(term.toString());
        }
        cached.end();
        // Frees the analyzer's reused tokenizer for the next text; the cache stays readable.
        cached.close();
        return cached;
    }

    /** The article version a Lucene document stands for. */
    private record IndexedVersion(UUID id, int version) {
    }

    /**
     * Articles in force at {@code at} within {@code scopes} that match {@code text}, best first. When articles of
     * several scopes answer the same question key, only the most local one is returned (with the best score of the
     * group). Lucene syntax has no meaning here: the text is analysed as words, never parsed.
     */
    public List<RankedArticle> search(String text, List<String> scopes, Instant at, int limit) {
        SynonymCatalogue synonyms = vocabulary.forTenant(RegionScope.tenantOf(scopes.get(0))).synonyms();
        List<List<List<String>>> groups = reading.expand(text, synonyms);
        String head = text.length() > MAX_BIGRAM_CHARS ? text.substring(0, MAX_BIGRAM_CHARS) : text;
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // The cheap pass first: whole words and their synonyms only. Character pairs and pinyin are for typos and
            // odd segmentation; when the words already find an article that covers the question they only cost time
            // (they were most of the clauses and most of Lucene's work on a 100,000-article corpus).
            Query scopeFilter = scopeFilter(scopes);
            Query words = wordQuery(searcher, groups, scopeFilter);
            if (words != null) {
                List<RankedArticle> exact = ranked(searcher, filtered(words, scopeFilter, at), groups, scopes, at, limit);
                if (!exact.isEmpty() && exact.get(0).confidence() >= STRONG_WORD_PASS) {
                    return exact;
                }
            }
            Query full = fullQuery(searcher, groups, scopeFilter, head);
            return full == null ? List.of() : ranked(searcher, filtered(full, scopeFilter, at), groups, scopes, at, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                Log.warn("Could not release a Lucene searcher", e);
            }
        }
    }

    /**
     * The word clauses of the three text fields, each boosted by its field's weight; null for no words. Every clause
     * is a direct clause of one query, its boosts multiplied out: the score is the same sum as that of nested
     * per-field and per-word queries, without the nested queries' rewriting and scoring.
     */
    private Query wordQuery(IndexSearcher searcher, List<List<List<String>>> groups, Query scopeFilter)
            throws IOException {
        if (groups.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder textQuery = new BooleanQuery.Builder();
        addWordClauses(searcher, textQuery, groups, scopeFilter);
        return textQuery.build();
    }

    /**
     * The word clauses plus the character-pair clauses of the three fields and the pinyin clause; null when there is
     * nothing to ask.
     */
    private Query fullQuery(IndexSearcher searcher, List<List<List<String>>> groups, Query scopeFilter, String text)
            throws IOException {
        // The question's character pairs are analysed once and asked of each field.
        List<String> pairs = QuestionReading.tokens(bigrams, TITLE + BIGRAMS, text);
        if (groups.isEmpty() && pairs.isEmpty()) {
            return null;
        }
        Set<String> pinyin = new LinkedHashSet<>(PinyinReading.pairs(text));
        BooleanQuery.Builder textQuery = new BooleanQuery.Builder();
        addWordClauses(searcher, textQuery, groups, scopeFilter);
        if (!pairs.isEmpty()) {
            for (Map.Entry<String, Float> field : FIELD_BOOSTS.entrySet()) {
                // Character pairs rescue unusual segmentation and typos, but count less than whole words.
                addTerms(searcher, textQuery, field.getKey() + BIGRAMS, pairs, field.getValue() * 0.35f);
            }
        }
        if (!pinyin.isEmpty()) {
            addTerms(searcher, textQuery, PINYIN, pinyin, PINYIN_BOOST);
        }
        return textQuery.build();
    }

    private void addTerms(IndexSearcher searcher, BooleanQuery.Builder query, String field, Collection<String> terms,
            float boost) throws IOException {
        for (String t : terms) {
            query.add(new BoostQuery(termQuery(searcher, new Term(field, t)), boost), BooleanClause.Occur.SHOULD);
        }
    }

    /** A term's query with its look-up in the terms dictionary done once per searcher (see {@link TermLookups}). */
    private TermQuery termQuery(IndexSearcher searcher, Term term) throws IOException {
        return new TermQuery(term, termStates(searcher, term));
    }

    /**
     * Where each term asked of the current searcher's index is (per segment) and how many documents hold it. A
     * question's words recur across questions, and each is asked of three fields in one or two passes and again for
     * the confidence weights: looking them up in the terms dictionary each time was a tenth of Lucene's work. Valid
     * for one reader only: a refreshed searcher starts a new one.
     */
    private record TermLookups(org.apache.lucene.index.IndexReader reader, Map<Term, TermStates> states) {
    }

    /** Bound on the terms remembered per reader (a few hundred kilobytes). */
    private static final int MAX_TERM_LOOKUPS = 20_000;
    private volatile TermLookups termLookups;

    private TermStates termStates(IndexSearcher searcher, Term term) throws IOException {
        TermLookups lookups = termLookups;
        if (lookups == null || lookups.reader() != searcher.getIndexReader()) {
            lookups = new TermLookups(searcher.getIndexReader(), new ConcurrentHashMap<>());
            termLookups = lookups;
        }
        TermStates states = lookups.states().get(term);
        if (states == null) {
            states = TermStates.build(searcher, term, true);
            if (lookups.states().size() < MAX_TERM_LOOKUPS) {
                lookups.states().put(term, states);
            }
        }
        return states;
    }

    /** Documents of the caller's scopes. */
    private static Query scopeFilter(List<String> scopes) {
        return new TermInSetQuery(SCOPE, scopes.stream().map(BytesRef::new).toList());
    }

    /** {@code text} restricted to the caller's scopes and the versions in force at {@code at}. */
    private static Query filtered(Query text, Query scopeFilter, Instant at) {
        long atMillis = at.toEpochMilli();
        // LongField's range is answered from doc values when the scope filter leads (a few hundred documents),
        // instead of visiting the points of every document of the corpus.
        return new BooleanQuery.Builder()
                .add(text, BooleanClause.Occur.MUST)
                .add(scopeFilter, BooleanClause.Occur.FILTER)
                .add(LongField.newRangeQuery(FROM, Long.MIN_VALUE, atMillis), BooleanClause.Occur.FILTER)
                .add(LongField.newRangeQuery(TO, atMillis + 1, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
                .build();
    }

    private List<RankedArticle> ranked(IndexSearcher searcher, Query query, List<List<List<String>>> groups,
            List<String> scopes, Instant at, int limit) throws IOException {
        TopDocs top = searcher.search(query, Math.max(60, limit * 6));
        IndexedVersion[] versions = indexedVersions(searcher, top.scoreDocs);
        Map<String, double[]> bestByKey = new LinkedHashMap<>();
        for (int i = 0; i < top.scoreDocs.length; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            IndexedVersion indexed = versions[i];
            ArticleSnapshot article = indexed == null ? null : catalogue.get(indexed.id());
            if (article == null) {
                continue;
            }
            ArticleSnapshot.PublishedVersion inForce = article.inForce(at);
            if (inForce == null || inForce.version() != indexed.version()) {
                continue;
            }
            // A slightly higher weight for local articles: among close answers, the caller's own region's wins.
            double score = sd.score * (1.0 + 0.06 * RegionScope.depth(article.scope()));
            bestByKey.merge(article.questionKey(), new double[] { score }, (a, b) -> a[0] >= b[0] ? a : b);
        }
        List<Map.Entry<String, double[]>> keys = new ArrayList<>(bestByKey.entrySet());
        keys.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[0]).reversed());
        // Only the first few are re-ranked and returned: the others need not be looked up.
        int wanted = Math.max(limit, RERANKED);
        List<RankedArticle> ranked = new ArrayList<>(Math.min(wanted, keys.size()));
        for (int i = 0; i < keys.size() && ranked.size() < wanted; i++) {
            ArticleSnapshot local = mostLocal(keys.get(i).getKey(), scopes, at);
            if (local != null) {
                ranked.add(new RankedArticle(local, local.inForce(at), keys.get(i).getValue()[0], 0, null));
            }
        }
        return withConfidenceAndHighlights(ranked, limit, groups, searcher);
    }

    /** The article version of each hit, read in document order so that each segment's doc values are read once. */
    private IndexedVersion[] indexedVersions(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Integer[] byDoc = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            byDoc[i] = i;
        }
        java.util.Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc));
        IndexedVersion[] out = new IndexedVersion[hits.length];
        LeafReaderContext leaf = null;
        NumericDocValues values = null;
        for (int i : byDoc) {
            int doc = hits[i].doc;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                values = leaf.reader().getNumericDocValues(SLOT);
            }
            out[i] = values != null && values.advanceExact(doc - leaf.docBase) ? slots.get(values.longValue()) : null;
        }
        return out;
    }

    private ArticleSnapshot mostLocal(String questionKey, List<String> scopes, Instant at) {
        // scopes are ordered most local first, so the first scope with an article in force wins.
        Map<String, UUID> byScope = byQuestionKey.getOrDefault(questionKey, Map.of());
        for (String scope : scopes) {
            UUID id = byScope.get(scope);
            ArticleSnapshot a = id == null ? null : catalogue.get(id);
            if (a != null && a.inForce(at) != null) {
                return a;
            }
        }
        return null;
    }

    /**
     * Confidence in [0, 1]: how much of the question's weight (rare words weigh more) the article covers, blended
     * with how clearly the best article leads the next one.
     */
    private List<RankedArticle> withConfidenceAndHighlights(List<RankedArticle> ranked, int limit,
            List<List<List<String>>> groups, IndexSearcher searcher) throws IOException {
        if (ranked.isEmpty()) {
            return ranked;
        }
        int docs = Math.max(1, searcher.getIndexReader().numDocs());
        double[] weights = new double[groups.size()];
        double total = 0;
        for (int i = 0; i < groups.size(); i++) {
            double w = 0;
            for (String t : groups.get(i).get(0)) {
                int df = termStates(searcher, new Term(QUESTIONS, t)).docFreq()
                        + termStates(searcher, new Term(ANSWER, t)).docFreq();
                w = Math.max(w, Math.log(1.0 + (double) docs / (1 + df / 2.0)));
            }
            weights[i] = w;
            total += w;
        }
        // The first few by Lucene's score are re-ranked by how much of the question they cover, the title and
        // 同义问法 counting extra: a long answer that mentions every word should not beat the article about them.
        List<RankedArticle> candidates = ranked.subList(0, Math.min(ranked.size(), Math.max(limit, RERANKED)));
        double bestScore = candidates.get(0).score();
        double[] content = new double[candidates.size()];
        double[] heads = new double[candidates.size()];
        double[] combined = new double[candidates.size()];
        Integer[] order = new Integer[candidates.size()];
        for (int r = 0; r < candidates.size(); r++) {
            RankedArticle a = candidates.get(r);
            IndexedVersion indexed = new IndexedVersion(a.article().id(), a.version().version());
            WordSet head = headWords.getOrDefault(indexed, WordSet.EMPTY);
            WordSet text = contentWords.getOrDefault(indexed, WordSet.EMPTY);
            double covered = 0;
            double headCovered = 0;
            for (int i = 0; i < groups.size(); i++) {
                for (List<String> alternative : groups.get(i)) {
                    if (text.containsAll(alternative)) {
                        covered += weights[i];
                        break;
                    }
                }
                for (List<String> alternative : groups.get(i)) {
                    if (head.containsAll(alternative)) {
                        headCovered += weights[i];
                        break;
                    }
                }
            }
            double coverage = total == 0 ? 0 : covered / total;
            double headCoverage = total == 0 ? 0 : headCovered / total;
            heads[r] = headCoverage;
            content[r] = COVERAGE_WEIGHT * coverage + HEAD_WEIGHT * headCoverage;
            combined[r] = SCORE_WEIGHT * a.score() / bestScore + content[r];
            order[r] = r;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(combined[y], combined[x]));
        int n = Math.min(limit, candidates.size());
        double first = combined[order[0]];
        double second = candidates.size() > 1 ? combined[order[1]] : 0;
        double margin = first <= 0 ? 0 : 1.0 - second / first;
        List<String> highlighted = Snippet.wordsOf(groups);
        List<RankedArticle> out = new ArrayList<>(n);
        double topConfidence = 1;
        for (int k = 0; k < n; k++) {
            int r = order[k];
            RankedArticle a = candidates.get(r);
            double confidence = k == 0
                    ? content[r] + MARGIN_WEIGHT * margin
                    : Math.min(topConfidence, content[r] * combined[r] / first);
            if (k == 0) {
                topConfidence = confidence;
            }
            confidence = Math.max(0, Math.min(1, Math.round(confidence * 1000) / 1000.0));
            out.add(new RankedArticle(a.article(), a.version(), a.score(), confidence,
                    Snippet.of(a.version().answer(), highlighted), heads[r]));
        }
        return out;
    }

    /**
     * Every field's word clauses: every word group is optional and matches any of its alternatives, the words actually
     * asked weighing a little more than their synonyms.
     */
    private void addWordClauses(IndexSearcher searcher, BooleanQuery.Builder query, List<List<List<String>>> groups,
            Query scopeFilter) throws IOException {
        for (Map.Entry<String, Float> field : FIELD_BOOSTS.entrySet()) {
            for (List<List<String>> group : groups) {
                boolean first = true;
                for (List<String> alternative : group) {
                    Query q;
                    if (alternative.size() == 1) {
                        q = termQuery(searcher, new Term(field.getKey(), alternative.get(0)));
                    } else {
                        PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(1);
                        alternative.forEach(t -> phrase.add(new Term(field.getKey(), t)));
                        // Lucene advances each clause to the next document that really matches: a phrase alone would
                        // check the positions of every document holding its words (most of a 100,000-article
                        // corpus), not only those of the caller's scopes. The filter makes it check those only; it
                        // does not score.
                        q = new BooleanQuery.Builder().add(phrase.build(), BooleanClause.Occur.MUST)
                                .add(scopeFilter, BooleanClause.Occur.FILTER).build();
                    }
                    // Same product as a synonym's 0.8 inside a field's boost.
                    float boost = first ? field.getValue() : 0.8f * field.getValue();
                    query.add(new BoostQuery(q, boost), BooleanClause.Occur.SHOULD);
                    first = false;
                }
            }
        }
    }

    /** The articles of {@code topic} in force at {@code at}, the most local per question key. */
    public List<ArticleSnapshot> topicArticles(String topic, List<String> scopes, Instant at) {
        Set<String> keys = new LinkedHashSet<>();
        Map<String, Set<UUID>> byScope = byTopic.getOrDefault(topic, Map.of());
        for (String scope : scopes) {
            for (UUID id : byScope.getOrDefault(scope, Set.of())) {
                ArticleSnapshot a = catalogue.get(id);
                if (a != null && a.inForce(at) != null) {
                    keys.add(a.questionKey());
                }
            }
        }
        List<ArticleSnapshot> out = new ArrayList<>();
        for (String key : keys) {
            ArticleSnapshot local = mostLocal(key, scopes, at);
            if (local != null) {
                out.add(local);
            }
        }
        return out;
    }

    /** A ranked entry for an article chosen by topic rather than by words. */
    public RankedArticle asRanked(ArticleSnapshot article, Instant at, double confidence) {
        ArticleSnapshot.PublishedVersion v = article.inForce(at);
        String answer = v.answer();
        return new RankedArticle(article, v, 0, confidence, Snippet.plain(answer));
    }
}
