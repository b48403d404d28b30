# lib.sh — helpers for end-to-end tests written in sh.
# Source it, call check/check_eq for each case, end with `finish SUITE`.
# DYAD is the program under test (default build/dyad).
DYAD=${DYAD:-build/dyad}
SHARED=${SHARED:-../shared}
e2e_pass=0
e2e_fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass() { echo "ok $1"; e2e_pass=$((e2e_pass + 1)); }
fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "  $l"; done; e2e_fail=$((e2e_fail + 1)); }

# check NAME COMMAND...: passes when the command exits 0.
check() {
    name=$1; shift
    if "$@" >"$TMP/check.out" 2>&1; then pass "$name"
    else fail "$name" "command failed: $*" "$(head -c 2000 "$TMP/check.out")"; fi
}

# check_eq NAME GOT WANT
check_eq() {
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got:      $2" "expected: $3"; fi
}

finish() { echo "$1: $e2e_pass passed, $e2e_fail failed"; [ "$e2e_fail" -eq 0 ]; }
