package org.hotline.intake.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.hotline.contracts.routing.v1.ResolveRegionRequest;
import org.hotline.intake.client.RegionRejectedException;
import org.hotline.intake.client.RoutingRegionClient;
import org.hotline.intake.domain.Contact;

/** Resolves a contact's region without ever failing the registration because routing is slow or down. */
@ApplicationScoped
public class RegionLookup {

    private final RoutingRegionClient routing;

    public RegionLookup(RoutingRegionClient routing) {
        this.routing = routing;
    }

    /** Resolved, undetermined, or pending when routing cannot answer in time; rejections propagate as 4xx. */
    @Timeout(3000)
    @Fallback(fallbackMethod = "routingUnavailable", skipOn = RegionRejectedException.class)
    public Uni<RegionOutcome> lookup(Contact contact) {
        ResolveRegionRequest request = ResolveRegionRequest.newBuilder()
                .setDialedNumber(nullToEmpty(contact.dialedNumber))
                .setCallerNumber(nullToEmpty(contact.callerNumber))
                .setCarrierRegionCode(nullToEmpty(contact.carrierRegionCode))
                .setIvrRegionCode(nullToEmpty(contact.ivrRegionCode))
                .setAddress(nullToEmpty(contact.address))
                .setHasCoordinates(contact.latitude != null && contact.longitude != null)
                .setLatitude(contact.latitude == null ? 0 : contact.latitude)
                .setLongitude(contact.longitude == null ? 0 : contact.longitude)
                .setFallbackTenant(nullToEmpty(contact.fallbackTenant))
                .build();
        return routing.resolve(request)
                .map(RegionOutcome::resolved)
                .onFailure(e -> e instanceof RegionRejectedException r && ("region-undetermined".equals(r.slug())
                        || "region-not-found".equals(r.slug())))
                .recoverWithItem(e -> RegionOutcome.undetermined(e.getMessage()));
    }

    Uni<RegionOutcome> routingUnavailable(Contact contact, Throwable failure) {
        Log.warnf("Routing unavailable for contact %s, region left pending: %s", contact.id, failure.toString());
        String why = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return Uni.createFrom().item(RegionOutcome.pending(why.length() > 250 ? why.substring(0, 250) : why));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
