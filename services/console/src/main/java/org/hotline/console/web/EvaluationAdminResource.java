package org.hotline.console.web;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

/** Administration of evaluation: evaluators (register, change, pause) and mystery-shopper campaigns (电话暗访). */
@Path("/admin/evaluation")
public class EvaluationAdminResource {

    private final CurrentStaff current;
    private final ServiceCalls calls;

    public EvaluationAdminResource(CurrentStaff current, ServiceCalls calls) {
        this.current = current;
        this.calls = calls;
    }

    /** Registers an evaluator ({@code id} absent) or changes one: regions, capacity, status. */
    @POST
    @Path("/evaluators")
    public Uni<Response> evaluator(@FormParam("id") String id, @FormParam("subject") String subject,
            @FormParam("name") String name, @FormParam("phone") String phone,
            @FormParam("regionCodes") String regionCodes, @FormParam("weeklyCapacity") String weeklyCapacity,
            @FormParam("status") String status) {
        Staff staff = current.require(Screen.ADMIN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", AdminForms.field(subject));
        body.put("name", AdminForms.field(name));
        body.put("phone", AdminForms.field(phone));
        body.put("regionCodes", AdminForms.list(regionCodes));
        body.put("weeklyCapacity", AdminForms.number(weeklyCapacity));
        body.put("status", AdminForms.field(status));
        UUID evaluator = AdminForms.field(id) == null ? null : UUID.fromString(id.strip());
        return AdminForms.saved(evaluator == null ? calls.post(staff, Service.EVALUATION, "/api/v1/evaluators", body)
                : calls.put(staff, Service.EVALUATION, "/api/v1/evaluators/" + evaluator, body), "evaluators");
    }

    /** Plans a campaign of test calls: scripted questions, the evaluators who score, the lines to call. */
    @POST
    @Path("/campaigns")
    public Uni<Response> campaign(@FormParam("name") String name, @FormParam("scenarios") String scenarios,
            @FormParam("auditors") String auditors, @FormParam("startsOn") String startsOn,
            @FormParam("endsOn") String endsOn, @FormParam("lineName") String lineName,
            @FormParam("linePhone") String linePhone, @FormParam("lineRegion") String lineRegion) {
        Staff staff = current.require(Screen.ADMIN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", AdminForms.field(name));
        body.put("scenarios", AdminForms.lines(scenarios));
        body.put("auditors", AdminForms.list(auditors));
        body.put("passRule", "ALL");
        body.put("startsOn", AdminForms.field(startsOn));
        body.put("endsOn", AdminForms.field(endsOn));
        if (AdminForms.field(linePhone) != null) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("unitName", AdminForms.field(lineName));
            line.put("phone", AdminForms.field(linePhone));
            line.put("regionCode", AdminForms.field(lineRegion));
            body.put("lines", List.of(line));
        } else {
            body.put("lines", List.of());
        }
        return AdminForms.saved(calls.post(staff, Service.EVALUATION, "/api/v1/audit-campaigns", body), "campaigns");
    }
}
