#!/usr/bin/env bash
# Load test of POST /v1/chat/completions against loopback, the simulator in its own JVM.
# Usage: docs/bench/completions.sh [durable|async] [seconds]
# Needs: wrk (apt-get install wrk), a built tree (mvn -q install -DskipTests), JDK 21+ as JAVA_HOME.
# Everything binds to 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=${1:-durable}
SECONDS_PER_RUN=${2:-20}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
SIM_PORT=18090
GW_PORT=18080
ADMIN=bench-admin-key-0123456789
DATA=$(mktemp -d)
WAIT=true; [ "$MODE" = async ] && WAIT=false

CP="adapters/simulator/target/classes:$(mvn -q -pl adapters/simulator dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
"$JAVA" -Xmx512m -cp "$CP" dev.switchgear.adapter.simulator.SimulatorMain --port $SIM_PORT > "$DATA/sim.log" 2>&1 &
SIM=$!
SWITCHGEAR_DATA_DIR="$DATA" PORT=$GW_PORT SWITCHGEAR_ADMIN_KEY=$ADMIN \
  SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:$SIM_PORT/v1 SWITCHGEAR_LEDGER_WAIT_FOR_DURABLE_CHARGE=$WAIT \
  "$JAVA" -Xmx1g -jar bootstrap/target/switchgear-bootstrap-0.1.0-SNAPSHOT-exec.jar > "$DATA/gw.log" 2>&1 &
GW=$!
trap 'kill $GW $SIM 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 90); do curl -sf http://127.0.0.1:$GW_PORT/actuator/health >/dev/null && break; sleep 1; done

GWURL=http://127.0.0.1:$GW_PORT
ACCOUNT=$(curl -s -X POST $GWURL/api/v1/admin/accounts -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"bench","tier":"enterprise"}' | sed 's/.*"accountId":"\([^"]*\)".*/\1/')
export KEY=$(curl -s -X POST $GWURL/api/v1/admin/accounts/$ACCOUNT/api-keys -H "Authorization: Bearer $ADMIN" \
  | sed 's/.*"key":"\([^"]*\)".*/\1/')
curl -s -X POST $GWURL/api/v1/admin/accounts/$ACCOUNT/credits -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"credits":"1000000000","reason":"bench"}' > /dev/null
# The load is far above any tier's rate limit (ADR 0017): lift the account's to the most an override allows.
curl -sf -X PUT $GWURL/api/v1/admin/accounts/$ACCOUNT/rate-limits -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"requests_per_minute":1000000,"tokens_per_minute":10000000000}' > /dev/null
BEFORE=$(curl -s $GWURL/api/v1/llm/credits -H "Authorization: Bearer $KEY" | sed 's/.*"balanceMicroCredits":\([0-9]*\).*/\1/')

LUA=docs/bench/post-chat.lua
SLUA=docs/bench/post-chat-stream.lua
echo "# mode=$MODE java=$("$JAVA" -version 2>&1 | head -n1)"
# On 2 shared cores the C2 compiler needs about four minutes of load before the gateway's ~19,000
# compiled methods settle (jstat -compiler stops growing); shorter warm-ups read 2-3x low.
echo "warm-up (240 s at c50, not reported)"
wrk -t1 -c50 -d180s -s $LUA $GWURL/v1/chat/completions > /dev/null
wrk -t1 -c50 -d60s -s $SLUA $GWURL/v1/chat/completions > /dev/null
wrk -t1 -c50 -d10s -s $LUA http://127.0.0.1:$SIM_PORT/v1/chat/completions > /dev/null
for c in 50 1; do
  echo "plain  direct   c$c: $(wrk -t1 -c$c -d${SECONDS_PER_RUN}s -s $LUA http://127.0.0.1:$SIM_PORT/v1/chat/completions | tail -n1)"
  echo "plain  gateway  c$c: $(wrk -t1 -c$c -d${SECONDS_PER_RUN}s -s $LUA $GWURL/v1/chat/completions | tail -n1)"
done
for c in 50 1; do
  echo "stream direct   c$c: $(wrk -t1 -c$c -d${SECONDS_PER_RUN}s -s $SLUA http://127.0.0.1:$SIM_PORT/v1/chat/completions | tail -n1)"
  echo "stream gateway  c$c: $(wrk -t1 -c$c -d${SECONDS_PER_RUN}s -s $SLUA $GWURL/v1/chat/completions | tail -n1)"
done
# Time to the first streamed byte, one request at a time (curl's time_starttransfer), 300 each.
first_byte() {
  for _ in $(seq 1 300); do
    curl -s -o /dev/null -w '%{time_starttransfer}\n' -X POST "$1" -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $KEY" \
      -d '{"model":"sim-echo","stream":true,"messages":[{"role":"user","content":"Stream me back in six little pieces."}]}'
  done | sort -n | awk '{v[NR]=$1} END {printf "p50=%.3fms p99=%.3fms\n", v[int(NR*0.5)]*1000, v[int(NR*0.99)]*1000}'
}
echo "first byte direct   c1: $(first_byte http://127.0.0.1:$SIM_PORT/v1/chat/completions)"
echo "first byte gateway  c1: $(first_byte $GWURL/v1/chat/completions)"
AFTER=$(curl -s $GWURL/api/v1/llm/credits -H "Authorization: Bearer $KEY" | sed 's/.*"balanceMicroCredits":\([0-9]*\).*/\1/')
EVENTS=$( (curl -s --max-time 60 $GWURL/api/v1/admin/accounts/$ACCOUNT/events -H "Authorization: Bearer $ADMIN" | grep -o '"UsageCharged"' || true) | wc -l)
COMMITS=$(curl -s $GWURL/actuator/metrics/switchgear.ledger.commits -H "Authorization: Bearer $ADMIN" | sed 's/.*"value":\([0-9.E]*\).*/\1/')
LEDGER_EVENTS=$(curl -s $GWURL/actuator/metrics/switchgear.ledger.events -H "Authorization: Bearer $ADMIN" | sed 's/.*"value":\([0-9.E]*\).*/\1/')
echo "charged events=$EVENTS, credits spent (micro)=$((BEFORE - AFTER)), ledger commits=$COMMITS for $LEDGER_EVENTS events"
