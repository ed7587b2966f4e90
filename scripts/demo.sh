#!/usr/bin/env bash
# Installs, builds and starts the whole product on the embedded database with Nantong demo data, then drives the
# demo teams' phones (OsmAnd HTTP) and vehicle terminals / body cameras (JT/T 808 TCP) with `guifan simulate`, so
# the live map moves. Ctrl-C stops both. GUIFAN_DEMO_SIMULATE=false starts the server alone.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run -s build:web
export GUIFAN_ADMIN_PASSWORD="${GUIFAN_ADMIN_PASSWORD:-guifan-admin}"
port="${PORT:-3000}"
echo "  guifan demo: sign in as admin / ${GUIFAN_ADMIN_PASSWORD} (or e.g. zhuhang.leader / guifan-demo)"
if [ "${GUIFAN_DEMO_SIMULATE:-true}" != "true" ]; then
  exec node --import tsx server/src/main.ts --seed-demo
fi
node --import tsx server/src/main.ts --seed-demo &
server=$!
sim=""
stop() {
  [ -n "$sim" ] && kill -INT "$sim" 2>/dev/null || true
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap stop INT TERM EXIT
# The first start seeds the demo (about 20 s); the simulator needs the API and the device ports.
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:${port}/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then wait "$server"; exit $?; fi
  sleep 1
done
echo "  guifan demo: simulating the demo devices (guifan simulate); their positions appear on 执法轨迹 → 实时地图"
node --import tsx server/src/cli.ts simulate --server "http://127.0.0.1:${port}" --interval 10 &
sim=$!
wait "$server"
