#!/usr/bin/env bash
# Ingest speed, this tree against an older commit, in one run: each tree's src first on
# PYTHONPATH, same Python and packages, the same input into a fresh SQLite file each
# time, in ABBA order so that both face the machine's load alike.
#
#   bash benchmarks/ingest_against.sh OLD_REV [PER_CORPUS] [ENGINE] [ORDER]
#   e.g. bash benchmarks/ingest_against.sh 57cd136 1000 process "old new new old"
#
# The input: the first PER_CORPUS (1000) articles of each of the Turkish and Arabic
# corpora in ../shared/data. ENGINE: process (2 workers, the default for such an input)
# or inline. Prints, a run a line: which tree, the 1-min load before, wall seconds,
# articles/s, and this process's CPU seconds (reading, placing and storing happen here;
# cleaning, analysis and embedding in the workers).
set -euo pipefail
old_rev=$1 per_corpus=${2:-1000} engine=${3:-process} order=${4:-old new new old}
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
data=${DATA:-$here/../shared/data}
work=$(mktemp -d /tmp/tidings-ingest-XXXX)
old_tree=$work/old
trap 'git -C "$here" worktree remove --force "$old_tree"; rm -rf "$work"' EXIT
git -C "$here" worktree add -q --detach "$old_tree" "$old_rev"
head -n "$per_corpus" "$data/ttc3600-tr-news.jsonl" > "$work/input.jsonl"
head -n "$per_corpus" "$data/hespress-ar-news.jsonl" >> "$work/input.jsonl"
for which in $order; do
  tree=$here
  [ "$which" = old ] && tree=$old_tree
  before=$(cut -d' ' -f1 /proc/loadavg)
  rm -f "$work"/store.db*
  # `python -c`: the spawned workers do not import a main module again.
  PYTHONPATH="$tree/src" "$python" -c "
import resource, sys, time
import tidings
start = time.perf_counter()
with tidings.open('$work/store.db') as app:
    report = app.ingest(['$work/input.jsonl'], engine='$engine', workers=2)
wall = time.perf_counter() - start
cpu = resource.getrusage(resource.RUSAGE_SELF)
print(f'$which $(git -C "$tree" rev-parse --short HEAD) load $before | {wall:.1f} s |',
      f'{report.read / wall:.1f} articles/s | this process {cpu.ru_utime + cpu.ru_stime:.1f} s CPU')
" 2>/dev/null
done
