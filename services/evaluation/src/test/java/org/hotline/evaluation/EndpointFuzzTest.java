package org.hotline.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.hotline.testing.fuzz.EndpointFuzzer;
import org.hotline.testing.fuzz.FuzzReport;
import org.hotline.testing.fuzz.StoredRows;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of evaluation's OpenAPI document, fuzzed (issue 12): hostile bodies, headers, query strings and path
 * segments from jqwik's generators with a fixed seed. No answer is a 5xx, every 4xx is problem+json, and a refused
 * request stores nothing.
 */
@QuarkusTest
class EndpointFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Scheduler scheduler;

    @Test
    void noEndpointAnswers5xxOrStoresWhatItRefuses() {
        EndpointFuzzer fuzzer = EndpointFuzzer.of(base).seed(12393).casesPerOperation(25)
                .watching(new StoredRows(dataSource, Set.of())).pausingJobs(scheduler::pause, scheduler::resume);
        FuzzReport report = fuzzer.run(op -> true);
        System.out.println(report.summary());
        assertEquals(fuzzer.operations().size(), report.casesPerOperation().size(), "operations not fuzzed");
        assertEquals(List.of(), report.failures(), report.failures().size() + " broken expectations");
    }
}
