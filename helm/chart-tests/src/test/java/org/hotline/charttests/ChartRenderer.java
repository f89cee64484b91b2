package org.hotline.charttests;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Lints and renders helm/hotline in-process with helm-java (the Helm library bundled as a native library; no cluster). */
final class ChartRenderer {

    /** Kubernetes version the chart is rendered for: the oldest the chart supports (Chart.yaml kubeVersion). */
    static final String KUBE_VERSION = "1.29.0";

    private static final Map<ChartConfiguration, RenderedRelease> RENDERED = new EnumMap<>(ChartConfiguration.class);

    private ChartRenderer() {
    }

    static LintResult lintStrict() {
        return new Helm(RepositoryLayout.chart()).lint().strict().call();
    }

    /** Renders a configuration once per test run; the releases are immutable, so the test classes share them. */
    static synchronized RenderedRelease rendered(ChartConfiguration configuration) {
        return RENDERED.computeIfAbsent(configuration, c -> RenderedRelease.parse(c.name(),
                template(c.release, c.namespace, c.valuesFiles)));
    }

    /** Raw `helm template` output; throws IllegalStateException with Helm's message when values or templates fail. */
    static String template(String release, String namespace, List<Path> valuesFiles) {
        TemplateCommand command = new Helm(RepositoryLayout.chart()).template()
                .withName(release)
                .withNamespace(namespace)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            command = command.withValuesFile(file);
        }
        return command.call();
    }
}
