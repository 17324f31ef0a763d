#!/usr/bin/env bash
# Figures of the foundation issue, release build. Corpora and indexes are built
# in a scratch folder ($HUOPAN_SCRATCH, default ./scratch, git-ignored).
#   Tools/bench/foundation.sh [offers ...]      default: 100000 1000000
set -euo pipefail
cd "$(dirname "$0")/../.."
Tools/setup.sh
swift build -c release >/dev/null
bin=.build/release/huopan
scratch=${HUOPAN_SCRATCH:-scratch}
mkdir -p "$scratch"
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(100000 1000000); fi

echo "== analyzer throughput"
$bin bench analyzer
echo "== segmentation (PKU gold)"
$bin bench segmentation
for n in "${sizes[@]}"; do
  [ -f "$scratch/offers-$n.jsonl" ] || $bin corpus generate --offers "$n" --seed 42 --output "$scratch/offers-$n.jsonl"
  echo "== index build, $n offers"
  $bin bench index --catalog "$scratch/offers-$n.jsonl" --db "$scratch/index-$n"
done
last=${sizes[${#sizes[@]}-1]}
echo "== search latency, $last offers"
$bin bench search --db "$scratch/index-$last"
