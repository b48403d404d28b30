#!/usr/bin/env python3
"""plover_eval.py — scores `dyad code` on the PLOVER gold-standard sentences.

    scripts/plover_eval.py GOLD.json [-- DYAD-CODE-OPTIONS...]

GOLD.json is PLOVER_GSR_CAMEO.txt (a JSON array of records with text,
date, event, source[].code, target[].code).  Each record becomes one
story; dyad codes them all at once.  A record is *found* when one of its
events has the record's PLOVER type, a source whose country (first three
letters of the code) is one of the gold sources, and, when the gold names
a target, a target whose country is one of the gold targets.  An event is
*correct* when it is the found event of its record.  Prints recall (found
/ records), precision (correct / events) and the counts.

A development measurement (used to compare the shallow coder with the
parsed one), not a test: the gold sentences are not a tuning set.
"""
import json
import subprocess
import sys


def countries(actors):
    """Country parts of the gold codes; a target given as text names none."""
    if not isinstance(actors, list):
        return set()
    return {a.get("code", "")[:3] for a in actors if isinstance(a, dict) and a.get("code")}


def main():
    args = sys.argv[1:]
    extra = args[args.index("--") + 1:] if "--" in args else []
    gold = [r for r in json.load(open(args[0])) if r.get("text") and r.get("event") != "DOCUMENT"]
    stories = "".join(json.dumps({"id": r["id"], "date": r.get("date", "2000-01-01"),
                                  "text": r["text"]}) + "\n" for r in gold)
    out = subprocess.run(["build/dyad", "code", "--input-format", "jsonl", "-q"] + extra,
                         input=stories, capture_output=True, text=True, check=False).stdout
    events = {}
    for line in out.splitlines():
        e = json.loads(line)
        events.setdefault(e["story_id"], []).append(e)
    found = correct = n_events = typed = 0
    for r in gold:
        src, tgt = countries(r.get("source")), countries(r.get("target"))
        evs = events.get(r["id"], [])
        n_events += len(evs)
        hits = [e for e in evs if e.get("plover") == r["event"] and
                (e["source"] or "")[:3] in src and
                (not tgt or (e.get("target") or "")[:3] in tgt)]
        typed += any(e.get("plover") == r["event"] for e in evs)
        if hits:
            found += 1
            correct += len(hits)
    n = len(gold)
    print(f"records {n}, events {n_events}")
    print(f"type found in {typed} records ({100.0 * typed / n:.1f}%)")
    print(f"recall {found}/{n} = {100.0 * found / n:.1f}%")
    print(f"precision {correct}/{n_events} = {100.0 * correct / max(n_events, 1):.1f}%")


if __name__ == "__main__":
    main()
