#!/usr/bin/env bash
# Prints a bearer token signed with the local key pair: scripts/token.sh <role> <tenant>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/keys.sh"
role="${1:-agent}"; tenant="${2:-37}"
case "$role" in
  platform-operator|tenant-admin|agent|handler|evaluator|leader|service) ;;
  *) echo "token: unknown ROLE '$role' (platform-operator, tenant-admin, agent, handler, evaluator, leader, service)" >&2; exit 2;;
esac
if [[ ! "$tenant" =~ ^([0-9]{2}|\*)$ ]]; then
  echo "token: TENANT must be a 2-digit province code such as 37, or '*' for national" >&2; exit 2
fi
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s); exp=$((now + 8 * 3600))
subject="$role@$( [[ $tenant == '*' ]] && echo national || echo "$tenant")"
header='{"alg":"RS256","typ":"JWT"}'
payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":["%s"],"tenant":"%s","iat":%d,"exp":%d,"jti":"%s"}' \
  "$HOTLINE_JWT_ISSUER" "$subject" "$subject" "$role" "$tenant" "$now" "$exp" "$(openssl rand -hex 12)")
unsigned="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -sign "$HOTLINE_JWT_PRIVATE_KEY" | b64url)
echo "$unsigned.$signature"
