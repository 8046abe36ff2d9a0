#!/usr/bin/env bash
# Resident memory at c50 and where it goes (issue #13 item 4, ADR 0034): the gateway with native memory
# tracking and the JVM options given, 60 s of plain then 20 s of streamed completions at c50; prints RSS
# after start and after the load, and NMT's committed memory by area.
# Usage: docs/bench/memory.sh [JVM options...]   e.g. docs/bench/memory.sh -XX:+UseSerialGC -Xmx160m
set -euo pipefail
cd "$(dirname "$0")/../.."
source docs/bench/lib.sh
trap cleanup EXIT
start_simulator 18592
SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:18592/v1 start_gateway 18582 -XX:NativeMemoryTracking=summary "$@"
open_account
echo "options: ${*:-(defaults)}; RSS after start $(rss_kb "$GW_PID") kB"
wrk -t1 -c50 -d60s -s docs/bench/post-chat.lua "$GWURL/v1/chat/completions" | tail -n1
wrk -t1 -c50 -d20s -s docs/bench/post-chat-stream.lua "$GWURL/v1/chat/completions" | tail -n1
echo "RSS after the load $(rss_kb "$GW_PID") kB"
"${JAVA%/java}/jcmd" "$GW_PID" VM.native_memory summary | grep -E '^(Total|-)' | sed 's/(reserved=[0-9]*KB, //; s/)$//'
