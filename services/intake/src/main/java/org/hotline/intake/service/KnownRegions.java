package org.hotline.intake.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.contracts.routing.v1.ResolvedRegion;
import org.hotline.intake.config.IntakeConfig;
import org.hotline.intake.domain.Contact;

/**
 * Routing's recent region answers, held in memory by the input that decided them (the IVR's region, else the dialed
 * number's area code) together with the fallback tenant, so that a contact routing has just placed for the same
 * input needs no gRPC round trip (the hot path of contact intake). Anything else goes to routing through
 * {@link RegionLookup}. An answer is kept for {@code hotline.intake.region-cache.ttl}: a change of routing's region
 * directory reaches intake within that time.
 */
@ApplicationScoped
public class KnownRegions {

    private final RegionLookup routing;
    private final long ttlNanos;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Known> answers = new ConcurrentHashMap<>();

    private record Known(ResolvedRegion region, long expiresAt) {
    }

    public KnownRegions(RegionLookup routing, IntakeConfig config) {
        this.routing = routing;
        this.ttlNanos = config.regionCache().ttl().toNanos();
        this.maxEntries = config.regionCache().maxEntries();
    }

    /** The contact's region: from memory when routing answered the same deciding input lately, else from routing. */
    public Uni<RegionOutcome> lookup(Contact contact) {
        Decider decider = Decider.of(contact);
        if (decider == null || ttlNanos <= 0) {
            return routing.lookup(contact);
        }
        Known known = answers.get(decider.key());
        if (known != null && known.expiresAt() - System.nanoTime() > 0) {
            return Uni.createFrom().item(RegionOutcome.resolved(known.region()));
        }
        return routing.lookup(contact).invoke(outcome -> remember(decider, outcome));
    }

    private void remember(Decider decider, RegionOutcome outcome) {
        // Only an answer decided by the very input of the key, by the same reading of it, stands for other contacts.
        if (outcome.region() == null || !decider.rule().equals(outcome.region().getDecidedBy())
                || (decider.areaCode() != null && !decider.areaCode().equals(outcome.region().getAreaCode()))) {
            return;
        }
        if (answers.size() >= maxEntries) {
            answers.clear(); // a bound, not an eviction policy: the inputs that decide are a few thousand at most
        }
        answers.put(decider.key(), new Known(outcome.region(), System.nanoTime() + ttlNanos));
    }

    /** Forgets every answer (tests, or after routing's directory changed). */
    public void forget() {
        answers.clear();
    }

    /**
     * The input that decides a contact's region before anything about the caller is looked at, in routing's order:
     * the IVR's region, else the dialed number's area code. Null when neither is given (text contacts: the address,
     * coordinates or the caller's number decide, and those go to routing every time).
     */
    record Decider(String key, String rule, String areaCode) {

        static Decider of(Contact c) {
            String fallback = c.fallbackTenant == null ? "" : c.fallbackTenant;
            if (c.ivrRegionCode != null) {
                return new Decider("ivr|" + c.ivrRegionCode + "|" + fallback, "IVR_CHOICE", null);
            }
            String area = c.dialedNumber == null ? null : PhoneNumber.areaCode(c.dialedNumber);
            return area == null ? null : new Decider("dialed|" + area + "|" + fallback, "DIALED_AREA_CODE", area);
        }
    }
}
