#!/usr/bin/env bash
# Builds everything, then runs the demo: an orders service with ct-agent attached, a few calls, and the
# CloudTrail records they produced (under ./ct-trail-demo).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package
exec java -jar test-apps/demo/target/demo-run.jar "$@"
