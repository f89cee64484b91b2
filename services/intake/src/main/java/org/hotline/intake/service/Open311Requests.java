package org.hotline.intake.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.intake.domain.Channel;
import org.hotline.intake.domain.HandOff;
import org.hotline.intake.domain.Open311Integrator;
import org.hotline.common.category.ServiceCategory;
import org.hotline.intake.repository.HandOffRepository;
import org.hotline.intake.repository.Open311IntegratorRepository;
import org.hotline.intake.rest.ContactRequest;

/** Open311 GeoReport v2 service requests: integrators by API key, one tenant each; each request is a hand-off. */
@ApplicationScoped
public class Open311Requests {

    /** An Open311 error: the HTTP status and the description the spec's error list carries. */
    public static class Open311Error extends RuntimeException {
        public final int code;

        public Open311Error(int code, String description) {
            super(description);
            this.code = code;
        }
    }

    /** A form-encoded POST requests body, already split into fields. */
    public record Submission(String apiKey, String jurisdictionId, String serviceCode, String description,
            String lat, String lon, String addressString, String phone, String firstName, String lastName,
            String email, String regionAttribute) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Open311IntegratorRepository integrators;
    private final HandOffRepository handOffs;
    private final HandOffs dispatcher;
    private final ContactRegistration registration;
    private final ContactFacts facts;
    private final ServiceHoursCalendar hours;

    public Open311Requests(Open311IntegratorRepository integrators, HandOffRepository handOffs, HandOffs dispatcher,
            ContactRegistration registration, ContactFacts facts, ServiceHoursCalendar hours) {
        this.facts = facts;
        this.hours = hours;
        this.integrators = integrators;
        this.handOffs = handOffs;
        this.dispatcher = dispatcher;
        this.registration = registration;
    }

    /** A new integrator and its API key in clear (shown once; only the hash is stored). */
    public record NewIntegrator(Open311Integrator integrator, String apiKey) {
    }

