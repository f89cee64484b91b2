#!/usr/bin/env bash
# Starts the five services and the console in the background (logs in .run/logs/), waits until they are ready, prints their URLs.
# Running it again while the suite is up is harmless: running services are left alone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/services.sh"

print_table() {
  printf '\n%-11s %-6s %-7s %-34s %s\n' SERVICE PORT STATE "API DOCS" LOG
  for s in "${SERVICES[@]}"; do
    local state=down
    if running_pid "$s" >/dev/null; then
      state=starting
      curl -fsS -o /dev/null "http://localhost:${PORT[$s]}/q/health/ready" 2>/dev/null && state=ready
    fi
    local docs="http://localhost:${PORT[$s]}/q/swagger-ui"
    [[ "$s" == console ]] && docs="http://localhost:${PORT[$s]}/ (web UI)"
    printf '%-11s %-6s %-7s %-34s %s\n' "$s" "${PORT[$s]}" "$state" "$docs" ".run/logs/$s.log"
  done
  echo
}

if [[ "${1:-}" == "--status" ]]; then print_table; exit 0; fi

"$here/db-prepare.sh"
source "$here/db-env.sh"
source "$here/keys.sh"

# Build the services whose jar is missing or older than their own sources, the shared modules' or a POM: one changed
# service is packaged again alone (and its AOT cache trained again below), not the six.
stale=()
for s in "${SERVICES[@]}"; do
  jar="$(jar_of "$s")"
  if [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT/services/$s" "$ROOT/services/common" \
        "$ROOT/services/contracts" "$ROOT/services/events" -newer "$jar" \( -path '*/src/main/*' -o -name pom.xml \) \
        -not -path '*/target/*' -print -quit)" ]]; then
    stale+=("services/$s")
  fi
done
if (( ${#stale[@]} )); then
  echo "run: building ${stale[*]#services/} (this takes a few minutes the first time)..."
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl "$(IFS=,; echo "${stale[*]}")" -am)
fi

mkdir -p "$LOG_DIR" "$PID_DIR"
# Starts service $1 in the background, its output in $2 (default .run/logs/<service>.log).
start_service() {
  local s="$1" log="${2:-$LOG_DIR/$1.log}"
  if (exec 3<>"/dev/tcp/127.0.0.1/${PORT[$s]}") 2>/dev/null; then
    echo "run: port ${PORT[$s]} for $s is taken by another process; stop it or free the port." >&2
    exit 1
  fi
  # Every service finds its peers on localhost at their default ports (application.properties).
  # shellcheck disable=SC2086 # RUN_JVM_OPTS and JAVA_OPTS hold separate options
  nohup "$JAVA_HOME/bin/java" ${RUN_JVM_OPTS} $(class_archive_opts "$s") ${JAVA_OPTS[$s]:-} \
    -Dquarkus.http.port="${PORT[$s]}" -jar "$(jar_of "$s")" >"$log" 2>&1 &
  echo $! >"$PID_DIR/$s.pid"
}
# Waits until every service named is ready (at most 180 s in all).
wait_ready() {
  local deadline=$((SECONDS + 180)) s log
  for s in "$@"; do
    until curl -fsS -o /dev/null "http://localhost:${PORT[$s]}/q/health/ready" 2>/dev/null; do
      # Its newest log: the training start's or the service's own.
      log=$(ls -t "$LOG_DIR/$s.log" "$LOG_DIR/$s-training.log" 2>/dev/null | head -1 || true)
      if ! running_pid "$s" >/dev/null; then
        echo "run: $s exited; last lines of ${log#"$ROOT/"}:" >&2; tail -n 30 "$log" >&2; exit 1
      fi
      if (( SECONDS > deadline )); then
        echo "run: $s is not ready after 180 s; see ${log#"$ROOT/"}" >&2; exit 1
      fi
      sleep 1
    done
  done
}

# After a build, each service starts once to train its AOT cache (scripts/services.sh) and stops: its JVM writes the
# cache as it exits. The suite's own JVMs then start from it and never run in training mode.
if aot_supported; then
  training=()
  for s in "${SERVICES[@]}"; do
    running_pid "$s" >/dev/null || class_archive_fresh "$s" || training+=("$s")
  done
  if (( ${#training[@]} )); then
    echo "run: training the start-up caches of ${training[*]} (once per build, about two minutes)..."
    for s in "${training[@]}"; do start_service "$s" "$LOG_DIR/$s-training.log"; done
    wait_ready "${training[@]}"
    for s in "${training[@]}"; do kill -TERM "$(cat "$PID_DIR/$s.pid")"; done
    for s in "${training[@]}"; do
      t0=$SECONDS
      while running_pid "$s" >/dev/null && (( SECONDS - t0 < 180 )); do sleep 1; done
      if pid=$(running_pid "$s"); then kill -KILL "$pid"; fi
      rm -f "$PID_DIR/$s.pid"
      class_archive_fresh "$s" || echo "run: no AOT cache was written for $s (see .run/logs/$s-training.log); it starts without one" >&2
    done
  fi
fi

for s in "${SERVICES[@]}"; do
  if pid=$(running_pid "$s"); then
    echo "run: $s already running (pid $pid)"
    continue
  fi
  start_service "$s"
  echo "run: started $s (pid $(cat "$PID_DIR/$s.pid"), port ${PORT[$s]})"
done

echo "run: waiting until every service is ready..."
wait_ready "${SERVICES[@]}"
print_table
echo "Console:       http://localhost:${PORT[console]}/ (development login: any name, a role, tenant 37)"
echo "Get a token:   make token ROLE=agent TENANT=37"
echo "Try it:        curl -i -H \"Authorization: Bearer \$(make -s token)\" -H 'Content-Type: application/json' \\"
echo "                 -d '{\"channel\":\"PHONE\",\"dialedNumber\":\"0533-12393\",\"callerNumber\":\"13905330000\"}' \\"
echo "                 http://localhost:8081/api/v1/contacts"
echo "Stop:          make stop"
