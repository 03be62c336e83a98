#!/usr/bin/env bash
# Stop the cluster tests/slurm/start.sh DIR started: cancel what is left in its queue, then
# stop slurmd, slurmctld and munged by the pids recorded in DIR/pids (SIGTERM, then SIGKILL
# after a bounded wait). Safe to run twice, or after a start that failed half-way.
#
# Usage: tests/slurm/stop.sh DIR
set -uo pipefail

DIR=${1:?usage: tests/slurm/stop.sh DIR}
PIDS=$DIR/pids
[ -f "$PIDS" ] || exit 0
export SLURM_CONF=$DIR/slurm.conf

# Jobs still queued or running (an interrupted test) end with the cluster.
if grep -q '^slurmctld ' "$PIDS" && command -v scancel >/dev/null 2>&1; then
  timeout 10 scancel --full --quiet --user "$(id -un)" 2>/dev/null || true
fi

alive() { kill -0 "$1" 2>/dev/null; }
# Reverse start order: slurmd, slurmctld, munged.
tac "$PIDS" | while read -r name pid; do
  [ -n "${pid:-}" ] || continue
  alive "$pid" || continue
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 50); do alive "$pid" || break; sleep 0.2; done
  if alive "$pid"; then
    echo "tests/slurm/stop.sh: $name ($pid) ignored SIGTERM for 10s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null
  fi
done
# slurmd's link to its configuration cache (configless mode), if it points into DIR.
target=$(readlink /run/slurm/conf 2>/dev/null || true)
case "$target" in "$DIR"/* | "$(cd "$DIR" && pwd -P)"/*) rm -f /run/slurm/conf ;; esac
[ -f "$DIR/created-run-slurm" ] && rmdir /run/slurm 2>/dev/null && rm -f "$DIR/created-run-slurm"
rm -f "$PIDS"
