#!/usr/bin/env bash
# Derives HOTLINE_DB_* from DATABASE_URL (postgresql://user:password@host:port[/anything]) when it is set.
if [[ -n "${DATABASE_URL:-}" ]]; then
  url="${DATABASE_URL#*://}"
  creds=""
  if [[ "$url" == *@* ]]; then creds="${url%%@*}"; url="${url#*@}"; fi
  hostport="${url%%/*}"
  if [[ -n "$creds" ]]; then
    export HOTLINE_DB_USER="${creds%%:*}"
    [[ "$creds" == *:* ]] && export HOTLINE_DB_PASSWORD="${creds#*:}"
  fi
  export HOTLINE_DB_HOST="${hostport%%:*}"
  [[ "$hostport" == *:* ]] && export HOTLINE_DB_PORT="${hostport##*:}"
fi
export HOTLINE_DB_HOST="${HOTLINE_DB_HOST:-127.0.0.1}"
export HOTLINE_DB_PORT="${HOTLINE_DB_PORT:-5432}"
export HOTLINE_DB_USER="${HOTLINE_DB_USER:-hotline}"
export HOTLINE_DB_PASSWORD="${HOTLINE_DB_PASSWORD:-hotline}"
