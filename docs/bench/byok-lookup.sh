#!/usr/bin/env bash
# JMH: one BYOK key lookup plus decryption on the request path (issue #5; target p99 <= 50 us).
# Builds the crypto adapter's test classes (the JMH annotation processor writes the benchmark list)
# and runs ByokLookupBenchmark in its own forked JVM. Takes about 30 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  export PATH="$JAVA_HOME/bin:$PATH"
fi
mvn -B -ntp -q install -DskipTests -pl domain,application
mvn -B -ntp -q clean test-compile -pl adapters/crypto
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
mvn -B -ntp -q -pl adapters/crypto dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
classpath="$(cat "$cpfile")"
java -cp "adapters/crypto/target/test-classes:adapters/crypto/target/classes:$classpath" \
  org.openjdk.jmh.Main ByokLookupBenchmark "$@"
