#!/usr/bin/env bash
# Creates the local JWT signing key pair once, outside git (default ~/.hotline/keys), and exports its paths.
export HOTLINE_KEYS_DIR="${HOTLINE_KEYS_DIR:-$HOME/.hotline/keys}"
export HOTLINE_JWT_PRIVATE_KEY="$HOTLINE_KEYS_DIR/privateKey.pem"
export HOTLINE_JWT_PUBLIC_KEY="$HOTLINE_KEYS_DIR/publicKey.pem"
export HOTLINE_JWT_ISSUER="${HOTLINE_JWT_ISSUER:-https://hotline.local}"
if [[ ! -s "$HOTLINE_JWT_PRIVATE_KEY" || ! -s "$HOTLINE_JWT_PUBLIC_KEY" ]]; then
  command -v openssl >/dev/null 2>&1 || { echo "keys: openssl is needed to create the signing keys" >&2; exit 1; }
  mkdir -p "$HOTLINE_KEYS_DIR" && chmod 700 "$HOTLINE_KEYS_DIR"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$HOTLINE_JWT_PRIVATE_KEY" 2>/dev/null)
  openssl pkey -in "$HOTLINE_JWT_PRIVATE_KEY" -pubout -out "$HOTLINE_JWT_PUBLIC_KEY" 2>/dev/null
  echo "keys: created a local signing key pair in $HOTLINE_KEYS_DIR" >&2
fi
# The HMAC key of intake's pseudonymous caller keys (first-contact resolution), created once beside the JWT keys.
HOTLINE_CALLER_KEY_FILE="$HOTLINE_KEYS_DIR/callerKey.secret"
if [[ ! -s "$HOTLINE_CALLER_KEY_FILE" ]]; then
  mkdir -p "$HOTLINE_KEYS_DIR" && chmod 700 "$HOTLINE_KEYS_DIR"
  (umask 077 && openssl rand -hex 32 >"$HOTLINE_CALLER_KEY_FILE")
fi
export HOTLINE_INTAKE_CALLER_KEY_SECRET="${HOTLINE_INTAKE_CALLER_KEY_SECRET:-$(cat "$HOTLINE_CALLER_KEY_FILE")}"
