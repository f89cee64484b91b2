package org.hotline.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.config.RoutingConfig;
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
    private final RegionDirectory directory;
    private final ZoneId zone;

    public RegionResolver(RegionRepository regions, RegionDirectory directory, RoutingConfig config) {
        this.regions = regions;
        this.directory = directory;
        this.zone = ZoneId.of(config.zone());
    }

    /** The outcome of a resolution and the rule that decided it. */
    public record Resolution(Region pooling, Region province, DecidedBy decidedBy, String areaCode) {
    }

    /** Which input decided the region. */
    public enum DecidedBy { IVR_CHOICE, DIALED_AREA_CODE, CALLER_AREA_CODE, CARRIER_REGION }

    /** Resolves for now. */
    public Uni<Resolution> resolve(String dialedNumber, String callerNumber, String carrierRegion, String ivrRegion) {
        return resolve(dialedNumber, callerNumber, carrierRegion, ivrRegion, null);
    }

    /** Resolves with the pooling in force at {@code at} (UTC ISO 8601; blank means now). */
    @WithSession
    public Uni<Resolution> resolve(String dialedNumber, String callerNumber, String carrierRegion, String ivrRegion,
            String at) {
        LocalDate day = dayOf(at);
        String dialed = requirePhone("dialedNumber", dialedNumber, true);
        String caller = requirePhone("callerNumber", callerNumber, false);
        String carrier = requireRegionCode("carrierRegionCode", carrierRegion);
        String ivr = requireRegionCode("ivrRegionCode", ivrRegion);

        if (ivr != null) {
            return byRegionCode("ivrRegionCode", ivr, DecidedBy.IVR_CHOICE, day);
        }
        String dialedArea = areaPrefix(dialed);
        if (dialedArea != null) {
            return byAreaCode("dialedNumber", dialedArea, DecidedBy.DIALED_AREA_CODE, day);
        }
        String callerArea = caller == null || PhoneNumber.isMobile(caller) ? null : areaPrefix(caller);
        if (callerArea != null) {
            return byAreaCode("callerNumber", callerArea, DecidedBy.CALLER_AREA_CODE, day);
        }
        if (carrier != null) {
            return byRegionCode("carrierRegionCode", carrier, DecidedBy.CARRIER_REGION, day);
        }
        return Uni.createFrom().failure(ProblemException.unprocessable("region-undetermined",
                "No region can be determined: the dialed number has no area code, the caller is not a landline, "
                        + "and neither a carrier region nor an IVR choice of insured region was given."));
    }

    private Uni<Resolution> byAreaCode(String field, String prefix, DecidedBy rule, LocalDate day) {
        // Area codes are 3 digits (010, 02x) or 4 digits (0533): the second digit tells which.
        String code = prefix.startsWith("01") || prefix.startsWith("02") ? prefix.substring(0, 3)
                : prefix.substring(0, Math.min(4, prefix.length()));
        return regions.findAreaCode(code)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("unknown-area-code",
                        field + ": no region uses the area code " + code + " (from '" + prefix + "')."))
                .flatMap(area -> directory.require(field, area.regionCode))
                .flatMap(region -> pooling(region, rule, code, day));
    }

    private Uni<Resolution> byRegionCode(String field, String code, DecidedBy rule, LocalDate day) {
        return directory.require(field, code).flatMap(region -> pooling(region, rule, null, day));
    }

    /** The pooling region in force on the day (a county pools with its city unless the tenant decided otherwise). */
    private Uni<Resolution> pooling(Region region, DecidedBy rule, String areaCode, LocalDate day) {
        return directory.poolingOf(region, day).flatMap(p -> directory.find(region.provinceCode)
                .map(province -> new Resolution(p, province, rule, areaCode)));
    }

    private LocalDate dayOf(String at) {
        if (at == null || at.isBlank()) {
            return LocalDate.now(zone);
        }
        try {
            return Instant.parse(at.trim()).atZone(zone).toLocalDate();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("at", "'" + at + "' is not a UTC ISO 8601 instant such as 2026-11-23T08:00:00Z");
        }
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
