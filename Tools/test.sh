#!/usr/bin/env bash
# The whole test suite from a clean checkout: installs what is missing, runs
# every Swift test (real Xapian databases, real ICU, real HTTP servers), then
# the scripted checks: metrics against trec_eval (pytrec_eval), kill -9 and shard-loss
# reliability, concurrency and worst-case cost (hardening), schemathesis against the
# OpenAPI document, the operator console in headless chromium, and every curl and
# read-only CLI example of README.md against a real server (check_readme).
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/setup.sh chromium chromium-driver fonts-wqy-microhei
python3 -c "import pytrec_eval" 2>/dev/null || python3 -m pip install --quiet pytrec_eval-terrier
python3 -c "import selenium" 2>/dev/null || python3 -m pip install --quiet selenium

swift build --build-tests
swift test --skip-build

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
.build/debug/huopan index --catalog Corpora/sample/offers.jsonl --db "$scratch/index" >/dev/null
python3 Tools/check_trec_eval.py .build/debug/huopan "$scratch/index"
python3 Tools/check_reliability.py .build/debug/huopan
python3 Tools/check_hardening.py .build/debug/huopan 15
Tools/check_schemathesis.sh .build/debug/huopan 15
python3 Tools/check_console.py .build/debug/huopan
python3 Tools/check_readme.py .build/debug/huopan
