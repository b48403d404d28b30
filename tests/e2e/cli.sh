#!/bin/sh
# End-to-end tests of the dyad command line: formats, exit status, bad
# input, the summary.  Run from the repository root by tests/run.sh.
. tests/e2e/lib.inc
EXAMPLE=examples/lavrov-xi-beijing-2024-04-09.txt

# ---- basics ----
check_eq version "$($DYAD --version)" "dyad 0.1.0"
check help "$DYAD" code --help
$DYAD frobnicate >/dev/null 2>&1; check_eq unknown_command_exit "$?" 1
$DYAD code --no-such-option >/dev/null 2>&1; check_eq unknown_option_exit "$?" 1
$DYAD code --verbs /nonexistent/verbs.txt "$EXAMPLE" >/dev/null 2>"$TMP/err"
check_eq missing_dictionary_exit "$?" 1
check missing_dictionary_message grep -q "cannot read dictionary /nonexistent/verbs.txt" "$TMP/err"

# ---- the example, JSON Lines ----
$DYAD code "$EXAMPLE" >"$TMP/ex.jsonl" 2>"$TMP/ex.err"
check_eq example_exit "$?" 0
check example_has_events test -s "$TMP/ex.jsonl"
missing=""
for f in story_id sentence_id story_date date source target source_text target_text \
         code root quad_class goldstein plover verb_text location text evidence date_text; do
    n=$(grep -c "\"$f\":" "$TMP/ex.jsonl")
    [ "$n" -eq "$(wc -l <"$TMP/ex.jsonl")" ] || missing="$missing $f"
done
check_eq example_every_field_present "$missing" ""
check example_summary grep -q "1 stories read: 1 coded (1 with events), 0 discarded, 0 failed" "$TMP/ex.err"
check example_meeting grep -q '"source":"RUSGOV","target":"CHNGOV".*"code":"040"' "$TMP/ex.jsonl"

# ---- TSV and Phoenix: one header, constant column counts ----
$DYAD code --format tsv "$EXAMPLE" >"$TMP/ex.tsv" 2>/dev/null
check_eq tsv_header_columns "$(head -n 1 "$TMP/ex.tsv" | awk -F'\t' '{print NF}')" 32
check_eq tsv_row_columns "$(tail -n +2 "$TMP/ex.tsv" | awk -F'\t' '{print NF}' | sort -u)" 32
check_eq tsv_rows_match_jsonl "$(($(wc -l <"$TMP/ex.tsv") - 1))" "$(wc -l <"$TMP/ex.jsonl" | tr -d ' ')"
$DYAD code --format phoenix "$EXAMPLE" >"$TMP/ex.phx" 2>/dev/null
check_eq phoenix_columns "$(awk -F'\t' '{print NF}' "$TMP/ex.phx" | sort -u)" 26

$DYAD code --format text "$EXAMPLE" >"$TMP/ex.txt" 2>/dev/null
check_eq text_lines_match_jsonl "$(wc -l <"$TMP/ex.txt")" "$(wc -l <"$TMP/ex.jsonl")"
check text_meeting_line grep -q '^2024-04-09  RUSGOV -> CHNGOV  040 (Consult.*), Beijing  \[lavrov-xi-beijing-2024-04-09:1: "met"\]$' "$TMP/ex.txt"

# ---- standard input and directories ----
$DYAD code - <"$EXAMPLE" >"$TMP/stdin.jsonl" 2>/dev/null
check_eq stdin_exit "$?" 0
check_eq stdin_same_events "$(wc -l <"$TMP/stdin.jsonl")" "$(wc -l <"$TMP/ex.jsonl")"
mkdir -p "$TMP/dir/sub"
cp "$EXAMPLE" "$TMP/dir/a.txt"
printf 'date 2024-05-01\n\nRussia condemned Ukraine.\n' >"$TMP/dir/sub/b.txt"
printf '{"id":"j1","date":"20240102","text":"China praised Russia."}\n' >"$TMP/dir/sub/c.jsonl"
printf 'not a story\n' >"$TMP/dir/notes.md"
$DYAD code "$TMP/dir" >"$TMP/dir.jsonl" 2>"$TMP/dir.err"
check_eq directory_exit "$?" 0
check directory_summary grep -q "3 stories read: 3 coded" "$TMP/dir.err"
check directory_jsonl_story grep -q '"story_id":"j1","sentence_id":"j1:1","story_date":"2024-01-02"' "$TMP/dir.jsonl"

