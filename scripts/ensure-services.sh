#!/usr/bin/env bash
# Makes sure PostgreSQL (with PostGIS available) and Redis answer at the configured URLs.
# A service that already answers is never touched. When nothing answers on a local address,
# Debian's packages are installed and started. Remote services must be started by their owner.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
load_service_urls

url_part() { node -e 'const u = new URL(process.argv[1]); console.log(eval(process.argv[2]))' "$1" "$2"; }
answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
is_local() { case "$1" in 127.*|localhost|::1|'[::1]') return 0 ;; *) return 1 ;; esac; }
wait_for() { for _ in $(seq 1 60); do answers "$1" "$2" && return 0; sleep 0.5; done; return 1; }

apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_host=$(url_part "$DATABASE_URL" 'u.hostname || "127.0.0.1"')
pg_port=$(url_part "$DATABASE_URL" 'u.port || 5432')
pg_user=$(url_part "$DATABASE_URL" 'decodeURIComponent(u.username) || "postgres"')
pg_password=$(url_part "$DATABASE_URL" 'decodeURIComponent(u.password)')
redis_host=$(url_part "$REDIS_URL" 'u.hostname || "127.0.0.1"')
redis_port=$(url_part "$REDIS_URL" 'u.port || 6379')

start_local_postgres() {
  command -v pg_ctlcluster >/dev/null || { log "installing PostgreSQL from Debian packages"; apt_install postgresql; }
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  [ -n "$version" ] || { as_root pg_createcluster --start "$(ls /usr/lib/postgresql | sort -V | tail -n 1)" main; version=$(ls /etc/postgresql | sort -V | tail -n 1); }
  log "starting PostgreSQL $version on port $pg_port"
  as_root sed -i "s/^#\?port = .*/port = $pg_port/" "/etc/postgresql/$version/main/postgresql.conf"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_for "$pg_host" "$pg_port" || die "PostgreSQL did not start on port $pg_port"
  # Give the configured user a login: with its password, or trusted on loopback when it has none.
  local sql="DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$pg_user') THEN CREATE ROLE \"$pg_user\" LOGIN SUPERUSER; END IF; END\$\$;"
  [ -n "$pg_password" ] && sql="$sql ALTER ROLE \"$pg_user\" PASSWORD '$pg_password';"
  as_root runuser -u postgres -- psql -p "$pg_port" -qc "$sql"
  if [ -z "$pg_password" ]; then
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    if ! as_root grep -q "^host all $pg_user 127.0.0.1/32 trust" "$hba"; then
      as_root sed -i "1i host all $pg_user 127.0.0.1/32 trust\nhost all $pg_user ::1/128 trust" "$hba"
      as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    fi
  fi
}

ensure_postgis() {
  # Only a local server can get the package; elsewhere the migration names what is missing.
  is_local "$pg_host" || return 0
  [ "$(node scripts/db-admin.js has-postgis)" = "yes" ] && return 0
  local major
  major=$(node scripts/db-admin.js server-major)
  log "installing PostGIS for PostgreSQL $major from Debian packages"
  apt_install "postgresql-$major-postgis-3"
}

start_local_redis() {
  command -v redis-server >/dev/null || { log "installing Redis from Debian packages"; apt_install redis-server; }
  log "starting Redis on port $redis_port (append-only file on)"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$redis_port" \
    --appendonly yes --dir /var/lib/redis --logfile /var/log/redis/av-permits.log
  wait_for "$redis_host" "$redis_port" || die "Redis did not start on port $redis_port"
}

if answers "$pg_host" "$pg_port"; then
  log "PostgreSQL answers at $pg_host:$pg_port"
elif is_local "$pg_host"; then
  start_local_postgres
else
  die "PostgreSQL at $pg_host:$pg_port does not answer; start it or change DATABASE_URL"
fi
ensure_postgis

if answers "$redis_host" "$redis_port"; then
  log "Redis answers at $redis_host:$redis_port"
elif is_local "$redis_host"; then
  start_local_redis
else
  die "Redis at $redis_host:$redis_port does not answer; start it or change REDIS_URL"
fi
