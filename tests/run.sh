#!/bin/sh
# Runs every test suite and adds up their closing lines.
#
# A suite is a program that prints "ok NAME" / "FAIL NAME" lines and ends
# with "SUITE: N passed, N failed".  A suite that dies without that line
# counts as one failure.  The last line of this script is the total:
# "N passed, N failed".
set -u
SHARED=${SHARED:-../shared}
B=${B:-build}
DYAD=${DYAD:-$B/dyad}
export SHARED B DYAD
total_pass=0
total_fail=0
logdir=$B/test-logs
mkdir -p "$logdir"
# The compiled dictionaries the suites make go to a folder of the run's own,
# never to $HOME (src/dict_cache.h).
DYAD_CACHE_DIR=$(mktemp -d)
export DYAD_CACHE_DIR
trap 'rm -rf "$DYAD_CACHE_DIR"' EXIT

run_suite() {   # run_suite NAME COMMAND...
    name=$1; shift
    log="$logdir/$(echo "$name" | tr '/ ' '__').log"
    "$@" >"$log" 2>&1
    rc=$?
    line=$(grep -E '^[A-Za-z0-9_./-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    if [ -z "$line" ]; then
        echo "FAIL $name: no result line (exit $rc); see $log"
        tail -n 20 "$log" | sed 's/^/  | /'
        total_fail=$((total_fail + 1))
        return
    fi
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1/')
    f=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\2/')
    if [ "$f" -eq 0 ] && [ "$rc" -ne 0 ]; then
        echo "FAIL $name: exit status $rc after all checks passed; see $log"
        f=1
    fi
    grep -E '^(FAIL|SKIP|  )' "$log" | head -n 60
    echo "$name: $p passed, $f failed"
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
}

for t in "$B"/tests/test_*; do
    [ -x "$t" ] && run_suite "unit/$(basename "$t")" "$t"
done
for t in "$B"/san/tests/test_*; do
    [ -x "$t" ] && run_suite "asan+ubsan/$(basename "$t")" "$t"
done
for t in tests/e2e/*.sh; do
    [ -f "$t" ] && run_suite "e2e/$(basename "$t" .sh)" sh "$t"
done
if [ -d "$B/fuzz" ]; then
    run_suite fuzz sh tests/fuzz.sh
else
    echo "SKIP fuzz: clang not installed, fuzz targets not built"
fi

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
