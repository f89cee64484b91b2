package org.hotline.console.web;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/**
 * Administration of knowledge: articles (write, edit as a new draft version, submit, publish, archive) and the
 * institution directory (add an entry with its number), on knowledge's API.
 */
@Path("/admin/knowledge")
public class KnowledgeAdminResource {

    private final CurrentStaff current;
    private final Pages pages;
    private final ServiceCalls calls;

    public KnowledgeAdminResource(CurrentStaff current, Pages pages, ServiceCalls calls) {
        this.current = current;
        this.pages = pages;
        this.calls = calls;
    }

    /** The form for a new article. */
    @GET
    @Path("/articles/new")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance newArticle() {
        Staff staff = current.require(Screen.ADMIN);
        Map<String, Object> blank = new java.util.HashMap<>();
        for (String field : List.of("id", "title", "version", "status", "publishedAt", "questionKey", "scopeRegionCode",
                "questionVariants", "answer", "topic", "service", "citationName", "citationNumber", "citationUrl",
                "effectiveFrom")) {
            blank.put(field, null);
        }
        return pages.page("admin-article", Screen.ADMIN).data("article", blank)
                .data("regionDefault", staff.national() ? "" : staff.tenant() + "0000");
    }

    /** An article's latest version in the editing form. */
    @GET
    @Path("/articles/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> article(@PathParam("id") UUID id) {
        Staff staff = current.require(Screen.ADMIN);
        return calls.get(staff, Service.KNOWLEDGE, "/api/v1/articles/" + id)
                .map(a -> pages.page("admin-article", Screen.ADMIN).data("article", pages.data(a))
                        .data("regionDefault", ""));
    }

    /** Saves a new article ({@code id} absent) or a new draft version of one; published text stays until published. */
    @POST
    @Path("/articles")
    public Uni<Response> save(@FormParam("id") String id, @FormParam("questionKey") String questionKey,
            @FormParam("scopeRegionCode") String scope, @FormParam("title") String title,
            @FormParam("questionVariants") String variants, @FormParam("answer") String answer,
            @FormParam("topic") String topic, @FormParam("service") String service,
            @FormParam("citationName") String citationName, @FormParam("citationNumber") String citationNumber,
            @FormParam("citationUrl") String citationUrl, @FormParam("effectiveFrom") String effectiveFrom) {
        Staff staff = current.require(Screen.ADMIN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("questionKey", AdminForms.field(questionKey));
        body.put("scopeRegionCode", AdminForms.field(scope));
        body.put("title", AdminForms.field(title));
        body.put("questionVariants", AdminForms.lines(variants));
        body.put("answer", AdminForms.field(answer));
        body.put("topic", AdminForms.field(topic));
        body.put("service", AdminForms.field(service));
        body.put("citationName", AdminForms.field(citationName));
        body.put("citationNumber", AdminForms.field(citationNumber));
        body.put("citationUrl", AdminForms.field(citationUrl));
        body.put("effectiveFrom", AdminForms.field(effectiveFrom));
        UUID article = AdminForms.field(id) == null ? null : UUID.fromString(id.strip());
        return AdminForms.saved(article == null ? calls.post(staff, Service.KNOWLEDGE, "/api/v1/articles", body)
                : calls.put(staff, Service.KNOWLEDGE, "/api/v1/articles/" + article, body), "articles");
    }

    /** Submits, publishes or archives an article. */
    @POST
    @Path("/articles/{id}/{action:publish|archive|submit}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> lifecycle(@PathParam("id") UUID id, @PathParam("action") String action) {
        Staff staff = current.require(Screen.ADMIN);
        TemplateInstance fragment = pages.fragment("alert-ok");
        return calls.post(staff, Service.KNOWLEDGE, "/api/v1/articles/" + id + "/" + action, Map.of())
                .map(a -> fragment.data("message", a.path("title").asText() + " · "
                        + Formats.label(pages.t(), "article_status_", a.path("status").asText())));
    }

    /** Adds an entry to the institution directory with one phone number. */
    @POST
    @Path("/institutions")
    public Uni<Response> institution(@FormParam("regionCode") String regionCode, @FormParam("name") String name,
            @FormParam("type") String type, @FormParam("address") String address, @FormParam("hours") String hours,
            @FormParam("phone") String phone, @FormParam("phoneLabel") String phoneLabel) {
        Staff staff = current.require(Screen.ADMIN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("regionCode", AdminForms.field(regionCode));
        body.put("name", AdminForms.field(name));
        body.put("type", AdminForms.field(type));
        body.put("address", AdminForms.field(address));
        body.put("hours", AdminForms.field(hours));
        Map<String, Object> number = new LinkedHashMap<>();
        number.put("phone", AdminForms.field(phone));
        number.put("label", AdminForms.field(phoneLabel));
        body.put("phones", AdminForms.field(phone) == null ? List.of() : List.of(number));
        return AdminForms.saved(calls.post(staff, Service.KNOWLEDGE, "/api/v1/institutions", body), "institutions");
    }
}
