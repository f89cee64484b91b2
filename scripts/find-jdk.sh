#!/usr/bin/env bash
# Prints a JAVA_HOME of a JDK >= 21: JAVA_HOME itself when recent enough, else the newest under /usr/lib/jvm.
set -uo pipefail
major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]] && (( $(major "$JAVA_HOME") >= 21 )); then
  echo "$JAVA_HOME"; exit 0
fi
best=""; best_major=0
for d in /usr/lib/jvm/*/; do
  d="${d%/}"
  [[ -x "$d/bin/javac" ]] || continue
  m=$(major "$d"); [[ -n "$m" ]] || continue
  if (( m >= 21 && m > best_major )); then best="$d"; best_major=$m; fi
done
if [[ -n "$best" ]]; then echo "$best"; exit 0; fi
echo "No JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm)." >&2
echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or set JAVA_HOME to it." >&2
exit 1
