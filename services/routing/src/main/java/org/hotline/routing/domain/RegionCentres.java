package org.hotline.routing.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Centre points of the prefecture-level cities and of the municipalities' districts (regions/centres.csv, generated
 * from echarts 4.9.0's map data, see regions/NOTICE): the nearest centre decides the region of a contact that gives
 * only coordinates. A point farther than {@link #MAX_KM} from every centre (abroad, at sea) decides nothing.
 */
public final class RegionCentres {

    /** Beyond this distance from the nearest centre a point is not taken to lie in that region. */
    public static final double MAX_KM = 300;
    private static final double EARTH_KM = 6371.0;

    /** One centre: a region code and its WGS 84 point. */
    public record Centre(String code, String name, double latitude, double longitude) {
    }

    /** The nearest centre and how far it is. */
    public record Nearest(Centre centre, double km) {
    }

    private final List<Centre> centres;

    public RegionCentres(List<Centre> centres) {
        this.centres = List.copyOf(centres);
    }

    /** Reads the CSV shipped in the jar; province rows (xx0000) are left out, a province is never the nearest. */
    public static RegionCentres load() {
        List<Centre> list = new ArrayList<>();
        try (InputStream in = RegionCentres.class.getResourceAsStream("/regions/centres.csv")) {
            if (in == null) {
                throw new IllegalStateException("regions/centres.csv is missing from the routing jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                if (f.length == 4 && !f[0].endsWith("0000")) {
                    list.add(new Centre(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RegionCentres(list);
    }

    public int size() {
        return centres.size();
    }

    /** The nearest centre within {@link #MAX_KM}, or null. */
    public Nearest nearest(double latitude, double longitude) {
        Centre best = null;
        double bestKm = Double.MAX_VALUE;
        for (Centre c : centres) {
            double km = distanceKm(latitude, longitude, c.latitude(), c.longitude());
            if (km < bestKm) {
                best = c;
                bestKm = km;
            }
        }
        return best == null || bestKm > MAX_KM ? null : new Nearest(best, bestKm);
    }

    /** Great-circle distance (haversine). */
    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_KM * Math.asin(Math.sqrt(a));
    }
}
