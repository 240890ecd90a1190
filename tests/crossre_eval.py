#!/usr/bin/env python3
"""Scores analyze's relations against CrossRE's news relations. Standard library only.

  tests/crossre_eval.py [DATA.jsonl] [--bin BIN] [-v]

DATA defaults to ../shared/eval/crossre-news-dev.jsonl beside the repository (read at run time,
never copied):
one sentence per line with "id", "text", gold "entities" (character spans) and "relations"
(head and tail entity indexes, "label"). Runs `BIN --input jsonl DATA` once.

CrossRE has no office or talks labels, so only two mappings are scored:
  holds_office (person with its country or organization) and member_of -> role
  located_in (place with its location)                                 -> physical
A predicted pair matches a gold relation of the mapped label when each predicted argument
has a mention overlapping one gold argument's span and the other predicted argument one
overlapping the other's (either direction: CrossRE writes role both ways). Precision counts
predicted pairs that match; recall counts gold relations of those labels that are matched.
"""
import argparse
import json
import subprocess
from pathlib import Path
import sys

LABELS = ("role", "physical")


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def pairs_of(doc):
    """(label, spans of argument 1, spans of argument 2, description) for each relation."""
    ents = {e["id"]: e for e in doc.get("entities", [])}

    def spans(ref):
        e = ents.get(ref["id"]) if isinstance(ref, dict) else None
        return [(m["start"], m["end"]) for m in e["mentions"]] if e else []

    out = []
    for r in doc.get("relations", []):
        t = r.get("type")
        if t in ("holds_office", "member_of"):
            body = r.get("organization") or r.get("country")
            if isinstance(body, dict):
                out.append(("role", spans(r["person"]), spans(body), f"{r['person']['name']} / {body['name']}"))
        elif t == "located_in":
            out.append(("physical", spans(r["place"]), spans(r["location"]),
                        f"{r['place']['name']} / {r['location']['name']}"))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "crossre-news-dev.jsonl"
    ap.add_argument("data", nargs="?", default=str(default))
    ap.add_argument("--bin", default="target/release/analyze")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()

    gold_docs = [json.loads(line) for line in open(a.data, encoding="utf-8") if line.strip()]
    proc = subprocess.run([a.bin, "--input", "jsonl", a.data], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"crossre_eval: {a.bin} exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    preds = {}
    for line in proc.stdout.splitlines():
        if line.strip():
            d = json.loads(line)
            preds[str(d.get("id"))] = d

    tp = fp = 0
    gold_total = {l: 0 for l in LABELS}
    gold_hit = {l: 0 for l in LABELS}
    pred_by = {l: [0, 0] for l in LABELS}  # [matched, predicted]
    for g in gold_docs:
        gents = g["entities"]
        golds = [(r["label"], (gents[r["head"]]["start"], gents[r["head"]]["end"]),
                  (gents[r["tail"]]["start"], gents[r["tail"]]["end"]))
                 for r in g["relations"] if r["label"] in LABELS]
        for lab, _, _ in golds:
            gold_total[lab] += 1
        hit = set()
        for lab, xs, ys, desc in pairs_of(preds.get(str(g["id"]), {})):
            found = None
            for i, (glab, h, t) in enumerate(golds):
                if glab != lab:
                    continue
                fwd = any(overlaps(x, h) for x in xs) and any(overlaps(y, t) for y in ys)
                back = any(overlaps(x, t) for x in xs) and any(overlaps(y, h) for y in ys)
                if fwd or back:
                    found = i
                    break
            pred_by[lab][1] += 1
            if found is None:
                fp += 1
                if a.verbose:
                    print(f"  FP {lab}: {desc} || {g['text'][:120]}")
            else:
                tp += 1
                pred_by[lab][0] += 1
                hit.add(found)
        for i in hit:
            gold_hit[golds[i][0]] += 1
        if a.verbose:
            for i, (lab, h, t) in enumerate(golds):
                if i not in hit:
                    print(f"  FN {lab}: {g['text'][h[0]:h[1]]} / {g['text'][t[0]:t[1]]} || {g['text'][:120]}")

    for lab in LABELS:
        m, n = pred_by[lab]
        p = m / n if n else 0.0
        r = gold_hit[lab] / gold_total[lab] if gold_total[lab] else 0.0
        print(f"  {lab:9s} P {p:.3f}  R {r:.3f}  (predicted {n}, matched {m}, gold {gold_total[lab]}, found {gold_hit[lab]})")
    total_gold = sum(gold_total.values())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = sum(gold_hit.values()) / total_gold if total_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"crossre role+physical: P {p:.3f} R {r:.3f} F1 {f:.3f} (predicted {tp + fp}, gold {total_gold})")


if __name__ == "__main__":
    main()
