#!/usr/bin/env bash
# CI check: the committed migrations build exactly the schema the entities describe.
#   1. creates a scratch database (av_permits_migration_check) on the DATABASE_URL server;
#   2. runs every migration from migrations/;
#   3. asks TypeORM to generate a migration from the entities: anything it finds is drift;
#   4. reverts the newest migration, runs it again and checks for drift once more.
# The scratch database is dropped on exit, whatever happens. Exits non-zero on drift or error.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_env_file
load_service_urls

readonly SCRATCH_DATABASE=av_permits_migration_check
readonly DATA_SOURCE=libs/core/src/database/data-source.ts
SCRATCH_URL=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' \
  "$DATABASE_URL" "$SCRATCH_DATABASE")
readonly SCRATCH_URL
LOG_FILE=$(mktemp)
readonly LOG_FILE

drop_scratch_database() {
  DATABASE_URL="$SCRATCH_URL" node -e '
    const { Client } = require("pg");
    const url = new URL(process.env.DATABASE_URL);
    const name = decodeURIComponent(url.pathname.slice(1));
    url.pathname = "/postgres";
    const client = new Client({ connectionString: url.toString() });
    client
      .connect()
      .then(() => client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, "\"\"")}" WITH (FORCE)`))
      .then(() => client.end())
      .catch((error) => {
        console.error(`could not drop ${name}: ${error.message}`);
        process.exit(1);
      });
  '
}

cleanup() {
  local status=$?
  drop_scratch_database || status=1
  rm -f "$LOG_FILE"
  exit "$status"
}

# Runs the TypeORM CLI on the sources (ts-node, with the @app/* path aliases) against the
# scratch database. Its output goes to LOG_FILE; callers show it when something fails.
typeorm_cli() {
  DATABASE_URL="$SCRATCH_URL" NODE_OPTIONS="${NODE_OPTIONS:-} -r tsconfig-paths/register" \
    npx typeorm-ts-node-commonjs "$@" -d "$DATA_SOURCE" >"$LOG_FILE" 2>&1
}

typeorm() {
  typeorm_cli "$@" && return 0
  cat "$LOG_FILE" >&2
  return 1
}

check_drift() {
  local when=$1
  if typeorm_cli migration:generate migrations/Drift --check; then
    log "no drift $when"
    return 0
  fi
  cat "$LOG_FILE" >&2
  if grep -q 'Unexpected changes in database schema' "$LOG_FILE"; then
    die "entities and migrations differ $when. The SQL above is what migrations/ is missing: run 'npm run migration:generate -- DescribeTheChange', read the generated file and commit it."
  fi
  die "could not compare entities with the migrated schema $when (see the output above)"
}

# A scratch database left by an interrupted run is dropped first.
drop_scratch_database
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

DATABASE_URL="$SCRATCH_URL" node scripts/db-admin.js create-database >/dev/null
log "checking migrations on scratch database $SCRATCH_DATABASE"

typeorm migration:run || die "the migrations do not run on an empty database (see the output above)"
applied=$(grep -c 'executed successfully' "$LOG_FILE" || true)
log "ran $applied migration(s)"

check_drift "after running every migration"

if compgen -G 'migrations/*.ts' >/dev/null; then
  typeorm migration:revert || die "reverting the newest migration failed: check its down() (see the output above)"
  log "reverted the newest migration"
  typeorm migration:run || die "running the newest migration again after its revert failed (see the output above)"
  log "ran it again"
  check_drift "after reverting and re-running the newest migration"
else
  log "no migrations yet: nothing to revert"
fi

log "migrations OK"
