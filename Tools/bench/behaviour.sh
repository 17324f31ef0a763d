#!/usr/bin/env bash
# Figures of the behaviour loop, release build: search latency with the search log on and off
# (wrk at 8 connections rotating the Taobao queries, result cache off so every search runs),
# and behaviour events ingested per second.
#   Tools/bench/behaviour.sh [offers] [seconds per run]     default: 100000 20
set -euo pipefail
bench_packages="wrk"
source "$(dirname "$0")/common.sh"
n=${1:-100000}
seconds=${2:-20}
ensure_index "$n"
ensure_queries
for log_mb in 0 256; do
  echo "== search log $( [ "$log_mb" = 0 ] && echo off || echo on ), wrk 8 connections, $seconds s"
  HUOPAN_BEHAVIOUR_LOG_MB=$log_mb HUOPAN_RESULT_CACHE_MB=0 HUOPAN_INGEST_TOKEN=bench-ingest-1 \
    start_server "$n" "behaviour-$log_mb" "${HUOPAN_BENCH_PORT:-18182}" bench-token-123456
  HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t2 -c8 -d5s -s Tools/bench/queries.lua "$base" >/dev/null
  HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t2 -c8 -d${seconds}s --latency -s Tools/bench/queries.lua "$base" \
    | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
  if [ "$log_mb" != 0 ]; then
    echo "== events"
    python3 Tools/bench/events.py "$base" bench-ingest-1 1000 100
    curl -s "$base/metrics" | grep -E "^huopan_(events_accepted_total|behaviour_log_dropped)"
    echo "search log on disk: $(du -sh "$scratch/behaviour-$log_mb-state/behaviour" | cut -f1)"
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
