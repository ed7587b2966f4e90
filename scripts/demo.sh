#!/usr/bin/env bash
# Installs, builds and starts the whole product on the embedded database with Nantong demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run -s build:web
export GUIFAN_ADMIN_PASSWORD="${GUIFAN_ADMIN_PASSWORD:-guifan-admin}"
echo "  guifan demo: sign in as admin / ${GUIFAN_ADMIN_PASSWORD} (or e.g. zhuhang.leader / guifan-demo)"
exec node --import tsx server/src/main.ts --seed-demo
