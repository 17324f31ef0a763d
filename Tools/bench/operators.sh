#!/usr/bin/env bash
# Search latency while operators evaluate: wrk at 8 connections on the Taobao queries,
# alone and then while 8 clients run POST /v1/eval back to back (the whole judged test
# set each). Prints both p99s, their ratio, and how the evaluations were answered (200, or
# 429 once the operator queue is full).
#   Tools/bench/operators.sh [offers] [seconds]          default: 100000 20
#   HUOPAN_BENCH_BIN=/other/huopan Tools/bench/operators.sh   # the same against another build
set -euo pipefail
bench_packages="wrk"
source "$(dirname "$0")/common.sh"
n=${1:-100000}
seconds=${2:-20}
bin=${HUOPAN_BENCH_BIN:-$bin}
ensure_index "$n"
ensure_queries
export HUOPAN_OPERATOR_TOKEN=bench-operator-123 HUOPAN_JUDGMENTS_DIR=Corpora/judgments
start_server "$n" operators "${HUOPAN_BENCH_PORT:-18182}" bench-token-123456

run_wrk() {
  HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t2 -c8 -d${seconds}s --latency -s Tools/bench/queries.lua "$base" \
    | awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} /^ +50%/ {p50=$2} /timeout/ {to=$NF} END {print rps, p50, p99, (to ? to : 0)}'
}
HUOPAN_WRK_QUERIES="$scratch/queries.urlencoded" wrk -t2 -c8 -d5s -s Tools/bench/queries.lua "$base" >/dev/null
read -r alone_rps alone_p50 alone_p99 alone_timeouts < <(run_wrk)
python3 - "$base" "$seconds" > "$scratch/operators-evals.txt" <<'PY' &
import json, sys, threading, time, urllib.request, urllib.error
base, seconds = sys.argv[1], float(sys.argv[2]) + 5
counts, lock = {}, threading.Lock()
def evaluate():
    end = time.time() + seconds
    while time.time() < end:
        req = urllib.request.Request(base + "/v1/eval", data=b'{"set":"test"}', method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer bench-operator-123"})
        try:
            status = urllib.request.urlopen(req, timeout=120).status
        except urllib.error.HTTPError as e:
            status = e.code
            time.sleep(float(e.headers.get("Retry-After") or 0))
        with lock:
            counts[status] = counts.get(status, 0) + 1
threads = [threading.Thread(target=evaluate) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(" ".join(f"{k}:{v}" for k, v in sorted(counts.items())))
PY
evals=$!
sleep 2
read -r busy_rps busy_p50 busy_p99 busy_timeouts < <(run_wrk)
wait $evals
echo "binary: $bin, $n offers, wrk 8 connections, $seconds s each"
echo "searches alone:             $alone_rps req/s, p50 $alone_p50, p99 $alone_p99, $alone_timeouts timed out (wrk: 2 s)"
echo "while 8 clients evaluate:   $busy_rps req/s, p50 $busy_p50, p99 $busy_p99, $busy_timeouts timed out (wrk: 2 s)"
python3 -c '
import sys
def ms(v): return float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
a, b = ms(sys.argv[1]), ms(sys.argv[2])
print(f"p99 ratio busy/alone: {b / a:.2f}" if a > 0 and b > 0 else "p99 ratio busy/alone: n/a (searches timed out)")' "$alone_p99" "$busy_p99"
echo "evaluation answers (status:count): $(cat "$scratch/operators-evals.txt")"
