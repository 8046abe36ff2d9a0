#!/usr/bin/env bash
# Issue #15's analytics benchmark: writes EVENTS UsageCharged events (default 1,000,000; the issue's
# figure is 10,000,000) and one RequestFailed per 100 for 10,000 accounts over 90 days through the
# usage projection's own write path (batches of BATCH = the `usage` processor's batch size, 500, one
# transaction each, WRITERS = its 2 threads/segments, each writing its share of the accounts, as the
# pooled processor commits them with its token), then times the dashboard's queries (p50/p95, one
# account and platform-wide), reports the disk per million raw rows and, with REBUILD_SAMPLE > 0,
# times the admin rebuild's work (clear the usage tables, replay REBUILD_SAMPLE events in one
# transaction, rolled back). Needs a PostgreSQL (default: 127.0.0.1:5432, user
# postgres, trust auth); the database sg_bench_analytics is dropped and created afresh.
#
#   [BATCH=500] [WRITERS=2] [REBUILD_SAMPLE=0] bash docs/bench/analytics.sh [EVENTS] [JDBC_URL] [USER] [SEED] [ACCOUNTS]
# KEEP_DB=1 adds to the database instead of starting afresh (a second pass with another SEED and
# 1,000 ACCOUNTS gives those accounts the per-account density of 10 million events for 10,000).
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${1:-1000000}"
URL="${2:-jdbc:postgresql://127.0.0.1:5432/sg_bench_analytics}"
DB_USER="${3:-postgres}"
SEED="${4:-15}"
ACCOUNTS="${5:-10000}"
if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  export PATH="$JAVA_HOME/bin:$PATH"
fi
if [ "$URL" = "jdbc:postgresql://127.0.0.1:5432/sg_bench_analytics" ] && [ -z "${KEEP_DB:-}" ]; then
  psql -h 127.0.0.1 -U "$DB_USER" -q -c "drop database if exists sg_bench_analytics" \
    -c "create database sg_bench_analytics"
fi
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# a reactor build (nothing installed into ~/.m2); the last module written is the persistence adapter's
mvn -B -ntp -q -pl adapters/persistence -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
classpath="adapters/persistence/target/test-classes:adapters/persistence/target/classes"
classpath="$classpath:application/target/classes:domain/target/classes:$(cat "$cpfile")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "$classpath" dev.switchgear.adapter.persistence.readmodel.UsageBenchmark "$URL" "$DB_USER" "$EVENTS" \
  "$SEED" "$ACCOUNTS" "${BATCH:-500}" "${WRITERS:-2}" "${REBUILD_SAMPLE:-0}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
