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
"$B/bench/bench" parsed "$corpus" 3000
petrarch="${SHARED:-../shared}/petrarch2"
if [ -f "$petrarch/PETR_config.ini" ]; then
    "$B/bench/bench" dicts "$petrarch/PETR_config.ini" "$petrarch/dictionaries"
else
    echo "dicts: skipped ($petrarch not found)"
fi
gold="${SHARED:-../shared}/ud-english-ewt/en_ewt-ud-test.conllu"
if [ -f "$gold" ]; then
    "$B/bench/bench" syntax "$gold"
else
    echo "syntax: skipped ($gold not found)"
fi
