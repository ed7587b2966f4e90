#!/usr/bin/env bash
# Runs every test: typecheck, lint, API contract (committed OpenAPI + web types match the server), unit, API on embedded PGlite, API on PostgreSQL, browser end-to-end.
# Installs what it needs when missing (npm packages; Debian's postgresql, chromium, fonts-noto-cjk)
# and starts the local PostgreSQL cluster. Used as-is by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

step() { printf '\n==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# (grep without -q: with pipefail, -q's early exit would fail the pipeline through SIGPIPE)
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need_apt+=(fonts-noto-cjk)
command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  step "installing Debian packages: ${need_apt[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "PostgreSQL"
pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $2}' | grep -x main >/dev/null; then
  as_root pg_createcluster "$pg_version" main >/dev/null
fi
if ! pg_lsclusters -h | awk '$2=="main"{print $4}' | grep -x online >/dev/null; then
  as_root pg_ctlcluster "$pg_version" main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
as_root su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='guifan'\"" | grep 1 >/dev/null \
  || as_root su postgres -c "psql -qc \"CREATE ROLE guifan LOGIN SUPERUSER PASSWORD 'guifan'\""
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://guifan:guifan@127.0.0.1:5432/postgres}"

rm -f .tmp/results-*.tap
status=0
run() { step "$1"; shift; "$@" || status=1; }

run "typecheck" npm run -s typecheck
run "lint" npm run -s lint
run "api contract" npm run -s gen:api -- --check
run "unit tests" node scripts/run-tests.mjs unit
run "API tests on embedded PGlite" env GUIFAN_TEST_DB=pglite node scripts/run-tests.mjs api
run "API tests on PostgreSQL" env GUIFAN_TEST_DB=pg node scripts/run-tests.mjs api
run "build web" npm run -s build:web
run "browser end-to-end tests (Chromium)" node scripts/run-tests.mjs e2e

pass=0; fail=0
for f in .tmp/results-*.tap; do
  [ -f "$f" ] || continue
  p=$(grep -E '^# pass [0-9]+' "$f" | tail -1 | awk '{print $3}'); pass=$((pass + ${p:-0}))
  x=$(grep -E '^# fail [0-9]+' "$f" | tail -1 | awk '{print $3}'); fail=$((fail + ${x:-0}))
  printf '  %-28s pass %4s  fail %3s\n' "$(basename "$f" .tap)" "${p:-0}" "${x:-0}"
done
echo "  total time: $(( $(date +%s) - started )) s"
[ "$status" = 0 ] || echo "  a step failed (see above)"
echo "tests: $pass passed, $fail failed"
exit "$status"
