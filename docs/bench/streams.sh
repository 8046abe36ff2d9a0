#!/usr/bin/env bash
# 10,000 concurrent slow streams held by one node (issue #17): the embedded-default jar (JDK 25,
# virtual threads) against a simulator in its own JVM whose streams pause between events, so that
# every stream stays open for over two minutes (started over 90 s: on 2 busy cores the gateway
# opens ~150-200 streams a second, and one waiting longer than the 60 s first-byte timeout fails).
# Samples the RSS of the gateway and of the simulator apart; reports memory per stream = (gateway
# RSS at the most streams open - RSS idle) / streams open, and the same for the live heap after a
# full collection (jcmd GC.run) idle and at the plateau; the streams completed and failed, and that
# every completed stream's charge landed.
# Usage: docs/bench/streams.sh [streams] [ramp seconds] [chunk delay ms]
# Needs: a built tree (mvn -q -pl bootstrap -am package -DskipTests), JDK 21+ as JAVA_HOME, jq, and a
# hard limit of open files above twice the streams (else the count is capped to fit).
# Everything binds to 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
source docs/bench/lib.sh
trap cleanup EXIT
STREAMS=${1:-10000}
RAMP_S=${2:-90}
CHUNK_DELAY_MS=${3:-15000}
# Every stream holds a socket in the client and the simulator, and two in the gateway (caller and
# upstream): the gateway needs twice the streams in open files. Where the hard limit cannot be raised
# (a container without CAP_SYS_RESOURCE), the streams are capped to what it allows.
ulimit -n "$(ulimit -Hn)"
if [ $((STREAMS * 2 + 500)) -gt "$(ulimit -n)" ]; then
  STREAMS=$(( ($(ulimit -n) - 500) / 2 ))
  echo "# open files are capped at $(ulimit -n) here: $STREAMS streams at most"
fi

start_simulator 18091 --stream-chunk-delay-ms "$CHUNK_DELAY_MS"
SIM=$SIM_PID
# Tomcat takes at most 8,192 connections by default and the upstream pool 1,000 per provider:
# both raised above the streams held; the gateway's heap is capped so RSS says something.
SERVER_TOMCAT_MAX_CONNECTIONS=$((STREAMS + 1000)) SERVER_TOMCAT_ACCEPT_COUNT=1000 \
  SWITCHGEAR_UPSTREAM_MAX_CONNECTIONS=$((STREAMS + 1000)) \
  SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:18091/v1 \
  start_gateway 18081 -Xmx2g
open_account

# 93 bytes of content: 6 pieces; with role, finish, usage and [DONE], 10 events and 9 pauses.
BODY=$DATA/stream.json
echo '{"model":"sim-echo","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hold this stream open for a while: ten events, nine pauses, and one exact charge at the end."}]}' > "$BODY"
# Warm-up: a few hundred quick streams through another account would change nothing here; the
# streams are slow, so one measured stream gives the charge each one should cost.
B0=$(balance)
curl -s -o /dev/null -X POST "$GWURL/v1/chat/completions" -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: application/json' --data-binary @"$BODY"
PER_STREAM=$(( B0 - $(balance) ))
sleep 5
IDLE_HEAP=$(live_heap_kb "$GW_PID")
IDLE_GW=$(rss_kb "$GW_PID"); IDLE_SIM=$(rss_kb "$SIM")
echo "# streams=$STREAMS ramp=${RAMP_S}s chunk delay=${CHUNK_DELAY_MS}ms java=$("$JAVA" -version 2>&1 | head -n1)"
echo "# load before: $(uptime)"
echo "idle rss: gateway=${IDLE_GW}kB simulator=${IDLE_SIM}kB; one stream charges ${PER_STREAM} micro-credits"

BEFORE=$(balance)
OUT=$DATA/client.out
: > "$OUT"
"$JAVA" docs/bench/LoadClient.java streams "$GWURL/v1/chat/completions" "$STREAMS" "$RAMP_S" "$BODY" \
  "$GW_PID,$SIM" > "$OUT" &
CLIENT=$!
# At the plateau (99 % of the streams open): a full collection, then the live heap and RSS.
PEAK=""
while kill -0 "$CLIENT" 2>/dev/null; do
  OPEN=$(tail -n1 "$OUT" | sed -n 's/.* open= *\([0-9]*\).*/\1/p' || true)
  if [ -z "$PEAK" ] && [ "${OPEN:-0}" -ge $((STREAMS * 99 / 100)) ]; then
    PEAK_HEAP=$(live_heap_kb "$GW_PID"); PEAK_RSS=$(rss_kb "$GW_PID")
    PEAK="$(tail -n1 "$OUT" | sed -n 's/.* open= *\([0-9]*\).*/\1/p')"
    echo "at the plateau, after a full collection: $PEAK streams open, gateway live heap=${PEAK_HEAP}kB rss=${PEAK_RSS}kB"
  fi
  sleep 1
done
wait "$CLIENT"
awk 'NR % 5 == 0 || /RESULT/' "$OUT"
echo "# load after: $(uptime)"

RESULT=$(grep RESULT "$OUT")
COMPLETED=$(sed 's/.*completed=\([0-9]*\).*/\1/' <<< "$RESULT")
MAX_OPEN=$(sed 's/.* max_open=\([0-9]*\).*/\1/' <<< "$RESULT")
AT_MAX=$(sed 's/.*rss_kb_at_max_open=\[\([0-9]*\), \([0-9]*\)\].*/\1 \2/' <<< "$RESULT")
read -r GW_AT_MAX SIM_AT_MAX <<< "$AT_MAX"
echo "rss at $MAX_OPEN open: gateway=${GW_AT_MAX}kB simulator=${SIM_AT_MAX}kB"
echo "memory per stream: gateway=$(( (GW_AT_MAX - IDLE_GW) * 1024 / MAX_OPEN )) bytes, simulator=$(( (SIM_AT_MAX - IDLE_SIM) * 1024 / MAX_OPEN )) bytes"
[ -n "$PEAK" ] && echo "live heap per stream (after full collections): gateway=$(( (PEAK_HEAP - IDLE_HEAP) * 1024 / PEAK )) bytes (idle ${IDLE_HEAP}kB)"
REPORT=$(reconcile)
AFTER=$(balance)
echo "reconciliation: $REPORT"
echo "completed=$COMPLETED spent=$((BEFORE - AFTER)) expected=$((COMPLETED * PER_STREAM)) charges=$(jq -r .charges.count <<< "$REPORT") (one more before the run) differences=$(jq -c .differences <<< "$REPORT")"
