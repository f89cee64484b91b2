package org.hotline.intake.service;

import java.util.List;

/** What knowledge gave for a question: an answer above the threshold, no good answer, or nothing (knowledge down). */
public record AnswerOutcome(Kind kind, String articleId, String title, String answer, double confidence,
        List<CitationView> citations, String why) {

    /** The three ways an automatic answer can go. */
    public enum Kind { ANSWERED, NOT_FOUND, UNAVAILABLE }

    /** A policy document an answer rests on. */
    public record CitationView(String documentName, String documentNumber, String url) {
    }

    static AnswerOutcome unavailable(String why) {
        return new AnswerOutcome(Kind.UNAVAILABLE, null, null, null, 0, List.of(), why);
    }
}
