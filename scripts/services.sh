#!/usr/bin/env bash
# The suite's services and their default ports, in start order; the console (staff web UI) starts last.
SERVICES=(routing knowledge intake evaluation appraisal console)
declare -A PORT=([intake]=8081 [routing]=8082 [knowledge]=8083 [evaluation]=8084 [appraisal]=8085 [console]=8080)
# Extra JVM options per service: make run starts the console in its `local` profile, which has the development login.
declare -A JAVA_OPTS=([console]="-Dquarkus.profile=local" [knowledge]="-Xmx256m")
# JVM options of every service under `make run` (and `make bench SCENARIO=startup`): a heap sized to the services'
# live data (30-40 MB after a full GC), so that a JVM stays well under 300 MB resident (384 MB heaps grew to 600+ MB
# RSS under load); knowledge gets more (above) for a large article corpus. SerialGC suits one or two cores.
RUN_JVM_OPTS="-Xms32m -Xmx128m -XX:+UseSerialGC -Duser.timezone=UTC"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
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
