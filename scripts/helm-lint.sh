#!/usr/bin/env bash
# Lints (strict) and renders helm/hotline in every tested configuration, validates every document against the
# Kubernetes and CRD schemas, and checks that broken values files are refused. No cluster or helm binary needed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export JAVA_HOME="$("$root/scripts/find-jdk.sh")"
cd "$root"
./mvnw -B -pl helm/chart-tests verify -Dtest='ChartRenderingTest,BrokenValuesTest,SchemaValidationSelfTest,ChartReadmeTest'
