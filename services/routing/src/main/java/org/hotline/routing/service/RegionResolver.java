package org.hotline.routing.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.hotline.common.phone.PhoneNumber;
import org.hotline.common.problem.ProblemException;
import org.hotline.routing.config.RoutingConfig;
import org.hotline.routing.domain.AreaCode;
import org.hotline.routing.domain.Region;
import org.hotline.routing.domain.RegionCentres;

/**
 * Decides a contact's pooling region (统筹区), entirely from the in-memory directory. Order: an explicit region (the
 * IVR's insured region, a text contact's region), the dialed number's area code, GB/T 2260 names in the address, the
 * nearest region to the coordinates, a landline caller's area code, the carrier's region, a mobile's home region
 * (libphonenumber's offline geocoder), and last the fallback tenant's province central queue (省级集中受理).
 */
@ApplicationScoped
public class RegionResolver {

    /** Characters a person or a switch may put in a phone number. */
    private static final Pattern PHONE_TEXT = Pattern.compile("[0-9+\\-() ]{3,32}");
    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}");
    private static final Pattern TENANT = Pattern.compile("\\d{2}");
    private static final int MAX_ADDRESS = 500;

    private final RegionDirectory directory;
    private final MeterRegistry metrics;
    private final ZoneId zone;
    /** Geocoder description ("山东省淄博市") -> region code; a few hundred distinct descriptions exist. */
    private final ConcurrentHashMap<String, Optional<String>> homeRegions = new ConcurrentHashMap<>();
    /** The resolution counter per tenant and rule, looked up once: building its id on every call cost more than deciding. */
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public RegionResolver(RegionDirectory directory, RoutingConfig config, MeterRegistry metrics) {
        this.directory = directory;
        this.metrics = metrics;
        this.zone = ZoneId.of(config.zone());
    }

    /** What a contact tells about where it comes from; every field is optional. */
    public record Request(String dialedNumber, String callerNumber, String carrierRegionCode, String ivrRegionCode,
            String at, String address, Double latitude, Double longitude, String fallbackTenant) {
    }

    /** The outcome of a resolution and the rule that decided it. */
    public record Resolution(Region pooling, Region province, DecidedBy decidedBy, String areaCode) {
    }

    /** Which input decided the region. */
    public enum DecidedBy {
        IVR_CHOICE, DIALED_AREA_CODE, ADDRESS, COORDINATES, CALLER_AREA_CODE, CARRIER_REGION, CALLER_MOBILE_HOME,
        PROVINCE_CENTRAL
    }

    /** Resolves for now from numbers alone. */
    public Uni<Resolution> resolve(String dialedNumber, String callerNumber, String carrierRegion, String ivrRegion) {
        return resolve(new Request(dialedNumber, callerNumber, carrierRegion, ivrRegion, null, null, null, null, null));
    }

    /** Resolves with the pooling in force at {@code request.at} (UTC ISO 8601; blank means now). */
    public Uni<Resolution> resolve(Request request) {
        try {
            Resolution now = resolveIfLoaded(request);
            if (now != null) {
                return Uni.createFrom().item(now);
            }
            Validated v = validate(request);
            return directory.snapshot().map(s -> counted(decide(s, v)));
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /**
     * The resolution at once, without a {@link Uni}, when the directory is in memory (always, once routing is
     * ready); null before its first load. Bad input and "nothing decides" throw {@link ProblemException}.
     */
    public Resolution resolveIfLoaded(Request request) {
        RegionDirectory.Snapshot loaded = directory.loaded();
        if (loaded == null) {
            return null;
        }
        return counted(decide(loaded, validate(request)));
    }

    private Resolution counted(Resolution r) {
        String tenant = r.province().tenant();
        counters.computeIfAbsent(tenant + '/' + r.decidedBy().name(), k -> metrics.counter(
                "hotline_routing_region_resolutions_total", "tenant", tenant, "decided_by", r.decidedBy().name()))
                .increment();
        return r;
    }

    private record Validated(LocalDate day, String dialed, String caller, String carrier, String ivr, String address,
            Double latitude, Double longitude, String fallbackTenant) {
    }

    private Validated validate(Request in) {
        LocalDate day = dayOf(in.at());
        String dialed = requirePhone("dialedNumber", in.dialedNumber());
        String caller = requirePhone("callerNumber", in.callerNumber());
        String carrier = requireRegionCode("carrierRegionCode", in.carrierRegionCode());
        String ivr = requireRegionCode("ivrRegionCode", in.ivrRegionCode());
        String address = in.address() == null || in.address().isBlank() ? null : in.address().trim();
        if (address != null && address.length() > MAX_ADDRESS) {
            throw ProblemException.invalidField("address", "has " + address.length() + " characters; at most " + MAX_ADDRESS);
        }
        Double lat = in.latitude();
        Double lon = in.longitude();
        if ((lat == null) != (lon == null)) {
            throw ProblemException.invalidField(lat == null ? "latitude" : "longitude",
                    "is required together with " + (lat == null ? "longitude" : "latitude"));
        }
        if (lat != null && (lat.isNaN() || lat < -90 || lat > 90)) {
            throw ProblemException.invalidField("latitude", "must be a WGS 84 latitude in -90..90");
        }
        if (lon != null && (lon.isNaN() || lon < -180 || lon > 180)) {
            throw ProblemException.invalidField("longitude", "must be a WGS 84 longitude in -180..180");
        }
        String fallback = in.fallbackTenant() == null || in.fallbackTenant().isBlank() ? null : in.fallbackTenant().trim();
        if (fallback != null && !TENANT.matcher(fallback).matches()) {
            throw ProblemException.invalidField("fallbackTenant", "'" + fallback + "' is not a 2-digit tenant such as 37");
        }
        return new Validated(day, dialed, caller, carrier, ivr, address, lat, lon, fallback);
    }

    private Resolution decide(RegionDirectory.Snapshot s, Validated v) {
        if (v.fallbackTenant() != null && !s.byCode().containsKey(v.fallbackTenant() + "0000")) {
            throw ProblemException.invalidField("fallbackTenant", "'" + v.fallbackTenant() + "' is not a province of the directory");
        }
        if (v.ivr() != null) {
            return byRegion(s, "ivrRegionCode", v.ivr(), DecidedBy.IVR_CHOICE, null, v.day());
        }
        String dialedArea = PhoneNumber.areaCode(v.dialed());
        if (dialedArea != null) {
            return byAreaCode(s, "dialedNumber", dialedArea, DecidedBy.DIALED_AREA_CODE, v.day());
        }
        if (v.address() != null) {
            Region named = s.names().match(v.address());
            if (named != null) {
                return pooling(s, named, DecidedBy.ADDRESS, null, v.day());
            }
        }
        if (v.latitude() != null) {
            RegionCentres.Nearest nearest = s.centres().nearest(v.latitude(), v.longitude());
            Region region = nearest == null ? null : s.byCode().get(nearest.centre().code());
            if (region != null) {
                return pooling(s, region, DecidedBy.COORDINATES, null, v.day());
            }
        }
        String callerArea = v.caller() == null || PhoneNumber.isMobile(v.caller()) ? null : PhoneNumber.areaCode(v.caller());
        if (callerArea != null) {
            return byAreaCode(s, "callerNumber", callerArea, DecidedBy.CALLER_AREA_CODE, v.day());
        }
        if (v.carrier() != null) {
            return byRegion(s, "carrierRegionCode", v.carrier(), DecidedBy.CARRIER_REGION, null, v.day());
        }
        if (v.caller() != null && PhoneNumber.isMobile(v.caller())) {
            Region home = mobileHome(s, v.caller());
            if (home != null) {
                return pooling(s, home, DecidedBy.CALLER_MOBILE_HOME, null, v.day());
            }
        }
        if (v.fallbackTenant() != null) {
            Region province = s.byCode().get(v.fallbackTenant() + "0000");
            return new Resolution(province, province, DecidedBy.PROVINCE_CENTRAL, null);
        }
        throw ProblemException.unprocessable("region-undetermined",
                "No region can be determined: no region was chosen, neither number carries a known area code or home "
                        + "region, the address names no GB/T 2260 region, no coordinates or carrier region were given, "
                        + "and no fallbackTenant names the province whose central queue should take the contact.");
    }

    private Region mobileHome(RegionDirectory.Snapshot s, String caller) {
        String description = PhoneNumber.homeRegion(caller);
        if (description == null) {
            return null;
        }
        return homeRegions.computeIfAbsent(description, d -> Optional.ofNullable(s.names().match(d)).map(r -> r.code))
                .map(code -> s.byCode().get(code)).orElse(null);
    }

    private Resolution byAreaCode(RegionDirectory.Snapshot s, String field, String code, DecidedBy rule, LocalDate day) {
        AreaCode area = s.areaCodes().get(code);
        if (area == null) {
            throw ProblemException.notFound("unknown-area-code", field + ": no region uses the area code " + code + ".");
        }
        return byRegion(s, field, area.regionCode, rule, code, day);
    }

    private Resolution byRegion(RegionDirectory.Snapshot s, String field, String code, DecidedBy rule, String areaCode,
            LocalDate day) {
        Region region = s.byCode().get(code);
        if (region == null) {
            throw RegionDirectory.unknownRegion(field, code);
        }
        return pooling(s, region, rule, areaCode, day);
    }

    /** The pooling region in force on the day (a county pools with its city unless the tenant decided otherwise). */
    private static Resolution pooling(RegionDirectory.Snapshot s, Region region, DecidedBy rule, String areaCode,
            LocalDate day) {
        return new Resolution(s.poolingOf(region, day), s.byCode().get(region.provinceCode), rule, areaCode);
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

    private static String requirePhone(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!PHONE_TEXT.matcher(raw).matches()) {
            throw ProblemException.invalidField(field, "is not a phone number (digits, +, -, spaces, parentheses)");
        }
        String digits = PhoneNumber.digits(raw);
        if (digits.length() < 3 || digits.length() > 20) {
            throw ProblemException.invalidField(field, "has " + digits.length() + " digits; a phone number has 3 to 20");
        }
        return raw.trim();
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
