package org.hotline.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/**
 * The agent desk (坐席工作台): the current contact with its region and history, the knowledge answer, one-step
 * registration of a work order (接派一体化), callbacks due and the agent's figures of the day.
 */
@Path("/agent")
@Produces(MediaType.TEXT_HTML)
public class AgentDeskResource {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final CurrentStaff current;
    private final Pages pages;
    private final ServiceCalls calls;

    public AgentDeskResource(CurrentStaff current, Pages pages, ServiceCalls calls) {
        this.current = current;
        this.pages = pages;
        this.calls = calls;
    }

    @GET
    public Uni<TemplateInstance> desk() {
        Staff staff = current.require(Screen.AGENT);
        TemplateInstance page = pages.page("agent", Screen.AGENT);
        Uni<JsonNode> callbacks = calls.get(staff, Service.ROUTING, "/api/v1/work-orders?status=REPLIED&size=20")
                .onFailure().recoverWithItem(() -> null);
        Uni<JsonNode> contacts = calls.get(staff, Service.INTAKE, "/api/v1/contacts?size=200")
                .onFailure().recoverWithItem(() -> null);
        Uni<JsonNode> orders = calls.get(staff, Service.ROUTING, "/api/v1/work-orders?size=200")
                .onFailure().recoverWithItem(() -> null);
        return Uni.combine().all().unis(callbacks, contacts, orders).asTuple().map(t -> page
                .data("callbacks", t.getItem1() == null ? null : pages.data(t.getItem1().path("items")))
                .data("figures", figures(staff, t.getItem2(), t.getItem3())));
    }

    /** Registers the current call or message with intake, which resolves its region. */
    @POST
    @Path("/contacts")
    public Uni<TemplateInstance> contact(@FormParam("channel") String channel,
            @FormParam("dialedNumber") String dialedNumber, @FormParam("callerNumber") String callerNumber,
            @FormParam("ivrRegionCode") String ivrRegionCode) {
        Staff staff = current.require(Screen.AGENT);
        TemplateInstance fragment = pages.fragment("agent-contact");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", blank(channel) ? "PHONE" : channel);
        body.put("dialedNumber", blankToNull(dialedNumber));
        body.put("callerNumber", blankToNull(callerNumber));
        body.put("ivrRegionCode", blankToNull(ivrRegionCode));
        return calls.post(staff, Service.INTAKE, "/api/v1/contacts", body).flatMap(contact -> {
            String masked = mask(contact.path("callerNumber").asText(""));
            Uni<JsonNode> earlier = calls.get(staff, Service.INTAKE, "/api/v1/contacts?size=200")
                    .onFailure().recoverWithItem(() -> null);
            Uni<JsonNode> open = calls.get(staff, Service.ROUTING, "/api/v1/work-orders?size=200")
                    .onFailure().recoverWithItem(() -> null);
            return Uni.combine().all().unis(earlier, open).asTuple().map(t -> fragment
                    .data("contact", pages.data(contact)).data("masked", masked)
                    .data("callerNumber", contact.path("callerNumber").asText(""))
                    .data("earlier", sameCaller(t.getItem1(), "callerNumber", masked,
                            contact.path("id").asText()))
                    .data("openOrders", sameCaller(t.getItem2(), "citizenPhoneMasked", masked, null).stream()
                            .filter(o -> !"CLOSED".equals(((Map<?, ?>) o).get("status"))).toList()));
        });
    }

    /** The knowledge base's answer to a question, with citation and alternatives, and the search results. */
    @GET
    @Path("/answer")
    public Uni<TemplateInstance> answer(@QueryParam("q") String q, @QueryParam("region") String region) {
        Staff staff = current.require(Screen.AGENT);
        TemplateInstance fragment = pages.fragment("agent-answer").data("q", q).data("cite", false);
        if (blank(q)) {
            return Uni.createFrom().item(fragment.data("answer", null).data("hits", List.of()));
        }
        String query = "q=" + enc(q) + (blank(region) ? "" : "&region=" + enc(region));
        Uni<JsonNode> answer = calls.get(staff, Service.KNOWLEDGE, "/api/v1/answers?" + query);
        Uni<JsonNode> search = calls.get(staff, Service.KNOWLEDGE, "/api/v1/search?size=5&" + query)
                .onFailure().recoverWithItem(() -> null);
        return Uni.combine().all().unis(answer, search).asTuple().map(t -> fragment
                .data("answer", pages.data(t.getItem1()))
                .data("hits", t.getItem2() == null ? List.of() : pages.data(t.getItem2().path("items"))));
    }