# ---- bad input: nothing lost, clear messages, exit 2 ----
{
    printf '{"id":"g1","date":"2024-01-01","text":"Russia praised China."}\n'
    printf '{"id":"bad1","date":"2024-01-01","text":"unterminated\n'
    printf '{"id":"g2","date":"2024-02-30","text":"Impossible date."}\n'
    printf '{"id":"g3","date":"2024-03-01","text":"China criticized Japan."}\n'
} >"$TMP/mixed.jsonl"
$DYAD code "$TMP/mixed.jsonl" >"$TMP/mixed.out" 2>"$TMP/mixed.err"
check_eq corrupt_jsonl_exit "$?" 2
check corrupt_jsonl_names_line grep -q "mixed.jsonl:2:" "$TMP/mixed.err"
check impossible_date_names_record grep -q "mixed.jsonl:3: id g2:" "$TMP/mixed.err"
check corrupt_jsonl_summary grep -q "4 stories read: 2 coded (2 with events), 0 discarded, 2 failed" "$TMP/mixed.err"
check_eq corrupt_jsonl_good_coded "$(grep -c '"story_id":"g[13]"' "$TMP/mixed.out")" 2

{
    printf '<Sentences>\n'
    printf '<Sentence date="20240101" id="X-1"><Text>Russia praised China.</Text></Sentence>\n'
    printf '<Sentence date="20240101" id="X-2"><Text>China criticized Japan.</Text></Sentence>\n'
    printf '<Sentence date="20240101" id="X-1"><Text>Japan praised Russia.</Text></Sentence>\n'
    printf '<Sentence date="20240101" id="X-4"><Text>Russia met Chi'
} >"$TMP/cut.xml"
$DYAD code "$TMP/cut.xml" >"$TMP/cut.out" 2>"$TMP/cut.err"
check_eq cut_xml_exit "$?" 2
check cut_xml_message grep -q "cut.xml:" "$TMP/cut.err"
check_eq cut_xml_complete_records "$(cut -d, -f1 "$TMP/cut.out" | sort -u | wc -l | tr -d ' ')" 3
check repeated_xml_id_numbered grep -q '"sentence_id":"X-1#2"' "$TMP/cut.out"

# Random bytes: every record fails, with a message naming the file.  A
# finite sample: /dev/urandom itself, when its first byte is '{' or '<',
# is an endless stream of bad JSON Lines or XML, read for as long as it
# lasts (as it should be), and the test would time out about once in a
# hundred runs.
head -c 10000000 /dev/urandom >"$TMP/rand.bin"
timeout 60 $DYAD code "$TMP/rand.bin" >/dev/null 2>"$TMP/rand.err"
check_eq random_bytes_exit "$?" 2
check random_bytes_message grep -q "rand.bin" "$TMP/rand.err"
rm -f "$TMP/rand.bin"

head -c 100000000 /dev/zero | tr '\0' 'a' >"$TMP/big.txt"
( ulimit -v 400000; timeout 60 $DYAD code "$TMP/big.txt" >/dev/null 2>"$TMP/big.err" )
check_eq no_newline_100mb_exit "$?" 2
check no_newline_100mb_message grep -q "big.txt" "$TMP/big.err"
rm -f "$TMP/big.txt"

