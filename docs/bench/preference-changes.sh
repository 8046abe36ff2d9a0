#!/usr/bin/env bash
# Does one account's power-level changes slow anyone else (issue #11)? Loads POST /v1/chat/completions
# at c50 for 20 s twice against loopback, the simulator in its own JVM: once alone, once while another
# account changes its power level 400 times; compares the mean latency wrk reports.
# Usage: docs/bench/preference-changes.sh   (needs wrk and a built tree: mvn -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
SIM_PORT=18091
GW_PORT=18081
ADMIN=bench-admin-key-0123456789
DATA=$(mktemp -d)
CP="adapters/simulator/target/classes:$(mvn -q -pl adapters/simulator dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
"$JAVA" -Xmx512m -cp "$CP" dev.switchgear.adapter.simulator.SimulatorMain --port $SIM_PORT > "$DATA/sim.log" 2>&1 &
SIM=$!
SWITCHGEAR_DATA_DIR="$DATA" PORT=$GW_PORT SWITCHGEAR_ADMIN_KEY=$ADMIN \
  SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:$SIM_PORT/v1 \
  "$JAVA" -Xmx1g -jar bootstrap/target/switchgear-bootstrap-0.1.0-SNAPSHOT-exec.jar > "$DATA/gw.log" 2>&1 &
GW=$!
trap 'kill $GW $SIM 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 90); do curl -sf http://127.0.0.1:$GW_PORT/actuator/health >/dev/null && break; sleep 1; done
GWURL=http://127.0.0.1:$GW_PORT
open_account() {
  local account key
  account=$(curl -s -X POST $GWURL/api/v1/admin/accounts -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"tier\":\"enterprise\"}" | sed 's/.*"accountId":"\([^"]*\)".*/\1/')
  key=$(curl -s -X POST $GWURL/api/v1/admin/accounts/$account/api-keys -H "Authorization: Bearer $ADMIN" \
    | sed 's/.*"key":"\([^"]*\)".*/\1/')
  curl -s -X POST $GWURL/api/v1/admin/accounts/$account/credits -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d '{"credits":"1000000000","reason":"bench"}' > /dev/null
  # far above any tier's rate limit (ADR 0017): the most an override allows
  curl -sf -X PUT $GWURL/api/v1/admin/accounts/$account/rate-limits -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d '{"requests_per_minute":1000000,"tokens_per_minute":10000000000}' > /dev/null
  echo "$account $key"
}
read -r _ KEY < <(open_account loaded)
read -r CLICKER CLICKER_KEY < <(open_account clicker)
export KEY
echo "# java=$("$JAVA" -version 2>&1 | head -n1)"
wrk -t1 -c50 -d60s -s docs/bench/post-chat.lua $GWURL/v1/chat/completions > /dev/null   # warm-up
echo "alone:          $(wrk -t1 -c50 -d20s --latency -s docs/bench/post-chat.lua $GWURL/v1/chat/completions | grep -E '^ +Latency' | head -n1)"
(
  levels=(eco balanced precision)
  for i in $(seq 1 400); do
    curl -s -o /dev/null -X PUT $GWURL/api/v1/llm/users/$CLICKER/power-level -H "Authorization: Bearer $CLICKER_KEY" \
      -H 'Content-Type: application/json' -d "{\"power_level\":\"${levels[$((i % 3))]}\"}"
  done
) &
CLICKS=$!
echo "with 400 clicks: $(wrk -t1 -c50 -d20s --latency -s docs/bench/post-chat.lua $GWURL/v1/chat/completions | grep -E '^ +Latency' | head -n1)"
wait $CLICKS
echo "power level now: $(curl -s $GWURL/api/v1/llm/users/$CLICKER/power-level -H "Authorization: Bearer $CLICKER_KEY")"
