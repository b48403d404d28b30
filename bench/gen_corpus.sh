#!/bin/sh
# Writes a benchmark corpus of dated stories as JSON Lines, at least
# MB megabytes (default 50), to OUT.
#
# Text: the sentences of the UD English EWT treebank ($SHARED/ud-english-ewt,
# the "# text = " lines), 20 to a story, each story dated a day later than
# the one before, the treebank repeated until the size is reached.  Without
# $SHARED it falls back to the sentences of the bundled example story.
set -eu
OUT=$1
MB=${2:-50}
SHARED=${SHARED:-../shared}
src="$SHARED/ud-english-ewt/en_ewt-ud-train.conllu"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
if [ -f "$src" ]; then
    sed -n 's/^# text = //p' "$src" >"$tmp"
else
    echo "bench: $src not found; using the bundled example story" >&2
    tail -n +2 examples/lavrov-xi-beijing-2024-04-09.txt | tr -s '\n' '\n' |
        sed 's/\([.?!]\) /\1\n/g' | sed '/^ *$/d' >"$tmp"
fi
awk -v limit=$((MB * 1024 * 1024)) '
    function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); return s }
    { lines[n++] = $0 }
    END {
        size = 0; story = 0; i = 0
        while (size < limit) {
            text = ""
            for (k = 0; k < 20; k++) { text = text (k ? " " : "") esc(lines[i % n]); i++ }
            d = story % 3650; y = 2015 + int(d / 365); doy = d % 365
            m = 1 + int(doy / 31); if (m > 12) m = 12; day = 1 + doy % 28
            line = sprintf("{\"id\":\"ewt-%d\",\"date\":\"%04d-%02d-%02d\",\"text\":\"%s\"}", story, y, m, day, text)
            print line
            size += length(line) + 1; story++
        }
    }' "$tmp" >"$OUT"
