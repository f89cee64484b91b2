package org.hotline.evaluation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.evaluation.domain.Evaluator;
import org.hotline.evaluation.domain.EvaluatorConflict;
import org.hotline.evaluation.repository.ConflictRepository;
import org.hotline.evaluation.repository.EvaluatorRepository;
import org.hotline.evaluation.repository.Scope;

/** Evaluator profiles and their conflict-of-interest declarations, per tenant. */
@ApplicationScoped
public class Evaluators {

    private final EvaluatorRepository evaluators;
    private final ConflictRepository conflicts;
    private final IdempotencyKeys keys;

    public Evaluators(EvaluatorRepository evaluators, ConflictRepository conflicts, IdempotencyKeys keys) {
        this.evaluators = evaluators;
        this.conflicts = conflicts;
        this.keys = keys;
    }

    /** An evaluator's profile as sent by a tenant admin. */
    public record EvaluatorBody(
            @Schema(description = "Tenant; only a national caller gives it", example = "37") String tenant,
            @Schema(description = "Subject (sub) of the evaluator's token", example = "evaluator-0042") String subject,
            @Schema(example = "王芳") String name,
            @Schema(description = "Evaluator's own phone: a case they filed is never given to them",
                    example = "13905330042") String phone,
            @Schema(description = "6-digit regions covered; a province code covers its cities",
                    example = "[\"370300\"]") List<String> regionCodes,
            @Schema(enumeration = { "ACTIVE", "PAUSED", "RETIRED" }, example = "ACTIVE") String status,
            @Schema(description = "Cases per week at most", example = "10") Integer weeklyCapacity) {
    }

    /** A declaration of a conflict of interest. */
    public record ConflictBody(
            @Schema(enumeration = { "ADDRESS", "ESTATE", "UNIT", "PERSON" }, example = "ESTATE") String kind,
            @Schema(description = "Address text, housing-estate name, routing unit UUID, or a person's phone",
                    example = "华光小区") String value,
            @Schema(example = "I live there") String note) {
    }

