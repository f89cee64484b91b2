package org.hotline.console.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The console's words in Chinese (the default) and English, read once from {@code i18n/texts_<lang>.properties}. */
@ApplicationScoped
public class Texts {

    /** Languages offered; the first is the default. */
    public static final String ZH = "zh";
    public static final String EN = "en";

    private final Map<String, Map<String, String>> byLang = Map.of(ZH, load(ZH), EN, load(EN));

    /** The texts of a language (Chinese for anything else), keyed like {@code agent_title}. */
    public Map<String, String> of(String lang) {
        return byLang.getOrDefault(lang, byLang.get(ZH));
    }

    /** A language code the console offers, from a cookie value. */
    public static String language(String cookie) {
        return EN.equals(cookie) ? EN : ZH;
    }

    private static Map<String, String> load(String lang) {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream("/i18n/texts_" + lang + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("i18n/texts_" + lang + ".properties is missing");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> texts = new HashMap<>();
        p.forEach((k, v) -> texts.put(k.toString(), v.toString()));
        return Map.copyOf(texts);
    }
}
