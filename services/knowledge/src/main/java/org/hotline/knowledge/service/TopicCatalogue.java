package org.hotline.knowledge.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Topics a one-line question may name alone (慢病咋弄), from {@code knowledge/topics.txt}: the words naming each topic,
 * its most asked question key (a prior until live asks are counted) and the clarifying question offered with choices.
 */
public final class TopicCatalogue {

    /** One topic. */
    public record Topic(String name, String headKey, List<String> names, String clarifyingQuestion) {
    }

    private final Map<String, Topic> byName = new HashMap<>();
    private final List<Topic> topics = new ArrayList<>();

    /** The catalogue shipped with the service. */
    public static TopicCatalogue bundled() {
        TopicCatalogue c = new TopicCatalogue();
        for (String line : Vocabulary.resourceLines("knowledge/topics.txt")) {
            String[] f = line.split("\\|");
            if (f.length < 4) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (String n : f[2].split("[,，]")) {
                if (!n.isBlank()) {
                    names.add(n.strip());
                }
            }
            Topic t = new Topic(f[0].strip(), f[1].strip(), List.copyOf(names), f[3].strip());
            c.topics.add(t);
            names.forEach(n -> c.byName.putIfAbsent(n, t));
            c.byName.putIfAbsent(t.name(), t);
        }
        return c;
    }

    /** The topic {@code word} names, or null. */
    public Topic named(String word) {
        return byName.get(word);
    }

    /** Every topic. */
    public List<Topic> all() {
        return topics;
    }
}
