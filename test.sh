#!/usr/bin/env bash
# Runs every test: installs missing Debian packages, starts a local PostgreSQL, then `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"
.ci/deps
export CURATE_TEST_PG=${CURATE_TEST_PG:-$(.ci/postgres)}
dotnet test Pipeline.sln -c Release --nologo "$@"
