#!/bin/sh
# End-to-end checks of `dyad dict stats`: entries by kind, CAMEO coverage
# and people by country, for the built-in set and a small set written here.
. tests/e2e/lib.inc

$DYAD dict stats >"$TMP/builtin.out" 2>"$TMP/builtin.err"
check_eq builtin_exit "$?" 0
# Every ISO 3166-1 entity (249) and Kosovo, one entry and one code each.
check builtin_countries grep -qx '  countries and territories: 250 (250 codes)' "$TMP/builtin.out"
check builtin_people_by_country grep -q '^people by country: [0-9]* countries' "$TMP/builtin.out"
# The built-in verb dictionary gives every CAMEO code of data/cameo.txt.
n_cameo=$(grep -c '^[0-9]' data/cameo.txt)
check builtin_cameo_all grep -qx "CAMEO codes given by a verb or pattern: $n_cameo of $n_cameo" "$TMP/builtin.out"
check builtin_cameo_none grep -qx '  none: (every code has one)' "$TMP/builtin.out"
# The built-in people (leaders*.actors.txt) and agents only grow: at least
# this many people in at least this many countries (IGO counted as one),
# at least this many agents.
n_people=$(sed -n 's/^  people (date-restricted roles): //p' "$TMP/builtin.out")
check builtin_people_min test "${n_people:-0}" -ge 5000
n_people_countries=$(sed -n 's/^people by country: \([0-9]*\) countries.*/\1/p' "$TMP/builtin.out")
check builtin_people_countries_min test "${n_people_countries:-0}" -ge 200
n_agents=$(sed -n 's/^agents: \([0-9]*\) entries.*/\1/p' "$TMP/builtin.out")
check builtin_agents_min test "${n_agents:-0}" -ge 650

mkdir "$TMP/d"
cat >"$TMP/d/a.actors.txt" <<'TXT'
RUSSIA_ [RUS]
+RUSSIAN
MOSCOW_ [RUSGOV]
UNITED_NATIONS_ [IGOUNO]
VLADIMIR_PUTIN_
+PUTIN
[RUSGOV 20000507-20080507]
[RUSGOV >20120507]
ANTONIO_GUTERRES_
[PRTGOV 19951028-20020406]
[IGOUNO >20170101]
TXT
cat >"$TMP/d/v.verbs.txt" <<'TXT'
--- CONSULT [040] ---
MEET {MET}
- * WITH + [040]
--- PRAISE [051] ---
PRAISE
TXT
printf 'SOLDIER [~MIL]\nPOLICE [~COP]\n' >"$TMP/d/g.agents.txt"
$DYAD dict stats --dictionary-dir "$TMP/d" --verbs v.verbs.txt --actors a.actors.txt \
    --agents g.agents.txt >"$TMP/small.out" 2>"$TMP/small.err"
check_eq small_exit "$?" 0
# Putin's latest role is RUSGOV (open-ended), Guterres's IGOUNO: one person
# under IGO and one under RUS, in code order when the counts tie.
want="actors: 5 entries, 7 phrases
  countries and territories: 1 (1 codes)
  international and non-state organisations: 1
  people (date-restricted roles): 2
  other (seats of government, groups): 1"
check_eq small_kinds "$(head -5 "$TMP/small.out")" "$want"
check small_agents grep -q '^agents: 2 entries, ' "$TMP/small.out"
check small_verbs grep -qx 'verbs: 2, patterns: 1, synonym sets: 0' "$TMP/small.out"
check small_cameo grep -qx "CAMEO codes given by a verb or pattern: 2 of $n_cameo" "$TMP/small.out"
check_eq small_uncovered "$(grep '^  none:' "$TMP/small.out" | tr ' ' '\n' | grep -c -x -e 040 -e 051 -e 010)" 1
check_eq small_people "$(sed -n '/^people by country/,$p' "$TMP/small.out")" "people by country: 2 countries (top 2)
  IGO 1
  RUS 1"

$DYAD dict stats --actors /nonexistent/x.actors.txt >/dev/null 2>"$TMP/missing.err"
check_eq missing_file_exit "$?" 1
check missing_file_message grep -q "/nonexistent/x.actors.txt" "$TMP/missing.err"

finish dict_stats
