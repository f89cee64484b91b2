#!/usr/bin/env bash
# Validates the plain manifests: k8s/base is up to date with the chart and every document (base, and the
# province-37 overlay built with `kubectl kustomize` when kubectl is installed) passes the Kubernetes schemas.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export JAVA_HOME="$("$root/scripts/find-jdk.sh")"
cd "$root"
./mvnw -B -pl helm/chart-tests verify -Dtest=PlainManifestsTest
