#!/usr/bin/env bash
# Figures of the foundation issue, release build. Corpora and indexes are built
# in a scratch folder ($HUOPAN_SCRATCH, default ./scratch, git-ignored).
#   Tools/bench/foundation.sh [offers ...]      default: 100000 1000000
set -euo pipefail
source "$(dirname "$0")/common.sh"
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(100000 1000000); fi

echo "== analyzer throughput"
$bin bench analyzer
echo "== segmentation (PKU gold)"
$bin bench segmentation
for n in "${sizes[@]}"; do
  ensure_corpus "$n"
  echo "== index build, $n offers"
  $bin bench index --catalog "$scratch/offers-$n.jsonl" --db "$scratch/index-$n"
done
last=${sizes[${#sizes[@]}-1]}
echo "== search latency, $last offers"
$bin bench search --db "$scratch/index-$last"
