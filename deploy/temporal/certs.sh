#!/bin/sh
# The certificates of the compose file's mTLS on the Temporal frontend, made on
# this host before the first `docker compose up` (never committed: the
# directory is ignored by git):
#
#   deploy/temporal/certs.sh            # makes what is missing, keeps the rest
#   deploy/temporal/certs.sh --renew    # makes a new CA and every certificate
#
# It writes to deploy/temporal/certs/ (or $OCOP_CERTS_DIR):
#   ca.pem, ca.key              the private CA that signs them all (keep ca.key
#                               off the servers once the certificates exist)
#   server.pem, server.key      the frontend's, for the name "temporal"
#   <client>.pem, <client>.key  one client certificate per service that reaches
#                               the frontend: worker, api, admin-tools, ui
# A client's identity is its certificate's CN, so the server's logs and any
# authorizer tell the worker from the api. Keys are 0600 apart from the ones the
# containers read as another user (0644: the engine image runs as the user node): the compose
# file mounts the directory read-only into the services that need it.
set -eu

DIR="${OCOP_CERTS_DIR:-$(dirname "$0")/certs}"
DAYS="${OCOP_CERT_DAYS:-825}"
CLIENTS="worker api admin-tools ui"

[ "${1:-}" = "--renew" ] && rm -f "$DIR"/*.pem "$DIR"/*.key "$DIR"/*.srl
mkdir -p "$DIR"
chmod 0755 "$DIR"
umask 022

log() { printf 'ocop-certs: %s\n' "$*"; }

if [ ! -s "$DIR/ca.pem" ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -sha256 -days "$DAYS" \
    -subj "/O=OCOP/CN=OCOP Temporal CA" -keyout "$DIR/ca.key" -out "$DIR/ca.pem" 2>/dev/null
  chmod 0600 "$DIR/ca.key"
  log "made the CA ($DIR/ca.pem)"
fi

# sign NAME SUBJECT EXTENSIONS: a key and a certificate for NAME, signed by the CA.
sign() {
  [ -s "$DIR/$1.pem" ] && { log "kept $1.pem"; return; }
  ext="$(mktemp)"
  printf '%s\n' "$3" >"$ext"
  openssl req -newkey rsa:2048 -nodes -sha256 -subj "$2" -keyout "$DIR/$1.key" -out "$DIR/$1.csr" 2>/dev/null
  openssl x509 -req -in "$DIR/$1.csr" -CA "$DIR/ca.pem" -CAkey "$DIR/ca.key" -CAcreateserial \
    -days "$DAYS" -sha256 -extfile "$ext" -out "$DIR/$1.pem" 2>/dev/null
  rm -f "$DIR/$1.csr" "$ext"
  chmod 0644 "$DIR/$1.key"
  log "made $1.pem"
}

sign server "/O=OCOP/CN=temporal" \
  "basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:temporal,DNS:localhost,IP:127.0.0.1"

for client in $CLIENTS; do
  sign "$client" "/O=OCOP/CN=ocop-$client" \
    "basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
done

openssl verify -CAfile "$DIR/ca.pem" "$DIR/server.pem" $(for c in $CLIENTS; do printf '%s ' "$DIR/$c.pem"; done) >/dev/null
log "every certificate in $DIR is signed by its CA"
