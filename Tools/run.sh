#!/usr/bin/env bash
# The main job on the embedded default: install what is missing, build in
# release, index the committed sample catalog, run example searches.
# Usage: Tools/run.sh            (index in var/index)
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/setup.sh

swift build -c release
bin=.build/release/huopan
db=${HUOPAN_DB:-var/index}
mkdir -p "$(dirname "$db")"

$bin index --catalog Corpora/sample/offers.jsonl --db "$db"
for q in "连衣裙 雪纺" "保温杯 1000个" "手机壳一件代发" "帆布袋 来图定制" "HWY14-186BKU1" "义乌 发夹 5元以内"; do
  echo
  echo "\$ huopan search --db $db --limit 5 \"$q\""
  $bin search --db "$db" --limit 5 "$q"
done
