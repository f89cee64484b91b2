#!/usr/bin/env bash
# Regenerates the values table of helm/hotline/README.md from the "# --" comments of helm/hotline/values.yaml.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export JAVA_HOME="$("$root/scripts/find-jdk.sh")"
cd "$root"
./mvnw -B -q -pl helm/chart-tests verify -Dtest=ChartReadmeTest -Dhotline.regenerate=true
echo "helm/hotline/README.md regenerated; review with: git diff -- helm/hotline/README.md"
