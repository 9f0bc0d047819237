#!/usr/bin/env bash
# Runs the server (or a command) with one operator's environment file: scripts/run-operator.sh ENV_FILE [COMMAND ...]
# The file holds KEY=VALUE lines (see config/operator-a.env.example); the jar is target/quarkus-app/quarkus-run.jar
# unless RDEX_JAR names another.
set -euo pipefail
env_file="${1:?usage: scripts/run-operator.sh ENV_FILE [COMMAND ...]}"
shift
cd "$(dirname "$0")/.."
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
exec java ${JAVA_OPTS:-} -jar "${RDEX_JAR:-target/quarkus-app/quarkus-run.jar}" "$@"
