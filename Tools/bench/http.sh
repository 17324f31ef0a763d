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
ensure_zipf_queries

token=bench-token-123456
start_server "$n" bench "${HUOPAN_BENCH_PORT:-18181}" "$token"
echo "server pid $pid, $(curl -s $base/readyz)"

# Warm up, then measure.
HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t2 -c8 -d5s -s Tools/bench/queries.lua "$base" >/dev/null
for c in 1 8 64; do
  t=$(( c < 2 ? 1 : 2 ))
  echo "== wrk, $c connection(s), $seconds s"
  HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t$t -c$c -d${seconds}s --latency -s Tools/bench/queries.lua "$base" \
    | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx|Socket errors"
done
echo "== wrk, 8 connections, $seconds s, Zipf-distributed queries (head queries repeat; result cache on)"
HUOPAN_WRK_QUERIES="$scratch/queries-zipf.urlencoded" wrk -t2 -c8 -d${seconds}s --latency -s Tools/bench/queries.lua "$base" \
  | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx|Socket errors"
curl -s "$base/metrics" | grep -E "^huopan_search_cache_(hits_total|misses_total|entries|bytes)"
echo "== resident memory while serving: $(grep VmRSS /proc/$pid/status)"
echo "== upserts"
python3 Tools/bench/upsert.py "$base" "$token" "$scratch/offers-$n.jsonl" 500 20
echo "== resident memory after upserts: $(grep VmRSS /proc/$pid/status)"
