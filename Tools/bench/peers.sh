#!/usr/bin/env bash
# Speed beside peers (release build, one run per size): Huopan's full ranking, its BM25-only
# retrieval on the same index, and tantivy (PyPI, benchmark-only) over the same analyzed tokens
# with plain BM25 OR top-10 / top-1000 and AND top-10, on the real Taobao queries that match;
# p50/p99 per system, the ratios, and where Huopan's time goes (per phase).
#   Tools/bench/peers.sh [offers ...]      default: 100000 1000000
set -euo pipefail
source "$(dirname "$0")/common.sh"
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(100000 1000000); fi
for n in "${sizes[@]}"; do
  ensure_index "$n"
  echo "== $n offers"
  $bin bench peers --db "$scratch/index-$n" --as-of 2026-11-20 --count 1000 --out "$scratch/peers-$n"
  python3 Tools/bench/peers.py "$scratch/peers-$n"
done
