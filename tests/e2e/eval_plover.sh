#!/bin/sh
# End-to-end checks of `dyad eval-plover`: scoring rules on a small gold
# file written here, then the PLOVER dev set (../shared/plover) against the
# figures recorded when the evaluation was added.
. tests/e2e/lib.inc

cat >"$TMP/table.txt" <<'TXT'
# CAMEO to PLOVER, a few lines in the published table's format
04: CONSULT
040: CONSULT,  , diplomatic # Consult
11: ACCUSE
12: REJECT
19: ASSAULT
~~~~~
TXT
cat >"$TMP/gold.json" <<'JSON'
[
{"id": "doc", "event": "DOCUMENT", "comment": "not scored"},
{"id": "meet", "date": "2024-04-09", "event": "CONSULT", "source": [{"code": "RUS"}],
 "text": "Russian Foreign Minister Sergei Lavrov met Chinese President Xi Jinping in Beijing on Tuesday."},
{"id": "condemn", "date": "2024-04-09", "event": "DISAPPROVE", "source": [{"code": "IRNGOV"}],
 "text": "Iran condemned Israel on Monday."},
{"id": "attack", "date": "2024-04-09", "event": "FIGHT", "source": [{"code": "UKR"}],
 "text": "Russian troops attacked Ukrainian positions near Kharkiv."},
{"id": "none", "date": "2024-04-09", "event": "PROTEST", "source": [{"code": "FRA"}],
 "text": "The weather was fine in Paris."},
{"id": "reject", "event": "REJECT", "source": [{"code": "GRL"}], "target": "the U.S.",
 "text": "Greenland rejected the proposal of the United States."},
{"id": "baddate", "date": "yesterday", "event": "AGREE", "source": [{"code": "USA"}],
 "text": "The United States agreed."},
{"id": "notype", "source": [{"code": "USA"}], "text": "The United States agreed."}
]
JSON
# meet: 040 -> CONSULT, source RUSGOV in RUS: found.  condemn: 111 -> ACCUSE
# (DISAPPROVE read as ACCUSE), IRN: found.  attack: 190 -> ASSAULT (FIGHT),
# but the source is RUSMIL, not UKR: an event, not found.  none: no event.
# reject: 120 -> REJECT, GRL (no date: 2000-01-01): found.  baddate and
# notype cannot be scored.  So 5 records, 4 events, 3 found, 3 correct.
$DYAD eval-plover --plover-table "$TMP/table.txt" "$TMP/gold.json" >"$TMP/small.out" 2>"$TMP/small.err"
check_eq small_exit "$?" 2
check_eq small_summary "$(tail -4 "$TMP/small.out")" "$TMP/gold.json: 5 records scored (1 without text or DOCUMENT, 2 failed), 4 events
recall    3/5 = 60.0%
precision 3/4 = 75.0%
no event  1/5 = 20.0%"
check small_per_type grep -q '^ASSAULT  *1  *0  *0.0%$' "$TMP/small.out"
check small_bad_date grep -q 'gold.json: record 7 id baddate: .*invalid date' "$TMP/small.err"
check small_no_type grep -q 'gold.json: record 8: no "event" type' "$TMP/small.err"

$DYAD eval-plover "$TMP/gold.json" >/dev/null 2>"$TMP/notable.err"
check_eq missing_table_exit "$?" 1
check missing_table_message grep -q "CAMEO2PLOVER-2021.txt" "$TMP/notable.err"
printf '04: CONSULT\nnot a table line\n' >"$TMP/bad.txt"
$DYAD eval-plover --plover-table "$TMP/bad.txt" "$TMP/gold.json" >/dev/null 2>"$TMP/bad.err"
check_eq bad_table_exit "$?" 1
check bad_table_message grep -q "bad.txt:2:" "$TMP/bad.err"

# at_least NAME OUTPUT-FILE LABEL MIN: the percentage on the LABEL line is >= MIN.
at_least() {
    got=$(awk -v l="$3" '$1 == l { sub(/%/, "", $NF); print $NF }' "$2")
    if [ -n "$got" ] && awk -v g="$got" -v m="$4" 'BEGIN { exit !(g >= m) }'; then pass "$1"
    else fail "$1" "$3 ${got:-missing}%, recorded $4%"; fi
}

GOLD=$SHARED/plover/PLOVER_GSR_CAMEO.txt
if [ -f "$GOLD" ]; then
    # Recorded with the built-in dictionaries: 198/322 found, 226/296 events.
    $DYAD eval-plover "$GOLD" >"$TMP/dev.out" 2>"$TMP/dev.err"
    check_eq dev_exit "$?" 0
    at_least dev_recall "$TMP/dev.out" recall 61.5
    at_least dev_precision "$TMP/dev.out" precision 76.4
    if [ -f "$SHARED/petrarch2/PETR_config.ini" ]; then
        # With PETRARCH2's dictionaries: 91/322 found, 109/358 events (the
        # precision was 32.2% before PETRARCH's "X said it ... with Y" target
        # convention added 010 statements, which have no PLOVER type).
        $DYAD eval-plover --petrarch-config "$SHARED/petrarch2/PETR_config.ini" \
            --dictionary-dir "$SHARED/petrarch2/dictionaries" "$GOLD" >"$TMP/ph.out" 2>"$TMP/ph.err"
        check_eq petrarch_exit "$?" 0
        at_least petrarch_recall "$TMP/ph.out" recall 28.3
        at_least petrarch_precision "$TMP/ph.out" precision 30.4
    else
        echo "SKIP petrarch dev set: $SHARED/petrarch2 not found"
    fi
else
    echo "SKIP PLOVER dev set: $GOLD not found"
fi

finish eval_plover
