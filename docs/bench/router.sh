#!/usr/bin/env bash
# JMH: one routing decision over a 28-model catalog with 1,000 rules (issue #4; target p99 <= 20 us).
# Builds the domain's test classes (the JMH annotation processor writes the benchmark list) and runs
# RouterBenchmark in its own forked JVM. Takes about 30 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  export PATH="$JAVA_HOME/bin:$PATH"
fi
mvn -B -ntp -q clean test-compile -pl domain
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
mvn -B -ntp -q -pl domain dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
java -cp "domain/target/test-classes:domain/target/classes:$(cat "$cpfile")" \
  org.openjdk.jmh.Main RouterBenchmark "$@"
