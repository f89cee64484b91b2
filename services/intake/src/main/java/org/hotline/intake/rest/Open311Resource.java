package org.hotline.intake.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hotline.common.problem.ProblemException;
import org.hotline.intake.domain.HandOff;
import org.hotline.common.category.ServiceCategory;
import org.hotline.intake.service.Open311Requests;
import org.hotline.intake.service.Open311Requests.Open311Error;

/**
 * Open311 GeoReport v2 ({@code /open311/v2}), XML and JSON by extension; {@code jurisdiction_id} is the tenant.
 * Errors are the spec's error lists (400 missing parameter, 403 bad api_key, 404 unknown code), not problem+json.
 */
@Path("/open311/v2")
@PermitAll
public class Open311Resource {

    private static final String FORMAT = "{format: json|xml}";

    private final Open311Requests requests;

    public Open311Resource(Open311Requests requests) {
        this.requests = requests;
    }

    @GET
    @Path("/services." + FORMAT)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML })
    @PermitAll
    @Operation(summary = "Service list: the five 12393 services")
    public Uni<Response> services(@PathParam("format") String format,
            @Parameter(example = "37") @QueryParam("jurisdiction_id") String jurisdiction) {
        return guard(format, () -> {
            knownIfGiven(jurisdiction);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ServiceCategory c : ServiceCategory.values()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("service_code", c.name());
                s.put("service_name", c.chineseName());
                s.put("description", c.chineseName() + "（12393 医保服务）");
                s.put("metadata", true);
                s.put("type", "realtime");
                s.put("keywords", keywords(c));
                s.put("group", "医疗保障");
                rows.add(s);
            }
            return Uni.createFrom().item(Open311Format.ok(format, 200, "services", "service", rows));
        });
    }

    @GET
    @Path("/services/{code: [^/.]+}." + FORMAT)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML })
    @PermitAll
    @Operation(summary = "Service definition: its attributes")
    public Uni<Response> service(@PathParam("code") String code, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        return guard(format, () -> {
            knownIfGiven(jurisdiction);
            ServiceCategory c = Open311Requests.service(code);
            Map<String, Object> attribute = new LinkedHashMap<>();
            attribute.put("variable", true);
            attribute.put("code", "region_code");
            attribute.put("datatype", "string");
            attribute.put("required", false);
            attribute.put("datatype_description", "6-digit GB/T 2260 insured region (参保地), e.g. 370300");
            attribute.put("order", 1);
            attribute.put("description", "参保地区划代码");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("service_code", c.name());
            body.put("attributes", List.of(attribute));
            return Uni.createFrom().item(Open311Format.single(format, "service_definition", body));
        });
    }

    @POST
    @Path("/requests." + FORMAT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML })
    @PermitAll
    @Operation(summary = "Create a service request (form-encoded, api_key of the integrator)")
    public Uni<Response> create(@PathParam("format") String format,
            @FormParam("api_key") String apiKey, @FormParam("jurisdiction_id") String jurisdiction,
            @FormParam("service_code") String serviceCode, @FormParam("description") String description,
            @FormParam("lat") String lat, @FormParam("long") String lon,
            @FormParam("address_string") String address, @FormParam("phone") String phone,
            @FormParam("first_name") String firstName, @FormParam("last_name") String lastName,
            @FormParam("email") String email,
            @FormParam("attribute[region_code]") String regionAttribute,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return guard(format, () -> requests.submit(new Open311Requests.Submission(apiKey, jurisdiction, serviceCode,
                description, lat, lon, address, phone, firstName, lastName, email, regionAttribute), idempotencyKey)
                .map(h -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("service_request_id", h.contactId.toString());
                    row.put("token", h.queryCode);
                    row.put("service_notice", "查询码 " + h.queryCode + "，可在 12393 或网站查询办理进度。");
                    row.put("account_id", null);
                    return Open311Format.ok(format, 201, "service_requests", "request", List.of(row));
                }));
    }

    @GET
    @Path("/requests." + FORMAT)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML })
    @PermitAll
    @Operation(summary = "Service requests of the jurisdiction (filters of the spec; 90 days, 1000 at most)")
    public Uni<Response> search(@PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction,
            @QueryParam("service_request_id") String ids, @QueryParam("service_code") String serviceCode,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("status") String status) {
        return guard(format, () -> {
            String tenant = jurisdiction(jurisdiction);
            return requests.search(tenant, ids, serviceCode, startDate, endDate, status)
                    .map(list -> Open311Format.ok(format, 200, "service_requests", "request",
                            list.stream().map(Open311Resource::request).toList()));
        });
    }

    @GET
    @Path("/requests/{id: [^/.]+}." + FORMAT)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML })
    @PermitAll
    @Operation(summary = "One service request, with agency_responsible and expected_datetime from the work order")
    public Uni<Response> request(@PathParam("id") String id, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        return guard(format, () -> requests.find(jurisdiction(jurisdiction), id)
                .map(h -> Open311Format.ok(format, 200, "service_requests", "request", List.of(request(h)))));
    }

    @GET
    @Path("/tokens/{token: [^/.]+}." + FORMAT)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML })
    @PermitAll
    @Operation(summary = "The service_request_id behind a token")
    public Uni<Response> token(@PathParam("token") String token, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        return guard(format, () -> requests.byToken(jurisdiction(jurisdiction), token).map(h -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service_request_id", h.contactId.toString());
            row.put("token", h.queryCode);
            return Open311Format.ok(format, 200, "service_requests", "request", List.of(row));
        }));
    }

    private static Map<String, Object> request(HandOff h) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", h.contactId.toString());
        r.put("status", "closed".equals(h.open311Status) ? "closed" : "open");
        r.put("status_notes", h.statusNotes);
        r.put("service_name", h.category.chineseName());
        r.put("service_code", h.category.name());
        r.put("description", h.description);
        r.put("agency_responsible", h.agencyResponsible);
        r.put("service_notice", null);
        r.put("requested_datetime", h.receivedAt.toString());
        r.put("updated_datetime", h.updatedAt.toString());
        r.put("expected_datetime", h.expectedAt == null ? null : h.expectedAt.toString());
        r.put("address", h.address);
        r.put("address_id", null);
        r.put("zipcode", null);
        r.put("lat", h.lat);
        r.put("long", h.lon);
        r.put("media_url", null);
        return r;
    }

    /**
     * The service list and definitions are the same five services in every province, so a client that sends no
     * jurisdiction_id (GeoReport v2 makes it optional) gets them; an unknown one is still 404.
     */
    private static void knownIfGiven(String jurisdiction) {
        if (jurisdiction != null && !jurisdiction.isBlank()) {
            jurisdiction(jurisdiction);
        }
    }

    /**
     * The tenant a GET is limited to, or null for every jurisdiction. GeoReport v2 makes jurisdiction_id optional, and
     * a client may leave it out: a request id or token names one request anyway, and a listing is of public requests.
     */
    private static String jurisdiction(String jurisdiction) {
        if (jurisdiction == null || jurisdiction.isBlank()) {
            return null;
        }
        if (!org.hotline.intake.service.Jurisdictions.known(jurisdiction)) {
            throw new Open311Error(404, "jurisdiction_id " + jurisdiction + " not found");
        }
        return jurisdiction;
    }

    private static String keywords(ServiceCategory c) {
        return switch (c) {
            case POLICY_ANSWER -> "政策,咨询,异地就医,报销";
            case DATA_LOOKUP -> "查询,经办机构,参保状态";
            case ONLINE_PRE_REVIEW -> "预审,备案,转移接续";
            case FEEDBACK -> "投诉,举报";
            case OPINION -> "建议,意见";
        };
    }

    /** Runs an Open311 operation and turns every failure into the spec's error list, in the requested format. */
    private static Uni<Response> guard(String format, Supplier<Uni<Response>> operation) {
        return Uni.createFrom().<Response>deferred(operation::get)
                .onFailure().recoverWithItem(e -> {
                    if (e instanceof Open311Error o) {
                        return Open311Format.error(format, o.code, o.getMessage());
                    }
                    if (e instanceof ProblemException p) {
                        int status = p.problem().status() >= 500 ? 503 : 400;
                        return Open311Format.error(format, status, p.problem().detail());
                    }
                    if (e instanceof org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException) {
                        // A surge beyond what this replica takes at once: expected, so not logged as a failure.
                        return Response.fromResponse(Open311Format.error(format, 503, "overloaded: nothing was "
                                + "stored; retry after the number of seconds in Retry-After"))
                                .header("Retry-After", "1").build();
                    }
                    io.quarkus.logging.Log.errorf(e, "Open311 request failed");
                    return Open311Format.error(format, 503, "temporarily unavailable, please retry");
                });
    }
}
