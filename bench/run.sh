#!/bin/sh
# make bench: generates the corpora (once) and prints the figures.
set -eu
B=${B:-build}
mkdir -p "$B/bench"
corpus="$B/bench/ewt-50mb.jsonl"
[ -s "$corpus" ] || sh bench/gen_corpus.sh "$corpus" 50
echo "corpus: $corpus ($(du -m "$corpus" | cut -f1) MB, $(wc -l <"$corpus") stories)"
"$B/bench/bench" front "$corpus"
"$B/bench/bench" full "$corpus"
