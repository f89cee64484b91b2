package org.hotline.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.Cookie;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole;

/** Renders a template with what every page shows: the texts of the user's language, the user and their navigation. */
@RequestScoped
public class Pages {

    /** One entry of the navigation. */
    public record NavItem(String path, String title, boolean current) {
    }

    private final Engine engine;
    private final Texts texts;
    private final CurrentStaff current;
    private final HttpServerRequest request;
    private final ObjectMapper json;

    public Pages(Engine engine, Texts texts, CurrentStaff current, HttpServerRequest request, ObjectMapper json) {
        this.engine = engine;
        this.texts = texts;
        this.current = current;
        this.request = request;
        this.json = json;
    }

    /** The language of this request (cookie {@code lang}, Chinese by default). */
    public String lang() {
        Cookie c = request.getCookie("lang");
        return Texts.language(c == null ? null : c.getValue());
    }

    /** The texts of this request's language. */
    public Map<String, String> t() {
        return texts.of(lang());
    }

    /** A template with the common data; {@code screen} marks the current entry of the navigation. */
    public TemplateInstance page(String template, StaffRole.Screen screen) {
        String lang = lang();
        Map<String, String> t = texts.of(lang);
        TemplateInstance page = engine.getTemplate(template).instance()
                .data("t", t).data("lang", lang).data("otherLang", Texts.ZH.equals(lang) ? Texts.EN : Texts.ZH)
                .data("path", request.path());
        Staff staff = current.get().orElse(null);
        List<NavItem> nav = new ArrayList<>();
        if (staff != null) {
            for (StaffRole.Screen s : staff.role().screens()) {
                nav.add(new NavItem(s.path(), t.getOrDefault(s.key(), s.key()), s == screen));
            }
            page.data("staff", staff).data("roleName", t.getOrDefault("role_" + staff.role().group(),
                    staff.role().group()));
        } else {
            page.data("staff", null).data("roleName", "");
        }
        return page.data("nav", nav);
    }

    /** A fragment (htmx swap) with the texts only. */
    public TemplateInstance fragment(String template) {
        return engine.getTemplate(template).instance().data("t", t()).data("lang", lang())
                .data("staff", current.get().orElse(null));
    }

    /** A service's JSON as maps and lists the templates can read. */
    public Object data(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : json.convertValue(node, Object.class);
    }
}
