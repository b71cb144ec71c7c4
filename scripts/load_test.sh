#!/usr/bin/env bash
# Load and soak test of `evidence serve` on 127.0.0.1 only, bounded in time: wrk POSTs the search form
# with the fictional case descriptions of Corpus/cases (as 100-word excerpts), on the bundled corpus and,
# with RECORDS=N, on N synthetic records. Writes Benchmarks/results/load-latest.md.
#   scripts/load_test.sh [SECONDS] [SOAK_SECONDS]      (defaults 20 and 0; `make bench` soaks 600 s)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
soak=${2:-0}
evidence=.build/release/evidence
work=$(mktemp -d)
trap 'kill ${server:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
port=18080

python3 - "$work/bodies.txt" <<'PY'
import json, sys, urllib.parse
with open("Corpus/cases/queries.jsonl") as cases, open(sys.argv[1], "w") as out:
    for line in cases:
        words = json.loads(line)["text"].split()
        text = " ".join((words * 3)[:100])          # exactly 100 words
        out.write(urllib.parse.urlencode({"description": text}) + "\n")
PY

run_one() {   # label database
  local label=$1 database=$2
  "$evidence" serve --database "$database" --port $port > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && break; sleep 0.2; done
  LOAD_BODIES="$work/bodies.txt" wrk -t2 -c8 -d"${seconds}s" --latency -s scripts/load_test.lua "http://127.0.0.1:$port/" > "$work/wrk.txt"
  local rps p50 p99 non2xx errors total
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  total=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {print $0}' "$work/wrk.txt"); errors=${errors:-none}
  echo "| $label | ${seconds} s, 8 connections | $total | $rps | $p50 | $p99 | $non2xx | $errors |" >> "$work/table.md"
  if [ "$soak" -gt 0 ]; then
    LOAD_BODIES="$work/bodies.txt" wrk -t2 -c8 -d"${soak}s" -s scripts/load_test.lua "http://127.0.0.1:$port/" > "$work/soak.txt" &
    local load=$! samples=""
    sleep 60
    while kill -0 $load 2>/dev/null; do samples="$samples $(awk '/VmRSS/ {print $2}' /proc/$server/status)"; sleep 10; done
    python3 - "$label" $samples >> "$work/soak.md" <<'PY'
import sys
label, samples = sys.argv[1], [int(x) for x in sys.argv[2:]]
first, last = samples[0], samples[-1]
print(f"| {label} | {len(samples) * 10 + 60} s | {first / 1024:.1f} MB | {last / 1024:.1f} MB | {100 * (last - first) / first:+.1f}% |")
PY
  fi
  kill $server; wait $server 2>/dev/null || true
  if grep -q "Ottoline\|description=" "$work/serve.log"; then echo "the server log holds request bodies" >&2; exit 1; fi
}

"$evidence" import --database "$work/corpus.sqlite" Corpus/ > /dev/null
"$evidence" index build --database "$work/corpus.sqlite" > /dev/null
echo "| corpus | load | requests | requests/s | p50 | p99 | non-2xx | socket errors |" > "$work/table.md"
echo "|---|---|---:|---:|---:|---:|---:|---|" >> "$work/table.md"
run_one "bundled corpus ($("$evidence" stats --database "$work/corpus.sqlite" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"])') records)" "$work/corpus.sqlite"

if [ -n "${RECORDS:-}" ]; then
  (cd Benchmarks && swift run -c release corpus-growth generate --records "$RECORDS" --out "$work/synthetic") > /dev/null
  "$evidence" import --database "$work/synthetic.sqlite" "$work/synthetic/docs.jsonl" > /dev/null 2>&1
  "$evidence" index build --database "$work/synthetic.sqlite" > /dev/null
  run_one "$RECORDS synthetic records" "$work/synthetic.sqlite"
fi

{
  echo "# Load test of evidence serve"
  echo
  echo "$(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); wrk (2 threads, 8 connections) on 127.0.0.1, POST /search with 100-word case descriptions."
  echo
  cat "$work/table.md"
  if [ -f "$work/soak.md" ]; then
    echo; echo "Soak: resident memory of the server after a minute of warm-up, and at the end."; echo
    echo "| corpus | soak | RSS after warm-up | RSS at the end | growth |"; echo "|---|---:|---:|---:|---:|"
    cat "$work/soak.md"
  fi
} | tee Benchmarks/results/load-latest.md
