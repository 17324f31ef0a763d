#!/usr/bin/env bash
# HTTP figures of the service issue, release build, 1M generated offers:
# wrk at 1, 8 and 64 keep-alive connections rotating the Taobao queries,
# upsert throughput and visibility delay, and the server's resident memory.
#   Tools/bench/http.sh [offers] [seconds per run]     default: 1000000 20
set -euo pipefail
bench_packages="wrk"
source "$(dirname "$0")/common.sh"
n=${1:-1000000}
seconds=${2:-20}
ensure_index "$n"
ensure_queries

port=${HUOPAN_BENCH_PORT:-18181}
token=bench-token-123456
rm -rf "$scratch/bench-state"
HUOPAN_ADMIN_TOKEN=$token HUOPAN_STATE_DIR="$scratch/bench-state" HUOPAN_LOG_LEVEL=warning \
  $bin serve --db "$scratch/index-$n" --port "$port" >"$scratch/bench-server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.3; done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { echo "server did not become ready:" >&2; tail -5 "$scratch/bench-server.log" >&2; exit 1; }
echo "server pid $pid, $(curl -s http://127.0.0.1:$port/readyz)"

# Warm up, then measure.
HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t2 -c8 -d5s -s Tools/bench/queries.lua "http://127.0.0.1:$port" >/dev/null
for c in 1 8 64; do
  t=$(( c < 2 ? 1 : 2 ))
  echo "== wrk, $c connection(s), $seconds s"
  HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t$t -c$c -d${seconds}s --latency -s Tools/bench/queries.lua "http://127.0.0.1:$port" \
    | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx|Socket errors"
done
echo "== resident memory while serving: $(grep VmRSS /proc/$pid/status)"
echo "== upserts"
python3 Tools/bench/upsert.py "http://127.0.0.1:$port" "$token" "$scratch/offers-$n.jsonl" 500 20
echo "== resident memory after upserts: $(grep VmRSS /proc/$pid/status)"
