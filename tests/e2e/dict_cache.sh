#!/bin/sh
# dict_cache.sh — the compiled dictionaries through the CLI.
#
# The PETRARCH unit-test records (with their validation dictionaries,
# copied to a temporary folder) are validated with a cold cache, a warm
# one, a corrupted and a truncated image, after a source byte changed, and
# with the cache off or unwritable: always the same result and the same
# warnings.  Where the image goes follows DYAD_CACHE_DIR, XDG_CACHE_HOME
# and HOME.  Skips when $SHARED/petrarch2/unit-test is missing.
. "$(dirname "$0")/lib.inc"

UT="$SHARED/petrarch2/unit-test"
if [ ! -f "$UT/PETR.UnitTest.records.xml" ]; then
    echo "SKIP dict_cache: $UT not found"
    finish dict_cache
    exit $?
fi
mkdir -p "$TMP/ut"
cp "$UT"/PETR.UnitTest.records.xml "$UT"/PETR.Validate.*.txt "$TMP/ut/"
# The result from text, with the cache off, is what every run must give.
WANT=$(DYAD_CACHE_DIR= $DYAD validate "$TMP/ut/PETR.UnitTest.records.xml" 2>/dev/null | tail -n 1)
check text_result_read sh -c "echo '$WANT' | grep -q 'applicable records passed'"

# run NAME: validates with the current environment; result in $TMP/NAME.out,
# warnings in $TMP/NAME.err.
run() {
    $DYAD validate "$TMP/ut/PETR.UnitTest.records.xml" >"$TMP/$1.out" 2>"$TMP/$1.err"
    tail -n 1 "$TMP/$1.out"
}
images() { ls "$1" 2>/dev/null | grep -c '^[0-9a-f]\{32\}\.dict$'; }
inode() { ls -i "$1" | cut -d' ' -f1; }

C="$TMP/cache"
export DYAD_CACHE_DIR="$C"
check_eq cold_result "$(run cold)" "$WANT"
check_eq cold_writes_one_image "$(images "$C")" 1
img="$C/$(ls "$C" | grep '\.dict$')"
size=$(wc -c <"$img")
ino=$(inode "$img")
check_eq warm_result "$(run warm)" "$WANT"
check_eq warm_same_warnings "$(cat "$TMP/warm.err")" "$(cat "$TMP/cold.err")"
check_eq warnings_reported "$(grep -c 'PETR.Validate.verbs.txt' "$TMP/cold.err")" 2
check_eq warm_reads_image "$(inode "$img")" "$ino"     # not written again

# A corrupted image: refused, the text loaded, the image written anew.
printf 'XXXXXXXX' | dd of="$img" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
check_eq corrupted_result "$(run corrupted)" "$WANT"
check_eq corrupted_same_warnings "$(cat "$TMP/corrupted.err")" "$(cat "$TMP/cold.err")"
check_eq corrupted_rewritten "$(wc -c <"$img")" "$size"
ino=$(inode "$img")
check_eq rewritten_read "$(run again)" "$WANT"
check_eq rewritten_kept "$(inode "$img")" "$ino"

# A truncated one.
head -c $((size / 3)) "$img" >"$TMP/short" && cp "$TMP/short" "$img"
check_eq truncated_result "$(run truncated)" "$WANT"
check_eq truncated_rewritten "$(wc -c <"$img")" "$size"

# One source byte changed (a comment): another key, another image.
printf '# one more comment\n' >>"$TMP/ut/PETR.Validate.discards.txt"
check_eq changed_source_result "$(run changed)" "$WANT"
check_eq changed_source_new_image "$(images "$C")" 2

# Off, or a directory that cannot be made: the text, no complaint.
mkdir -p "$TMP/home"
HOME="$TMP/home" DYAD_CACHE_DIR= run off >/dev/null
check_eq off_result "$(tail -n 1 "$TMP/off.out")" "$WANT"
check_eq off_writes_nothing "$(ls -A "$TMP/home")" ""
check_eq off_same_warnings "$(cat "$TMP/off.err")" "$(cat "$TMP/cold.err")"
: >"$TMP/blocker"
DYAD_CACHE_DIR="$TMP/blocker/cache" run unwritable >/dev/null
check_eq unwritable_result "$(tail -n 1 "$TMP/unwritable.out")" "$WANT"
check_eq unwritable_same_warnings "$(cat "$TMP/unwritable.err")" "$(cat "$TMP/cold.err")"

# Where it goes without DYAD_CACHE_DIR.
unset DYAD_CACHE_DIR
XDG_CACHE_HOME="$TMP/xdg" HOME="$TMP/home" run xdg >/dev/null
check_eq xdg_dir "$(images "$TMP/xdg/dyad")" 1
(unset XDG_CACHE_HOME; HOME="$TMP/home" run home >/dev/null)
check_eq home_dir "$(images "$TMP/home/.cache/dyad")" 1

# dyad dict check still reads the text and reports its problems.
DYAD_CACHE_DIR="$C" $DYAD dict check "$TMP/ut/PETR.Validate.verbs.txt" >"$TMP/check.out" 2>&1
check_eq dict_check_reports "$(grep -c 'PETR.Validate.verbs.txt:' "$TMP/check.out")" 2

finish dict_cache
