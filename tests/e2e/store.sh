#!/bin/sh
# End-to-end tests of the event store: `dyad code --db` killed with SIGKILL
# at random moments and run again, two writers on one file, the schema
# check, and `dyad query`, `dyad plot`, `dyad export` on a generated
# corpus.  Run from the repository root by tests/run.sh.
. tests/e2e/lib.inc
if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "SKIP store: the sqlite3 shell is not installed (apt-get install sqlite3)"
    finish store
    exit 0
fi
q() { sqlite3 "$1" "$2"; }

# ---- a corpus: about 1,900 dated stories (bench/gen_corpus.sh) ----
sh bench/gen_corpus.sh "$TMP/c.jsonl" 3 2>/dev/null
N=$(wc -l <"$TMP/c.jsonl" | tr -d ' ')
echo "corpus: $N stories"

# ---- a clean run: the reference ----
start=$(date +%s%N)
$DYAD code -q --shallow --db "$TMP/ref.db" "$TMP/c.jsonl" >"$TMP/ref.out" 2>&1
check_eq clean_run_exit "$?" 0
ms=$((($(date +%s%N) - start) / 1000000))
echo "clean run: $ms ms"
check_eq clean_run_no_stdout "$(wc -c <"$TMP/ref.out" | tr -d ' ')" 0
check_eq clean_run_every_story "$(q "$TMP/ref.db" 'SELECT count(*) FROM stories')" "$N"
# what a database's content is, for comparing runs: events with their counts
content() {
    q "$1" "SELECT date, source, target, code, location, mentions, stories, sources
            FROM events ORDER BY 1, 2, 3, 4, 5" | md5sum
}
ref=$(content "$TMP/ref.db")
check_eq reference_has_events "$(q "$TMP/ref.db" 'SELECT count(*) > 0 FROM events')" 1

