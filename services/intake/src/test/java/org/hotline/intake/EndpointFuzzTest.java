package org.hotline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.hotline.testing.fuzz.ApiOperation;
import org.hotline.testing.fuzz.EndpointFuzzer;
import org.hotline.testing.fuzz.FuzzReport;
import org.hotline.testing.fuzz.StoredRows;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of intake's OpenAPI document, fuzzed (issue 12): hostile bodies, headers, query strings and path
 * segments from jqwik's generators with a fixed seed. No answer is a 5xx, every 4xx is problem+json, and a refused
 * request stores nothing. The public endpoints (citizen case status, Open311) and the contact and message intake get
 * the most cases.
 */
@QuarkusTest
class EndpointFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Scheduler scheduler;

    private static boolean publicOrCitizenFacing(ApiOperation op) {
        return !op.secured() || op.path().startsWith("/api/v1/contacts") || op.path().startsWith("/api/v1/messages");
    }

    @Test
    void noEndpointAnswers5xxOrStoresWhatItRefuses() {
        EndpointFuzzer fuzzer = EndpointFuzzer.of(base).seed(12393).casesPerOperation(25)
                .casesFor(EndpointFuzzTest::publicOrCitizenFacing, 120)
                // The look-up limit counts per client: the fuzz client has an address of its own (the test profile
                // trusts X-Forwarded-For), so the other tests' look-ups from 127.0.0.1 keep their allowance.
                .withHeader("X-Forwarded-For", "10.99.99.99")
                // The public rate limit counts every request to the public endpoints, refused ones included.
                .watching(new StoredRows(dataSource, Set.of("public_rate_limit")))
                .pausingJobs(scheduler::pause, scheduler::resume);
        List<ApiOperation> operations = fuzzer.operations();
        assertTrue(operations.stream().anyMatch(op -> !op.secured()), "no public operation in the document: " + operations);
        FuzzReport report = fuzzer.run(op -> true);
        System.out.println(report.summary());
        assertEquals(operations.size(), report.casesPerOperation().size(), "operations not fuzzed");
        assertEquals(List.of(), report.failures(), report.failures().size() + " broken expectations");
    }
}
