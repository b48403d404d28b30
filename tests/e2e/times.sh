#!/bin/sh
# End-to-end tests of `dyad times` (temporal expressions) and of the
# event date fields of `dyad code`.  Run from the repository root by
# tests/run.sh.
. tests/e2e/lib.inc
EXAMPLE=examples/lavrov-xi-beijing-2024-04-09.txt

# ---- the founding example ----
$DYAD times "$EXAMPLE" >"$TMP/ex.jsonl" 2>"$TMP/ex.err"
check_eq example_exit "$?" 0
missing=""
for f in story_id start end text type value; do
    n=$(grep -c "\"$f\":" "$TMP/ex.jsonl")
    [ "$n" -eq "$(wc -l <"$TMP/ex.jsonl")" ] || missing="$missing $f"
done
check_eq example_every_field_present "$missing" ""
check example_tuesday grep -q '"text":"Tuesday","type":"DATE","value":"2024-04-09"' "$TMP/ex.jsonl"
check example_last_month grep -q '"text":"last month","type":"DATE","value":"2024-03"' "$TMP/ex.jsonl"
check example_march grep -q '"text":"March of this year","type":"DATE","value":"2024-03"' "$TMP/ex.jsonl"
check example_2018 grep -q '"text":"2018","type":"DATE","value":"2018"' "$TMP/ex.jsonl"
check example_decade grep -q '"text":"the past decade","type":"DURATION","value":"P10Y"' "$TMP/ex.jsonl"

# ---- offsets are bytes of the story text as given ----
# Curly quotes (cleaned to straight ones, two bytes shorter each) come
# before each expression, so offsets into the cleaned text would be wrong.
text='“Talks resumed”, he said on Friday. The rebels withdrew in March 2023. Peace talks begin next week.'
printf '{"id":"o1","date":"2024-04-09","text":"%s"}\n' "$text" >"$TMP/o.jsonl"
printf '%s' "$text" >"$TMP/o.txt"
$DYAD times "$TMP/o.jsonl" >"$TMP/o.out" 2>/dev/null
check_eq offsets_count "$(wc -l <"$TMP/o.out" | tr -d ' ')" 3
bad=""
while IFS= read -r line; do
    start=$(echo "$line" | sed 's/.*"start":\([0-9]*\).*/\1/')
    end=$(echo "$line" | sed 's/.*"end":\([0-9]*\).*/\1/')
    want=$(echo "$line" | sed 's/.*"text":"\([^"]*\)".*/\1/')
    got=$(tail -c +$((start + 1)) "$TMP/o.txt" | head -c $((end - start)))
    [ "$got" = "$want" ] || bad="$bad [$want != $got]"
done <"$TMP/o.out"
check_eq offsets_slice_story_text "$bad" ""
check offsets_values grep -q '"text":"March 2023","type":"DATE","value":"2023-03"' "$TMP/o.out"

# ---- options and bad input ----
check help "$DYAD" times --help
$DYAD times --no-such-option >/dev/null 2>&1; check_eq unknown_option_exit "$?" 1
printf '{"id":"g1","date":"2024-04-09","text":"They met on Monday."}\n{"id":"b1","date":"2024-02-30","text":"x"}\n' >"$TMP/bad.jsonl"
$DYAD times "$TMP/bad.jsonl" >"$TMP/bad.out" 2>"$TMP/bad.err"
check_eq bad_record_exit "$?" 2
check bad_record_message grep -q 'bad.jsonl:2: id b1: impossible date' "$TMP/bad.err"
check good_record_kept grep -q '"story_id":"g1".*"value":"2024-04-08"' "$TMP/bad.out"

# ---- event dates in `dyad code` ----
$DYAD code "$EXAMPLE" >"$TMP/code.jsonl" 2>/dev/null
check code_meeting_dated grep -q '"date":"2024-04-09".*"code":"040".*"date_text":"Tuesday"' "$TMP/code.jsonl"
check code_intent_dated grep -q '"date":"2024-03".*"code":"036".*"date_text":"last month"' "$TMP/code.jsonl"
n=$(grep -c '"date_text":' "$TMP/code.jsonl")
check_eq code_date_text_everywhere "$n" "$(wc -l <"$TMP/code.jsonl" | tr -d ' ')"
$DYAD code --format tsv "$EXAMPLE" >"$TMP/code.tsv" 2>/dev/null
check_eq tsv_date_text_column "$(head -n 1 "$TMP/code.tsv" | awk -F'\t' '{print $28}')" date_text

finish times
