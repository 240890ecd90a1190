#!/usr/bin/env python3
"""Writes a JSON Lines corpus of about --mb megabytes to stdout for the scale benchmarks.

The documents are the "text" fields of the given .jsonl files and the contents of the given
.txt files (directories are searched), read at run time and repeated with fresh ids until the
size is reached. Nothing is stored: pipe it where it is needed. Standard library only.

    benches/corpus.py --mb 100 ../shared/eval > /tmp/corpus.jsonl
    benches/corpus.py --mb 1000 ../shared/eval | analyze --input jsonl -q > /dev/null
"""
import argparse
import json
import os
import sys


def documents(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                yield from documents(os.path.join(root, f) for f in sorted(files))
        elif path.endswith(".jsonl"):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(record, dict) and isinstance(record.get("text"), str):
                        yield record["text"]
        elif path.endswith(".txt"):
            with open(path, encoding="utf-8") as f:
                yield f.read()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100, help="megabytes of text to write (default 100)")
    parser.add_argument("paths", nargs="*", default=[os.path.join(here, "..", "..", "shared", "eval")])
    args = parser.parse_args()
    texts = [(json.dumps(t, ensure_ascii=False).encode(), len(t.encode())) for t in documents(args.paths)]
    if not texts:
        sys.exit("corpus.py: no documents found in " + ", ".join(args.paths))
    limit = int(args.mb * 1e6)
    written = 0
    n = 0
    out = sys.stdout.buffer
    try:
        while written < limit:
            for encoded, size in texts:
                n += 1
                out.write(b'{"id": %d, "text": %s}\n' % (n, encoded))
                written += size
                if written >= limit:
                    break
        out.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    main()
