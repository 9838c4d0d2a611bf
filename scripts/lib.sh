# Shared helpers for scripts/*.sh. Source it from the repository root.

log() { printf '\033[1m[av-permits]\033[0m %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Installs dependencies when node_modules is missing or older than package-lock.json.
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing dependencies (npm ci)"
    if ! npm ci --no-audit --no-fund; then
      # npm ci rejects a lock file that lacks optional packages for other platforms when the
      # registry does not serve them (npm/cli#9846). npm install --no-save installs exactly the
      # locked versions without rewriting the lock file.
      log "npm ci refused the lock file; installing the locked versions with npm install --no-save"
      npm install --no-save --no-audit --no-fund
    fi
  fi
}

# Creates .env from .env.example on first run, with every change-me placeholder replaced by a
# random value; real environment variables still win over the file.
ensure_env_file() {
  if [ ! -f .env ]; then
    node -e '
      const fs = require("fs"), crypto = require("crypto");
      const text = fs.readFileSync(".env.example", "utf8")
        .replace(/change-me[\w-]*/g, () => crypto.randomBytes(24).toString("base64url"));
      fs.writeFileSync(".env", text, { mode: 0o600 });'
    log "created .env from .env.example with random secrets"
  fi
}

# Exports DATABASE_URL and REDIS_URL: the environment first, then .env, then the defaults.
load_service_urls() {
  local file_db="" file_redis=""
  if [ -f .env ]; then
    file_db=$(sed -n 's/^DATABASE_URL=//p' .env | tail -n 1)
    file_redis=$(sed -n 's/^REDIS_URL=//p' .env | tail -n 1)
  fi
  export DATABASE_URL="${DATABASE_URL:-${file_db:-postgres://postgres@127.0.0.1:5432/av_permits}}"
  export REDIS_URL="${REDIS_URL:-${file_redis:-redis://127.0.0.1:6379/0}}"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi
}
