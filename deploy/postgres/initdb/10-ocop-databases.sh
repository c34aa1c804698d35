#!/bin/bash
# Creates the roles and databases of the compose set-up. The postgres image runs
# this once, when it initialises an empty data volume (postgresql-data); to
# apply a change later, run it by hand or remove the volume.
#
#   temporal             the Temporal server's persistence  (owner: temporal)
#   temporal_visibility  the Temporal server's visibility   (owner: temporal)
#   ocop                 the engine's read model and outbox (owner: ocop)
#
# Each role can connect only to its own databases. The passwords come from the
# postgresql service's environment (see docker-compose.yml).
set -euo pipefail

: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"
: "${OCOP_DB_PASSWORD:?OCOP_DB_PASSWORD must be set}"

psql --no-psqlrc -v ON_ERROR_STOP=1 \
  --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v ocop_password="$OCOP_DB_PASSWORD" <<'SQL'
-- Roles: created when missing, password (re)set either way.
SELECT 'CREATE ROLE temporal LOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'temporal') \gexec
ALTER ROLE temporal WITH LOGIN PASSWORD :'temporal_password';

SELECT 'CREATE ROLE ocop LOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ocop') \gexec
ALTER ROLE ocop WITH LOGIN PASSWORD :'ocop_password';

-- Databases (CREATE DATABASE cannot run in a transaction or a DO block,
-- hence \gexec).
SELECT 'CREATE DATABASE temporal OWNER temporal'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal') \gexec
SELECT 'CREATE DATABASE temporal_visibility OWNER temporal'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal_visibility') \gexec
SELECT 'CREATE DATABASE ocop OWNER ocop'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ocop') \gexec

-- Only the owner (and the superuser) may connect.
REVOKE CONNECT, TEMPORARY ON DATABASE temporal, temporal_visibility, ocop FROM PUBLIC;
SQL

echo "ocop init: databases temporal, temporal_visibility (owner temporal) and ocop (owner ocop) are ready"
