package org.hotline.knowledge.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.knowledge.config.KnowledgeConfig;
import org.hotline.knowledge.domain.DeadNumberReport;
import org.hotline.knowledge.domain.Institution;
import org.hotline.knowledge.domain.InstitutionPhone;
import org.hotline.knowledge.domain.InstitutionType;
import org.hotline.knowledge.repository.InstitutionRepository;
import org.hotline.knowledge.repository.InstitutionRepository.InstitutionPage;

/**
 * The institution directory: entries with phones, their freshness, and "wrong or dead number" reports. A number
 * reported dead the configured number of times is withheld from automatic answers until its owner verifies it again.
 */
@ApplicationScoped
public class InstitutionDirectory {

    private final InstitutionRepository institutions;
    private final KnowledgeConfig config;
    private final MeterRegistry metrics;
    private final WithheldNumbers withheldNumbers;

    public InstitutionDirectory(InstitutionRepository institutions, KnowledgeConfig config, MeterRegistry metrics,
            WithheldNumbers withheldNumbers) {
        this.institutions = institutions;
        this.config = config;
        this.metrics = metrics;
        this.withheldNumbers = withheldNumbers;
    }

    /** What an editor sends to create or change an entry. */
    public record InstitutionInput(String regionCode, String name, InstitutionType type, String address, String hours,
            List<PhoneInput> phones) {
    }

    /** A phone of an entry. */
    public record PhoneInput(String phone, String label) {
    }

    /** The result of a dead-number report; {@code counted} is false for a reporter's repeated report. */
    public record ReportOutcome(String phone, int matchedInstitutions, int reportCount, boolean withheld,
            UUID institutionId, boolean counted) {
    }

    /**
     * Who reports: the subject (or the auditor a service reports for), the tenant they act for, and whether they have
     * national reach (the platform operator, or a service reporting evaluation's audits).
     */
    public record Reporter(String id, String tenant, boolean national) {
    }

    /** Who reported. */
    public enum ReportSource { AGENT, CITIZEN, AUDIT }

    /** When a phone counts as not recently verified. */
    public OffsetDateTime staleBefore() {
        return OffsetDateTime.now(ZoneOffset.UTC).minus(config.directory().staleAfter());
    }

    @WithSession
    public Uni<InstitutionPage> search(String region, InstitutionType type, String q, boolean attention, int page,
            int size) {
        String prefix = null;
        if (region != null && !region.isBlank()) {
            RegionScope scope = RegionScope.of("region", region);
            String code = scope.regionCode();
            prefix = code.endsWith("0000") ? code.substring(0, 2) : code.endsWith("00") ? code.substring(0, 4) : code;
        }
        String text = q == null || q.isBlank() ? null : QuestionText.clean("q", q);
        if (page < 0 || size < 1 || size > 200) {
            throw ProblemException.invalidField(page < 0 ? "page" : "size", page < 0 ? "must be 0 or more"
                    : "must be between 1 and 200");
        }
        return institutions.search(prefix, type, text, attention, staleBefore(), page, size);
    }

