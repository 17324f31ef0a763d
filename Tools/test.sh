#!/usr/bin/env bash
# The whole test suite from a clean checkout: installs what is missing, then
# runs every Swift test (real Xapian databases, real ICU).
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/setup.sh

swift build --build-tests
swift test --skip-build
