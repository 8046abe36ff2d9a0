#!/usr/bin/env bash
# Load test of POST /v1/chat/completions against loopback, the simulator in its own JVM.
# Usage: docs/bench/completions.sh [durable|async] [seconds]
# Needs: wrk (apt-get install wrk), a built tree (mvn -q install -DskipTests), JDK 21+ as JAVA_HOME.
# Everything binds to 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=${1:-durable}
SECONDS_PER_RUN=${2:-20}
WAIT=true; [ "$MODE" = async ] && WAIT=false
source docs/bench/lib.sh
trap cleanup EXIT
SIM_PORT=18090
start_simulator $SIM_PORT
SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:$SIM_PORT/v1 SWITCHGEAR_LEDGER_WAIT_FOR_DURABLE_CHARGE=$WAIT \
  start_gateway 18080 -Xmx1g
open_account
BEFORE=$(balance)

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
AFTER=$(balance)
EVENTS=$( (curl -s --max-time 60 $GWURL/api/v1/admin/accounts/$ACCOUNT/events -H "Authorization: Bearer $ADMIN" | grep -o '"UsageCharged"' || true) | wc -l)
COMMITS=$(curl -s $GWURL/actuator/metrics/switchgear.ledger.commits -H "Authorization: Bearer $ADMIN" | sed 's/.*"value":\([0-9.E]*\).*/\1/')
LEDGER_EVENTS=$(curl -s $GWURL/actuator/metrics/switchgear.ledger.events -H "Authorization: Bearer $ADMIN" | sed 's/.*"value":\([0-9.E]*\).*/\1/')
echo "charged events=$EVENTS, credits spent (micro)=$((BEFORE - AFTER)), ledger commits=$COMMITS for $LEDGER_EVENTS events"
