#!/usr/bin/env bash
# The main job on the embedded default: install what is missing, build in
# release, index the committed sample catalog and serve it on port 8080.
#   Tools/run.sh                      # http://127.0.0.1:8080
#   HUOPAN_ADMIN_TOKEN=... Tools/run.sh   # also enables the admin endpoints
#   HUOPAN_DB=dir HUOPAN_PORT=9000 Tools/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/setup.sh

swift build -c release
bin=.build/release/huopan
db=${HUOPAN_DB:-var/index}
mkdir -p "$(dirname "$db")"

$bin index --catalog Corpora/sample/offers.jsonl --db "$db"
echo
echo "\$ huopan search --db $db --limit 3 \"保温杯 1000个\""
$bin search --db "$db" --limit 3 "保温杯 1000个"
echo
exec $bin serve --db "$db" --host "${HUOPAN_HOST:-127.0.0.1}" --port "${HUOPAN_PORT:-8080}"
