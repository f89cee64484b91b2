package org.hotline.console.web;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.console.client.Service;
import org.hotline.console.client.ServiceCalls;
import org.hotline.console.session.CurrentStaff;
import org.hotline.console.session.Staff;
import org.hotline.console.session.StaffRole.Screen;

/**
 * The province's human service hours (人工服务时间), on intake's {@code /api/v1/service-hours}: what they are, whether
 * the line is open now, and the form that changes opening, closing, lunch break and working days. The national
 * operator names the province ({@code ?tenant=}). Holidays and 调休 stay on the administration page's calendar.
 */
@Path("/admin/service-hours")
public class ServiceHoursAdminResource {

    /** The days of the week in the order the form lists them. */
    static final List<String> WEEK = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
            "SUNDAY");

    private final CurrentStaff current;
    private final Pages pages;
    private final ServiceCalls calls;

    public ServiceHoursAdminResource(CurrentStaff current, Pages pages, ServiceCalls calls) {
        this.current = current;
        this.pages = pages;
        this.calls = calls;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> hours(@QueryParam("tenant") String tenant, @QueryParam("saved") String saved) {
        Staff staff = current.require(Screen.ADMIN);
        String province = province(staff, tenant);
        TemplateInstance page = pages.page("admin-hours", Screen.ADMIN).data("week", WEEK)
                .data("province", province).data("saved", "true".equals(saved));
        if (province == null) {
            return Uni.createFrom().item(page.data("hours", null));
        }
        return calls.get(staff, Service.INTAKE, "/api/v1/service-hours" + query(staff, province))
                .map(h -> page.data("hours", pages.data(h)));
    }

    /** Saves the form through intake, which checks it; back to the page, which shows what is now in force. */
    @POST
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> save(@FormParam("tenant") String tenant, @FormParam("open") String open,
            @FormParam("close") String close, @FormParam("lunchBreakStart") String lunchBreakStart,
            @FormParam("lunchBreakEnd") String lunchBreakEnd, @FormParam("days") List<String> days,
            @FormParam("zone") String zone) {
        Staff staff = current.require(Screen.ADMIN);
        String province = province(staff, tenant);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("zone", AdminForms.field(zone));
        body.put("open", AdminForms.field(open));
        body.put("close", AdminForms.field(close));
        body.put("lunchBreakStart", AdminForms.field(lunchBreakStart));
        body.put("lunchBreakEnd", AdminForms.field(lunchBreakEnd));
        // No box ticked is sent as an empty list, which intake refuses with its reason (not as "keep the days").
        body.put("days", days == null ? List.of() : days);
        String back = "/admin/service-hours?saved=true" + (staff.national() ? "&tenant=" + province : "");
        return calls.put(staff, Service.INTAKE, "/api/v1/service-hours" + query(staff, province), body)
                .map(x -> Response.noContent().header("HX-Redirect", back).build());
    }

    /** The staff member's province, or the one the national operator names (null until named). */
    private static String province(Staff staff, String tenant) {
        if (!staff.national()) {
            return staff.tenant();
        }
        return tenant != null && tenant.strip().matches("\\d{2}") ? tenant.strip() : null;
    }

    private static String query(Staff staff, String province) {
        return staff.national() ? "?tenant=" + province : "";
    }
}
