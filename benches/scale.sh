#!/usr/bin/env bash
# Scale figures of the release binary: all-core speed-up of `--input jsonl`, startup latency
# on one small article, and peak resident memory over a long generated stream.
#
#   benches/scale.sh [EVAL_DIR]        # default ../shared/eval; MB=10 BIG_MB=100 to resize
#
# The corpus is generated at run time by benches/corpus.py from EVAL_DIR and kept in a
# temporary directory; nothing is written into the repository. Uses hyperfine when installed
# (apt-get install hyperfine), else a timed loop; peak RSS comes from /usr/bin/time -v.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
eval_dir=${1:-$here/../../shared/eval}
mb=${MB:-10}
big_mb=${BIG_MB:-100}
if [ ! -d "$eval_dir" ]; then
    echo "scale.sh: no corpus at $eval_dir; skipped"
    exit 0
fi
cd "$here/.."
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
bin=$target/release/analyze
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
"$here/corpus.py" --mb "$mb" "$eval_dir" > "$tmp/corpus.jsonl"
echo "corpus: $mb MB of article text, $(wc -l < "$tmp/corpus.jsonl") documents, from $eval_dir"
cat "$tmp/corpus.jsonl" > /dev/null # page cache

seconds() { # seconds for one run of the command given
    local s e
    s=$(date +%s.%N)
    "$@" > /dev/null
    e=$(date +%s.%N)
    echo "$e - $s" | bc -l
}
declare -A rate
for jobs in 1 2 $(nproc); do
    [ -n "${rate[$jobs]:-}" ] && continue
    best=
    for _ in 1 2; do
        t=$(seconds "$bin" --input jsonl -q --jobs "$jobs" "$tmp/corpus.jsonl")
        if [ -z "$best" ] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
    done
    rate[$jobs]=$(echo "$mb / $best" | bc -l)
    printf 'jobs %-2s %7.2f s  %7.1f MB/s  speed-up %.2fx\n' "$jobs" "$best" "${rate[$jobs]}" "$(echo "${rate[$jobs]} / ${rate[1]}" | bc -l)"
done

article=$(find "$eval_dir" -name '*.txt' | sort | head -1)
if [ -n "$article" ]; then
    echo "startup: analyze on $(basename "$article") ($(wc -c < "$article") bytes)"
    if command -v hyperfine > /dev/null; then
        hyperfine -N --warmup 20 --runs 300 --style basic "$bin $article" 2>&1 | grep -E 'Time|Range'
    else
        n=300
        t=$(seconds bash -c "for i in \$(seq $n); do '$bin' '$article' > /dev/null; done")
        printf '  mean %.2f ms over %d runs (loop, including fork)\n' "$(echo "$t * 1000 / $n" | bc -l)" "$n"
    fi
fi

echo "peak RSS: --input jsonl over a ${big_mb} MB stream on stdin"
s=$(date +%s.%N)
"$here/corpus.py" --mb "$big_mb" "$eval_dir" | /usr/bin/time -v "$bin" --input jsonl -q > /dev/null 2> "$tmp/time.txt"
e=$(date +%s.%N)
grep -E 'Maximum resident|Exit status' "$tmp/time.txt" | sed 's/^\s*/  /'
printf '  %.1f s, %.1f MB/s through the pipe\n' "$(echo "$e - $s" | bc -l)" "$(echo "$big_mb / ($e - $s)" | bc -l)"
