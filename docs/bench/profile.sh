#!/usr/bin/env bash
# Where the gateway's time goes (issue #13): JDK Flight Recorder profiles (settings=profile: execution
# and allocation samples) of POST /v1/chat/completions, plain and streamed, at 50 connections and at 1,
# against loopback with the simulator as the upstream in its own JVM; durable charging on (the default).
# Prints, per case: wrk's figures, the hottest methods by self time (jfr view hot-methods), the
# allocation by class, and the share of CPU samples whose stack passes through each subsystem.
# Usage: docs/bench/profile.sh [seconds per case, default 30] [warm-up seconds, default 120]
# Needs wrk and a built tree (mvn -q install -DskipTests); the .jfr files stay in $OUT (printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_CASE=${1:-30}
WARM_UP=${2:-120}
OUT=$(mktemp -d /tmp/switchgear-profile.XXXX)
source docs/bench/lib.sh
trap cleanup EXIT
start_simulator 18592
SWITCHGEAR_SIMULATOR_BASE_URL=http://127.0.0.1:18592/v1 start_gateway 18582 -Xmx1g
GW=$GW_PID
open_account
JFR=$(dirname "$JAVA")/jfr
JCMD=$(dirname "$JAVA")/jcmd
echo "# java=$("$JAVA" -version 2>&1 | head -n1); load before: $(cut -d' ' -f1-3 /proc/loadavg); profiles in $OUT"
wrk -t1 -c50 -d"$((WARM_UP * 3 / 4))s" -s docs/bench/post-chat.lua "$GWURL/v1/chat/completions" > /dev/null
wrk -t1 -c50 -d"$((WARM_UP / 4))s" -s docs/bench/post-chat-stream.lua "$GWURL/v1/chat/completions" > /dev/null

# Where the CPU samples (gateway threads on CPU) fall, by subsystem: each sample counts once, for the
# innermost frame of its stack that belongs to a named subsystem (JDK frames - HashMap, String - count for
# the library that called them); "JDK only" are samples with no named frame (GC-free JDK work, e.g. I/O).
subsystems() {
  "$JFR" print --events jdk.ExecutionSample --stack-depth 128 "$1" | awk '
    BEGIN {
      n = split("JSON (Jackson)|com.fasterxml.jackson;Spring Security|org.springframework.security;" \
        "Spring MVC and web|org.springframework.web;Spring (other)|org.springframework;" \
        "Tomcat (HTTP in)|org.apache.catalina;Tomcat (HTTP in)|org.apache.coyote;Tomcat (HTTP in)|org.apache.tomcat;" \
        "upstream HTTP client (Apache HttpClient 5)|org.apache.hc;upstream HTTP client (JDK)|jdk.internal.net.http;" \
        "metrics and observation|io.micrometer;tracing|io.opentelemetry;logging|ch.qos.logback;" \
        "Axon|org.axonframework;JDBC/PostgreSQL|org.postgresql;jOOQ|org.jooq;connection pool|com.zaxxer;" \
        "rate limits (Bucket4j)|io.github.bucket4j;caches (Caffeine)|com.github.benmanes;" \
        "circuit breakers (Resilience4j)|io.github.resilience4j;Switchgear|dev.switchgear", parts, ";")
      for (i = 1; i <= n; i++) { split(parts[i], kv, "|"); name[i] = kv[1]; prefix[i] = kv[2] }
    }
    /^jdk.ExecutionSample/ { if (samples && !done) hits["JDK only"]++; samples++; done = 0 }
    /line:/ && !done {
      for (i = 1; i <= n; i++) if (index($0, " " prefix[i]) > 0) { hits[name[i]]++; done = 1; break }
    }
    END {
      if (samples && !done) hits["JDK only"]++
      printf "  %d CPU samples\n", samples
      for (k in hits) printf "  %5.1f %%  %s\n", 100 * hits[k] / samples, k
    }' | sort -k1 -rn
}

profile() {
  local name=$1 connections=$2 script=$3
  "$JCMD" "$GW" JFR.start name="$name" settings=profile filename="$OUT/$name.jfr" > /dev/null
  local result
  result=$(wrk -t1 -c"$connections" -d"${SECONDS_PER_CASE}s" -s "$script" "$GWURL/v1/chat/completions" | tail -n1)
  "$JCMD" "$GW" JFR.stop name="$name" > /dev/null
  echo
  echo "## $name: $result (load $(cut -d' ' -f1 /proc/loadavg))"
  echo "### hot methods (self time)"
  "$JFR" view --width 180 hot-methods "$OUT/$name.jfr" | sed -n '4,23p'
  echo "### allocation by class"
  "$JFR" view --width 180 allocation-by-class "$OUT/$name.jfr" | sed -n '4,15p'
  echo "### CPU samples by subsystem (innermost named frame)"
  subsystems "$OUT/$name.jfr"
}

profile plain-c50 50 docs/bench/post-chat.lua
profile plain-c1 1 docs/bench/post-chat.lua
profile stream-c50 50 docs/bench/post-chat-stream.lua
profile stream-c1 1 docs/bench/post-chat-stream.lua
echo
echo "resident memory of the gateway after the run: $(($(grep VmRSS /proc/$GW/status | awk '{print $2}') / 1024)) MiB"
