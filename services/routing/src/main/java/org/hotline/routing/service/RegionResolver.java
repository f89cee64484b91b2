package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.domain.Region;
import org.hotline.routing.repository.RegionRepository;

/**
 * Decides a contact's pooling region (统筹区). Order: the caller's IVR choice of insured region wins, then the dialed
 * number's area code, then a landline caller's own area code, then the region the carrier reports.
 */
@ApplicationScoped
public class RegionResolver {

    /** Characters a person or a switch may put in a phone number. */
    private static final Pattern PHONE_TEXT = Pattern.compile("[0-9+\\-() ]{3,32}");
    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}");

    private final RegionRepository regions;

    public RegionResolver(RegionRepository regions) {
        this.regions = regions;
    }

    /** The outcome of a resolution and the rule that decided it. */
    public record Resolution(Region pooling, Region province, DecidedBy decidedBy, String areaCode) {
    }

    /** Which input decided the region. */
    public enum DecidedBy { IVR_CHOICE, DIALED_AREA_CODE, CALLER_AREA_CODE, CARRIER_REGION }

    @WithSession
    public Uni<Resolution> resolve(String dialedNumber, String callerNumber, String carrierRegion, String ivrRegion) {
        String dialed = requirePhone("dialedNumber", dialedNumber, true);
        String caller = requirePhone("callerNumber", callerNumber, false);
        String carrier = requireRegionCode("carrierRegionCode", carrierRegion);
        String ivr = requireRegionCode("ivrRegionCode", ivrRegion);

        if (ivr != null) {
            return byRegionCode("ivrRegionCode", ivr, DecidedBy.IVR_CHOICE);
        }
        String dialedArea = areaPrefix(dialed);
        if (dialedArea != null) {
            return byAreaCode("dialedNumber", dialedArea, DecidedBy.DIALED_AREA_CODE);
        }
        String callerArea = caller == null || PhoneNumber.isMobile(caller) ? null : areaPrefix(caller);
        if (callerArea != null) {
            return byAreaCode("callerNumber", callerArea, DecidedBy.CALLER_AREA_CODE);
        }
        if (carrier != null) {
            return byRegionCode("carrierRegionCode", carrier, DecidedBy.CARRIER_REGION);
        }
        return Uni.createFrom().failure(ProblemException.unprocessable("region-undetermined",
                "No region can be determined: the dialed number has no area code, the caller is not a landline, "
                        + "and neither a carrier region nor an IVR choice of insured region was given."));
    }

    private Uni<Resolution> byAreaCode(String field, String prefix, DecidedBy rule) {
        // Area codes are 3 digits (010, 02x) or 4 digits (0533): try the shorter only where it exists.
        String three = prefix.substring(0, 3);
        Uni<Region> lookup = prefix.startsWith("01") || prefix.startsWith("02")
                ? regions.findByAreaCode(three)
                : regions.findByAreaCode(prefix.length() >= 4 ? prefix.substring(0, 4) : prefix);
        return lookup.onItem().ifNull().failWith(() -> ProblemException.notFound("unknown-area-code",
                        field + ": no region uses the area code of '" + prefix + "'."))
                .flatMap(region -> pooling(region, rule,
                        prefix.startsWith("01") || prefix.startsWith("02") ? three : prefix.substring(0, 4)));
    }

    private Uni<Resolution> byRegionCode(String field, String code, DecidedBy rule) {
        return regions.findByCode(code)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("unknown-region",
                        field + ": '" + code + "' is not a known GB/T 2260 region code."))
                .flatMap(region -> pooling(region, rule, null));
    }

    /** Pooling is by city: a county pools with its city; a province or municipality pools as itself. */
    private Uni<Resolution> pooling(Region region, DecidedBy rule, String areaCode) {
        Uni<Region> pooling = "COUNTY".equals(region.level) && region.parentCode != null
                ? regions.findByCode(region.parentCode)
                : Uni.createFrom().item(region);
        return pooling.flatMap(p -> regions.findByCode(region.provinceCode)
                .map(province -> new Resolution(p, province, rule, areaCode)));
    }

    /** The digits of a number that starts with a trunk 0 and so carries an area code, else null. */
    private static String areaPrefix(String digits) {
        if (digits == null || !digits.startsWith("0") || digits.length() < 6) {
            return null;
        }
        return digits;
    }

    private static String requirePhone(String field, String raw, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                throw ProblemException.invalidField(field, "is required");
            }
            return null;
        }
        if (!PHONE_TEXT.matcher(raw).matches()) {
            throw ProblemException.invalidField(field, "'" + raw + "' is not a phone number (digits, +, -, spaces)");
        }
        String digits = PhoneNumber.digits(raw);
        if (digits.length() < 3 || digits.length() > 20) {
            throw ProblemException.invalidField(field, "'" + raw + "' has " + digits.length() + " digits");
        }
        return digits;
    }

    private static String requireRegionCode(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!REGION_CODE.matcher(raw.trim()).matches()) {
            throw ProblemException.invalidField(field, "'" + raw + "' is not a 6-digit GB/T 2260 code");
        }
        return raw.trim();
    }
}
