#!/usr/bin/env bash
# Runs the Spark job of analyze_rdd.py on a generated corpus and checks that its output equals
# the single-process run, line for line and in order.
#
#   benches/spark/compare.sh [MB] [EVAL_DIR]      # default 20 MB from ../shared/eval
#
# Needs Java (17 here) and pyspark; if pyspark is missing it is installed from PyPI into a
# virtual environment under ${SPARK_VENV:-/tmp/analyze-spark-venv}. Not part of the tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mb=${1:-20}
eval_dir=${2:-$root/../shared/eval}
if [ ! -d "$eval_dir" ]; then
    echo "compare.sh: no corpus at $eval_dir; skipped"
    exit 0
fi
venv=${SPARK_VENV:-/tmp/analyze-spark-venv}
if ! python3 -c 'import pyspark' 2> /dev/null; then
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet pyspark
    fi
    PATH="$venv/bin:$PATH"
fi
(cd "$root" && cargo build --release --quiet)
bin=${CARGO_TARGET_DIR:-$root/target}/release/analyze
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$here/../corpus.py" --mb "$mb" "$eval_dir" > "$tmp/corpus.jsonl"
echo "corpus: $(wc -l < "$tmp/corpus.jsonl") records, $mb MB of text"

s=$(date +%s.%N)
"$bin" --input jsonl --quiet "$tmp/corpus.jsonl" > "$tmp/single.jsonl"
e=$(date +%s.%N)
printf 'single process: %.1f s\n' "$(echo "$e - $s" | bc -l)"

s=$(date +%s.%N)
python3 "$here/analyze_rdd.py" "$tmp/corpus.jsonl" "$tmp/spark-out" --analyze "$bin" --partitions "${PARTITIONS:-8}" 2> "$tmp/spark.log" \
    || { tail -20 "$tmp/spark.log"; exit 1; }
e=$(date +%s.%N)
printf 'spark (local[*], %s partitions): %.1f s including JVM start\n' "${PARTITIONS:-8}" "$(echo "$e - $s" | bc -l)"

cat "$tmp"/spark-out/part-* > "$tmp/spark.jsonl"
if cmp -s "$tmp/single.jsonl" "$tmp/spark.jsonl"; then
    echo "identical: $(wc -l < "$tmp/spark.jsonl") lines, $(wc -c < "$tmp/spark.jsonl") bytes, same order"
else
    echo "DIFFERENT:"
    diff <(head -c 2000 "$tmp/single.jsonl") <(head -c 2000 "$tmp/spark.jsonl") | head -20
    exit 1
fi