printf 'date 2024-01-01\n\n\377\376 bad bytes\n' >"$TMP/badutf8.txt"
$DYAD code "$TMP/badutf8.txt" >/dev/null 2>"$TMP/badutf8.err"
check_eq invalid_utf8_exit "$?" 2
check invalid_utf8_message grep -q "badutf8.txt.*UTF-8" "$TMP/badutf8.err"

$DYAD code /nonexistent/story.txt >/dev/null 2>"$TMP/missing.err"
check_eq unreadable_file_exit "$?" 2
check unreadable_file_message grep -q "/nonexistent/story.txt" "$TMP/missing.err"

# ---- dictionaries ----
# The country actors are generated into the build directory.
check builtin_dictionaries_clean "$DYAD" dict check data/dictionaries/verbs.txt \
    data/dictionaries/agents.txt "${B:-build}/gen/countries.actors.txt" \
    data/dictionaries/leaders*.actors.txt data/dictionaries/international.actors.txt
printf '&SYN\n+GOOD\n--- BLOCK [040] ---\nMEET\n- * (WITH &UNDEFINED) [040]\n- * NOCODE\n' >"$TMP/bad.verbs.txt"
$DYAD dict check --kind verbs "$TMP/bad.verbs.txt" >"$TMP/dict.out" 2>/dev/null
check_eq bad_dictionary_exit "$?" 1
check bad_dictionary_line grep -q "bad.verbs.txt:6:" "$TMP/dict.out"

if [ -f "$SHARED/petrarch2/PETR_config.ini" ]; then
    $DYAD code --petrarch-config "$SHARED/petrarch2/PETR_config.ini" \
        --dictionary-dir "$SHARED/petrarch2/dictionaries" "$EXAMPLE" >"$TMP/ph.out" 2>"$TMP/ph.err"
    check_eq petrarch_config_exit "$?" 0
else
    echo "SKIP petrarch_config: $SHARED not found"
fi

# ---- dyad parse ----
$DYAD parse "$EXAMPLE" >"$TMP/ex.conllu" 2>"$TMP/parse.err"
check_eq parse_exit "$?" 0
check_eq parse_sentences "$(grep -c '^# sent_id = ' "$TMP/ex.conllu")" 23
check_eq parse_ten_columns "$(grep -v '^#' "$TMP/ex.conllu" | grep -v '^$' | awk -F'\t' '{print NF}' | sort -u)" 10
check_eq parse_one_root_each "$(awk -F'\t' '/^# sent_id/{n++} $7=="0"{r++} END{print n==r}' "$TMP/ex.conllu")" 1
check_eq parse_heads_in_range "$(awk -F'\t' 'BEGIN{bad=0} /^[0-9]/{w[NR]=$1; h[NR]=$7} /^$/{for(k in w) if (h[k]+0>max) bad=1; delete w; delete h; max=0} /^[0-9]/{if($1+0>max)max=$1+0} END{print bad}' "$TMP/ex.conllu")" 0
printf '# sent_id = t1\n1\tRussia\t_\t_\t_\t_\t_\t_\t_\t_\n2\tpraised\t_\t_\t_\t_\t_\t_\t_\t_\n3\tChina\t_\t_\t_\t_\t_\t_\t_\t_\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n' >"$TMP/in.conllu"
$DYAD parse --conllu "$TMP/in.conllu" >"$TMP/out.conllu" 2>/dev/null
check_eq parse_conllu_exit "$?" 0
check_eq parse_conllu_keeps_words "$(grep -v '^#' "$TMP/out.conllu" | cut -f2 | tr '\n' ' ')" "Russia praised China .  "
check parse_conllu_verb_is_root grep -q '^2	praised	praise	VERB	VBD	_	0	root' "$TMP/out.conllu"
$DYAD parse --model-dir /nonexistent "$EXAMPLE" >/dev/null 2>"$TMP/nomodel.err"
check_eq parse_missing_model_exit "$?" 1
check parse_missing_model_message grep -q "cannot load model /nonexistent/dyad-tagger.model" "$TMP/nomodel.err"

