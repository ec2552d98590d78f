#!/usr/bin/env bash
# Compares two whosaid binaries on one corpus: runs them in turn, 7 times each, and prints
# each one's best wall time and MB/s of input files. Taking turns spreads the machine's
# drift over both; the best run is the least disturbed one.
#
#   bench/ab.sh OLD_BINARY NEW_BINARY CORPUS_DIR [JOBS]
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,6p "$0"; exit 2; }
old=$1 new=$2 corpus=$3 jobs=${4:-1}
bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A best
for _ in 1 2 3 4 5 6 7; do
  for bin in "$old" "$new"; do
    # A new output directory for every run, as for a first run: replacing tables makes
    # the file system flush them at the rename.
    rm -rf "$out/run"
    start=$(date +%s%N)
    "$bin" extract --jobs "$jobs" -q --no-coverage --force --out "$out/run" "$corpus"
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "${best[$bin]:-}" ] || [ "$ms" -lt "${best[$bin]}" ]; then best[$bin]=$ms; fi
  done
done
for bin in "$old" "$new"; do
  awk -v b="$bin" -v ms="${best[$bin]}" -v bytes="$bytes" \
    'BEGIN {printf "%s: best %d ms, %.1f MB/s\n", b, ms, bytes / 1e6 / (ms / 1000)}'
done
