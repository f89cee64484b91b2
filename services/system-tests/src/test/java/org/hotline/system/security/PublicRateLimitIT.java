package org.hotline.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.hotline.system.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public endpoints' rate limit (issue 12) with two intake replicas deployed behind an ingress as the chart does it
 * ({@code ingress.trustedProxies}): requests alternate between the replicas, and a client gets the limit once, not once
 * per replica (the count is shared in PostgreSQL). The ingress controller is played by connections from 127.0.0.2,
 * the only trusted proxy: through it, two clients named by {@code X-Forwarded-For} have a bucket each; a client
 * connecting directly (127.0.0.1) that invents an {@code X-Forwarded-For} for every request is still counted as itself.
 */
class PublicRateLimitIT {

    private static final String DB_SUFFIX = "_it6";
    /** The chart's default: 30 case look-ups per client and minute. */
    private static final int LIMIT = 30;
    private static final String LOOKUP = "/api/v1/public/cases/ZZZZZZZZZZZZ";
    private static final String PROXY = "127.0.0.2";

    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void startTwoReplicasBehindAnIngress() {
        ServiceProcess.resetDatabase("intake", DB_SUFFIX);
        first = replica().start();
        second = replica().start();
    }

    private static ServiceProcess replica() {
        return ServiceProcess.of("intake").with("hotline.db.suffix", DB_SUFFIX)
                .withChartValue("ingress.enabled", true)
                .withChartValue("ingress.trustedProxies", List.of(PROXY + "/32"));
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess p : new ServiceProcess[] { first, second }) {
            if (p != null) {
                p.stop();
            }
        }
    }

    @Test
    void chartTrustsForwardedAddressesOnlyFromTheIngress() {
        assertEquals(PROXY + "/32", first.environment().get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"));
        assertEquals("true", first.environment().get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
    }

    @Test
    void behindTheTrustedProxyAClientGetsTheLimitOnceAcrossReplicasAndAnotherClientHasItsOwn() throws Exception {
        HttpClient ingress = client(PROXY);
        List<Integer> statuses = withinOneWindow(() -> {
            String citizen = randomAddress();
            return lookups(ingress, LIMIT + 1, i -> citizen);
        });
        assertLimitedAfter(LIMIT, statuses);
        String other = randomAddress();
        assertEquals(404, lookup(ingress, 0, other), "another client behind the ingress shares the first one's bucket");
    }

    @Test
    void aClientThatInventsForwardedAddressesWithoutTheProxyIsCountedAsItself() throws Exception {
        HttpClient direct = client("127.0.0.1");
        List<Integer> statuses = withinOneWindow(() -> lookups(direct, LIMIT + 1, i -> randomAddress()));
        assertLimitedAfter(LIMIT, statuses);
    }

    /** {@code n} look-ups alternating between the replicas, the i-th claiming to come for {@code forwardedFor(i)}. */
    private static List<Integer> lookups(HttpClient client, int n, IntFunction<String> forwardedFor)
            throws IOException, InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statuses.add(lookup(client, i, forwardedFor.apply(i)));
        }
        return statuses;
    }

    private static int lookup(HttpClient client, int i, String forwardedFor) throws IOException, InterruptedException {
        ServiceProcess replica = i % 2 == 0 ? first : second;
        HttpRequest request = HttpRequest.newBuilder(URI.create(replica.baseUrl() + LOOKUP))
                .header("X-Forwarded-For", forwardedFor).timeout(Duration.ofSeconds(30)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The limit's first {@code limit} requests answered (404: no such code), every later one 429. */
    private static void assertLimitedAfter(int limit, List<Integer> statuses) {
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            expected.add(i < limit ? 404 : 429);
        }
        assertEquals(expected, statuses, "statuses of " + statuses.size() + " look-ups alternating two replicas");
    }

    /** Runs {@code sequence} until it ran within one minute of the clock (the limit's fixed window); at most 3 times. */
    private static List<Integer> withinOneWindow(Sequence sequence) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            long window = System.currentTimeMillis() / 60_000;
            List<Integer> statuses = sequence.run();
            if (System.currentTimeMillis() / 60_000 == window) {
                return statuses;
            }
        }
        throw new AssertionError("three sequences in a row crossed a minute boundary");
    }

    private interface Sequence {
        List<Integer> run() throws Exception;
    }

    /** An HTTP client whose connections come from {@code address} (a loopback address of this machine). */
    private static HttpClient client(String address) throws IOException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(InetAddress.getByName(address))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String randomAddress() {
        UUID u = UUID.randomUUID();
        return "10." + (u.getMostSignificantBits() & 0xff) + "." + (u.getLeastSignificantBits() & 0xff) + "."
                + ((u.getLeastSignificantBits() >> 8) & 0xff);
    }

}
