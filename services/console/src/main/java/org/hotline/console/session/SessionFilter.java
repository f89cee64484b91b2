package org.hotline.console.session;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.hotline.console.config.ConsoleConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads the session cookie of every page request: a valid session becomes the {@link CurrentStaff}; a missing or
 * expired one sends the browser to the login page (htmx requests get an {@code HX-Redirect} instead of a page).
 */
public class SessionFilter {

    private final SessionCodec codec;
    private final CurrentStaff current;
    private final ConsoleConfig config;

    public SessionFilter(SessionCodec codec, CurrentStaff current, ConsoleConfig config) {
        this.codec = codec;
        this.current = current;
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> session(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        Cookie cookie = request.getCookies().get(SessionCodec.COOKIE);
        Optional<Staff> staff = cookie == null ? Optional.empty() : codec.decode(cookie.getValue());
        boolean expired = staff.isPresent() && staff.get().expired(Instant.now());
        if (staff.isPresent() && !expired) {
            current.set(staff.get());
            return Optional.empty();
        }
        if (isPublic(path)) {
            return Optional.empty();
        }
        String target = expired ? "/login?expired=true" : "/login";
        Response.ResponseBuilder answer = request.getHeaderString("HX-Request") != null
                ? Response.status(401).header("HX-Redirect", target)
                : Response.seeOther(URI.create(target));
        if (cookie != null) {
            answer.cookie(clear(config));
        }
        return Optional.of(answer.build());
    }

    /** The cookie that removes the session from the browser. */
    public static NewCookie clear(ConsoleConfig config) {
        return new NewCookie.Builder(SessionCodec.COOKIE).value("").path("/").maxAge(0).httpOnly(true)
                .secure(config.session().secureCookies()).sameSite(NewCookie.SameSite.LAX).build();
    }

    private static boolean isPublic(String path) {
        return path.equals("/login") || path.startsWith("/login/") || path.startsWith("/lang/")
                || path.equals("/logout") || path.startsWith("/sso/");
    }
}
