# Shared by streams.sh and soak.sh (sourced): start simulators and the gateway on 127.0.0.1, open
# an account with a key, credits and lifted rate limits, read metrics, sample RSS, reconcile.
# Everything started here is stopped by cleanup (trap it on EXIT).
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
ADMIN=bench-admin-key-0123456789
DATA=$(mktemp -d)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # KEEP_LOGS=DIR keeps the processes' logs and the client's output
  [ -n "${KEEP_LOGS:-}" ] && mkdir -p "$KEEP_LOGS" && cp "$DATA"/*.log "$DATA"/*.out "$KEEP_LOGS"/ 2>/dev/null
  rm -rf "$DATA"
}

# start_simulator PORT [fault options...]: the simulator in its own JVM; sets SIM_PID.
start_simulator() {
  local port=$1; shift
  [ -n "${SIM_CP:-}" ] || SIM_CP="adapters/simulator/target/classes:$(mvn -q -o -pl adapters/simulator dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
  "$JAVA" -Xmx512m -cp "$SIM_CP" dev.switchgear.adapter.simulator.SimulatorMain --port "$port" "$@" > "$DATA/sim-$port.log" 2>&1 &
  SIM_PID=$!
  PIDS+=("$SIM_PID")
  for _ in $(seq 1 30); do curl -s -o /dev/null "http://127.0.0.1:$port/v1/models" && return 0; sleep 0.5; done
  echo "simulator on $port did not start" >&2; cat "$DATA/sim-$port.log" >&2; return 1
}

# start_gateway PORT [java options...]: the embedded-default jar; extra settings come from the
# environment (SWITCHGEAR_*, SERVER_*); sets GW_PID and GWURL.
start_gateway() {
  local port=$1; shift
  SWITCHGEAR_DATA_DIR="$DATA/gw" PORT=$port SWITCHGEAR_ADMIN_KEY=$ADMIN \
    "$JAVA" "$@" -jar bootstrap/target/switchgear-bootstrap-0.1.0-SNAPSHOT-exec.jar > "$DATA/gw.log" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
  GWURL=http://127.0.0.1:$port
  for _ in $(seq 1 120); do curl -sf "$GWURL/actuator/health" > /dev/null && return 0; sleep 1; done
  echo "the gateway did not start" >&2; tail -n 50 "$DATA/gw.log" >&2; return 1
}

admin() { # admin METHOD PATH [JSON]
  curl -sf -X "$1" "$GWURL$2" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' ${3:+-d "$3"}
}

# open_account: an enterprise account with a key (exported as KEY), credits and the highest
# rate-limit override (the load is far above any tier's limit, ADR 0017); sets ACCOUNT.
open_account() {
  ACCOUNT=$(admin POST /api/v1/admin/accounts '{"name":"bench","tier":"enterprise"}' | jq -r .accountId)
  export KEY=$(admin POST "/api/v1/admin/accounts/$ACCOUNT/api-keys" | jq -r .key)
  admin POST "/api/v1/admin/accounts/$ACCOUNT/credits" '{"credits":"1000000000","reason":"bench"}' > /dev/null
  admin PUT "/api/v1/admin/accounts/$ACCOUNT/rate-limits" \
    '{"requests_per_minute":1000000,"tokens_per_minute":10000000000}' > /dev/null
}

balance() { curl -sf "$GWURL/api/v1/llm/credits" -H "Authorization: Bearer $KEY" | jq -r .balanceMicroCredits; }

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# live_heap_kb PID: the heap in use right after a full collection (G1's "used"), in kB.
live_heap_kb() {
  "${JAVA%/java}/jcmd" "$1" GC.run > /dev/null
  "${JAVA%/java}/jcmd" "$1" GC.heap_info | grep -o 'used [0-9]*K' | head -n1 | tr -dc 0-9
}

# prom NAME_REGEX: the sum of the Prometheus samples whose name and labels match.
prom() {
  admin GET /actuator/prometheus | grep -E "^$1" | awk '{s += $NF} END {printf "%.0f\n", s}'
}

# reconcile: waits until the account's charges stop changing, then prints the reconciliation
# report's line for the account (events, balances, charges, read model, differences).
reconcile() {
  local last=-1 now
  for _ in $(seq 1 60); do
    now=$(admin GET "/api/v1/admin/reconciliation?account=$ACCOUNT" | jq -r '.accounts[0].read_model.count')
    [ "$now" = "$last" ] && break
    last=$now; sleep 2
  done
  admin GET "/api/v1/admin/reconciliation?account=$ACCOUNT" | jq -c '.accounts[0]'
}
