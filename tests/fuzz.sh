#!/bin/sh
# Short fuzz runs: every libFuzzer target built in $B/fuzz (make fuzz) runs
# for FUZZ_TIME seconds (default 10), seeded from fuzz/corpus/<target>/ and
# using fuzz/<target>.dict when there is one.  New inputs go to a scratch
# directory, so the committed corpus is never changed; a crash is written
# to $B/fuzz/artifacts/ (add it to fuzz/corpus/<target>/ once fixed, as a
# regression input).
#
# Run from the repository root: sh tests/fuzz.sh
# Prints "ok NAME" / "FAIL NAME" per target, then "fuzz: N passed, N failed".
set -u
B=${B:-build}
FUZZ_TIME=${FUZZ_TIME:-10}
pass=0
fail=0
logs=$B/fuzz/logs
artifacts=$B/fuzz/artifacts
mkdir -p "$logs" "$artifacts"

run_target() {   # run_target PATH
    name=$(basename "$1")
    work=$(mktemp -d "${TMPDIR:-/tmp}/dyad-fuzz.XXXXXX") || return 1
    set -- "$1" -max_total_time="$FUZZ_TIME" -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="$artifacts/$name-" "$work"
    [ -d "fuzz/corpus/$name" ] && set -- "$@" "fuzz/corpus/$name"
    [ -f "fuzz/$name.dict" ] && set -- "$@" -dict="fuzz/$name.dict"
    "$@" >"$logs/$name.log" 2>&1
    rc=$?
    rm -rf "$work"
    return $rc
}

for target in "$B"/fuzz/fuzz_*; do
    [ -f "$target" ] && [ -x "$target" ] || continue
    name=$(basename "$target")
    if run_target "$target"; then
        echo "ok $name"
        pass=$((pass + 1))
    else
        echo "FAIL $name: see $logs/$name.log"
        grep -E 'ERROR|contract broken|SUMMARY|Test unit written' "$logs/$name.log" | head -n 10 | sed 's/^/  | /'
        fail=$((fail + 1))
    fi
done

echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
