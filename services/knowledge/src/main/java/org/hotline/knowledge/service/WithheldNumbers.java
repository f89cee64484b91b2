package org.hotline.knowledge.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.knowledge.config.KnowledgeConfig;

/**
 * The numbers withheld as dead, kept in memory (reloaded on every change, in every replica, through the change
 * notification): answers never give them out, neither from the directory nor from an article's own text, where they
 * are replaced by a notice; editors see which of their articles mention one.
 */
@ApplicationScoped
public class WithheldNumbers {

    /** What a withheld number in an article's text is replaced with. */
    public static final String NOTICE = "（该号码经核实已停用，请拨打12393咨询）";
    /** Phone-like runs in text: an optional area code (with or without brackets or a dash) and 5-8 digits, or a mobile. */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9])(?:[(（]?0\\d{2,3}[)）]?[-－\\s]?)?\\d{5,8}(?![0-9])|(?<![0-9])(?:\\+?86[-\\s]?)?1[3-9]\\d{9}(?![0-9])");
    static final String CHANGE = "directory";

    private final Pool pool;
    private final KnowledgeConfig config;
    private volatile Set<String> withheld = Set.of();

    public WithheldNumbers(Pool pool, KnowledgeConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Tells every replica (this one included) at commit that withheld numbers changed. Call inside the transaction. */
    public Uni<Void> changed() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select cast(pg_notify(?1, ?2) as text)")
                .setParameter(1, config.index().notifyChannel()).setParameter(2, CHANGE).getSingleResult())
                .replaceWithVoid();
    }

    /** Reads the withheld numbers again. */
    public Uni<Void> reload() {
        return pool.query("select distinct phone from institution_phone where withheld").execute().invoke(rows -> {
            Set<String> numbers = new HashSet<>();
            for (Row r : rows) {
                numbers.add(r.getString("phone"));
            }
            withheld = Set.copyOf(numbers);
            Log.debugf("%d directory numbers withheld", numbers.size());
        }).replaceWithVoid();
    }

    /** Replaces the set directly (tests without a database). */
    void replace(Set<String> numbers) {
        withheld = Set.copyOf(numbers);
    }

    /** Whether any number is withheld (the fast path of answers skips the text scan when none is). */
    public boolean any() {
        return !withheld.isEmpty();
    }

    /** {@code text} with every withheld number replaced by {@link #NOTICE}. */
    public String mask(String text) {
        if (text == null || withheld.isEmpty()) {
            return text;
        }
        Matcher m = PHONE.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (isWithheld(m.group())) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, m.start()).append(NOTICE);
                last = m.end();
            }
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** The withheld numbers {@code text} mentions, normalised. */
    public List<String> mentionedIn(String text) {
        if (text == null || withheld.isEmpty()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher m = PHONE.matcher(text);
        while (m.find()) {
            String n = normalised(m.group());
            if (n != null && matches(n)) {
                found.add(withheld.contains(n) ? n : withheld.stream().filter(w -> w.endsWith("-" + n)).findFirst()
                        .orElse(n));
            }
        }
        return new ArrayList<>(found);
    }

    private boolean isWithheld(String candidate) {
        String n = normalised(candidate);
        return n != null && matches(n);
    }

    private boolean matches(String normalised) {
        if (withheld.contains(normalised)) {
            return true;
        }
        // A local number written without its area code (3120000) is the withheld 0533-3120000 too.
        if (normalised.matches("\\d{7,8}")) {
            for (String w : withheld) {
                if (w.endsWith("-" + normalised)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String normalised(String candidate) {
        String cleaned = candidate.replace('（', '(').replace('）', ')').replace('－', '-');
        try {
            return PhoneNumber.normalise(cleaned);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
