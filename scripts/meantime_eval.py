#!/usr/bin/env python3
"""Measures `dyad times` on the MEANTIME corpus (English Wikinews articles
annotated with TIMEX3 expressions and each article's creation time).

Each article's tokens are joined back into text (no space before closing
punctuation, one sentence a paragraph; the dateline that carries the
creation time is left out: it becomes the story date).  The text goes
through `dyad times` as JSON Lines, and every gold DATE expression (the
creation time excepted) is scored:

  found   some expression dyad reports overlaps it (by bytes)
  exact   an overlapping expression has exactly the gold value

and, for information, how many of the expressions dyad reports in the
annotated sentences (the corpus annotates the first few of each article)
overlap no gold TIMEX3 of any type.

usage: meantime_eval.py [--dyad PATH] [--min-found PCT] [--min-exact PCT]
                        [--misses] MEANTIME_DIR

Exit status 1 when a figure falls below its --min-* threshold.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "'re",
                   "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "$", "#"}


def read_article(path):
    """Tokens, timexes and the last annotated sentence of one MEANTIME file
    (the corpus annotates the first sentences of each article only)."""
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id"), int(t.get("sentence")), t.text or "") for t in root.iter("token")]
    sent_of = {tid: s for tid, s, _ in tokens}
    markables = root.find("Markables")
    last = max((sent_of.get(a.get("t_id"), 0) for a in markables.iter("token_anchor")),
               default=0) if markables is not None else 0
    timexes = []
    for tx in root.iter("TIMEX3"):
        ids = [a.get("t_id") for a in tx.iter("token_anchor")]
        timexes.append({"type": tx.get("type"), "value": tx.get("value"),
                        "dct": tx.get("functionInDocument") == "CREATION_TIME", "ids": ids})
    return root.get("doc_id"), tokens, timexes, last


def build_text(tokens, skip_sentence):
    """The text and each token's (start, end) byte offsets in it."""
    out, spans, prev_sent, prev_tok = bytearray(), {}, None, None
    for tid, sent, form in tokens:
        if sent == skip_sentence:
            continue
        if prev_sent is not None and sent != prev_sent:
            out += b"\n\n"
        elif prev_tok is not None and form not in NO_SPACE_BEFORE and prev_tok not in NO_SPACE_AFTER:
            out += b" "
        start = len(out)
        out += form.encode("utf-8")
        spans[tid] = (start, len(out))
        prev_sent, prev_tok = sent, form
    return out.decode("utf-8"), spans


def iso_date(value):
    """YYYY-MM-DD from a creation time (a few are written DD-MM-YYYY)."""
    v = (value or "")[:10]
    if len(v) == 10 and v[4] == "-" and v[7] == "-":
        return v
    if len(v) == 10 and v[2] == "-" and v[5] == "-":
        return f"{v[6:]}-{v[3:5]}-{v[:2]}"
    return None


def articles(folder):
    """Yields (id, date, text, gold DATE expressions as (start, end, value, words))."""
    for path in sorted(glob.glob(os.path.join(folder, "corpus_*", "*.xml"))):
        doc_id, tokens, timexes, last = read_article(path)
        dct = [t for t in timexes if t["dct"]]
        date = iso_date(dct[0]["value"]) if dct else None
        if not date:
            print(f"meantime: {os.path.basename(path)}: no creation time; skipped", file=sys.stderr)
            continue
        sent_of = {tid: s for tid, s, _ in tokens}
        dct_sents = {sent_of[i] for i in dct[0]["ids"] if i in sent_of}
        skip = None
        if len(dct_sents) == 1:
            s = dct_sents.pop()
            if all(tid in dct[0]["ids"] for tid, ts, _ in tokens if ts == s):
                skip = s
        text, spans = build_text(tokens, skip)
        annotated_end = max((spans[tid][1] for tid, s, _ in tokens if s <= last and tid in spans),
                            default=0)
        gold, every = [], []
        for t in timexes:
            ids = [i for i in t["ids"] if i in spans]
            if t["dct"] or not ids:
                continue
            start, end = spans[ids[0]][0], spans[ids[-1]][1]
            every.append((start, end))
            if t["type"] == "DATE":
                words = text.encode("utf-8")[start:end].decode("utf-8")
                gold.append((start, end, t["value"], words))
        yield doc_id, date, text, gold, every, annotated_end


def run_dyad(dyad, stories):
    lines = "".join(json.dumps({"id": i, "date": d, "text": t}) + "\n" for i, d, t, _, _, _ in stories)
    res = subprocess.run([dyad, "times", "--input-format", "jsonl", "-"], input=lines.encode(),
                         capture_output=True, check=False)
    if res.returncode not in (0, 2):
        sys.exit(f"meantime: {dyad} times failed: {res.stderr.decode()}")
    found = {}
    for line in res.stdout.decode().splitlines():
        x = json.loads(line)
        found.setdefault(x["story_id"], []).append(x)
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--min-found", type=float, default=0)
    ap.add_argument("--min-exact", type=float, default=0)
    ap.add_argument("--misses", action="store_true", help="list every gold DATE not exact")
    args = ap.parse_args()
    stories = list(articles(args.folder))
    system = run_dyad(args.dyad, stories)
    n = n_found = n_exact = n_reported = n_spurious = 0
    for doc_id, date, text, gold, every, annotated_end in stories:
        mine = system.get(str(doc_id), [])
        scored = [x for x in mine if x["start"] < annotated_end]
        n_reported += len(scored)
        n_spurious += sum(1 for x in scored
                          if not any(x["start"] < e and s < x["end"] for s, e in every))
        for start, end, value, words in gold:
            over = [x for x in mine if x["start"] < end and start < x["end"]]
            n += 1
            n_found += bool(over)
            ok = any(x["value"] == value for x in over)
            n_exact += ok
            if args.misses and not ok:
                got = "; ".join(f'{x["text"]}={x["value"]}' for x in over) or "-"
                raw = text.encode("utf-8")
                a, b = raw.rfind(b"\n", 0, start) + 1, raw.find(b"\n", end)
                context = raw[a:b if b >= 0 else len(raw)].decode("utf-8", "replace")
                print(f"MISS {doc_id} ({date}) \"{words}\" gold {value}; got {got}\n    {context}")
    pf = 100.0 * n_found / n if n else 0.0
    pe = 100.0 * n_exact / n if n else 0.0
    print(f"meantime: {len(stories)} articles, {n} gold DATE expressions: "
          f"found {n_found} ({pf:.1f}%), exact value {n_exact} ({pe:.1f}%); "
          f"{n_reported} expressions reported in the annotated sentences, "
          f"{n_spurious} overlapping no gold TIMEX3")
    if pf < args.min_found or pe < args.min_exact:
        print(f"meantime: below the recorded figures (found >= {args.min_found}%, "
              f"exact >= {args.min_exact}%)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
