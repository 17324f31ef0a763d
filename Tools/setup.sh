#!/usr/bin/env bash
# Installs what Huopan needs on a fresh Debian machine, only when it is missing.
# Used by Tools/run.sh and Tools/test.sh; safe to run again.
set -euo pipefail

need=()
for pkg in libxapian-dev libicu-dev xapian-tools "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y "${need[@]}" >/dev/null 2>&1 || {
    $SUDO apt-get update >/dev/null
    $SUDO apt-get install -y "${need[@]}" >/dev/null
  }
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH" >&2; exit 1; }
