package org.hotline.knowledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often each question key was answered by this replica since it started: which article of a topic is the most
 * asked, for one-line questions that name only the topic. In memory, so counting costs nothing on the hot path; a
 * restarted replica falls back on the topic's prior (its head question key in {@code knowledge/topics.txt}).
 */
@ApplicationScoped
public class AskCounts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one answer given with {@code questionKey}. */
    public void asked(String questionKey) {
        counts.computeIfAbsent(questionKey, k -> new LongAdder()).increment();
    }

    /** Answers given with {@code questionKey} so far. */
    public long of(String questionKey) {
        LongAdder n = counts.get(questionKey);
        return n == null ? 0 : n.sum();
    }
}
