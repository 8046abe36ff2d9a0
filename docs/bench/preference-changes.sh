#!/usr/bin/env bash
# Does one account's power-level changes slow anyone else (issue #11)? Loads POST /v1/chat/completions
# at c50 for 20 s twice against loopback, the simulator in its own JVM: once alone, once while another
# account changes its power level 400 times; compares the mean latency wrk reports.
# Usage: docs/bench/preference-changes.sh   (needs wrk and a built tree: mvn -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
source docs/bench/lib.sh
trap cleanup EXIT
start_simulator 18091
SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:18091/v1 start_gateway 18081 -Xmx1g
open_account
CLICKER=$ACCOUNT
CLICKER_KEY=$KEY
open_account   # the loaded account: its KEY is the one wrk sends
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
