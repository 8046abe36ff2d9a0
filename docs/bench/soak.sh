#!/usr/bin/env bash
# The 10-minute soak of issue #17 at about 70 % of the measured capacity, faults on: the
# embedded-default jar with two simulator upstreams in a fallback chain ("duo": sim-a, then sim-b),
# each answering 5 % of requests with a 503, 500 or 429 and a latency jittered over 5-25 ms; sim-a
# down for a minute in the middle. Measures capacity first (closed loop, same chain, same faults),
# then sends a fixed rate (one request in five a stream) for the soak and reports: the error rate the
# client saw, the gateway's overhead p50/p99 (its switchgear.gateway.overhead histogram), fallbacks
# by cause, RSS every 10 s, and the ledger check (reconciliation: events vs ledger vs read model).
# Usage: docs/bench/soak.sh [soak seconds] [share of capacity, percent]
# Needs: a built tree (mvn -q -pl bootstrap -am package -DskipTests), JDK 21+ as JAVA_HOME, jq,
# python3. Everything binds to 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
source docs/bench/lib.sh
trap cleanup EXIT
SOAK_S=${1:-600}
SHARE=${2:-70}
WARMUP_S=${WARMUP_S:-90}
# The most requests the client leaves unanswered at once; one due beyond it is not sent (not_sent).
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-200}
OUTAGE_S=${OUTAGE_S:-60}
A=18092
B=18093
FAULTS=(--latency-ms 5 --jitter-ms 20 --error-rate 0.05 --error-statuses 503,500,429)

start_simulator $A "${FAULTS[@]}" --seed 1; SIM_A=$SIM_PID
start_simulator $B "${FAULTS[@]}" --seed 2; SIM_B=$SIM_PID
SWITCHGEAR_SIMULATOR_ENABLED=false \
  SPRING_APPLICATION_JSON="{\"switchgear\":{\"providers\":{\"sim-a\":{\"base-url\":\"http://127.0.0.1:$A/v1\",\"keyless\":true},\"sim-b\":{\"base-url\":\"http://127.0.0.1:$B/v1\",\"keyless\":true}}}}" \
  start_gateway 18082 -Xmx1g

model() { # model ID PROVIDER
  echo "{\"id\":\"$1\",\"provider\":\"$2\",\"upstream_model\":\"sim-echo\",\"input_per_1k\":100000,\"output_per_1k\":200000,\"context_tokens\":100000,\"default_max_output_tokens\":256,\"min_tier\":\"free\",\"capabilities\":[\"json\"],\"quality\":60,\"use_cases\":[\"chat\"]}"
}
admin POST /api/v1/llm/providers '{"id":"sim-a","name":"Simulator A"}' > /dev/null
admin POST /api/v1/llm/providers '{"id":"sim-b","name":"Simulator B"}' > /dev/null
admin POST /api/v1/llm/models "$(model a-echo sim-a)" > /dev/null
admin POST /api/v1/llm/models "$(model b-echo sim-b)" > /dev/null
admin PUT /api/v1/llm/routing/rules "$(admin GET /api/v1/llm/routing/rules | jq -c '.chains.duo = ["a-echo","b-echo"]')" > /dev/null

PLAIN=$DATA/plain.json
STREAM=$DATA/stream.json
echo '{"model":"duo","max_tokens":16,"messages":[{"role":"user","content":"Soak me, briefly."}]}' > "$PLAIN"
echo '{"model":"duo","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Stream me back in six little pieces."}]}' > "$STREAM"
URL=$GWURL/v1/chat/completions
CLIENT=("$JAVA" -Xmx1g docs/bench/LoadClient.java)

