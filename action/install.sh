#!/usr/bin/env bash
# The install step of action.yml: puts portfolio-audit on PATH, without
# compiling whenever a wheel can be had. In order:
#   1. a portfolio-audit already on PATH (a workflow that built its own);
#   2. the cached wheel for exactly this version of the action's source
#      (PA_WHEEL_CACHE, saved by the cache step in action.yml);
#   3. the wheel on PyPI for the version in the action's Cargo.toml
#      (binary only: pip is never allowed to compile it);
#   4. a wheel built from the action's own source (needs Rust, as the old
#      `cargo install` did); the cache step saves it for the next run.
# The wheel is installed into its own virtual environment, whose bin folder
# is added to GITHUB_PATH for the steps that follow.
set -euo pipefail

if command -v portfolio-audit >/dev/null 2>&1; then
  echo "using $(command -v portfolio-audit): $(portfolio-audit --version)"
  exit 0
fi

action="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
wheels="${PA_WHEEL_CACHE:-$HOME/.cache/portfolio-audit-action/wheels}"
venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/portfolio-audit-venv"

# The one version, read from Cargo.toml's [package] table.
version="$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' "$action/Cargo.toml" | head -n 1)"
if [ -z "$version" ]; then
  echo "error: no version in $action/Cargo.toml" >&2
  exit 1
fi

python3 -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check install --quiet)
mkdir -p "$wheels"
cached="$(find "$wheels" -maxdepth 1 -name "portfolio_audit-$version-*.whl" | sort | head -n 1)"
if [ -n "$cached" ]; then
  "${pip[@]}" --no-index --no-deps "$cached"
  from="the cached wheel $(basename "$cached")"
elif "${pip[@]}" --only-binary=:all: --no-deps "portfolio-audit==$version" 2>/dev/null; then
  from="the PyPI wheel portfolio-audit==$version"
else
  echo "no wheel for portfolio-audit $version in the cache or on PyPI: building one (needs Rust)"
  "$venv/bin/python" -m pip --disable-pip-version-check wheel --quiet --no-deps --wheel-dir "$wheels" "$action"
  built="$(find "$wheels" -maxdepth 1 -name "portfolio_audit-$version-*.whl" | sort | head -n 1)"
  "${pip[@]}" --no-index --no-deps "$built"
  from="a wheel built from $action"
fi

installed="$("$venv/bin/portfolio-audit" --version)"
if [ "$installed" != "portfolio-audit $version" ]; then
  echo "error: installed '$installed', expected portfolio-audit $version" >&2
  exit 1
fi
echo "$venv/bin" >> "${GITHUB_PATH:-/dev/null}"
echo "installed $installed from $from into $venv"
