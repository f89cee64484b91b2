#!/usr/bin/env bash
# Stops exactly the processes `make run` started (checked by pid and jar path), gracefully, then forcibly.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/services.sh"
stopped=0
for s in "${SERVICES[@]}"; do
  if pid=$(running_pid "$s"); then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 40); do running_pid "$s" >/dev/null || break; sleep 0.5; done
    if running_pid "$s" >/dev/null; then kill -KILL "$pid" 2>/dev/null; sleep 0.5; fi
    echo "stop: stopped $s (pid $pid)"
    stopped=$((stopped + 1))
  fi
  rm -f "$PID_DIR/$s.pid"
done
(( stopped )) || echo "stop: nothing of the suite was running"