    public Uni<NewIntegrator> createIntegrator(String tenant, String name, String createdBy, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return newIntegrator(tenant, name, createdBy, null);
        }
        // The API key is stored hashed and shown once, so a replay cannot show it again: it is refused, naming
        // the integrator the first request created, and nothing new is created.
        return integrators.findByIdempotencyKey(createdBy, idempotencyKey)
                .flatMap(earlier -> {
                    if (earlier != null) {
                        return Uni.createFrom().failure(org.hotline.common.problem.ProblemException.conflict(
                                "idempotency-key-reused", "This Idempotency-Key already registered integrator "
                                        + earlier.id + "; its API key was shown once."));
                    }
                    return newIntegrator(tenant, name, createdBy, idempotencyKey);
                });
    }

    private Uni<NewIntegrator> newIntegrator(String tenant, String name, String createdBy, String idempotencyKey) {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Open311Integrator i = new Open311Integrator();
        i.id = UUID.randomUUID();
        i.tenant = tenant;
        i.name = name;
        i.apiKeyHash = hash(key);
        i.createdBy = createdBy;
        i.createdAt = Instant.now();
        i.idempotencyKey = idempotencyKey;
        return Panache.withTransaction(() -> integrators.persist(i)).map(saved -> new NewIntegrator(saved, key));
    }

    /**
     * Registers a GeoReport v2 request as a contact with its case. Bounded per replica as contacts are
     * ({@link ContactRegistration}): 64 run at once and 128 wait; beyond that an integrator's surge is refused at once
     * with 503 and Retry-After, before anything is stored.
     */
    @Bulkhead(value = 64, waitingTaskQueue = 128)
    public Uni<HandOff> submit(Submission s, String idempotencyKey) {
        if (s.toString().indexOf('\u0000') >= 0) {
            throw new Open311Error(400, "a field contains a NUL character");
        }
        if (blank(s.apiKey())) {
            throw new Open311Error(400, "api_key is required");
        }
        ServiceCategory category = service(s.serviceCode());
        if (blank(s.description())) {
            throw new Open311Error(400, "description is required");
        }
        if (s.description().length() > 4000) {
            throw new Open311Error(400, "description is longer than 4000 characters");
        }
        Double lat = coordinate(s.lat(), "lat", 90);
        Double lon = coordinate(s.lon(), "long", 180);
        if ((lat == null || lon == null) && blank(s.addressString())) {
            throw new Open311Error(400, "a location is required: lat and long, or address_string");
        }
        if (!blank(s.phone()) && (!s.phone().matches(ContactRequest.PHONE)
                || PhoneNumber.normalise(s.phone()) == null)) {
            throw new Open311Error(400, "phone is not a phone number");
        }
        if (!blank(s.jurisdictionId()) && !Jurisdictions.known(s.jurisdictionId())) {
            throw new Open311Error(404, "jurisdiction_id " + s.jurisdictionId() + " not found");
        }
        if (!blank(s.addressString()) && s.addressString().length() > 255) {
            throw new Open311Error(400, "address_string must be at most 255 characters");
        }
        if (!blank(s.email()) && (s.email().length() > 254 || !s.email().matches("[^@\\s]+@[^@\\s]+"))) {
            throw new Open311Error(400, "email is not an e-mail address (at most 254 characters)");
        }
        if (!blank(s.regionAttribute()) && !s.regionAttribute().matches("\\d{6}")) {
            throw new Open311Error(400, "attribute[region_code] must be a 6-digit GB/T 2260 region code");
        }
        return integrators.findByKeyHash(hash(s.apiKey())).flatMap(integrator -> {
            if (integrator == null) {
                throw new Open311Error(403, "api_key is not valid");
            }
            if (!blank(s.jurisdictionId()) && !s.jurisdictionId().equals(integrator.tenant)) {
                throw new Open311Error(403, "api_key is not valid for jurisdiction_id " + s.jurisdictionId());
            }
            // Only the standard's fields are needed: the address or the coordinates decide the region, else the
            // caller's number, else the jurisdiction's province takes it centrally (its tenant is the fallback).
            ContactRequest contact = new ContactRequest(Channel.OPEN311, null, blank(s.phone()) ? null : s.phone(),
                    null, blank(s.regionAttribute()) ? null : s.regionAttribute(),
                    blank(s.addressString()) ? null : HandOffs.cut(s.addressString().trim(), 255), lat, lon);
            IdempotencyKey key = IdempotencyKey.of("open311", idempotencyKey, s);
            return registration.prepare(contact, integrator.tenant, "open311:" + integrator.id, key)
                    .onFailure(ProblemException.class)
                    .transform(e -> new Open311Error(((ProblemException) e).problem().status() == 422
                            && "urn:hotline:problem:idempotency-key-reused".equals(((ProblemException) e).problem()
                                    .type()) ? 422 : 400, ((ProblemException) e).problem().detail()))
                    // The contact and its case in one transaction.
                    .flatMap(r -> Panache.withTransaction(() -> (r.replayed()
                            ? Uni.createFrom().item(r.contact())
                            : registration.store(r.contact(), category)).flatMap(stored -> dispatcher.open(r.contact(),
                                    new HandOffs.Draft(
                            category, null, category.chineseName() + "：" + HandOffs.cut(s.description(), 60),
                            s.description(), r.contact().callerNumber, name(s), s.addressString(), lat, lon)))
                            .call(h -> r.replayed() ? Uni.createFrom().voidItem() : facts.handedOff(
                                    h.contactId.toString(), h.contactId.toString(), "OPEN311", h.tenant,
                                    r.contact().poolingRegionCode, category, "NEEDS_DEPARTMENT",
                                    hours.isOpen(h.tenant, h.receivedAt), h.receivedAt))))
                    .flatMap(h -> dispatcher.dispatch(h.contactId).map(sent -> sent != null ? sent : h));
        });
    }

    /** Whether a request belongs to {@code jurisdiction} (null: asked without one, so any). */
    private static boolean ofJurisdiction(HandOff h, String jurisdiction) {
        return jurisdiction == null || h.tenant.equals(jurisdiction);
    }

    /** One request of the jurisdiction (null: any), refreshed from routing. */
    public Uni<HandOff> find(String jurisdiction, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new Open311Error(404, "service_request_id " + id + " not found");
        }
        return Panache.withSession(() -> handOffs.findById(uuid)).flatMap(h -> {
            if (h == null || h.channel != Channel.OPEN311 || !ofJurisdiction(h, jurisdiction)) {
                throw new Open311Error(404, "service_request_id " + id + " not found");
            }
            return dispatcher.refreshed(h);
        });
    }

    /** The request behind a token (our query code). */
    public Uni<HandOff> byToken(String jurisdiction, String token) {
        return Panache.withSession(() -> handOffs.findByQueryCode(token == null ? "" : token.toUpperCase()))
                .map(h -> {
                    if (h == null || h.channel != Channel.OPEN311 || !ofJurisdiction(h, jurisdiction)) {
                        throw new Open311Error(404, "token " + token + " not found");
                    }
                    return h;
                });
    }

    public Uni<List<HandOff>> search(String jurisdiction, String ids, String serviceCode, String startDate,
            String endDate, String status) {
        Instant end = blank(endDate) ? Instant.now().plusSeconds(60) : date(endDate, "end_date");
        Instant start = blank(startDate) ? end.minus(java.time.Duration.ofDays(90)) : date(startDate, "start_date");
        if (start.isAfter(end)) {
            throw new Open311Error(400, "start_date is after end_date");
        }
        if (java.time.Duration.between(start, end).toDays() > 90) {
            throw new Open311Error(400, "start_date and end_date may be at most 90 days apart");
        }
        if (!blank(status) && !status.equals("open") && !status.equals("closed")) {
            throw new Open311Error(400, "status must be open or closed");
        }
        List<UUID> idList = null;
        if (!blank(ids)) {
            try {
                idList = java.util.Arrays.stream(ids.split(",")).map(String::trim).map(UUID::fromString).toList();
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().item(List.of());
            }
        }
        String category = blank(serviceCode) ? null : service(serviceCode).name();
        List<UUID> finalIds = idList;
        return Panache.withSession(() -> handOffs.open311(jurisdiction, finalIds, category, start, end,
                blank(status) ? null : status, 1000));
    }

    /** The service behind a code; 400 when missing, 404 when unknown, as the spec says. */
    public static ServiceCategory service(String code) {
        if (blank(code)) {
            throw new Open311Error(400, "service_code is required");
        }
        return Categories.parse(code)
                .orElseThrow(() -> new Open311Error(404, "service_code " + code + " not found"));
    }

    private static Instant date(String value, String name) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new Open311Error(400, name + " is not a W3C datetime, e.g. 2026-11-23T08:00:00Z");
        }
    }

    private static Double coordinate(String value, String name, double max) {
        if (blank(value)) {
            return null;
        }
        try {
            double d = Double.parseDouble(value);
            if (Double.isNaN(d) || Math.abs(d) > max) {
                throw new Open311Error(400, name + " is out of range");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Open311Error(400, name + " is not a number");
        }
    }

    private static String name(Submission s) {
        String n = ((blank(s.lastName()) ? "" : s.lastName()) + (blank(s.firstName()) ? "" : s.firstName())).trim();
        return n.isEmpty() ? null : HandOffs.cut(n, 64);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
