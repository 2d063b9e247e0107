#!/usr/bin/env bash
# Every dev figure the notes report, in one go: ./scripts/measure-dev.sh OUTDIR [--fast]
# Needs ../shared beside the checkout. --fast skips LGL and MEANTIME (they do not read events).
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/eventline-measure}; fast=${2:-}
mkdir -p "$out"; rm -f "$out"/*.db "$out"/*.db-wal "$out"/*.db-shm
S=../shared; B=${EVENTLINE_BIN:-.venv/bin/eventline}
export EVENTLINE_GEONAMES=${EVENTLINE_GEONAMES:-$S/geonames}
$B run $S/corpus/mali-2012 --manifest $S/corpus/mali-2012/manifest.csv --db "$out/mali.db" >"$out/mali.run.txt" 2>&1
$B eval --gold $S/eval/seeds.gold.jsonl --db "$out/mali.db" >"$out/mali.txt" 2>&1
$B run $S/dev/events/t17-dev/articles.jsonl --db "$out/t17.db" >"$out/t17.run.txt" 2>&1
$B eval --gold $S/dev/events/t17-dev/gold.jsonl --db "$out/t17.db" >"$out/t17.txt" 2>&1
$B eval wikievents $S/dev/events/wikievents-dev.jsonl >"$out/wiki.txt" 2>&1
$B eval acled $S/dev/acled/acled_mali_dev.csv >"$out/acled.txt" 2>&1
if [ "$fast" != "--fast" ]; then
  $B eval dates $S/dev/temporal/meantime >"$out/dates.txt" 2>&1
  $B eval places $S/dev/geoparsing/lgl.xml >"$out/lgl.txt" 2>&1
fi
echo "== sample articles"; head -1 "$out/mali.txt"; sed -n '/Attributes/,/fatalities/p' "$out/mali.txt" | tail -5
echo "== t17-dev"; head -1 "$out/t17.txt"; sed -n '/Attributes/,/fatalities/p' "$out/t17.txt" | tail -5
echo "== WikiEvents"; sed -n 2,3p "$out/wiki.txt"
echo "== ACLED"; sed -n 2,11p "$out/acled.txt"
[ -f "$out/dates.txt" ] && { echo "== MEANTIME"; grep -E "DATE only|all types" "$out/dates.txt"; }
[ -f "$out/lgl.txt" ] && { echo "== LGL"; grep -E "within 161|found \(" "$out/lgl.txt"; }
exit 0
