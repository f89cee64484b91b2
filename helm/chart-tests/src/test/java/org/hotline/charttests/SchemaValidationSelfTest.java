package org.hotline.charttests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The validators would catch a wrong document: a green chart test means something only if these fail. */
class SchemaValidationSelfTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Deployment with a string replica count | apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: d}\\nspec: {replicas: three, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}}
            Deployment with a misspelled field | apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: d}\\nspec: {replica: 3, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}}
            Service with an integer where a string belongs | apiVersion: v1\\nkind: Service\\nmetadata: {name: s}\\nspec: {type: 3, ports: [{port: 80}]}
            kind outside the allow-list | apiVersion: example.com/v1\\nkind: Widget\\nmetadata: {name: w}
            old apiVersion of a known kind | apiVersion: autoscaling/v1\\nkind: HorizontalPodAutoscaler\\nmetadata: {name: h}\\nspec: {maxReplicas: 3, scaleTargetRef: {kind: Deployment, name: d}}
            ScaledObject with a string replica count | apiVersion: keda.sh/v1alpha1\\nkind: ScaledObject\\nmetadata: {name: k}\\nspec: {scaleTargetRef: {name: d}, minReplicaCount: two, triggers: [{type: cpu, metadata: {value: '60'}}]}
            ServiceMonitor with a misspelled field | apiVersion: monitoring.coreos.com/v1\\nkind: ServiceMonitor\\nmetadata: {name: m}\\nspec: {selector: {}, endpoint: [{port: http}]}
            CloudNativePG Cluster without instances type | apiVersion: postgresql.cnpg.io/v1\\nkind: Cluster\\nmetadata: {name: c}\\nspec: {instances: '3', storage: {size: 1Gi}}
            """)
    void rejectsAWrongDocument(String what, String yaml) {
        var doc = RenderedRelease.parse(what, yaml.replace("\\n", "\n")).documents().getFirst();
        assertFalse(KubernetesSchemas.get().problems(doc).isEmpty(), what + " was accepted");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PodDisruptionBudget with an integer maxUnavailable | apiVersion: policy/v1\\nkind: PodDisruptionBudget\\nmetadata: {name: p}\\nspec: {maxUnavailable: 1, selector: {matchLabels: {a: b}}}
            ScaledObject with a CPU trigger | apiVersion: keda.sh/v1alpha1\\nkind: ScaledObject\\nmetadata: {name: k}\\nspec: {scaleTargetRef: {name: d}, minReplicaCount: 2, triggers: [{type: cpu, metricType: Utilization, metadata: {value: '60'}}]}
            """)
    void acceptsAValidDocument(String what, String yaml) {
        var doc = RenderedRelease.parse(what, yaml.replace("\\n", "\n")).documents().getFirst();
        assertTrue(KubernetesSchemas.get().problems(doc).isEmpty(), () -> what + ": " + KubernetesSchemas.get().problems(doc));
    }
}
