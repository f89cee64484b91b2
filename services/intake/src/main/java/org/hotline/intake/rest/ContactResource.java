package org.hotline.intake.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hotline.common.audit.AccessAudit;
import org.hotline.common.audit.AuditAction;
import org.hotline.common.audit.Audited;
import org.hotline.common.problem.ProblemException;
import org.hotline.common.security.Roles;
import org.hotline.common.security.TenantContext;
import org.hotline.intake.repository.ContactRepository;
import org.hotline.intake.service.ContactRegistration;
import org.jboss.resteasy.reactive.RestResponse;

/** Registers citizen contacts and shows them to the staff of their tenant. */
@Path("/api/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactRegistration registration;
    private final ContactRepository contacts;
    private final TenantContext tenants;
    private final AccessAudit audit;

    public ContactResource(ContactRegistration registration, ContactRepository contacts, TenantContext tenants,
            AccessAudit audit) {
        this.audit = audit;
        this.registration = registration;
        this.contacts = contacts;
        this.tenants = tenants;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    // Audited as every contact change, but in the contact's own statement (ContactWrites), not by the interceptor.
    @RolesAllowed({ Roles.AGENT, Roles.SERVICE, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR })
    @Operation(summary = "Register a contact", description = "Resolves its pooling region through routing; when routing "
            + "is unreachable the contact is stored with region status PENDING and resolved later.")
    @APIResponse(responseCode = "201", description = "Registered; Location points to it")
    @APIResponse(responseCode = "400", description = "Malformed contact (application/problem+json)")
    @APIResponse(responseCode = "422", description = "Unknown area code or region outside the caller's tenant")
    public Uni<RestResponse<ContactView>> register(
            @Valid @NotNull(message = "a JSON body is required") ContactRequest request,
            @Parameter(description = "Repeats with the same key return the first registration")
            @HeaderParam("Idempotency-Key") @Size(max = 128) String idempotencyKey,
            UriInfo uri) {
        return registration.register(request, tenants.tenant(), tenants.subject(),
                org.hotline.intake.service.IdempotencyKey.of("contacts", idempotencyKey, request),
                audit.entry(AuditAction.CREATE, "contact"))
                .map(r -> RestResponse.ResponseBuilder
                        .<ContactView>create(RestResponse.Status.CREATED, ContactView.of(r.contact()))
                        .location(uri.getAbsolutePathBuilder().path(r.contact().id.toString()).build())
                        .header("Idempotent-Replayed", r.replayed() ? "true" : null)
                        .build());
    }

    @GET
    @Path("/{id}")
    @Audited(resource = "contact", action = AuditAction.READ)
    @RolesAllowed({ Roles.AGENT, Roles.SERVICE, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER })
    @Operation(summary = "One contact, with its region",
            description = "The caller's number in full for agents and services (who call back), masked otherwise; "
                    + "another tenant's contact is 404.")
    public Uni<ContactView> get(@PathParam("id") String id) {
        UUID uuid = parse(id);
        return contacts.findById(uuid)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("contact-not-found",
                        "No contact " + id + "."))
                .map(c -> {
                    Visibility.require(tenants, c.tenant, "contact-not-found", "contact " + id);
                    // The full number only for those who call the citizen: agents and the suite's services.
                    boolean calls = tenants.hasRole(Roles.AGENT) || tenants.hasRole(Roles.SERVICE);
                    return calls ? ContactView.of(c) : ContactView.masked(c);
                });
    }

    @GET
    @RolesAllowed({ Roles.AGENT, Roles.TENANT_ADMIN, Roles.PLATFORM_OPERATOR, Roles.LEADER })
    @Operation(summary = "Contacts of the caller's tenant, newest first, caller numbers masked")
    public Uni<PageView<ContactView>> list(
            @Parameter(description = "Tenant to list (national callers only)", example = "37")
            @QueryParam("tenant") String tenant,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        String effective = tenants.effectiveTenant(tenant);
        String filter = Roles.NATIONAL.equals(effective) ? null : effective;
        return contacts.page(filter, page, size)
                .flatMap(list -> contacts.countFor(filter).map(total ->
                        new PageView<>(list.stream().map(ContactView::masked).toList(), page, size, total)));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("contact-not-found", "No contact " + id + ".");
        }
    }
}
