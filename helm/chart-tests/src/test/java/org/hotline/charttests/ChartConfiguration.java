package org.hotline.charttests;

import java.nio.file.Path;
import java.util.List;

/** One way of installing the chart that the tests render: release name, namespace and values files in order. */
enum ChartConfiguration {
    /** values.yaml alone: what `helm install hotline helm/hotline` gives. */
    DEFAULT("hotline", "hotline", List.of()),
    /** The national platform. */
    NATIONAL("hotline", "hotline-national", List.of(RepositoryLayout.chart().resolve("values-national.yaml"))),
    /** Shandong's own release with CloudNativePG. */
    PROVINCE_37("hotline-37", "hotline-37", List.of(RepositoryLayout.chart().resolve("values-province-37.yaml"))),
    /** National plus every optional feature on: KEDA, ServiceMonitor, Ingress, NetworkPolicy, CloudNativePG, chart-made Secrets. */
    ALL_FEATURES("hotline", "hotline-national", List.of(RepositoryLayout.chart().resolve("values-national.yaml"),
            RepositoryLayout.testValues("all-features.yaml"))),
    /** Only three services, fixed replicas without autoscaling, external database under other names. */
    REDUCED("contact-centre", "hotline-42", List.of(RepositoryLayout.testValues("reduced.yaml")));

    final String release;
    final String namespace;
    final List<Path> valuesFiles;

    ChartConfiguration(String release, String namespace, List<Path> valuesFiles) {
        this.release = release;
        this.namespace = namespace;
        this.valuesFiles = valuesFiles;
    }
}
