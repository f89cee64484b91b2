package org.hotline.intake;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline.common.problem.ProblemException;
import org.hotline.intake.domain.Contact;
import org.hotline.intake.domain.HandOff;
import org.hotline.intake.domain.Message;
import org.hotline.intake.repository.ContactRepository;
import org.hotline.intake.repository.HandOffRepository;
import org.hotline.intake.repository.MessageRepository;

/**
 * A resource that forgot every tenant check (test sources only): it reads, lists, counts and changes through the
 * repositories with whatever token it is called with, so that {@link DataLayerTenancyTest} can show that the data
 * layer alone keeps another province's rows out of reach.
 */
@Path("/test/unchecked")
// One session per request, closed at its end: without it each probe call kept a connection (found by EndpointFuzzTest).
@WithSession
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UncheckedDataProbe {

    private final ContactRepository contacts;
    private final MessageRepository messages;
    private final HandOffRepository handOffs;

    public UncheckedDataProbe(ContactRepository contacts, MessageRepository messages, HandOffRepository handOffs) {
        this.contacts = contacts;
        this.messages = messages;
        this.handOffs = handOffs;
    }

    @GET
    @Path("/contacts/{id}")
    public Uni<Map<String, String>> byId(@PathParam("id") UUID id) {
        return contacts.findById(id).map(UncheckedDataProbe::found);
    }

    @GET
    @Path("/contacts/{id}/by-query")
    public Uni<Map<String, String>> byQuery(@PathParam("id") UUID id) {
        return contacts.find("id", id).firstResult().map(UncheckedDataProbe::found);
    }

    /** Every contact id the repository lists without a tenant (page of all tenants) and its count. */
    @GET
    @Path("/contacts")
    public Uni<Map<String, Object>> all() {
        return contacts.page(null, 0, 10_000).flatMap(list -> contacts.countFor(null).map(count -> Map.of(
                "ids", list.stream().map(c -> c.id.toString()).toList(),
                "tenants", list.stream().map(c -> c.tenant).distinct().toList(), "count", count)));
    }

    /** Changes a contact found by id, in a transaction; 404 when the data layer does not find it. */
    @POST
    @Path("/contacts/{id}/address")
    public Uni<Map<String, String>> change(@PathParam("id") UUID id) {
        return Panache.withTransaction(() -> Contact.<Contact>findById(id).map(c -> {
            found(c);
            c.address = "changed by an unchecked resource";
            return Map.of("id", c.id.toString(), "address", c.address);
        }));
    }

    @GET
    @Path("/messages/of-contact/{id}")
    public Uni<Map<String, String>> messageOf(@PathParam("id") UUID id) {
        return messages.findByContact(id).map(m -> found(m == null ? null : m.contactId, m == null ? null : m.tenant));
    }

    @GET
    @Path("/messages")
    public Uni<List<String>> allMessages() {
        return messages.<Message>listAll().map(list -> list.stream().map(m -> m.tenant).distinct().toList());
    }

    @GET
    @Path("/hand-offs/{code}")
    public Uni<Map<String, String>> handOff(@PathParam("code") String code) {
        return handOffs.findByQueryCode(code).map(h -> found(h == null ? null : h.contactId, h == null ? null : h.tenant));
    }

    private static Map<String, String> found(Contact c) {
        Map<String, String> found = new java.util.HashMap<>(found(c == null ? null : c.id, c == null ? null : c.tenant));
        found.put("address", String.valueOf(c.address));
        return found;
    }

    private static Map<String, String> found(UUID id, String tenant) {
        if (id == null) {
            throw ProblemException.notFound("not-found", "Not found by the data layer.");
        }
        return Map.of("id", id.toString(), "tenant", tenant);
    }
}
