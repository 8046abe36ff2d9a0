#!/usr/bin/env bash
# Does the live heap grow with the request count (issue #13)? Class histograms after a full collection
# after 60 s of plain completions at c50 and after SECONDS_MORE (180) more; prints the classes that grew most.
set -euo pipefail
cd "$(dirname "$0")/../.."
source docs/bench/lib.sh
trap cleanup EXIT
start_simulator 18592
SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:18592/v1 start_gateway 18582 -Xmx1g
open_account
JCMD=${JAVA%/java}/jcmd
wrk -t1 -c50 -d60s -s docs/bench/post-chat.lua "$GWURL/v1/chat/completions" | tail -n1
"$JCMD" "$GW_PID" GC.class_histogram > "$DATA/before.txt"
wrk -t1 -c50 -d"${SECONDS_MORE:-180}s" -s docs/bench/post-chat.lua "$GWURL/v1/chat/completions" | tail -n1
"$JCMD" "$GW_PID" GC.class_histogram > "$DATA/after.txt"
python3 - "$DATA/before.txt" "$DATA/after.txt" <<'PY'
import sys
def load(path):
    classes = {}
    for line in open(path):
        f = line.split()
        if len(f) >= 4 and f[0].endswith(':'):
            classes[f[3]] = (int(f[1]), int(f[2]))
    return classes
before, after = load(sys.argv[1]), load(sys.argv[2])
print("live heap", sum(v[1] for v in before.values()), "->", sum(v[1] for v in after.values()), "bytes")
growth = sorted(((after[k][1] - before.get(k, (0, 0))[1], after[k][0] - before.get(k, (0, 0))[0], k) for k in after), reverse=True)
for grown, count, name in growth[:15]:
    print(f"{grown:>12} bytes {count:>9} objects  {name}")
PY