# ---- killed at random moments, then completed ----
# Each check after a kill: the file is sound, no story is there twice (the
# primary key would refuse it; counted anyway), every event's counts agree
# with its mentions, no mention lacks its event or sentence.
consistent() {
    db=$1
    [ "$(q "$db" 'PRAGMA integrity_check')" = ok ] || { echo "integrity_check failed"; return 1; }
    [ "$(q "$db" 'SELECT count(*) - count(DISTINCT story_id) FROM stories')" = 0 ] || return 1
    [ "$(q "$db" 'SELECT count(*) FROM events e WHERE mentions !=
        (SELECT count(*) FROM mentions m WHERE m.event_id = e.event_id)
        OR stories != (SELECT count(DISTINCT story_id) FROM mentions m WHERE m.event_id = e.event_id)')" = 0 ] || return 1
    [ "$(q "$db" 'SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM events e
        WHERE e.event_id = m.event_id) OR NOT EXISTS (SELECT 1 FROM sentences s
        WHERE s.sentence_key = m.sentence_key)')" = 0 ] || return 1
    [ "$(q "$db" 'SELECT count(*) FROM stories s WHERE sentences !=
        (SELECT count(*) FROM sentences t WHERE t.story_id = s.story_id)')" = 0 ] || return 1
}
seed=$(date +%s)
echo "kill times from seed $seed"
kills=0
interrupted=0
for i in 1 2 3 4 5 6; do
    # a random moment between 5% and 95% of a clean run
    delay=$(awk -v s="$seed" -v i="$i" -v ms="$ms" \
        'BEGIN { srand(s + i); printf "%.3f", (0.05 + 0.9 * rand()) * ms / 1000 }')
    $DYAD code -q --shallow --db "$TMP/k.db" "$TMP/c.jsonl" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null
    # the stories this run wrote (each run codes the corpus from the start)
    stored=$(q "$TMP/k.db" 'SELECT count(*) FROM stories WHERE run_id =
        (SELECT max(run_id) FROM runs)' 2>/dev/null)
    echo "kill $i after ${delay}s: ${stored:-0} stories written by this run"
    [ "${stored:-0}" -lt "$N" ] && interrupted=$((interrupted + 1))
    if [ -f "$TMP/k.db" ]; then
        check "consistent_after_kill_$i" consistent "$TMP/k.db"
    fi
done
check "some_runs_were_interrupted ($interrupted of $kills)" test "$interrupted" -ge 1
$DYAD code -q --shallow --db "$TMP/k.db" "$TMP/c.jsonl" >/dev/null 2>&1
check_eq rerun_exit "$?" 0
check_eq rerun_every_story_once "$(q "$TMP/k.db" 'SELECT count(*), count(DISTINCT story_id) FROM stories')" "$N|$N"
check rerun_consistent consistent "$TMP/k.db"
check_eq rerun_same_events_as_clean_run "$(content "$TMP/k.db")" "$ref"
check_eq rerun_sentences_as_clean_run "$(q "$TMP/k.db" 'SELECT count(*) FROM sentences')" \
    "$(q "$TMP/ref.db" 'SELECT count(*) FROM sentences')"
check_eq text_index_sound "$(q "$TMP/k.db" "INSERT INTO sentences_fts(sentences_fts) VALUES('integrity-check'); SELECT 'ok'")" ok
check_eq text_index_complete "$(q "$TMP/k.db" "SELECT (SELECT indexed_upto FROM text_index) >= (SELECT max(sentence_key) FROM sentences)")" 1
check_eq killed_runs_have_no_end "$(q "$TMP/k.db" 'SELECT count(*) >= 1 FROM runs WHERE finished IS NULL')" 1
check_eq last_run_finished "$(q "$TMP/k.db" 'SELECT finished IS NOT NULL AND stories_read = '"$N"' FROM runs ORDER BY run_id DESC LIMIT 1')" 1

# ---- two writers on one file wait for each other ----
half=$((N / 2))
head -n "$half" "$TMP/c.jsonl" >"$TMP/c1.jsonl"
tail -n +"$((half + 1))" "$TMP/c.jsonl" >"$TMP/c2.jsonl"
$DYAD code -q --shallow --db "$TMP/two.db" "$TMP/c1.jsonl" >/dev/null 2>"$TMP/w1.err" &
p1=$!
$DYAD code -q --shallow --db "$TMP/two.db" "$TMP/c2.jsonl" >/dev/null 2>"$TMP/w2.err" &
p2=$!
wait "$p1"; r1=$?
wait "$p2"; r2=$?
check_eq two_writers_exit "$r1 $r2" "0 0"
check_eq two_writers_every_story "$(q "$TMP/two.db" 'SELECT count(*) FROM stories')" "$N"
check_eq two_writers_same_events "$(content "$TMP/two.db")" "$ref"

# ---- the schema version is checked ----
sqlite3 "$TMP/newer.db" "CREATE TABLE t(x); PRAGMA application_id = 1685676388; PRAGMA user_version = 7;"
$DYAD code -q --shallow --db "$TMP/newer.db" "$TMP/c1.jsonl" >/dev/null 2>"$TMP/newer.err"
check_eq newer_schema_exit "$?" 1
check newer_schema_message grep -q "schema version 7, but this dyad .* reads version 1 only; use a newer dyad" "$TMP/newer.err"
$DYAD query --db "$TMP/newer.db" >/dev/null 2>&1
check_eq newer_schema_query_exit "$?" 1
$DYAD query --db "$TMP/absent.db" >/dev/null 2>"$TMP/absent.err"
check_eq absent_db_exit "$?" 1
check absent_db_not_created test ! -e "$TMP/absent.db"

# ---- no progress line when standard error is not a terminal ----
check_eq no_progress_when_piped "$(tr -cd '\r' <"$TMP/w1.err" | wc -c | tr -d ' ')" 0

# ---- the founding example: query, plot, export ----
EXAMPLE=examples/lavrov-xi-beijing-2024-04-09.txt
$DYAD code -q --db "$TMP/ex.db" "$EXAMPLE" >/dev/null 2>&1
check_eq example_db_exit "$?" 0
# who said what: Lavrov, Xi and ("He replied: ...") Peskov
check_eq example_quote_speakers "$(q "$TMP/ex.db" "SELECT group_concat(DISTINCT speaker_code) FROM (SELECT speaker_code FROM quotes WHERE speaker_name LIKE '%Lavrov%' OR speaker_name = 'Xi' OR speaker_name LIKE '%Peskov%' ORDER BY speaker_code)")" "CHNGOV,RUSGOV"
check_eq example_quote_peskov "$(q "$TMP/ex.db" "SELECT count(*) > 0 FROM quotes WHERE speaker_name LIKE '%Peskov' AND kind = 'direct' AND sentence_key IS NOT NULL")" 1
got=$($DYAD query --db "$TMP/ex.db" --dyad RUS-CHN --by month)
# five events RUS* -> CHN* in 2024, all verbal cooperation: in March
# (dated by "last month", "in March this year") the intent to visit (036)
# and the praise of Xi's message (051); on 9 April the meeting in Beijing
# (040, reported twice: two mentions), the praise of China (051) and
# Lavrov's visit to Beijing (042)
check_eq query_dyad_by_month "$(echo "$got" | tail -n 2 | cut -f 1-3,6-9 | tr '\n' ' ')" "2024-03	2	2	2	0	0	0 2024-04	3	4	3	0	0	0 "
check_eq query_tsv_header "$(echo "$got" | head -n 1 | cut -f 1-3)" "period	events	mentions"
n=$($DYAD query --db "$TMP/ex.db" --text '"two-day visit"' --format jsonl | grep -c '"code":"040"')
check_eq query_text_search "$n" 1
$DYAD query --db "$TMP/ex.db" --by fortnight >/dev/null 2>"$TMP/by.err"
check_eq query_bad_period_exit "$?" 1
$DYAD plot --db "$TMP/ex.db" --dyad RUS-CHN --by month -o "$TMP/ex.svg"
check_eq plot_exit "$?" 0
check plot_is_svg grep -q '^<svg xmlns="http://www.w3.org/2000/svg"' "$TMP/ex.svg"
check_eq plot_series "$(grep -c '<g class="series"' "$TMP/ex.svg")" 5
for f in gdelt-events:61 gdelt-mentions:16 phoenix:26; do
    $DYAD export --db "$TMP/ref.db" --format "${f%:*}" >"$TMP/exp.tsv"
    check_eq "export_${f%:*}_columns" "$(awk -F'\t' '{print NF}' "$TMP/exp.tsv" | sort -u)" "${f#*:}"
    check_eq "export_${f%:*}_rows" "$(wc -l <"$TMP/exp.tsv" | tr -d ' ')" \
        "$(q "$TMP/ref.db" "SELECT $([ "${f%:*}" = gdelt-mentions ] && echo 'count(*) FROM mentions' || echo 'count(*) FROM events')")"
done
# GDELT's documented types: ids and dates integers, FractionDate a decimal,
# QuadClass 1-4, GoldsteinScale within -10..10, counts integers (awk may be
# mawk, which has no {n} in regular expressions: lengths are checked apart)
bad=$($DYAD export --db "$TMP/ref.db" --format gdelt-events | awk -F'\t' '
    function int_of(v, n) { return v ~ /^[0-9]+$/ && (n == 0 || length(v) == n) }
    !int_of($1, 0) || !int_of($2, 8) || !int_of($3, 6) || !int_of($4, 4) ||
    $5 !~ /^[0-9][0-9][0-9][0-9][.][0-9][0-9][0-9][0-9]$/ || $30 !~ /^[1-4]$/ ||
    $31 < -10 || $31 > 10 || !int_of($32, 0) || !int_of($33, 0) || !int_of($34, 0) ||
    !int_of($60, 14)' | wc -l)
check_eq export_gdelt_types "$(echo $bad)" 0

# ---- the README's example queries run unchanged ----
awk '/^```sql$/ { n++; f = sprintf("%s/readme%d.sql", dir, n); next }
     /^```$/ { f = "" } f { print > f }' dir="$TMP" README.md
for f in "$TMP"/readme*.sql; do
    [ -f "$f" ] || continue
    sqlite3 -header "$TMP/ex.db" <"$f" >"$TMP/readme.out" 2>&1
    rc=$?
    check_eq "readme_query_$(basename "$f" .sql)" "$rc $(($(wc -l <"$TMP/readme.out") >= 2))" "0 1"
done
# the first gives what the README shows (see query_dyad_by_month): the
# 2018 meeting ("The two last met in 2018", 040, Goldstein 1.0), then mean
# Goldstein (4.0 + 3.4) / 2 in March 2024, (1.0 + 3.4 + 1.9) / 3 in April
check_eq readme_first_query "$(sqlite3 "$TMP/ex.db" <"$TMP/readme1.sql" | tr '\n' ' ')" "2018|1|0|1.0 2024-03|2|0|3.7 2024-04|3|0|2.1 "
finish store
