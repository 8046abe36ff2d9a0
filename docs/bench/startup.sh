#!/usr/bin/env bash
# How fast a just-started gateway is ready and at full speed (issue #13, item 3): for each way of
# starting it — the plain jar, and the extracted jar with the JDK's ahead-of-time cache that the build
# trains (bootstrap/target/app) — the time from launch to ready (/actuator/health/readiness answers
# 200), then plain completions at c50 in 5-second steps for the first 30 s, then the warm figure (30 s
# after 150 s more of load), and the resident memory. The simulator is the upstream, in its own JVM.
# Usage: docs/bench/startup.sh [runs per way]
# Needs: a built tree (mvn -B -ntp install -DskipTests) on the JDK that runs it (JAVA_HOME, 25 for
# the AOT cache), jq. Everything binds to 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-2}
source docs/bench/lib.sh
trap cleanup EXIT
SIM_PORT=18290
PORT=18280
start_simulator $SIM_PORT
PLAIN=$DATA/plain.json
echo '{"model":"sim-echo","max_tokens":16,"messages":[{"role":"user","content":"Warm me up."}]}' > "$PLAIN"
CLIENT=("$JAVA" -Xmx256m docs/bench/LoadClient.java)
APP=$(pwd)/bootstrap/target/app

# launch WAY: starts the gateway the WAY way with a fresh data directory; sets GW_PID, GWURL, READY_MS.
launch() {
  local way=$1 start now
  rm -rf "$DATA/gw"
  case $way in
    jar) set -- -jar bootstrap/target/switchgear-bootstrap-0.1.0-SNAPSHOT-exec.jar ;;
    aot) set -- -XX:AOTCache=$APP/switchgear.aot -jar $APP/switchgear-bootstrap-0.1.0-SNAPSHOT-exec.jar ;;
  esac
  start=$(date +%s%N)
  SWITCHGEAR_DATA_DIR="$DATA/gw" PORT=$PORT SWITCHGEAR_ADMIN_KEY=$ADMIN \
    SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:$SIM_PORT/v1 "$JAVA" "$@" > "$DATA/gw-$way.log" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
  GWURL=http://127.0.0.1:$PORT
  until curl -sf -o /dev/null "$GWURL/actuator/health/readiness"; do
    kill -0 "$GW_PID" 2>/dev/null || { tail -n 40 "$DATA/gw-$way.log" >&2; return 1; }
    sleep 0.05
  done
  now=$(date +%s%N)
  READY_MS=$(( (now - start) / 1000000 ))
}

echo "# java=$("$JAVA" -version 2>&1 | head -n1); load before: $(uptime)"
for run in $(seq 1 "$RUNS"); do
  for way in jar aot; do
    [ "$way" = aot ] && [ ! -f $APP/switchgear.aot ] && { echo "no $APP/switchgear.aot: build on JDK 25"; continue; }
    launch $way
    echo "run $run $way: ready after ${READY_MS} ms; $(grep -o 'Started SwitchgearApplication in [0-9.]* seconds (process running for [0-9.]*)' "$DATA/gw-$way.log")"
    open_account
    "${CLIENT[@]}" curve "$GWURL/v1/chat/completions" 50 30 5 "$PLAIN" | sed "s/^/  $way first 30 s: /"
    "${CLIENT[@]}" closed "$GWURL/v1/chat/completions" 50 150 "$PLAIN" > /dev/null
    echo "  $way warm: $("${CLIENT[@]}" closed "$GWURL/v1/chat/completions" 50 30 "$PLAIN")"
    echo "  $way rss after: $(( $(rss_kb "$GW_PID") / 1024 )) MB"
    kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true
  done
done
echo "# load after: $(uptime)"
