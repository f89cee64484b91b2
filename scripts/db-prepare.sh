#!/usr/bin/env bash
# Makes sure a PostgreSQL is reachable and that the suite's role and databases exist. Idempotent.
#
# Settings (environment):
#   DATABASE_URL          postgresql://user:password@host:port  (optional; overrides the HOTLINE_DB_* below)
#   HOTLINE_DB_HOST/PORT  default 127.0.0.1 / 5432
#   HOTLINE_DB_USER/PASSWORD  the services' role, default hotline / hotline
#   HOTLINE_DB_ADMIN_URL  optional admin connection (postgresql://postgres:secret@host:port/postgres) used to create
#                         the role and databases; without it the script tries the local ways in turn.
set -euo pipefail

SERVICES=(intake routing knowledge evaluation appraisal)
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=db-env.sh
source "$here/db-env.sh"

say() { printf 'db: %s\n' "$*" >&2; }

is_local() { [[ "$HOTLINE_DB_HOST" == "127.0.0.1" || "$HOTLINE_DB_HOST" == "localhost" || "$HOTLINE_DB_HOST" == "::1" ]]; }

reachable() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$HOTLINE_DB_HOST" -p "$HOTLINE_DB_PORT" -t 2
  else
    (exec 3<>"/dev/tcp/$HOTLINE_DB_HOST/$HOTLINE_DB_PORT") 2>/dev/null
  fi
}

start_local_cluster() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [[ ! -d /etc/postgresql ]]; then
    return 1
  fi
  local version
  for version in $(ls /etc/postgresql); do
    say "starting the local PostgreSQL $version cluster 'main'"
    if [[ $(id -u) -eq 0 ]] || [[ $(id -un) == postgres ]]; then
      pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
    elif command -v sudo >/dev/null 2>&1; then
      sudo -n pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
    fi
  done
  for _ in $(seq 1 30); do
    reachable && return 0
    sleep 1
  done
  return 1
}

if ! reachable; then
  if is_local && start_local_cluster; then
    say "PostgreSQL is up on $HOTLINE_DB_HOST:$HOTLINE_DB_PORT"
  else
    cat >&2 <<MSG
db: no PostgreSQL answers on $HOTLINE_DB_HOST:$HOTLINE_DB_PORT.
db: Either install and start one locally (Debian/Ubuntu: 'sudo apt-get install postgresql', then
db: 'sudo pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start'),
db: or point the suite at an existing server:
db:   DATABASE_URL=postgresql://user:password@host:5432 make run
MSG
    exit 1
  fi
fi

# Runs SQL as an administrator, trying the ways a local or remote server may allow.
admin_psql() {
  local sql="$1"
  if [[ -n "${HOTLINE_DB_ADMIN_URL:-}" ]]; then
    psql "$HOTLINE_DB_ADMIN_URL" -v ON_ERROR_STOP=1 -qAt -c "$sql"
    return
  fi
  if psql -h "$HOTLINE_DB_HOST" -p "$HOTLINE_DB_PORT" -U postgres -d postgres -w -v ON_ERROR_STOP=1 -qAt -c "$sql" 2>/dev/null; then
    return 0
  fi
  if is_local && [[ $(id -u) -eq 0 ]] && command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- psql -p "$HOTLINE_DB_PORT" -d postgres -v ON_ERROR_STOP=1 -qAt -c "$sql"
    return
  fi
  if is_local && command -v sudo >/dev/null 2>&1 && sudo -n -u postgres true 2>/dev/null; then
    sudo -n -u postgres psql -p "$HOTLINE_DB_PORT" -d postgres -v ON_ERROR_STOP=1 -qAt -c "$sql"
    return
  fi
  return 1
}

app_can_connect() {
  PGPASSWORD="$HOTLINE_DB_PASSWORD" psql -h "$HOTLINE_DB_HOST" -p "$HOTLINE_DB_PORT" -U "$HOTLINE_DB_USER" \
    -d "$1" -w -qAt -c 'select 1' >/dev/null 2>&1
}

if ! command -v psql >/dev/null 2>&1; then
  say "psql is not installed: install the PostgreSQL client (Debian: 'apt-get install postgresql-client')."
  exit 1
fi

databases=()
for s in "${SERVICES[@]}"; do databases+=("hotline_$s" "hotline_${s}_test" "hotline_${s}_it" "hotline_${s}_it2" "hotline_${s}_it3" "hotline_${s}_it4" "hotline_${s}_it5" "hotline_${s}_it6"); done
# Databases of shared modules' own tests.
databases+=("hotline_events_test")

missing=()
for d in "${databases[@]}"; do app_can_connect "$d" || missing+=("$d"); done
if [[ ${#missing[@]} -eq 0 ]]; then
  say "role '$HOTLINE_DB_USER' and all ${#databases[@]} databases are ready"
  exit 0
fi

if ! admin_psql "select 1" >/dev/null; then
  cat >&2 <<MSG
db: PostgreSQL is up but the suite's databases are missing (${missing[*]}) and no administrator connection works.
db: Give one with HOTLINE_DB_ADMIN_URL=postgresql://postgres:secret@$HOTLINE_DB_HOST:$HOTLINE_DB_PORT/postgres,
db: or create role '$HOTLINE_DB_USER' and those databases yourself.
MSG
  exit 1
fi

password_sql=${HOTLINE_DB_PASSWORD//\'/\'\'}
admin_psql "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$HOTLINE_DB_USER') THEN
    CREATE ROLE \"$HOTLINE_DB_USER\" LOGIN PASSWORD '$password_sql';
  END IF;
END \$\$;" >/dev/null
for d in "${missing[@]}"; do
  if [[ -z "$(admin_psql "SELECT 1 FROM pg_database WHERE datname = '$d'")" ]]; then
    admin_psql "CREATE DATABASE \"$d\" OWNER \"$HOTLINE_DB_USER\" ENCODING 'UTF8' TEMPLATE template0" >/dev/null
    say "created database $d"
  fi
done
say "role '$HOTLINE_DB_USER' and all ${#databases[@]} databases are ready"
