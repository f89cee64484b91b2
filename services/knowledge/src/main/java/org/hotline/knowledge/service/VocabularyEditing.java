package org.hotline.knowledge.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hotline.common.problem.ProblemException;
import org.hotline.knowledge.config.KnowledgeConfig;
import org.hotline.knowledge.repository.VocabularyRepository;
import org.hotline.knowledge.repository.VocabularyRepository.StoredEntry;
import org.hotline.knowledge.service.Vocabulary.Kind;

/**
 * Editors' additions to the vocabulary (synonyms, colloquial rewrites, domain words): validated, stored, and applied
 * to every replica's search through the change notification.
 */
@ApplicationScoped
public class VocabularyEditing {

    private static final Pattern WORD = Pattern.compile("[^\\s,，=>#]{1,30}");

    private final VocabularyRepository repository;
    private final Vocabulary vocabulary;
    private final ArticleIndex index;
    private final KnowledgeConfig config;

    public VocabularyEditing(VocabularyRepository repository, Vocabulary vocabulary, ArticleIndex index,
            KnowledgeConfig config) {
        this.repository = repository;
        this.vocabulary = vocabulary;
        this.index = index;
        this.config = config;
    }

    /** Entries visible to a caller who sees {@code tenants} (null = all). */
    public Uni<List<StoredEntry>> list(List<String> tenants, Kind kind) {
        return repository.visible(tenants, kind);
    }

    /** Adds an entry for {@code tenant}; 400 naming the field when the line is not in its kind's format. */
    public Uni<StoredEntry> add(String tenant, Kind kind, String rawLine, String editor) {
        if (kind == null) {
            throw ProblemException.invalidField("kind", "must be one of SYNONYM, COLLOQUIAL, DOMAIN");
        }
        String line = validate(kind, rawLine);
        return repository.add(tenant, kind, line, editor, config.index().notifyChannel())
                .call(e -> reload());
    }

    /** Removes an entry among {@code tenants} (null = any); 404 when none is visible. */
    public Uni<Void> delete(UUID id, List<String> tenants) {
        return repository.delete(id, tenants, config.index().notifyChannel()).flatMap(deleted -> {
            if (!deleted) {
                return Uni.createFrom().failure(ProblemException.notFound("vocabulary-entry-not-found",
                        "No vocabulary entry " + id + " that you may change."));
            }
            return reload();
        });
    }

    /** Reads every entry into this replica's vocabulary and teaches the homophone correction their words. */
    public Uni<Void> reload() {
        return repository.all().emitOn(Infrastructure.getDefaultWorkerPool()).invoke(all -> {
            vocabulary.replaceEntries(all.stream().map(e -> new Vocabulary.Entry(e.tenant(), e.kind(), e.line())).toList());
            Set<String> tenants = all.stream().map(StoredEntry::tenant).collect(Collectors.toSet());
            tenants.forEach(index.questions()::learnTenantVocabulary);
        }).replaceWithVoid();
    }

    static String validate(Kind kind, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField("line", "is required");
        }
        String line = raw.strip();
        if (line.length() > 200 || line.contains("\n") || line.startsWith("#")) {
            throw ProblemException.invalidField("line", "must be one line of at most 200 characters");
        }
        switch (kind) {
            case COLLOQUIAL -> {
                String[] parts = line.split("=>", -1);
                if (parts.length != 2 || !words(parts[0]) || parts[1].isBlank() || parts[1].contains(",")) {
                    throw ProblemException.invalidField("line", "must be 'spoken=>standard', e.g. 咋弄=>怎么办");
                }
            }
            case SYNONYM -> {
                String[] parts = line.split("=>", -1);
                boolean oneWay = parts.length == 2 && words(parts[0]) && words(parts[1]);
                boolean equivalent = parts.length == 1 && words(line) && line.split("[,，]").length >= 2;
                if (!oneWay && !equivalent) {
                    throw ProblemException.invalidField("line",
                            "must be equivalent words 'a,b,c' (e.g. 医保卡,社保卡) or a one-way 'x=>y' (e.g. 报消=>报销)");
                }
            }
            case DOMAIN -> {
                if (!WORD.matcher(line).matches()) {
                    throw ProblemException.invalidField("line", "must be one word of medical insurance, e.g. 门诊统筹");
                }
            }
        }
        return line;
    }

    private static boolean words(String list) {
        for (String w : list.split("[,，]", -1)) {
            if (!WORD.matcher(w.strip()).matches()) {
                return false;
            }
        }
        return true;
    }
}