# ---- dyad code with and without the parser ----
$DYAD code --model-dir /nonexistent "$EXAMPLE" >/dev/null 2>"$TMP/code-nomodel.err"
check_eq code_missing_model_exit "$?" 1
check code_missing_model_names_file grep -q "cannot load model /nonexistent/dyad-tagger.model" "$TMP/code-nomodel.err"
check code_missing_model_suggests_shallow grep -q -- "--shallow" "$TMP/code-nomodel.err"
$DYAD code --shallow --model-dir /nonexistent "$EXAMPLE" >"$TMP/shallow.jsonl" 2>/dev/null
check_eq code_shallow_needs_no_model "$?" 0
# The subject of "met" is Lavrov, whatever the relative clause between
# them names; word order alone takes the nearest name, Iran.
printf 'date 2024-05-01\n\nLavrov, on a visit that Iran welcomed, met Xi Jinping.\n' >"$TMP/relcl.txt"
check_eq code_parsed_subject "$($DYAD code -q --format tsv "$TMP/relcl.txt" | grep -w 040 | cut -f5,6 | tr '\t' ' ')" "RUSGOV CHNGOV"
check_eq code_shallow_subject "$($DYAD code -q --shallow --format tsv "$TMP/relcl.txt" | grep -w 040 | cut -f5,6 | tr '\t' ' ')" "IRN CHNGOV"

# ---- dyad eval ----
# The program's own parse, taken as gold, scores 100 (the analysis is
# deterministic); heads and labels all wrong score 0 for UAS and LAS.
$DYAD parse --conllu "$TMP/in.conllu" >"$TMP/self.conllu" 2>/dev/null
$DYAD eval "$TMP/self.conllu" >"$TMP/self.eval" 2>&1
check_eq eval_exit "$?" 0
check_eq eval_self_scores "$(grep -E '^(UPOS|XPOS|LEMMA|UAS|LAS) ' "$TMP/self.eval" | awk '{print $2}' | tr '\n' ' ')" "100.00 100.00 100.00 100.00 100.00 "
awk -F'\t' 'BEGIN{OFS="\t"} /^[0-9]/{$7 = ($7 == "0") ? 1 : 0; $8 = "dep"} {print}' "$TMP/self.conllu" >"$TMP/wrong.conllu"
check_eq eval_wrong_heads "$($DYAD eval "$TMP/wrong.conllu" | awk '$1=="UAS"||$1=="LAS"{print $2}' | tr '\n' ' ')" "0.00 0.00 "
$DYAD eval /nonexistent.conllu >/dev/null 2>"$TMP/eval.err"
check_eq eval_missing_file_exit "$?" 1
check eval_missing_file_named grep -q "/nonexistent.conllu" "$TMP/eval.err"
if [ -f "$SHARED/ud-english-ewt/en_ewt-ud-dev.conllu" ]; then
    $DYAD eval "$SHARED/ud-english-ewt/en_ewt-ud-dev.conllu" >"$TMP/dev.eval"
    check_eq eval_dev_words "$(head -1 "$TMP/dev.eval" | sed 's/.*sentences, \([0-9]*\) words.*/\1/')" 25147
else
    echo "SKIP eval_dev_words: $SHARED/ud-english-ewt not found"
fi

