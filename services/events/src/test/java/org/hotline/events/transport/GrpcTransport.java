package org.hotline.events.transport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The feed on its default transport: the producer's gRPC stream, one consumer replica under a lease. */
public class GrpcTransport implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("hotline.events.transport", "grpc");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FreshDatabase.class));
    }
}
