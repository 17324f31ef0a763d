#!/usr/bin/env bash
# Scale-out figures: the same 1M-offer catalog as 1, 2 and 4 shards, each shard served
# by its own xapian-tcpsrv, searched through Xapian's remote backend (and, for
# comparison, the same shards opened locally). Release build; scratch in $HUOPAN_SCRATCH.
#   Tools/bench/scaling.sh [offers] [queries]
set -euo pipefail
source "$(dirname "$0")/common.sh"
n=${1:-1000000}
count=${2:-1000}
ensure_corpus "$n"
for shards in 1 2 4; do
  db="$scratch/index-$n-s$shards"
  if [ -L "$db/current" ]; then
    echo "== $shards shard(s): reusing $db (remove it to measure the build)"
  else
    echo "== $shards shard(s): build"
    $bin bench index --catalog "$scratch/offers-$n.jsonl" --db "$db" --shards "$shards" | head -1
  fi
  echo "-- local multi-database"
  $bin bench search --db "$db" --count "$count" --windows 1000 | grep -E "full ranking|BM25" | head -4
  pids=()
  topology=""
  for ((i = 0; i < shards; i++)); do
    port=$((7400 + i))
    setsid xapian-tcpsrv --interface 127.0.0.1 --port $port --quiet "$db/current/shard-$(printf %03d $i)" &
    pids+=($!)
    topology+="${topology:+;}127.0.0.1:$port"
  done
  sleep 1
  echo "-- $shards xapian-tcpsrv server(s): $topology"
  $bin bench search --shards "$topology" --count "$count" --windows 1000 | grep -E "full ranking|BM25" | head -4
  for p in "${pids[@]}"; do kill -9 -- -"$p" 2>/dev/null || kill -9 "$p"; done
  wait 2>/dev/null || true
done
