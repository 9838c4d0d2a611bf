#!/usr/bin/env bash
# npm start: dependencies, services, database, migrations, demo seed, build, then the API and
# the worker together. One Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
ensure_env_file
bash scripts/ensure-services.sh
load_service_urls
node scripts/db-admin.js create-database

log "building"
npm run --silent build
log "migrating"
node node_modules/typeorm/cli.js migration:run -d dist/libs/core/src/database/data-source.js >/dev/null
log "seeding demo data"
node dist/seeds/run.js

pids=()
stopping=""
stop() {
  [ -n "$stopping" ] && return 0
  stopping=1
  trap - INT TERM
  log "stopping"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM
node dist/apps/worker/src/main.js & pids+=($!)
node dist/apps/api/src/main.js & pids+=($!)
# When either process ends, stop the other and exit with its status.
status=0
wait -n "${pids[@]}" || status=$?
stop
exit "$status"
