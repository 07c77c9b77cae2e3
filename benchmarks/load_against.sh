#!/usr/bin/env bash
# The API under load (benchmarks/load.py), this tree against an older commit, in one
# run: each tree's src first on PYTHONPATH, same Python and packages, the same store
# copied for each run, in ABBA order so that both face the machine's load alike.
#
#   bash benchmarks/load_against.sh OLD_REV STORE.db [ORDER]
#   e.g. bash benchmarks/load_against.sh 1d9fb7c /tmp/corpus.db "old new new old old new new old"
#
# Prints, a run a line: which tree, the 1-min load before, requests/s, search p50,
# reads p50/p99 and the server's CPU time a request (the figure load disturbs least).
set -euo pipefail
old_rev=$1 store=$2 order=${3:-old new new old old new new old}
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
old_tree=$(mktemp -d /tmp/tidings-old-XXXX)
trap 'git -C "$here" worktree remove --force "$old_tree"' EXIT
git -C "$here" worktree add -q --detach "$old_tree" "$old_rev"
for which in $order; do
  tree=$here
  [ "$which" = old ] && tree=$old_tree
  before=$(cut -d' ' -f1 /proc/loadavg)
  out=$(cd "$tree" && PYTHONPATH="$tree/src" "$python" benchmarks/load.py --db "$store" \
        --clients 8 --seconds 30 2>&1 || true)
  echo "$which $(git -C "$tree" rev-parse --short HEAD) load $before |" \
       "$(echo "$out" | grep -oE '[0-9.]+ requests/s, [0-9]+ errors') |" \
       "search p50 $(echo "$out" | awk '$1=="search"{print $3}') |" \
       "reads p50/p99 $(echo "$out" | awk '$1=="reads"{print $3"/"$4}') |" \
       "$(echo "$out" | grep -oE 'server CPU.*')"
done
