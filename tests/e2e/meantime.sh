#!/bin/sh
# The temporal expression normalizer measured on the MEANTIME corpus
# ($SHARED/meantime): fails when the share of gold DATE expressions found
# or normalized to the exact gold value falls below the figures recorded
# in README.md ("Temporal expressions").  Skipped when the corpus or
# python3 is missing.
. tests/e2e/lib.inc
MIN_FOUND=86.8
MIN_EXACT=78.0
if [ ! -d "$SHARED/meantime" ]; then
    echo "SKIP meantime: $SHARED/meantime not found"
elif ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP meantime: python3 not installed"
else
    python3 scripts/meantime_eval.py --dyad "$DYAD" --min-found $MIN_FOUND \
        --min-exact $MIN_EXACT "$SHARED/meantime" >"$TMP/m.out" 2>"$TMP/m.err"
    rc=$?
    cat "$TMP/m.out"
    if [ $rc -eq 0 ]; then pass meantime_figures
    else fail meantime_figures "$(cat "$TMP/m.out" "$TMP/m.err" | tail -n 5)"; fi
fi
finish meantime
