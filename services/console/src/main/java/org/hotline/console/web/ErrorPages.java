package org.hotline.console.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.hotline.console.client.ServiceRefusal;
import org.hotline.console.session.CurrentStaff;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** What the user sees when a screen is not theirs or a service refuses: a page, or a fragment for htmx. */
public class ErrorPages {

    private final Pages pages;

    public ErrorPages(Pages pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Response notLoggedIn(CurrentStaff.NotLoggedIn e) {
        return Response.seeOther(URI.create("/login")).build();
    }

    @ServerExceptionMapper
    public Response forbidden(CurrentStaff.ScreenForbidden e, HttpServerRequest request) {
        String text = pages.t().get("error_forbidden");
        return render(request, 403, text);
    }

    @ServerExceptionMapper
    public Response refused(ServiceRefusal e, HttpServerRequest request) {
        int status = e.status() >= 400 && e.status() < 500 ? e.status() : 502;
        return render(request, status, e.detail());
    }

    private Response render(HttpServerRequest request, int status, String message) {
        boolean htmx = request.getHeader("HX-Request") != null;
        Object body = htmx ? pages.fragment("alert").data("message", message).render()
                : pages.page("error", null).data("message", message).data("status", status).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body).build();
    }
}