    /** Creates an evaluator; a retry with the same Idempotency-Key returns the first one. */
    @WithTransaction
    public Uni<Created<Evaluator>> create(Scope scope, String tenant, String caller, String key, EvaluatorBody body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        Evaluator e = new Evaluator();
        e.id = UUID.randomUUID();
        e.tenant = tenant;
        e.subject = FieldChecks.text("subject", body.subject(), 128, true);
        apply(e, body, true);
        e.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.updatedAt = e.createdAt;
        IdempotencyKeys.Scoped scoped = keys.scope(tenant, "evaluators", caller, key, body);
        return keys.earlier(scoped).chain(done -> done != null
                ? evaluators.findScoped(scope, done.resultId).map(x -> new Created<>(x, true))
                : evaluators.findBySubject(tenant, e.subject).chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("evaluator-subject-taken",
                                "Subject " + e.subject + " already links to evaluator " + existing.id + ".");
                    }
                    return evaluators.persist(e).call(() -> keys.remember(scoped, e.id, null))
                            .map(x -> new Created<>(e, false));
                }));
    }

    /** Result of a create: the entity and whether it is an earlier answer replayed. */
    public record Created<T>(T value, boolean replayed) {
    }

    @WithTransaction
    public Uni<Evaluator> update(Scope scope, UUID id, EvaluatorBody body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        return found(scope, id).map(e -> {
            apply(e, body, false);
            e.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return e;
        });
    }

    @WithSession
    public Uni<Evaluator> get(Scope scope, UUID id) {
        return found(scope, id);
    }

    @WithSession
    public Uni<Evaluator> mine(String tenant, String subject) {
        return evaluators.findBySubject(tenant, subject).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("evaluator-not-found", "Your token's subject links to no evaluator.");
            }
            return e;
        });
    }

    /** A page of evaluators and the total. */
    public record Page<T>(List<T> items, long total, int page, int size) {
    }

    @WithSession
    public Uni<Page<Evaluator>> list(Scope scope, String status, int page, int size) {
        FieldChecks.oneOf("status", status, Evaluator.Status.class, false);
        return evaluators.listScoped(scope, status, page, size)
                .chain(items -> evaluators.countScoped(scope, status).map(n -> new Page<>(items, n, page, size)));
    }

    @WithSession
    public Uni<List<EvaluatorConflict>> conflicts(Scope scope, UUID id) {
        return found(scope, id).chain(e -> conflicts.ofEvaluator(e.tenant, e.id));
    }

    @WithTransaction
    public Uni<EvaluatorConflict> declare(Scope scope, UUID id, ConflictBody body) {
        if (body == null) {
            throw ProblemException.invalidField("body", "is required");
        }
        EvaluatorConflict.Kind kind = FieldChecks.oneOf("kind", body.kind(), EvaluatorConflict.Kind.class, true);
        String value = FieldChecks.text("value", body.value(), 200, true);
        if (kind == EvaluatorConflict.Kind.UNIT) {
            try {
                value = UUID.fromString(value).toString();
            } catch (IllegalArgumentException ex) {
                throw ProblemException.invalidField("value", "a routing unit's UUID");
            }
        }
        if (kind == EvaluatorConflict.Kind.PERSON) {
            String normal = PhoneNumber.normalise(value);
            if (normal == null || PhoneNumber.digits(value).length() < 7) {
                throw ProblemException.invalidField("value", "the person's phone number");
            }
            value = normal;
        }
        String v = value;
        String note = FieldChecks.text("note", body.note(), 500, false);
        return found(scope, id).chain(e -> {
            EvaluatorConflict c = new EvaluatorConflict();
            c.id = UUID.randomUUID();
            c.tenant = e.tenant;
            c.evaluatorId = e.id;
            c.kind = kind;
            c.value = v;
            c.note = note;
            c.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return conflicts.persist(c);
        });
    }

    @WithTransaction
    public Uni<Void> withdraw(Scope scope, UUID id, UUID conflictId) {
        return found(scope, id).chain(e -> conflicts.delete("id = ?1 and evaluatorId = ?2 and tenant = ?3",
                conflictId, e.id, e.tenant)).map(n -> {
                    if (n == 0) {
                        throw ProblemException.notFound("conflict-not-found", "No declaration " + conflictId + ".");
                    }
                    return null;
                });
    }

    private Uni<Evaluator> found(Scope scope, UUID id) {
        return evaluators.findScoped(scope, id).map(e -> {
            if (e == null || (scope.evaluatorSubject() != null && !scope.evaluatorSubject().equals(e.subject))) {
                throw ProblemException.notFound("evaluator-not-found", "No evaluator " + id + " in your reach.");
            }
            return e;
        });
    }

    private static void apply(Evaluator e, EvaluatorBody body, boolean creating) {
        e.name = FieldChecks.text("name", body.name(), 100, creating || e.name == null);
        if (e.name == null) {
            throw ProblemException.invalidField("name", "is required");
        }
        String phone = FieldChecks.text("phone", body.phone(), 32, false);
        if (phone != null) {
            String normal = PhoneNumber.normalise(phone);
            if (normal == null || PhoneNumber.digits(phone).length() < 7) {
                throw ProblemException.invalidField("phone", "a mobile or landline number");
            }
            phone = normal;
        }
        e.phone = phone;
        if (body.regionCodes() == null || body.regionCodes().isEmpty() || body.regionCodes().size() > 20) {
            throw ProblemException.invalidField("regionCodes", "1 to 20 six-digit region codes");
        }
        LinkedHashSet<String> regions = new LinkedHashSet<>();
        List<String> given = new ArrayList<>(body.regionCodes());
        for (int i = 0; i < given.size(); i++) {
            String r = FieldChecks.region("regionCodes[" + i + "]", given.get(i));
            if (!r.startsWith(e.tenant)) {
                throw ProblemException.invalidField("regionCodes[" + i + "]", "is not in tenant " + e.tenant);
            }
            regions.add(r);
        }
        e.regionCodes = String.join(",", regions);
        Evaluator.Status status = FieldChecks.oneOf("status", body.status(), Evaluator.Status.class, false);
        e.status = status != null ? status : (creating ? Evaluator.Status.ACTIVE : e.status);
        if (body.weeklyCapacity() == null || body.weeklyCapacity() < 0 || body.weeklyCapacity() > 500) {
            throw ProblemException.invalidField("weeklyCapacity", "a whole number 0 to 500");
        }
        e.weeklyCapacity = body.weeklyCapacity();
    }
}
