#!/usr/bin/env bash
# Imports a generated 200 MB MedQuAD-style XML file and a 200 MB JSONL file with the bot's heap
# (-Xmx256m) and prints wall time, CPU time and peak heap for each (BigImportBench in app's tests).
# Options go to the bench: --mb N, --answer-chars N, --dir DIR, --only xml|jsonl.
# JAVA_HEAP overrides the heap (e.g. JAVA_HEAP=-Xmx1g). Not part of the test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# the jar and the test classes (the bench and its file generator); tests are compiled, not run
./mvnw -q -B -DskipTests package -pl app -am >&2
exec java ${JAVA_HEAP:--Xmx256m} -cp "app/target/faqbot.jar:app/target/test-classes" \
  faqbot.app.BigImportBench "$@"
