#!/usr/bin/env bash
# Start a private single-node SLURM cluster on this machine (for tests/test_slurm.py).
#
# Usage: tests/slurm/start.sh DIR
#
# Needs SLURM installed (workflow/scripts/system-deps.sh slurm; `make test` installs it only
# where CI is set) and root. Writes DIR/slurm.conf for this machine (one node, "localhost", with this machine's CPUs and
# memory, one default partition, no accounting daemon, no cgroups), starts munged on a
# private socket, then slurmctld and slurmd (no systemd), and waits until the node is idle.
# Every state, spool, pid and log file stays under DIR; DIR/pids lists the daemons' pids
# for tests/slurm/stop.sh. Clients reach this cluster with SLURM_CONF=DIR/slurm.conf
# (DIR/env sets it); nothing is written to /etc.
#
# One file outside DIR: the link /run/slurm/conf -> DIR/etc, the place SLURM commands read
# when neither SLURM_CONF nor /etc/slurm/slurm.conf is there (slurmd creates the same link on
# "configless" production clusters). `srun` inside a job needs it, because
# snakemake-executor-plugin-slurm-jobstep (0.6.1) removes SLURM_CONF from the environment
# of the `srun` it starts. stop.sh removes the link.
#
# Bounded: each wait gives up with a clear message (SLURM_START_TIMEOUT seconds, default 30).
set -euo pipefail

DIR=${1:?usage: tests/slurm/start.sh DIR}
TIMEOUT=${SLURM_START_TIMEOUT:-30}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

die() {
  echo "tests/slurm/start.sh: $*" >&2
  for f in "$DIR"/log/*.log; do
    [ -s "$f" ] && { echo "--- $f (last lines)" >&2; tail -n 20 "$f" >&2; }
  done
  exit 1
}

# Wait up to TIMEOUT seconds for a command to succeed.
wait_for() {
  local what=$1
  shift
  local deadline=$((SECONDS + TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "timed out after ${TIMEOUT}s waiting for $what"
    sleep 0.2
  done
}

# --- 1. packages and rights -----------------------------------------------------------
# Installing is the machine's set-up (system-deps.sh), never this script's: a developer's
# machine gets no system package it did not ask for.
missing=()
for cmd in munged munge unmunge slurmctld slurmd sbatch squeue scontrol sinfo; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
[ ${#missing[@]} -eq 0 ] ||
  die "SLURM is not installed (missing: ${missing[*]}): run workflow/scripts/system-deps.sh slurm"
[ "$(id -u)" = 0 ] || die "needs root: slurmd runs the jobs, and /run/slurm/conf is written (see above)"

# --- 2. configuration ----------------------------------------------------------------
# srun inside a job would read a real cluster's configuration instead of ours (see above).
[ -e /etc/slurm/slurm.conf ] &&
  die "/etc/slurm/slurm.conf exists: this machine is configured for another cluster; run the test elsewhere"
if [ -L /run/slurm/conf ]; then
  # Left by an earlier test cluster, unless a slurmd still uses it.
  pgrep -x slurmd >/dev/null 2>&1 &&
    die "another slurmd runs on this machine (/run/slurm/conf -> $(readlink /run/slurm/conf)); stop it first"
  rm -f /run/slurm/conf
elif [ -e /run/slurm/conf ]; then
  die "/run/slurm/conf exists: this machine is configured for another cluster; run the test elsewhere"
fi
mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log" "$DIR/munge" "$DIR/etc"
# munged wants its socket's directory searchable by every user the jobs may run as.
chmod 755 "$DIR" "$DIR/munge"

# Two free TCP ports (slurmctld, slurmd); 6817/6818 unless something listens there already.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  local p=$1
  while ! port_free "$p"; do p=$((p + 2)); done
  echo "$p"
}
CTLD_PORT=$(pick_port 6817)
SLURMD_PORT=$(pick_port $((CTLD_PORT + 1)))

CPUS=$(nproc)
# RealMemory must be stated or every job that asks for memory is rejected; slurmd drains a
# node whose configured memory exceeds what it finds, so state exactly MemTotal in MiB.
MEM_MB=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
USER_NAME=$(id -un)

cat >"$DIR/etc/slurm.conf" <<CONF
# Single-node test cluster written by tests/slurm/start.sh; private to $DIR.
ClusterName=digidiptest
SlurmctldHost=localhost
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=$USER_NAME
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups, no systemd: track job processes through /proc, bind no tasks.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
# No accounting daemon: sacct cannot answer, so the executor must poll squeue...
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
# ...and squeue shows a finished job only for MinJobAge seconds: keep it far above the
# executor's status-check delay, or finished jobs vanish before they are seen.
MinJobAge=600
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=localhost CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
ln -sfn etc/slurm.conf "$DIR/slurm.conf"
echo "export SLURM_CONF=$DIR/slurm.conf" >"$DIR/env"
export SLURM_CONF=$DIR/slurm.conf
[ -d /run/slurm ] || { mkdir -p /run/slurm && touch "$DIR/created-run-slurm"; }
ln -sfn "$DIR/etc" /run/slurm/conf

# --- 3. daemons ----------------------------------------------------------------------
: >"$DIR/pids"
record() { echo "$1 $(cat "$2")" >>"$DIR/pids"; }

KEY=$DIR/munge/munge.key
if [ ! -s "$KEY" ]; then
  dd if=/dev/urandom of="$KEY" bs=1024 count=1 status=none
fi
chmod 600 "$KEY"
# munged refuses to run as root unless forced; everything it touches is private here.
force=()
[ "$(id -u)" = 0 ] && force=(--force)
munged "${force[@]}" --key-file="$KEY" --socket="$DIR/munge/munge.socket" \
  --pid-file="$DIR/munge/munged.pid" --log-file="$DIR/log/munged.log" \
  --seed-file="$DIR/munge/munged.seed" || die "munged did not start"
wait_for "munged's pid file" test -s "$DIR/munge/munged.pid"
record munged "$DIR/munge/munged.pid"
wait_for "munged to answer" sh -c "munge -n -S '$DIR/munge/munge.socket' | unmunge -S '$DIR/munge/munge.socket'"

slurmctld -i -f "$DIR/slurm.conf" || die "slurmctld did not start"
wait_for "slurmctld's pid file" test -s "$DIR/slurmctld.pid"
record slurmctld "$DIR/slurmctld.pid"
wait_for "slurmctld to answer" scontrol ping

slurmd -N localhost -f "$DIR/slurm.conf" || die "slurmd did not start"
wait_for "slurmd's pid file" test -s "$DIR/slurmd.pid"
record slurmd "$DIR/slurmd.pid"

wait_for "node localhost to be idle in sinfo" sh -c '[ "$(sinfo -h -n localhost -o %t)" = idle ]'
echo "SLURM is up: $(sinfo -h -o '%P %D %c CPUs %m MB %t') (SLURM_CONF=$DIR/slurm.conf)"
