#!/usr/bin/env bash
# Which process spends the cores (issue #13, ADR 0034): the gateway (durable charging, -Xmx1g), the
# embedded PostgreSQL, the simulator and wrk, over 30 s of plain completions at c50 after a warm-up.
# Usage: [LINGER=2ms] [WARM=100] docs/bench/cpu-split.sh — LINGER is SWITCHGEAR_LEDGER_COMMIT_LINGER.
# Needs wrk and a built tree; everything binds to 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
source docs/bench/lib.sh
trap cleanup EXIT
start_simulator 18592
SWITCHGEAR_LEDGER_COMMIT_LINGER=${LINGER:-2ms} SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:18592/v1 \
  start_gateway 18582 -Xmx1g
open_account
ticks() { local s=0; for p in "$@"; do [ -r "/proc/$p/stat" ] && s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $s; }
# the embedded server: its postmaster (started with a data directory under the gateway's) and its children
postgres() { local pm; pm=$(pgrep -f "postgres.*$DATA/gw" | grep -vx "$GW_PID" | head -n1); echo "$pm $(pgrep -P "$pm" | tr '\n' ' ')"; }
machine() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
wrk -t1 -c50 -d"${WARM:-100}s" -s docs/bench/post-chat.lua "$GWURL/v1/chat/completions" > /dev/null
G0=$(ticks $GW_PID); P0=$(ticks $(postgres)); S0=$(ticks $SIM_PID); M0=$(machine)
RESULT=$(wrk -t1 -c50 -d30s -s docs/bench/post-chat.lua "$GWURL/v1/chat/completions" | tail -n1)
G1=$(ticks $GW_PID); P1=$(ticks $(postgres)); S1=$(ticks $SIM_PID); M1=$(machine)
REQUESTS=$(echo "$RESULT" | sed 's/requests=\([0-9]*\).*/\1/')
echo "$RESULT"
awk -v g=$((G1 - G0)) -v p=$((P1 - P0)) -v s=$((S1 - S0)) -v m=$((M1 - M0)) -v n="$REQUESTS" -v hz="$(getconf CLK_TCK)" 'BEGIN {
  printf "CPU a request: gateway %.2f ms, PostgreSQL %.2f ms, simulator %.2f ms; machine busy %.0f %% of %d cores\n",
    1000 * g / hz / n, 1000 * p / hz / n, 1000 * s / hz / n, 100 * m / (30 * hz * 2), 2 }'
