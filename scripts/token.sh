#!/usr/bin/env bash
# Prints a bearer token signed with the local key pair: scripts/token.sh <role> <tenant> [unit]
# A handler's token carries the `unit` claim (the UUID of the handler's unit; list them with GET /api/v1/units).
# Only platform-operator and service may be national (tenant '*'); the services refuse any other role with '*'.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/keys.sh"
role="${1:-agent}"; tenant="${2:-37}"; unit="${3:-}"
case "$role" in
  platform-operator|tenant-admin|agent|handler|evaluator|leader|service) ;;
  *) echo "token: unknown ROLE '$role' (platform-operator, tenant-admin, agent, handler, evaluator, leader, service)" >&2; exit 2;;
esac
if [[ ! "$tenant" =~ ^([0-9]{2}|\*)$ ]]; then
  echo "token: TENANT must be a 2-digit province code such as 37, or '*' for national" >&2; exit 2
fi
if [[ $tenant == '*' && $role != platform-operator && $role != service ]]; then
  echo "token: only platform-operator and service may have TENANT='*'; give a province code, e.g. TENANT=37" >&2; exit 2
fi
unit_claim=""
if [[ -n $unit ]]; then
  if [[ ! "$unit" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
    echo "token: UNIT must be a unit id (UUID), e.g. from GET /api/v1/units" >&2; exit 2
  fi
  unit_claim=",\"unit\":\"$unit\""
elif [[ $role == handler ]]; then
  echo "token: a handler acts for one unit: add UNIT=<unit id> (list units with GET /api/v1/units as tenant-admin)" >&2
  exit 2
fi
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s); exp=$((now + 8 * 3600))
subject="$role@$( [[ $tenant == '*' ]] && echo national || echo "$tenant")"
header='{"alg":"RS256","typ":"JWT"}'
payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":["%s"],"tenant":"%s","iat":%d,"exp":%d,"jti":"%s"%s}' \
  "$HOTLINE_JWT_ISSUER" "$subject" "$subject" "$role" "$tenant" "$now" "$exp" "$(openssl rand -hex 12)" "$unit_claim")
unsigned="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -sign "$HOTLINE_JWT_PRIVATE_KEY" | b64url)
echo "$unsigned.$signature"
