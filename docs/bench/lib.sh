# Shared by the bench scripts (source it from the repository's root): the simulator and the gateway
# on loopback, each in its own JVM, stopped when the script exits; and accounts loaded for a run.
# Needs a built tree (mvn -q install -DskipTests), curl, and JDK 21+ as JAVA_HOME (Temurin 25 here).
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
ADMIN=bench-admin-key-0123456789

# start_gateway_and_simulator SIM_PORT GW_PORT [NAME=VALUE ...]: the gateway's extra environment after
# the ports; its JVM options in GW_JAVA_OPTS (default -Xmx1g). Sets DATA, SIM, GW (pids) and GWURL.
start_gateway_and_simulator() {
  local sim_port=$1 gw_port=$2 cp
  shift 2
  DATA=$(mktemp -d)
  cp="adapters/simulator/target/classes:$(mvn -q -pl adapters/simulator dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
  "$JAVA" -Xmx512m -cp "$cp" dev.switchgear.adapter.simulator.SimulatorMain --port "$sim_port" > "$DATA/sim.log" 2>&1 &
  SIM=$!
  # shellcheck disable=SC2086 # GW_JAVA_OPTS is a list of options
  env SWITCHGEAR_DATA_DIR="$DATA" PORT="$gw_port" SWITCHGEAR_ADMIN_KEY=$ADMIN \
    SWITCHGEAR_SIMULATOR_BASE_URL="http://127.0.0.1:$sim_port/v1" "$@" \
    "$JAVA" ${GW_JAVA_OPTS:--Xmx1g} -jar bootstrap/target/switchgear-bootstrap-0.1.0-SNAPSHOT-exec.jar > "$DATA/gw.log" 2>&1 &
  GW=$!
  trap 'kill $GW $SIM 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
  GWURL=http://127.0.0.1:$gw_port
  for _ in $(seq 1 90); do curl -sf "$GWURL/actuator/health" >/dev/null && break; sleep 1; done
  if ! curl -sf "$GWURL/actuator/health" >/dev/null || ! kill -0 "$SIM" 2>/dev/null; then
    echo "the gateway or the simulator did not start (a port taken?); their logs end:" >&2
    tail -n 5 "$DATA/sim.log" "$DATA/gw.log" >&2
    return 1
  fi
}

# open_account NAME: an Enterprise account with a key, a billion credits and the highest rate limits an
# override allows (the load is far above any tier's, ADR 0017). Prints "<account id> <key>".
open_account() {
  local account key
  account=$(curl -s -X POST "$GWURL/api/v1/admin/accounts" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"tier\":\"enterprise\"}" | sed 's/.*"accountId":"\([^"]*\)".*/\1/')
  key=$(curl -s -X POST "$GWURL/api/v1/admin/accounts/$account/api-keys" -H "Authorization: Bearer $ADMIN" \
    | sed 's/.*"key":"\([^"]*\)".*/\1/')
  curl -s -X POST "$GWURL/api/v1/admin/accounts/$account/credits" -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d '{"credits":"1000000000","reason":"bench"}' > /dev/null
  curl -sf -X PUT "$GWURL/api/v1/admin/accounts/$account/rate-limits" -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d '{"requests_per_minute":1000000,"tokens_per_minute":10000000000}' > /dev/null
  echo "$account $key"
}

# balance KEY: the account's balance in micro-credits.
balance() {
  curl -s "$GWURL/api/v1/llm/credits" -H "Authorization: Bearer $1" | sed 's/.*"balanceMicroCredits":\([0-9]*\).*/\1/'
}