open_account
echo "# java=$("$JAVA" -version 2>&1 | head -n1); load before: $(uptime)"
echo "warm-up (${WARMUP_S} s at c50, not reported)"
"${CLIENT[@]}" closed "$URL" 50 "$WARMUP_S" "$PLAIN" | sed 's/^/  /'
CAPACITY_LINE=$("${CLIENT[@]}" closed "$URL" 50 30 "$PLAIN")
echo "capacity: $CAPACITY_LINE"
kill -0 "$GW_PID" "$SIM_A" "$SIM_B" || { echo "a process died before the soak; see $DATA" >&2; exit 1; }
CAPACITY=$(sed 's/.*rps=\([0-9]*\).*/\1/' <<< "$CAPACITY_LINE")
RATE=$((CAPACITY * SHARE / 100))

# The soak's own account, so the ledger check counts its requests only; the simulators restarted
# so that sim-a's outage falls in the middle of the soak.
open_account
kill "$SIM_A" "$SIM_B"; wait "$SIM_A" "$SIM_B" 2>/dev/null || true
# The restart breaks the gateway's pooled connections to sim-a, which opens its circuit: a settling
# run at low load lets the circuit close again (it tries after 30 s) before the soak starts.
SETTLE_S=45
start_simulator $A "${FAULTS[@]}" --seed 3 --down-after-s $(( SETTLE_S + (SOAK_S - OUTAGE_S) / 2 )) \
  --down-for-s $OUTAGE_S; SIM_A=$SIM_PID
start_simulator $B "${FAULTS[@]}" --seed 4; SIM_B=$SIM_PID
echo "settling: $("${CLIENT[@]}" closed "$URL" 2 $((SETTLE_S - 3)) "$PLAIN")"
HEAP_START=$(live_heap_kb "$GW_PID")
admin GET /actuator/prometheus > "$DATA/before.prom"
echo "soak: ${RATE}/s (${SHARE} % of ${CAPACITY}/s) for ${SOAK_S} s; sim-a down from about $(( (SOAK_S - OUTAGE_S) / 2 )) s for ${OUTAGE_S} s"
(
  T0=$(date +%s)
  while kill -0 "$GW_PID" 2>/dev/null; do
    echo "rss t=$(( $(date +%s) - T0 ))s gateway=$(rss_kb "$GW_PID")kB sim-a=$(rss_kb "$SIM_A")kB sim-b=$(rss_kb "$SIM_B")kB load=$(cut -d' ' -f1 /proc/loadavg)"
    sleep 10
  done
) > "$DATA/rss.log" 2>/dev/null &
SAMPLER=$!
PIDS+=("$SAMPLER")
"${CLIENT[@]}" rate "$URL" "$RATE" "$SOAK_S" "$PLAIN" "$STREAM" 5 "$MAX_IN_FLIGHT" | tee "$DATA/soak.out"
kill "$SAMPLER" 2>/dev/null || true
echo "gateway live heap after a full collection: ${HEAP_START}kB before the soak, $(live_heap_kb "$GW_PID")kB after"
echo "# load after: $(uptime)"
admin GET /actuator/prometheus > "$DATA/after.prom"
cat "$DATA/rss.log"
echo "gateway overhead: $(python3 docs/bench/quantiles.py "$DATA/before.prom" "$DATA/after.prom" switchgear_gateway_overhead_seconds)"
echo "request duration: $(python3 docs/bench/quantiles.py "$DATA/before.prom" "$DATA/after.prom" gen_ai_server_request_duration_seconds)"
# fallbacks during the soak: each series' increase between the two scrapes
awk '/^switchgear_fallbacks_total/ {if (FNR == NR) {b[$1] = $2} else {printf "fallbacks during the soak: %s %d\n", $1, $2 - b[$1]}}' \
  "$DATA/before.prom" "$DATA/after.prom"
REPORT=$(reconcile)
echo "reconciliation: $REPORT"
echo "ledger check: charges=$(jq -r .charges.count <<< "$REPORT") read model=$(jq -r .read_model.count <<< "$REPORT") event balance=$(jq -r .event_balance_micro_credits <<< "$REPORT") ledger balance=$(jq -r .ledger_balance_micro_credits <<< "$REPORT") differences=$(jq -c .differences <<< "$REPORT") client 200s=$(grep RESULT "$DATA/soak.out" | grep -o '200=[0-9]*' | head -n1)"
