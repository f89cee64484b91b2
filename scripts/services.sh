#!/usr/bin/env bash
# The suite's services and their default ports, in start order; the console (staff web UI) starts last.
SERVICES=(routing knowledge intake evaluation appraisal console)
declare -A PORT=([intake]=8081 [routing]=8082 [knowledge]=8083 [evaluation]=8084 [appraisal]=8085 [console]=8080)
# JVM options of every service under `make run` (and `make bench SCENARIO=startup`). The services' live data is small
# (routing: 33 MB after a full GC) and a smaller heap would keep RSS near 300 MB, but under overload the queued
# requests fill it: routing with -Xmx128m ran out of heap with thousands of gRPC calls waiting (docs/benchmarks.md).
RUN_JVM_OPTS="-Xms64m -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Duser.timezone=UTC"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
# Extra JVM options per service: make run starts the console in its `local` profile, which has the development login;
# knowledge keeps its search index in .run (one folder per port), so a restart reconciles it with the database in
# seconds instead of analysing a 100,000-article corpus again (docs/knowledge.md).
# Knowledge holds its catalogue and word sets in memory: the bench's 100,000 articles (a national base) are 220 MB
# of live data, and the answers it reuses for 10 s outlive young collections and fill the old generation. With 576 MB
# it fell into back-to-back full GCs of 0.8-1.5 s at 1,000 answers/s; it gets what the national chart gives it
# (1Gi limit, MaxRAMPercentage=75: 768 MB). A tenant's few thousand articles need far less (chart default 768Mi).
declare -A JAVA_OPTS=([console]="-Dquarkus.profile=local"
  [knowledge]="-Xmx768m -Dhotline.knowledge.index.folder=$RUN_DIR/knowledge-index-\${quarkus.http.port}")
# Start-up: a JDK 25 AOT cache per service (JEP 483/514/515: classes loaded and linked, and the start's method profiles;
# the services are packaged as aot-jar so their own classes are on the class path). A training run writes it when its
# JVM exits: `make run` starts a service once to train it when its cache is missing or older than its jar, later starts
# map it (routing: ready in 2.5 s instead of 7.7 s). With a JDK older than 25, a dynamic class-data archive instead
# (JDK >= 19, JDK classes and the class path's: the first start writes it at exit). $2: the cache's name.
aot_supported() { [[ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null)" -ge 25 ]] 2>/dev/null; }
aot_cache() { if aot_supported; then echo "$RUN_DIR/aot/${2:-$1}.aot"; else echo "$RUN_DIR/cds/${2:-$1}.jsa"; fi; }
# True when the service's cache (or archive) is there and newer than its jar (every build rewrites the jar).
class_archive_fresh() { local c; c=$(aot_cache "$@"); [[ -s "$c" && "$c" -nt "$(jar_of "$1")" ]]; }
class_archive_opts() {
  mkdir -p "$RUN_DIR/aot" "$RUN_DIR/cds"
  if ! aot_supported; then
    echo "-XX:SharedArchiveFile=$(aot_cache "$@") -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
  elif class_archive_fresh "$@"; then
    # JDK 25 warns at every start about stubs it compiles again instead of linking ("Failed to link
    # AdapterHandlerEntry"): harmless, not shown; errors are.
    echo "-XX:AOTCache=$(aot_cache "$@") -Xlog:aot*=error -Xlog:cds*=error"
  else
    # The training JVM lists the classes it cannot keep (e.g. JFR's, proxies') as warnings: expected, not shown.
    echo "-XX:AOTCacheOutput=$(aot_cache "$@") -Xlog:aot*=error -Xlog:cds*=error"
  fi
}
jar_of() { echo "$ROOT/services/$1/target/quarkus-app/quarkus-run.jar"; }
# The pid of a service started by `make run`, if that process is still alive and is that service.
running_pid() {
  local f="$PID_DIR/$1.pid" pid
  [[ -f "$f" ]] || return 1
  pid=$(cat "$f")
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$(jar_of "$1")" || return 1
  echo "$pid"
}
