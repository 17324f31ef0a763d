#!/usr/bin/env bash
# 10M offers on this machine beside 1M: the seed-42 catalog, a parallel sharded build (its
# wall time, disk and peak RSS), in-process search latency over the same Taobao queries at 1M
# and 10M in one run, and the server's resident memory while it answers them over HTTP.
#   Tools/bench/tenmillion.sh [shards] [queries]     default: 8 1000
# Needs about 8 GB for the catalog and 20 GB for the index under $HUOPAN_SCRATCH; the
# catalog takes about 6 min and the build about an hour on 2 cores. The search figures are
# given with the profiles' match-phase limit and with every match walked, in the same run.
set -euo pipefail
bench_packages="wrk"
source "$(dirname "$0")/common.sh"
shards=${1:-8}
count=${2:-1000}
ensure_index 1000000
ensure_corpus 10000000
ensure_queries
big="$scratch/index-10000000"
if [ ! -L "$big/current" ]; then
  echo "== build, 10M offers, $shards shards, 2 workers"
  /usr/bin/time -f "wall %e s, peak RSS %M KB" $bin bench index --catalog "$scratch/offers-10000000.jsonl" --db "$big" --shards "$shards"
fi
echo "== index on disk: 1M $(du -sh "$scratch/index-1000000/" | cut -f1), 10M $(du -sh "$big/" | cut -f1)"
for n in 1000000 10000000; do
  echo "== in-process search, $n offers"
  $bin bench search --db "$scratch/index-$n" --as-of 2026-11-20 --count "$count" --windows 1000 | sed -n '1,/applied to/p'
done
echo "== HTTP, 10M offers, wrk 8 connections, 20 s (result cache off)"
HUOPAN_RESULT_CACHE_MB=0 start_server 10000000 tenmillion "${HUOPAN_BENCH_PORT:-18183}" bench-token-123456
HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t2 -c8 -d20s --latency -s Tools/bench/queries.lua "$base" \
  | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
echo "== resident memory while serving 10M: $(grep -E 'VmRSS|VmHWM' /proc/$pid/status | tr -s ' \n' ' ')"