    /** One-step registration and dispatch of a work order from the current contact (接派一体化). */
    @POST
    @Path("/work-orders")
    public Uni<TemplateInstance> register(@FormParam("regionCode") String regionCode,
            @FormParam("category") String category, @FormParam("subcategory") String subcategory,
            @FormParam("title") String title, @FormParam("description") String description,
            @FormParam("priority") String priority, @FormParam("channel") String channel,
            @FormParam("citizenPhone") String citizenPhone, @FormParam("citizenName") String citizenName) {
        Staff staff = current.require(Screen.AGENT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("regionCode", blankToNull(regionCode));
        body.put("category", blankToNull(category));
        body.put("subcategory", blankToNull(subcategory));
        body.put("title", blankToNull(title));
        body.put("description", blankToNull(description));
        body.put("priority", blank(priority) ? "NORMAL" : priority);
        body.put("channel", blank(channel) ? "PHONE" : channel);
        body.put("citizenPhone", blankToNull(citizenPhone));
        body.put("citizenName", blankToNull(citizenName));
        TemplateInstance fragment = pages.fragment("agent-registered");
        return calls.post(staff, Service.ROUTING, "/api/v1/work-orders", body)
                .map(order -> fragment.data("order", pages.data(order)));
    }

    /** Takes the callback at the front of the agent's queue (intake answers 204 when none waits). */
    @POST
    @Path("/callbacks/next")
    public Uni<TemplateInstance> nextCallback() {
        Staff staff = current.require(Screen.AGENT);
        TemplateInstance fragment = pages.fragment("agent-callback");
        return calls.post(staff, Service.INTAKE, "/api/v1/callbacks/next", Map.of("agentId", staff.subject()))
                .map(cb -> fragment.data("callback", cb.isEmpty() ? null : pages.data(cb)));
    }

    /** The queue board: calls waiting and the longest wait (intake's latest 200 calls), agents' states in a queue. */
    @GET
    @Path("/queue")
    public Uni<TemplateInstance> queue(@QueryParam("region") String region) {
        Staff staff = current.require(Screen.AGENT);
        String queue = region != null && region.matches("\\d{6}") ? region
                : (staff.national() ? "110000" : staff.tenant() + "0000");
        TemplateInstance fragment = pages.fragment("agent-queue").data("region", queue);
        Uni<JsonNode> callsPage = calls.get(staff, Service.INTAKE, "/api/v1/calls?size=200")
                .onFailure().recoverWithItem(() -> null);
        Uni<JsonNode> agents = calls.get(staff, Service.INTAKE, "/api/v1/agents?regionCode=" + queue)
                .onFailure().recoverWithItem(() -> null);
        return Uni.combine().all().unis(callsPage, agents).asTuple().map(t -> {
            long waiting = 0;
            java.time.Instant oldest = null;
            if (t.getItem1() != null) {
                for (JsonNode c : t.getItem1().path("items")) {
                    if ("QUEUED".equals(c.path("state").asText()) && c.hasNonNull("queuedAt")) {
                        waiting++;
                        java.time.Instant at = java.time.Instant.parse(c.path("queuedAt").asText());
                        oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
                    }
                }
            }
            long longest = oldest == null ? 0 : java.time.Duration.between(oldest, java.time.Instant.now()).toSeconds();
            return fragment.data("available", t.getItem1() != null).data("waiting", waiting)
                    .data("longest", longest / 60 + ":" + String.format("%02d", longest % 60))
                    .data("agents", t.getItem2() == null ? null : pages.data(t.getItem2()));
        });
    }

    /** The agent's figures of the day as far as the services' lists show them (see docs/console.md). */
    private Map<String, Object> figures(Staff staff, JsonNode contacts, JsonNode orders) {
        LocalDate today = LocalDate.now(CHINA);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("contactsToday", countToday(contacts, "registeredAt", null, today));
        f.put("ordersToday", countToday(orders, "createdAt", null, today));
        return f;
    }

    private static long countToday(JsonNode page, String field, String subject, LocalDate today) {
        if (page == null) {
            return 0;
        }
        long n = 0;
        for (JsonNode item : page.path("items")) {
            String at = item.path(field).asText("");
            if (!at.isEmpty() && java.time.Instant.parse(at).atZone(CHINA).toLocalDate().equals(today)) {
                n++;
            }
        }
        return n;
    }

    private List<Object> sameCaller(JsonNode page, String field, String masked, String exceptId) {
        List<Object> found = new ArrayList<>();
        if (page == null || masked.isEmpty()) {
            return found;
        }
        for (JsonNode item : page.path("items")) {
            if (masked.equals(item.path(field).asText()) && !item.path("id").asText().equals(exceptId)) {
                found.add(pages.data(item));
                if (found.size() == 10) {
                    break;
                }
            }
        }
        return found;
    }

    /** Masks a phone number the way the services' lists do: 139****0000. */
    static String mask(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2); // E.164 mobile (+86 139…), as intake stores it
        }
        if (digits.length() < 7) {
            return digits.isEmpty() ? "" : "****";
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String blankToNull(String s) {
        return blank(s) ? null : s.trim();
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
