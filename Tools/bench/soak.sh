#!/usr/bin/env bash
# Soak: ten one-minute slices of wrk search at the service benchmark's load (8 keep-alive
# connections rotating the Taobao queries, 1M offers) while soak_writer.py upserts 50 offers
# every second and publishes a profile every 30 s. Per slice: throughput, p50/p99, errors and
# the server's resident memory, so p99 drift and memory growth show. Release build.
#   Tools/bench/soak.sh [offers] [minutes]      default: 1000000 10
set -euo pipefail
bench_packages="wrk"
source "$(dirname "$0")/common.sh"
n=${1:-1000000}
minutes=${2:-10}
ensure_index "$n"
ensure_queries

token=soak-token-123456
start_server "$n" soak "${HUOPAN_BENCH_PORT:-18182}" "$token"
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$pid/status; }

HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t2 -c8 -d5s -s Tools/bench/queries.lua "$base" >/dev/null
echo "server pid $pid, RSS after warm-up $(rss) MB"
python3 Tools/bench/soak_writer.py "$base" "$token" "$scratch/offers-$n.jsonl" $((minutes * 60)) 50 \
  >"$scratch/soak-writer.json" 2>"$scratch/soak-writer.err" &
writer=$!
printf "%-7s %10s %9s %9s %8s %8s %8s\n" minute "req/s" "p50 ms" "p99 ms" non-2xx "sock err" "RSS MB"
for m in $(seq 1 "$minutes"); do
  out=$(HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t2 -c8 -d60s --timeout 5s --latency -s Tools/bench/queries.lua "$base")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  sock=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
  printf "%-7s %10s %9s %9s %8s %8s %8s\n" "$m" "$rps" "$p50" "$p99" "${non2xx:-0}" "${sock:-0}" "$(rss)"
done
wait $writer
echo "writes: $(cat "$scratch/soak-writer.json")"
[ -s "$scratch/soak-writer.err" ] && { echo "write errors:"; head -5 "$scratch/soak-writer.err"; }
echo "profile versions published: $(curl -s "$base/v1/profiles/default/history" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["versions"]))')"
echo "server still ready: $(curl -s "$base/readyz")"
