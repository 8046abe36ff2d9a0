#!/usr/bin/env bash
# What PostgreSQL executes for the request path (issue #13, ADR 0034): a throw-away PostgreSQL of the
# machine's own binaries (Debian's, with pg_stat_statements) as the gateway's external database on
# 127.0.0.1:15433, 60 s of plain completions at c50, then the statements of 20 s more by total time.
# An external database also turns on the replicas' stream-head watcher (ADR 0030).
# Usage: docs/bench/pg-statements.sh   (as root: the server runs as the postgres user)
set -euo pipefail
cd "$(dirname "$0")/../.."
source docs/bench/lib.sh
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
PGDIR=$(mktemp -d /tmp/switchgear-pgstat.XXXX)
chown postgres "$PGDIR"
stop_pg() { su postgres -c "$PGBIN/pg_ctl -D $PGDIR/data -m fast stop" > /dev/null 2>&1 || true; rm -rf "$PGDIR"; cleanup; }
trap stop_pg EXIT
su postgres -c "$PGBIN/initdb -D $PGDIR/data -A trust -U postgres" > /dev/null
su postgres -c "$PGBIN/pg_ctl -D $PGDIR/data -l $PGDIR/log -o '-p 15433 -k $PGDIR -c listen_addresses=127.0.0.1 -c shared_preload_libraries=pg_stat_statements -c max_connections=50' start" > /dev/null
SQL() { psql -q -h 127.0.0.1 -p 15433 -U postgres "$@"; }
SQL -c "create database gw"
SQL -d gw -c "create extension pg_stat_statements"
start_simulator 18592
SWITCHGEAR_DB_URL=jdbc:postgresql://127.0.0.1:15433/gw SWITCHGEAR_DB_USER=postgres \
  SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:18592/v1 start_gateway 18582 -Xmx1g
open_account
wrk -t1 -c50 -d60s -s docs/bench/post-chat.lua "$GWURL/v1/chat/completions" > /dev/null
SQL -d gw -c "select pg_stat_statements_reset()" > /dev/null
wrk -t1 -c50 -d20s -s docs/bench/post-chat.lua "$GWURL/v1/chat/completions" | tail -n1
# statements that differ only in the length of a VALUES list are summed under their first 60 characters
SQL -d gw -c "select sum(calls) calls, round(sum(total_exec_time)::numeric) ms, sum(rows) rows_,
  left(regexp_replace(query, '\s+', ' ', 'g'), 60) statement
  from pg_stat_statements group by 4 order by 2 desc limit 15"
