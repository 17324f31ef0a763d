#!/usr/bin/env bash
# Evaluation figures, release build:
# 1. wall time to evaluate 1,000 judged queries against 1M generated offers;
# 2. BM25-only vs default vs tuned profile on the committed test split.
#   Tools/bench/eval.sh [offers]        default 1000000
set -euo pipefail
source "$(dirname "$0")/common.sh"
n=${1:-1000000}
ensure_index "$n"
mkdir -p "$scratch/judgments-$n"
$bin corpus judgments --catalog "$scratch/offers-$n.jsonl" --truth "$scratch/offers-$n.truth.tsv" --queries 2000 \
  --max-per-grade 300 --out "$scratch/judgments-$n"
echo "== 1,000 judged queries (test split) against $n offers, default profile"
/usr/bin/time -f "wall %e s, peak RSS %M KB" $bin eval --db "$scratch/index-$n" --queries "$scratch/judgments-$n/test.queries.tsv" \
  --qrels "$scratch/judgments-$n/test.qrels" --profile default

echo "== committed sample: BM25-only, default, tuned (test split)"
$bin index --catalog Corpora/sample/offers.jsonl --db "$scratch/index-sample" >/dev/null
j=Corpora/judgments
$bin tune --db "$scratch/index-sample" --queries $j/train.queries.tsv --qrels $j/train.qrels --profile default \
  --metric ndcg@10 --out "$scratch/tuned-default.json" >/dev/null 2>&1
mkdir -p "$scratch/profiles-tuned" && cp Corpora/profiles/*.json "$scratch/profiles-tuned/"
python3 - "$scratch/tuned-default.json" "$scratch/profiles-tuned/tuned.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); p["name"] = "tuned"; json.dump(p, open(sys.argv[2], "w"), ensure_ascii=False)
PY
for p in bm25_only default tuned; do
  echo "-- $p"
  $bin eval --db "$scratch/index-sample" --queries $j/test.queries.tsv --qrels $j/test.qrels --profile $p --profiles "$scratch/profiles-tuned"
done
$bin compare --db "$scratch/index-sample" --queries $j/test.queries.tsv --qrels $j/test.qrels --profile-a default --profile-b tuned \
  --profiles "$scratch/profiles-tuned"
