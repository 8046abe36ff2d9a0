#!/usr/bin/env bash
# Two replicas' throughput against one's (issue #17 item 4, ADR 0030), on the machine's PostgreSQL,
# the simulator in its own JVM, and the simulator called directly in the same run.
# Usage: docs/bench/replicas.sh [seconds-per-run]   (as root: it uses `su postgres` to make a
# throwaway role and database, both dropped at the end; the role's password is random, never printed)
# Needs: wrk, a built tree (mvn -q -pl bootstrap -am package -DskipTests), JDK 21+ as JAVA_HOME.
# Everything binds to 127.0.0.1 and stops by itself.
#   one          one gateway, 50 connections, 8 accounts
#   round-robin  two gateways, 25 connections each, every account through both (no affinity)
#   affine       two gateways, 25 connections each, accounts 1-4 on the first and 5-8 on the second
#                (what a load balancer hashing the Authorization header gives)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
SIM_PORT=18290
A_PORT=18281
B_PORT=18282
ADMIN=bench-admin-key-0123456789
DATA=$(mktemp -d)
DB=switchgear_bench_replicas
ROLE=switchgear_bench_replicas
PASS=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
psql_as_postgres() { su postgres -c "psql -q -v ON_ERROR_STOP=1 -d postgres" > /dev/null; }
cleanup() {
  kill ${GWB:-} ${GWA:-} ${SIM:-} 2>/dev/null || true
  wait 2>/dev/null || true
  printf 'drop database if exists %s;\ndrop role if exists %s;\n' $DB $ROLE | psql_as_postgres || true
  rm -rf "$DATA"
}
trap cleanup EXIT
printf 'drop database if exists %s;\ndrop role if exists %s;\ncreate role %s login password '"'"'%s'"'"';\ncreate database %s owner %s;\n' \
  $DB $ROLE $ROLE "$PASS" $DB $ROLE | psql_as_postgres

CP="adapters/simulator/target/classes:$(mvn -q -o -pl adapters/simulator dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
"$JAVA" -Xmx512m -cp "$CP" dev.switchgear.adapter.simulator.SimulatorMain --port $SIM_PORT > "$DATA/sim.log" 2>&1 &
SIM=$!
gateway() { # port, log
  SWITCHGEAR_DATA_DIR="$DATA" PORT=$1 SWITCHGEAR_ADMIN_KEY=$ADMIN \
    SWITCHGEAR_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB SWITCHGEAR_DB_USER=$ROLE SWITCHGEAR_DB_PASSWORD="$PASS" \
    SWITCHGEAR_PROCESSOR_SEGMENTS=2 SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:$SIM_PORT/v1 \
    "$JAVA" -Xmx1g -jar bootstrap/target/switchgear-bootstrap-0.1.0-SNAPSHOT-exec.jar > "$2" 2>&1 &
}
ready() { for _ in $(seq 1 180); do curl -sf http://127.0.0.1:$1/actuator/health >/dev/null && return 0; sleep 1; done; return 1; }
gateway $A_PORT "$DATA/a.log"; GWA=$!
ready $A_PORT
A=http://127.0.0.1:$A_PORT
B=http://127.0.0.1:$B_PORT
keys=()
for i in $(seq 1 8); do
  ACCOUNT=$(curl -s -X POST $A/api/v1/admin/accounts -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench $i\",\"tier\":\"enterprise\"}" | sed 's/.*"accountId":"\([^"]*\)".*/\1/')
  keys+=("$(curl -s -X POST $A/api/v1/admin/accounts/$ACCOUNT/api-keys -H "Authorization: Bearer $ADMIN" \
    | sed 's/.*"key":"\([^"]*\)".*/\1/')")
  curl -s -X POST $A/api/v1/admin/accounts/$ACCOUNT/credits -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d '{"credits":"1000000000","reason":"bench"}' > /dev/null
  curl -sf -X PUT $A/api/v1/admin/accounts/$ACCOUNT/rate-limits -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d '{"requests_per_minute":1000000,"tokens_per_minute":10000000000}' > /dev/null
done
ALL=$(IFS=,; echo "${keys[*]}")
FIRST=$(IFS=,; echo "${keys[*]:0:4}")
SECOND=$(IFS=,; echo "${keys[*]:4:4}")
LUA=docs/bench/post-chat-keys.lua
run() { KEYS=$1 wrk -t1 -c$2 -d${SECONDS_PER_RUN}s -s $LUA $3/v1/chat/completions | tail -n1; }
rps() { sed 's/.*rps=\([0-9]*\).*/\1/'; }
meters() {
  curl -s $1/actuator/prometheus -H "Authorization: Bearer $ADMIN" \
    | grep -E '^switchgear_ledger_(conflicts|rebases|refreshes|commits|events)_total' | tr '\n' ' '
}

echo "# java=$("$JAVA" -version 2>&1 | head -n1) load: $(uptime | sed 's/.*load average/load average/')"
echo "warm-up of the first gateway (90 s at c50, not reported)"
KEYS=$ALL wrk -t1 -c50 -d90s -s $LUA $A/v1/chat/completions > /dev/null
echo "direct       c50: $(KEYS=$ALL wrk -t1 -c50 -d${SECONDS_PER_RUN}s -s $LUA http://127.0.0.1:$SIM_PORT/v1/chat/completions | tail -n1)"
echo "one          c50: $(run "$ALL" 50 $A)"

gateway $B_PORT "$DATA/b.log"; GWB=$!
ready $B_PORT
echo "warm-up of both (60 s at c25 each, not reported)"
KEYS=$ALL wrk -t1 -c25 -d60s -s $LUA $A/v1/chat/completions > /dev/null & P=$!
KEYS=$ALL wrk -t1 -c25 -d60s -s $LUA $B/v1/chat/completions > /dev/null; wait $P
for mode in round-robin affine; do
  if [ $mode = round-robin ]; then KA=$ALL; KB=$ALL; else KA=$FIRST; KB=$SECOND; fi
  run "$KA" 25 $A > "$DATA/ra" & P=$!
  run "$KB" 25 $B > "$DATA/rb"; wait $P
  echo "$mode  c25+c25: total rps=$(( $(rps < "$DATA/ra") + $(rps < "$DATA/rb") ))"
  echo "    first:  $(cat "$DATA/ra")"
  echo "    second: $(cat "$DATA/rb")"
  echo "    meters first:  $(meters $A)"
  echo "    meters second: $(meters $B)"
done
echo "# load after: $(uptime | sed 's/.*load average/load average/')"
