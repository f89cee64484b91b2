package org.hotline.intake.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hotline.common.problem.ProblemException;
import org.hotline.intake.domain.HandOff;
import org.hotline.intake.repository.HandOffRepository;
import org.hotline.intake.service.HandOffs;
import org.hotline.intake.service.QueryCodes;

/** Citizens follow their case with its query code (查询码), without logging in; rate-limited per client. */
@Path("/api/v1/public/cases")
@Produces(MediaType.APPLICATION_JSON)
public class PublicCaseResource {

    private final HandOffRepository handOffs;
    private final HandOffs dispatcher;
    private final QueryCodes codes;

    public PublicCaseResource(HandOffRepository handOffs, HandOffs dispatcher, QueryCodes codes) {
        this.handOffs = handOffs;
        this.dispatcher = dispatcher;
        this.codes = codes;
    }

    /** What a citizen may see of a case: no names, no numbers. */
    public record PublicCaseView(String queryCode, String status, String category, String categoryName,
            Instant submittedAt, Instant updatedAt, Instant expectedAt, String reply, String statusNotes) {
    }

    @GET
    @Path("/{code}")
    @PermitAll
    @Operation(summary = "A case's status and reply by its query code",
            description = "Status RECEIVED (being handed to a department), IN_PROGRESS, REPLIED or CLOSED.")
    @APIResponse(responseCode = "404", description = "No case has this code")
    @APIResponse(responseCode = "429", description = "Too many look-ups from this client; retry later")
    public Uni<PublicCaseView> get(@Parameter(example = "7KQ2M9XH4RTP") @PathParam("code") String code) {
        // Limited per client address across replicas before it gets here (PublicRateLimit).
        String normal = code == null ? "" : code.trim().toUpperCase();
        if (!codes.wellFormed(normal)) {
            throw notFound();
        }
        return Panache.withSession(() -> handOffs.findByQueryCode(normal)).flatMap(h -> {
            if (h == null) {
                throw notFound();
            }
            return dispatcher.refreshed(h);
        }).map(PublicCaseResource::view);
    }

    private static PublicCaseView view(HandOff h) {
        String status = switch (h.status) {
            case PENDING, REJECTED -> "RECEIVED";
            case CREATED -> "closed".equals(h.open311Status)
                    ? ("CLOSED".equals(h.workOrderStatus) ? "CLOSED" : "REPLIED")
                    : "IN_PROGRESS";
        };
        return new PublicCaseView(h.queryCode, status, h.category.name(), h.category.chineseName(), h.receivedAt,
                h.updatedAt, h.expectedAt, h.reply, h.statusNotes);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("case-not-found", "No case has this query code; check the code you were given.");
    }
}
