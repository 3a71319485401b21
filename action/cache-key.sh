#!/usr/bin/env bash
# Keys the result cache (history and facts by HEAD commit) that
# actions/cache keeps between runs. The tool's own entries are keyed by
# HEAD, tool version and rule pack, so a stale restore is never wrong,
# only less useful: the key names the tool version and a hash of the
# targets, and ends with the run so every run saves what it added. The
# restore keys fall back to the newest entry for the same targets, then
# for any targets of the same version.
set -euo pipefail
dir="${PORTFOLIO_AUDIT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/portfolio-audit}"
version="$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$GITHUB_ACTION_PATH/Cargo.toml" | head -n 1)"
# The targets: the paths input, and the text of any list file it names.
targets="$(
  cd "${GITHUB_WORKSPACE:-.}"
  printf '%s\n' "${INPUT_PATHS:-.}"
  for p in ${INPUT_PATHS:-.}; do [ -f "$p" ] && cat -- "$p"; done
  true
)"
hash="$(printf '%s' "$targets" | sha256sum | cut -c1-16)"
prefix="portfolio-audit-results-${RUNNER_OS:-local}-v$version-"
{
  echo "dir=$dir"
  echo "version-prefix=$prefix"
  echo "prefix=$prefix$hash-"
  echo "key=$prefix$hash-${GITHUB_RUN_ID:-0}-${GITHUB_RUN_ATTEMPT:-1}"
} >> "${GITHUB_OUTPUT:-/dev/stdout}"
# The audit step reads the same folder the cache restores.
echo "PORTFOLIO_AUDIT_CACHE_DIR=$dir" >> "${GITHUB_ENV:-/dev/null}"