    @WithSession
    public Uni<Institution> get(UUID id) {
        return institutions.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound(
                "institution-not-found", "No directory entry has the id " + id + "."));
    }

    /** Creates an entry; {@code tenantCheck} throws when the caller may not edit the entry's province. */
    @WithTransaction
    public Uni<Institution> create(InstitutionInput input, java.util.function.Consumer<String> tenantCheck) {
        validate(input);
        tenantCheck.accept(input.regionCode().substring(0, 2));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Institution i = new Institution();
        i.id = UUID.randomUUID();
        i.createdAt = now;
        apply(i, input, now);
        // Every replica re-reads the agency numbers it gives in answers (held in memory, AgencyContacts).
        return institutions.persist(i).call(x -> withheldNumbers.changed());
    }

    @WithTransaction
    public Uni<Institution> update(UUID id, InstitutionInput input, java.util.function.Consumer<String> tenantCheck) {
        validate(input);
        return get(id).map(i -> {
            tenantCheck.accept(i.tenant);
            tenantCheck.accept(input.regionCode().substring(0, 2));
            apply(i, input, OffsetDateTime.now(ZoneOffset.UTC));
            return i;
        }).call(i -> withheldNumbers.changed());
    }

    /** Marks a phone verified by its owner: clears its dead reports and gives it back to automatic answers. */
    @WithTransaction
    public Uni<Institution> verify(UUID id, UUID phoneId, java.util.function.Consumer<String> tenantCheck) {
        return get(id).map(i -> {
            tenantCheck.accept(i.tenant);
            InstitutionPhone p = i.phones.stream().filter(x -> x.id.equals(phoneId)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("phone-not-found",
                            "The entry " + id + " has no phone " + phoneId + "."));
            p.lastVerifiedAt = OffsetDateTime.now(ZoneOffset.UTC);
            p.deadReports = 0;
            p.withheld = false;
            i.updatedAt = p.lastVerifiedAt;
            return i;
        }).call(i -> DeadNumberReport.delete("phoneId", phoneId))
                .call(i -> withheldNumbers.changed());
    }

    /**
     * Counts a wrong-or-dead-number report once per reporter (and a retry with the same report id once). Only reports
     * about the reporter's own tenant's entries count, unless the reporter has national reach; the number is withheld
     * once the configured number of distinct reporters found it dead, so that no single agent can withhold it.
     */
    @WithTransaction
    public Uni<ReportOutcome> reportDead(String rawPhone, UUID institutionId, ReportSource source, String reportId,
            String note, Reporter reporter) {
        if (rawPhone == null || rawPhone.isBlank() || rawPhone.length() > 40) {
            throw ProblemException.invalidField("phone", "is required: the number that was dialed, e.g. 0533-3120000");
        }
        String phone = PhoneNumber.normalise(rawPhone);
        if (phone == null || phone.length() < 3) {
            throw ProblemException.invalidField("phone", "'" + rawPhone + "' is not a phone number");
        }
        if (source == null) {
            throw ProblemException.invalidField("source", "must be one of AGENT, CITIZEN, AUDIT");
        }
        String id = reportId == null || reportId.isBlank() ? UUID.randomUUID().toString() : reportId.strip();
        if (id.length() > 90) {
            throw ProblemException.invalidField("reportId", "must be at most 90 characters");
        }
        String cleanNote = note == null ? null : note.replaceAll("\\p{Cc}", " ").strip();
        if (cleanNote != null && cleanNote.length() > 500) {
            cleanNote = cleanNote.substring(0, 500);
        }
        String finalNote = cleanNote;
        if (reporter == null || reporter.id() == null || reporter.id().isBlank()) {
            throw ProblemException.invalidField("reporter", "is required: who found the number dead");
        }
        String who = (reporter.tenant() + ":" + reporter.id().strip());
        String reporterKey = who.length() > 100 ? who.substring(0, 100) : who;
        return institutions.phonesByNumber(phone, institutionId).flatMap(all -> {
            if (all.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.notFound("phone-not-in-directory",
                        "No directory entry" + (institutionId == null ? "" : " " + institutionId)
                                + " lists the number " + phone + "."));
            }
            // Another province's agents do not count against this province's numbers.
            List<InstitutionPhone> phones = reporter.national() ? all
                    : all.stream().filter(p -> p.institution.tenant.equals(reporter.tenant())).toList();
            if (phones.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.forbidden("tenant-forbidden", "The number " + phone
                        + " belongs to another province's directory; only its own province (or the national "
                        + "operator's audits) can report it."));
            }
            return DeadNumberReport.<DeadNumberReport>findById(id).flatMap(existing -> {
                if (existing != null) {
                    // A retry of a report already counted: answer the current state without counting again.
                    return Uni.createFrom().item(outcome(phone, phones, false));
                }
                return DeadNumberReport.count("reporter = ?1 and phoneId in ?2", reporterKey,
                        phones.stream().map(p -> p.id).toList()).flatMap(already -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    boolean counted = already == 0;
                    List<DeadNumberReport> rows = new ArrayList<>();
                    for (int n = 0; n < phones.size(); n++) {
                        InstitutionPhone p = phones.get(n);
                        if (counted) {
                            p.deadReports++;
                            if (!p.withheld && p.deadReports >= config.directory().deadReportThreshold()) {
                                p.withheld = true;
                                Log.infof("Number %s of directory entry %s withheld after %d distinct reporters",
                                        PhoneNumber.mask(phone), p.institution.id, p.deadReports);
                            }
                        }
                        DeadNumberReport r = new DeadNumberReport();
                        r.reportId = n == 0 ? id : id + "#" + n;
                        r.phoneId = p.id;
                        r.source = source.name();
                        r.note = finalNote;
                        r.reportedAt = now;
                        // Only the counted report carries the reporter, so the unique index allows the repeat row.
                        r.reporter = counted ? reporterKey : null;
                        r.reporterTenant = reporter.tenant();
                        rows.add(r);
                    }
                    metrics.counter("hotline_knowledge_dead_number_reports_total", "tenant",
                            phones.get(0).institution.tenant, "source", source.name().toLowerCase(Locale.ROOT),
                            "counted", String.valueOf(counted)).increment();
                    return DeadNumberReport.persist(rows).replaceWith(() -> outcome(phone, phones, counted));
                });
            });
        }).call(o -> o.withheld() ? withheldNumbers.changed() : Uni.createFrom().voidItem());
    }

    private static ReportOutcome outcome(String phone, List<InstitutionPhone> phones, boolean counted) {
        int count = phones.stream().mapToInt(p -> p.deadReports).max().orElse(0);
        boolean withheld = phones.stream().allMatch(p -> p.withheld);
        return new ReportOutcome(phone, (int) phones.stream().map(p -> p.institution.id).distinct().count(), count,
                withheld, phones.get(0).institution.id, counted);
    }

    private void apply(Institution i, InstitutionInput input, OffsetDateTime now) {
        i.tenant = input.regionCode().substring(0, 2);
        i.regionCode = input.regionCode();
        i.name = input.name().strip();
        i.type = input.type();
        i.address = input.address();
        i.hours = input.hours();
        i.updatedAt = now;
        List<String> wanted = input.phones() == null ? List.of()
                : input.phones().stream().map(p -> PhoneNumber.normalise(p.phone())).toList();
        // Phones kept keep their verification history; new ones count as verified by the editor entering them.
        i.phones.removeIf(p -> !wanted.contains(p.phone));
        if (input.phones() != null) {
            for (PhoneInput p : input.phones()) {
                String n = PhoneNumber.normalise(p.phone());
                InstitutionPhone existing = i.phones.stream().filter(x -> x.phone.equals(n)).findFirst().orElse(null);
                if (existing == null) {
                    existing = new InstitutionPhone();
                    existing.id = UUID.randomUUID();
                    existing.institution = i;
                    existing.phone = n;
                    existing.lastVerifiedAt = now;
                    i.phones.add(existing);
                }
                existing.label = p.label();
            }
        }
    }

    private static void validate(InstitutionInput input) {
        if (input == null) {
            throw ProblemException.badRequest("body-required", "Send the directory entry as a JSON body.");
        }
        RegionScope.of("regionCode", input.regionCode());
        if (input.regionCode() == null || input.regionCode().isBlank() || RegionScope.NATIONAL.equals(input.regionCode())) {
            throw ProblemException.invalidField("regionCode", "is required: the 6-digit region of the entry");
        }
        if (input.name() == null || input.name().isBlank() || input.name().length() > 200) {
            throw ProblemException.invalidField("name", "is required, at most 200 characters");
        }
        if (input.type() == null) {
            throw ProblemException.invalidField("type", "must be one of AGENCY, SERVICE_WINDOW, HOSPITAL, PHARMACY");
        }
        if (input.address() != null && input.address().length() > 300) {
            throw ProblemException.invalidField("address", "must be at most 300 characters");
        }
        if (input.hours() != null && input.hours().length() > 200) {
            throw ProblemException.invalidField("hours", "must be at most 200 characters");
        }
        if (input.phones() != null) {
            for (int n = 0; n < input.phones().size(); n++) {
                PhoneInput p = input.phones().get(n);
                String normal = p == null ? null : PhoneNumber.normalise(p.phone());
                if (normal == null || normal.length() < 3 || normal.length() > 32) {
                    throw ProblemException.invalidField("phones[" + n + "].phone", "is not a phone number");
                }
            }
        }
    }
}
