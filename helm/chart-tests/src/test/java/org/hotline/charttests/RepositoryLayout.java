package org.hotline.charttests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the chart, the plain manifests and the shared CRD schemas live, found from the repository root. */
final class RepositoryLayout {

    private RepositoryLayout() {
    }

    /** The repository root: Maven passes it in; run from an IDE, it is found by walking up to the chart. */
    static Path root() {
        String configured = System.getProperty("hotline.repo.root");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "helm", "hotline"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("helm/hotline")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find the repository root (a directory holding helm/hotline) above "
                + Path.of("").toAbsolutePath());
    }

    static Path chart() {
        return root().resolve("helm/hotline");
    }

    static Path plainManifests() {
        return root().resolve("k8s");
    }

    /** CI clones the repository with ../shared beside it; the CRD schemas are not copied into the repository. */
    static Path crdSchemas() {
        Path schemas = root().resolveSibling("shared").resolve("k8s-schemas");
        if (!Files.isDirectory(schemas)) {
            throw new IllegalStateException("CRD schemas not found at " + schemas
                    + ": clone the shared material beside the repository (../shared/k8s-schemas)");
        }
        return schemas;
    }

    static Path testValues(String name) {
        return root().resolve("helm/chart-tests/src/test/resources/values").resolve(name);
    }
}
