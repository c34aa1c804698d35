#!/bin/sh
# One-shot set-up of the Temporal cluster for the OCOP engine, run by the
# temporal-admin-tools service of docker-compose.yml (POSIX sh: the admin-tools
# image is Alpine). Safe to run again at any time:
#   1. waits until the frontend is SERVING;
#   2. creates the namespace, or sets its retention when it exists;
#   3. registers the search attributes that the workflows upsert and Temporal UI
#      filters on; one that is already there with the same type is left alone,
#      one that is there with another type stops the set-up with an error.
# It exits 0 only when the namespace and every attribute are in place, so the
# worker (which depends on this service completing successfully) never starts
# against a namespace it cannot use.
#
# Environment:
#   TEMPORAL_ADDRESS          frontend host:port           (temporal:7233)
#   OCOP_NAMESPACE            namespace to set up          (ocop)
#   OCOP_NAMESPACE_RETENTION  how long a CLOSED workflow's history is kept
#                             (720h = 30 days). Product workflows stay open for
#                             years (36 months of post-inspection); retention
#                             only counts from when a run closes or
#                             continues-as-new.
#   SETUP_TIMEOUT_SECONDS     give up after this long      (300)
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${OCOP_NAMESPACE:-ocop}"
RETENTION="${OCOP_NAMESPACE_RETENTION:-720h}"
TIMEOUT="${SETUP_TIMEOUT_SECONDS:-300}"

# name:type, as in ARCHITECTURE.md, "Temporal UI is an operator's screen".
SEARCH_ATTRIBUTES="
OcopCycle:Keyword
OcopProvince:Keyword
OcopStage:Keyword
OcopProductGroup:Keyword
OcopSubjectType:Keyword
OcopYear:Int
OcopStars:Int
OcopNextDeadline:Datetime
"

log() { printf 'ocop-setup: %s\n' "$*"; }
die() { printf 'ocop-setup: ERROR: %s\n' "$*" >&2; exit 1; }

DEADLINE=$(( $(date +%s) + TIMEOUT ))
time_left() { [ "$(date +%s)" -lt "$DEADLINE" ]; }

# The CLI is given an IPv4 address: some Docker set-ups resolve the service
# name to an IPv6 address first, on which the frontend does not listen.
HOST="${ADDRESS%:*}"
PORT="${ADDRESS##*:}"
IP="$(getent ahostsv4 "$HOST" 2>/dev/null | awk 'NR == 1 { print $1 }')" || IP=""
if [ -n "$IP" ]; then TARGET="$IP:$PORT"; else TARGET="$ADDRESS"; fi

t() { temporal "$@" --address "$TARGET"; }

# --- 1. the server -----------------------------------------------------------
log "waiting for the Temporal frontend at $ADDRESS ($TARGET)"
until t operator cluster health 2>/dev/null | grep -q SERVING; do
  time_left || die "the Temporal frontend at $ADDRESS was not SERVING within ${TIMEOUT}s"
  sleep 2
done
log "Temporal frontend is SERVING"

# --- 2. the namespace --------------------------------------------------------
if t operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
  log "namespace $NAMESPACE exists; setting its retention to $RETENTION"
  t operator namespace update --namespace "$NAMESPACE" --retention "$RETENTION" >/dev/null \
    || die "could not set the retention of namespace $NAMESPACE"
else
  log "creating namespace $NAMESPACE (retention $RETENTION)"
  if ! out="$(t operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" \
      --description "OCOP cycle engine: annual cycles and product applications" 2>&1)"; then
    case "$out" in
      *[Aa]lready*) log "namespace $NAMESPACE was created concurrently" ;;
      *) die "could not create namespace $NAMESPACE: $out" ;;
    esac
  fi
fi

# A new namespace reaches the frontend's namespace cache after a few seconds.
until t operator search-attribute list --namespace "$NAMESPACE" >/dev/null 2>&1; do
  time_left || die "namespace $NAMESPACE did not become usable within ${TIMEOUT}s"
  sleep 2
done
log "namespace $NAMESPACE is ready"

# --- 3. the search attributes ------------------------------------------------
list_attributes() { t operator search-attribute list --namespace "$NAMESPACE" 2>&1; }

# The listed type of attribute $2 in listing $1: the expected type $3, "other",
# or "missing". The CLI prints the type either as "Keyword" or as
# "INDEXED_VALUE_TYPE_KEYWORD": both are matched without regard to case.
attribute_state() {
  line="$(printf '%s\n' "$1" | grep -E "(^|[^A-Za-z0-9_])$2([^A-Za-z0-9_]|\$)" | head -n 1)" || true
  [ -n "$line" ] || { echo missing; return; }
  rest="$(printf '%s\n' "$line" | sed "s/$2//" | tr '[:upper:]' '[:lower:]' | tr -d '_')"
  want="$(printf '%s' "$3" | tr '[:upper:]' '[:lower:]')"
  case "$rest" in
    *keywordlist*) found=keywordlist ;;
    *keyword*) found=keyword ;;
    *datetime*) found=datetime ;;
    *double*) found=double ;;
    *bool*) found=bool ;;
    *text*) found=text ;;
    *int*) found=int ;;
    *) found="" ;;
  esac
  if [ "$found" = "$want" ]; then echo "$3"
  elif [ -z "$found" ]; then echo "$3"   # type not shown: trust the name
  else echo other
  fi
}

for spec in $SEARCH_ATTRIBUTES; do
  name="${spec%%:*}"
  type="${spec#*:}"
  while :; do
    state="$(attribute_state "$(list_attributes)" "$name" "$type")"
    case "$state" in
      other)
        die "search attribute $name exists in namespace $NAMESPACE with a type other than $type; remove it (temporal operator search-attribute remove) or rename it" ;;
      missing) ;;
      *) log "search attribute $name ($type) is registered"; break ;;
    esac
    if out="$(t operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type" 2>&1)"; then
      log "registered search attribute $name ($type)"
      break
    fi
    case "$out" in
      *[Aa]lready*)   # a concurrent run, or a stale listing: look again
        time_left || die "search attribute $name is reported to exist but is not listed: $out"
        sleep 2
        continue ;;
    esac
    time_left || die "could not register search attribute $name ($type): $out"
    log "retrying $name: $out"
    sleep 2
  done
done

# Final check: every attribute listed with its type.
listing="$(list_attributes)"
for spec in $SEARCH_ATTRIBUTES; do
  name="${spec%%:*}"
  type="${spec#*:}"
  [ "$(attribute_state "$listing" "$name" "$type")" = "$type" ] \
    || die "search attribute $name ($type) is not listed in namespace $NAMESPACE"
done
log "namespace $NAMESPACE and its $(printf '%s\n' "$SEARCH_ATTRIBUTES" | grep -c :) search attributes are in place"
