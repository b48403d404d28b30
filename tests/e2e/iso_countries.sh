#!/bin/sh
# End-to-end checks of tools/iso_countries, the generator of the built-in
# country actors: ISO names made into phrases, merged with authored entries.
. tests/e2e/lib.inc
GEN=${B:-build}/tools/iso_countries

cat >"$TMP/iso.json" <<'JSON'
{"3166-1": [
 {"alpha_3": "KOR", "name": "Korea, Republic of", "common_name": "South Korea"},
 {"alpha_3": "TUR", "name": "T\u00fcrkiye", "official_name": "Republic of T\u00fcrkiye"},
 {"alpha_3": "VAT", "name": "Holy See (Vatican City State)"},
 {"alpha_3": "COD", "name": "Congo, The Democratic Republic of the"},
 {"alpha_3": "COG", "name": "Congo", "official_name": "Republic of the Congo"},
 {"alpha_3": "SHN", "name": "Saint Helena, Ascension and Tristan da Cunha"},
 {"alpha_3": "JEY", "name": "Jersey"},
 {"alpha_3": "VGB", "name": "Virgin Islands, British", "official_name": "British Virgin Islands"},
 {"alpha_3": "VIR", "name": "Virgin Islands, U.S.", "official_name": "Virgin Islands of the United States"},
 {"alpha_3": "PSE", "name": "Palestine, State of", "official_name": "the State of Palestine"}
]}
JSON
cat >"$TMP/authored.txt" <<'TXT'
# A comment.
TURKEY_ [TUR]
+TURKISH   # adjective
ANKARA_ [TURGOV]
CONGO_ [COD]
+CONGOLESE
BAILIWICK_OF_JERSEY_ [JEY]
-JERSEY
KOSOVO_ [KSV]
TXT
"$GEN" "$TMP/iso.json" "$TMP/authored.txt" >"$TMP/out.txt" 2>"$TMP/err.txt"
check_eq generate_exit "$?" 0
# Entries as "PHRASE CODE" lines, synonyms included, for exact comparison.
awk '/^[^#+ ].*\[/ { code = $2; gsub(/[][]/, "", code); p = $1; sub(/_$/, "", p); print p, code }
     /^\+/ { print substr($1, 2), code }' "$TMP/out.txt" >"$TMP/pairs.txt"
want='SOUTH_KOREA KOR
REPUBLIC_OF_KOREA KOR
TURKEY TUR
TURKIYE TUR
REPUBLIC_OF_TURKIYE TUR
TURKISH TUR
ANKARA TURGOV
HOLY_SEE VAT
CONGO COD
DEMOCRATIC_REPUBLIC_OF_THE_CONGO COD
CONGOLESE COD
REPUBLIC_OF_THE_CONGO COG
SAINT_HELENA SHN
BAILIWICK_OF_JERSEY JEY
BRITISH_VIRGIN_ISLANDS VGB
VIRGIN_ISLANDS_OF_THE_UNITED_STATES VIR
STATE_OF_PALESTINE PSE
KOSOVO KSV'
check_eq merged_entries "$(cat "$TMP/pairs.txt")" "$want"

printf 'TURKEY_ [TUR]\nnot an entry\n' >"$TMP/bad.txt"
"$GEN" "$TMP/iso.json" "$TMP/bad.txt" >/dev/null 2>"$TMP/bad.err"
check_eq bad_line_exit "$?" 1
check bad_line_message grep -q "bad.txt:2:" "$TMP/bad.err"

printf 'BAILIWICK_OF_JERSEY_ [JEY]\n-JERSY\n' >"$TMP/typo.txt"
"$GEN" "$TMP/iso.json" "$TMP/typo.txt" >/dev/null 2>"$TMP/typo.err"
check_eq stale_omission_exit "$?" 1
check stale_omission_message grep -q "typo.txt:1: -JERSY is not an ISO name of JEY" "$TMP/typo.err"

printf '{"3166-1": [{"alpha_3": "JEY", "name": "Jersey"}]}' >"$TMP/lone.json"
printf 'NEW_JERSEY_ [USA]\n+JERSEY\n' >"$TMP/taken.txt"
"$GEN" "$TMP/lone.json" "$TMP/taken.txt" >/dev/null 2>"$TMP/lone.err"
check_eq nameless_entity_exit "$?" 1
check nameless_entity_message grep -q "JEY has no usable name" "$TMP/lone.err"

finish iso_countries
