package org.hotline.intake.rest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hotline.intake.domain.HandOff;
import org.hotline.intake.domain.Message;

/** A message and what the citizen got back: an automatic answer with citations, or a case with its query code. */
public record MessageView(UUID id, UUID contactId, String tenant, String channel, String category,
        String categoryName, String outcome, String reply, AnswerView answer, String queryCode, CaseView handOff,
        boolean serviceOpen, Instant nextOpeningAt, Instant receivedAt) {

    /** The knowledge article that answered. */
    public record AnswerView(String articleId, String title, Double confidence, List<CitationView> citations) {
    }

    /** A policy document cited by an answer. */
    public record CitationView(String documentName, String documentNumber, String url) {
    }

    public static MessageView of(Message m, HandOff h, Instant nextOpeningAt) {
        AnswerView answer = m.articleId == null ? null : new AnswerView(m.articleId, m.articleTitle, m.confidence,
                m.citations == null || m.citations.isBlank() ? List.of() : Arrays.stream(m.citations.split("\n"))
                        .map(line -> line.split("\\|", -1))
                        .map(p -> new CitationView(p[0], p.length > 1 ? p[1] : "", p.length > 2 ? p[2] : ""))
                        .toList());
        return new MessageView(m.id, m.contactId, m.tenant, m.channel.name(), m.category.name(),
                m.category.chineseName(), m.outcome, m.reply, answer, h == null ? null : h.queryCode,
                h == null ? null : CaseView.of(h), m.serviceOpen, nextOpeningAt, m.createdAt);
    }
}
