package org.hotline.knowledge.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Colloquial and dialect wording read as standard Chinese (咋 -> 怎么, 给报不 -> 能报销吗, 掉了 -> 丢失), from lines
 * {@code spoken=>standard}. Rewriting is a single left-to-right pass taking the longest spoken form at each position.
 */
public final class ColloquialRewrites {

    private final Map<String, String> rewrites = new HashMap<>();
    private final boolean[] firstChars = new boolean[65536];
    private int longest;

    /** Rewrites of {@code lines} ({@code #} comments and blank lines ignored); later lines override earlier ones. */
    public static ColloquialRewrites of(List<String> lines) {
        ColloquialRewrites r = new ColloquialRewrites();
        for (String raw : lines) {
            String line = raw.strip();
            int arrow = line.indexOf("=>");
            if (line.isEmpty() || line.startsWith("#") || arrow <= 0) {
                continue;
            }
            String to = line.substring(arrow + 2).strip();
            for (String from : line.substring(0, arrow).split("[,，]")) {
                r.add(from.strip(), to);
            }
        }
        return r;
    }

    private void add(String from, String to) {
        if (from.isEmpty()) {
            return;
        }
        rewrites.put(from, to);
        firstChars[from.charAt(0)] = true;
        longest = Math.max(longest, from.length());
    }

    /** {@code text} with every spoken form replaced by its standard form. */
    public String rewrite(String text) {
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            String replacement = null;
            int length = 0;
            if (firstChars[text.charAt(i)]) {
                for (int len = Math.min(longest, text.length() - i); len >= 1; len--) {
                    String to = rewrites.get(text.substring(i, i + len));
                    if (to != null) {
                        replacement = to;
                        length = len;
                        break;
                    }
                }
            }
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(replacement);
                i += length;
            } else {
                if (out != null) {
                    out.append(text.charAt(i));
                }
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    /** The standard forms, which the homophone correction may aim at. */
    public java.util.Collection<String> standardForms() {
        return rewrites.values();
    }
}
