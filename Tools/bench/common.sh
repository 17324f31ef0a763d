#!/usr/bin/env bash
# Shared by the benchmark scripts: release build, scratch folder and the generated corpus,
# index and URL-encoded Taobao queries they run on. Source it after `set -euo pipefail`;
# it leaves the working directory at the repository root and defines $bin and $scratch.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
Tools/setup.sh ${bench_packages:-}
swift build -c release >/dev/null
bin=.build/release/huopan
scratch=${HUOPAN_SCRATCH:-scratch}
mkdir -p "$scratch"

# ensure_corpus N: the seed-42 catalog of N offers (and its ground truth).
ensure_corpus() {
  [ -f "$scratch/offers-$1.jsonl" ] && [ -f "$scratch/offers-$1.truth.tsv" ] ||
    $bin corpus generate --offers "$1" --seed 42 --output "$scratch/offers-$1.jsonl" --truth "$scratch/offers-$1.truth.tsv"
}

# ensure_index N: a one-shard index of that catalog at $scratch/index-N.
ensure_index() {
  ensure_corpus "$1"
  [ -L "$scratch/index-$1/current" ] || $bin index --catalog "$scratch/offers-$1.jsonl" --db "$scratch/index-$1"
}

# ensure_queries: the Taobao training queries, one URL-encoded query per line, for wrk.
ensure_queries() {
  [ -f "$scratch/queries.urlencoded" ] || python3 -c '
import sys, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    print(urllib.parse.quote(line.rstrip("\n").split("\t")[-1]))
' ../shared/data/queries/taobao-ecom-train.tsv > "$scratch/queries.urlencoded"
}

# ensure_zipf_queries: 100,000 searches drawn from the first 20,000 distinct Taobao queries
# with Zipf weights (the query of rank r has weight 1/r, seed 7), URL-encoded for wrk: a
# marketplace's traffic, where a few head queries repeat and the result cache can help.
ensure_zipf_queries() {
  ensure_queries
  [ -f "$scratch/queries-zipf.urlencoded" ] || python3 -c '
import random, sys
seen, pool = set(), []
for line in open(sys.argv[1], encoding="utf-8"):
    if line not in seen:
        seen.add(line); pool.append(line.rstrip("\n"))
    if len(pool) == 20000: break
rng = random.Random(7)
for q in rng.choices(pool, weights=[1 / (r + 1) for r in range(len(pool))], k=100000): print(q)
' "$scratch/queries.urlencoded" > "$scratch/queries-zipf.urlencoded"
}

# start_server N NAME PORT TOKEN: serves the index of N offers in the background with a
# fresh state folder $scratch/NAME-state (log: $scratch/NAME-server.log), stops it on exit,
# and waits until it is ready. Sets $pid and $base.
start_server() {
  local n=$1 name=$2 port=$3 token=$4
  rm -rf "$scratch/$name-state"
  HUOPAN_ADMIN_TOKEN=$token HUOPAN_STATE_DIR="$scratch/$name-state" HUOPAN_LOG_LEVEL=warning \
    $bin serve --db "$scratch/index-$n" --port "$port" >"$scratch/$name-server.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -sf "$base/readyz" >/dev/null && return; sleep 0.3; done
  echo "server did not become ready:" >&2
  tail -5 "$scratch/$name-server.log" >&2
  exit 1
}