# ---- dyad validate ----
mkdir -p "$TMP/val"
cat >"$TMP/val/verbs.txt" <<'VERBS'
--- PRAISE  [051] ---
PRAISE
VERBS
cat >"$TMP/val/actors.txt" <<'ACTORS'
ARNOR [ARN]
GONDOR [GON]
THE_SHIRE [FRO/BIL]
ACTORS
cat >"$TMP/val/suite.xml" <<'XML'
<Validation>
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>actors.txt</Actorfile>
</Environment>
<Sentences>
<Sentence date="19950101" id="V-01" category="VERB" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="051"></EventCoding>
<Text>Arnor praised Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="V-02" category="VERB" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Arnor did not praise Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="V-03" category="WRONG" sentence="true">
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="051"></EventCoding>
<Text>Arnor praised Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="V-05" category="COMPOUND" sentence="true">
<EventCoding sourcecode="FRO" targetcode="GON" eventcode="051"></EventCoding>
<EventCoding sourcecode="BIL" targetcode="GON" eventcode="051"></EventCoding>
<Text>The Shire praised Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="V-04" category="VERB" sentence="false">
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="051"></EventCoding>
<Text>Arnor praised Gondor.</Text>
</Sentence>
</Sentences>
</Validation>
XML
$DYAD validate "$TMP/val/suite.xml" >"$TMP/val.out" 2>&1
check_eq validate_exit_on_failure "$?" 3
check_eq validate_names_failure "$(grep '^FAIL' "$TMP/val.out" | sed 's/ (.*): / /')" "FAIL V-03 expected GON>ARN:051; got ARN>GON:051"
check_eq validate_counts "$(tail -1 "$TMP/val.out")" "3 of 4 applicable records passed (75.0%); 1 not applicable"
check_eq validate_category "$(grep '^VERB' "$TMP/val.out" | tr -s ' ')" "VERB 2 of 2 passed"
$DYAD validate --dictionary-dir /nonexistent "$TMP/val/suite.xml" >/dev/null 2>"$TMP/val.err"
check_eq validate_missing_dictionary_exit "$?" 1
check validate_missing_dictionary_named grep -q "/nonexistent/verbs.txt" "$TMP/val.err"
# <Config> elements set options for the records after them, in `dyad code`
# as in `dyad validate` (require_dyad is on by default with PETRARCH files).
cat >"$TMP/val/config.xml" <<'XML'
<Sentences>
<Sentence date="19950101" id="C-01"><Text>Arnor praised the plan.</Text></Sentence>
<Config option="require_dyad" value="False"></Config>
<Sentence date="19950101" id="C-02"><Text>Arnor praised the plan.</Text></Sentence>
</Sentences>
XML
$DYAD code -q --format tsv --input-format petrarch-xml --dictionary-dir "$TMP/val" \
    --verbs verbs.txt --actors actors.txt "$TMP/val/config.xml" >"$TMP/config.out" 2>&1
check_eq code_honours_config "$(tail -n +2 "$TMP/config.out" | cut -f2,5,6,9 | tr '\t' ' ')" "C-02 ARN  051"
$DYAD code -q --format tsv --set require_dyad=false --dictionary-dir "$TMP/val" \
    --verbs verbs.txt --actors actors.txt --input-format petrarch-xml "$TMP/val/config.xml" \
    >"$TMP/config.out" 2>&1
check_eq code_set_option "$(tail -n +2 "$TMP/config.out" | cut -f2 | tr '\n' ' ')" "C-01 C-02 "
$DYAD code -q --set no_such_option=1 "$TMP/val/config.xml" >/dev/null 2>"$TMP/config.err"
check_eq code_set_unknown_option_exit "$?" 1
# The PETRARCH2 unit-test suite: no fewer records may pass than the count
# recorded last (raise it when the coder improves; never lower it).
VALIDATE_RECORDED=261
suite="$SHARED/petrarch2/unit-test/PETR.UnitTest.records.xml"
if [ -f "$suite" ]; then
    $DYAD validate "$suite" >"$TMP/petrarch.out" 2>&1
    passed=$(tail -1 "$TMP/petrarch.out" | cut -d' ' -f1)
    echo "  PETRARCH2 unit tests: $(tail -1 "$TMP/petrarch.out")"
    check_eq validate_petrarch_suite_not_worse "$([ "${passed:-0}" -ge $VALIDATE_RECORDED ] && echo yes || echo "no: $passed < $VALIDATE_RECORDED")" yes
else
    echo "SKIP validate_petrarch_suite_not_worse: $suite not found"
fi

finish cli
