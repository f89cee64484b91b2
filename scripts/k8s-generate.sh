#!/usr/bin/env bash
# Regenerates the plain manifests k8s/base from the Helm chart helm/hotline (release "hotline", default values).
# Needs no helm binary: the chart is rendered in-process by helm-java, the same way the tests render it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export JAVA_HOME="$("$root/scripts/find-jdk.sh")"
cd "$root"
./mvnw -B -q -pl helm/chart-tests verify -Dtest=PlainManifestsTest#baseIsTheChartRenderedWithItsDefaults \
  -Dhotline.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false
echo "k8s/base regenerated; review with: git diff -- k8s/"
