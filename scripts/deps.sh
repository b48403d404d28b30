#!/bin/sh
# Checks that the Debian packages dyad needs are installed.  As root it
# installs the missing ones; otherwise it prints the exact apt-get line and
# fails, so that nothing half-builds.
set -u
need="gcc make pkg-config libutf8proc-dev libjansson-dev libexpat1-dev libsqlite3-dev iso-codes"
# clang builds the libFuzzer targets that `make test` runs briefly.
want="clang"
missing=""
for p in $need $want; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "dyad: installing Debian packages:$missing"
    apt-get update -qq >/dev/null && \
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || {
        echo "dyad: apt-get install failed for:$missing" >&2; exit 1; }
    exit 0
fi
echo "dyad: missing Debian packages. Run as root:" >&2
echo "  apt-get update && apt-get install -y$missing" >&2
exit 1
