#!/usr/bin/env bash
# npm run bench: build the web app, run the benchmarks (bundle, api, startup, progress, legal deadlines, case board, 文号, 卷宗 PDF, 卷宗 endpoint, field tracking, 我要反映), write
# docs/benchmarks.md. `bench/run.sh api tracking-osmand` runs only those (no web build unless bundle is named) and
# keeps the other sections' last results. Loopback only; every load run is bounded in time (about 10 minutes in all, 18 with
# BENCH_DATABASE_URL: the tracking benchmarks fill 10 M positions).
set -uo pipefail
cd "$(dirname "$0")/.."

out="$(mktemp -d "${TMPDIR:-/tmp}/guifan-bench-XXXXXX")"
trap 'rm -rf "$out"' EXIT
export BENCH_OUT="$out"
date_utc="$(date -u)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo n/a)$(git diff --quiet HEAD -- server web 2>/dev/null || echo ' (+ uncommitted changes)')"
status=0

all=(bundle api startup progress legal-deadlines case-board document-numbers dossier-pdf dossier tracking-analytics tracking-ingest tracking-osmand tracking-stats tracking-rss org-locate service-public)
keep=()
if [ "$#" -gt 0 ]; then
  for b in "$@"; do
    [[ " ${all[*]} " == *" $b "* ]] || { echo "unknown benchmark: $b (one of: ${all[*]})"; exit 2; }
  done
  selected=("$@")
  keep=(--keep-missing)
else
  selected=("${all[@]}")
fi

if [[ " ${selected[*]} " == *" bundle "* ]]; then
  echo "== build:web"
  if ! npm run build:web >"$out/build.log" 2>&1; then
    echo "build:web failed (bundle benchmark will report what web/dist holds):"; tail -20 "$out/build.log"; status=1
  fi
fi

for b in "${selected[@]}"; do
  echo "== bench/$b.ts"
  node --import tsx "bench/$b.ts" || { echo "bench/$b.ts failed"; status=1; }
done

node --import tsx bench/report.ts "$out" --date "$date_utc" --load-before "$load_before" --commit "$commit" "${keep[@]}" || status=1
exit $status
