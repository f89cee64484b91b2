package org.hotline.charttests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wrong values files are refused by values.schema.json (or a template guard) before anything reaches a cluster. */
class BrokenValuesTest {

    @ParameterizedTest(name = "{0} is refused mentioning {1}")
    @CsvSource({
            "misspelled-field.yaml,    autoscalling",
            "wrong-type.yaml,          maxReplicas",
            "unquoted-tenant.yaml,     tenant",
            "unknown-grpc-client.yaml, grpcClients",
            "missing-password.yaml,    password",
            "missing-limits.yaml,      limits",
            "ingress-without-trusted-proxies.yaml, trustedProxies",
    })
    void brokenValuesFileFailsTheSchema(String file, String offendingKey) {
        var failure = assertThrows(IllegalStateException.class, () -> ChartRenderer.template("hotline", "hotline",
                List.of(RepositoryLayout.testValues("broken/" + file))), file + " was accepted");
        String message = failure.getMessage();
        assertTrue(message.contains(offendingKey), () -> file + " failed, but the message does not name "
                + offendingKey + ": " + message);
    }
}
