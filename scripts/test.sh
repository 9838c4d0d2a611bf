#!/usr/bin/env bash
# npm test: dependencies, services, then every unit and end-to-end test against a separate
# test database (one clone per test file) and private Redis key prefixes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
bash scripts/ensure-services.sh
load_service_urls
# Tests never use the development database: they derive av_permits_test_* names from this URL.
export NODE_ENV=test
exec npx jest --ci "$@"
