#!/usr/bin/env bash
# Packaging checks, run by .ci/run after `cargo test`: the wheel, the
# Action's install step and the pre-commit hooks, exercised the way a Python
# developer would use them. Cargo tests cannot do this: building the wheel
# runs cargo, which waits for the lock that `cargo test` holds.
#
# maturin and pre-commit are pip-installed into a throwaway virtual
# environment. When that fails (no network, no PyPI), every check prints
# SKIPPED with the reason and counts as skipped, never as passed.
#
# The last line is "packaging: N passed, N failed, N skipped"; the exit code
# is 1 when a check failed.
#
# Environment: PA_WHEEL_PROFILE (default dev: CI reuses the debug build of the
# dependencies; `release` for a wheel to publish), CARGO_TARGET_DIR.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
profile="${PA_WHEEL_PROFILE:-dev}"
version="$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0 failed=0 skipped=0

pass() { echo "ok       $1"; passed=$((passed + 1)); }
skip() { echo "SKIPPED  $1 ($2)"; skipped=$((skipped + 1)); }
fail() {
  echo "FAILED   $1"
  [ -f "$2" ] && sed 's/^/    | /' "$2" | tail -n 40
  failed=$((failed + 1))
}
finish() {
  echo "packaging: $passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
  exit
}

checks=(
  "the wheel builds with maturin ($profile profile)"
  "the wheel installs into a fresh venv with no Rust on PATH"
  "the installed portfolio-audit --version prints $version"
  "the installed portfolio-audit demo runs (from the repository root)"
  "the installed portfolio-audit audits a real repository (this one, a Rust crate)"
  "the Action's install step installs the cached wheel"
  "pre-commit try-repo passes on a good repository"
  "pre-commit try-repo fails on a bad one and shows the report"
  "the documented local pre-commit hook installs the wheel"
)

# Tools: maturin and pre-commit, pinned, in a venv of their own.
tools="$work/tools"
if ! command -v python3 >/dev/null 2>&1 \
  || ! python3 -m venv "$tools" >"$work/tools.log" 2>&1 \
  || ! "$tools/bin/python" -m pip --disable-pip-version-check install --quiet \
    "maturin==1.16.0" "pre-commit==4.7.0" >>"$work/tools.log" 2>&1; then
  reason="could not install maturin and pre-commit with pip: $(tail -n 1 "$work/tools.log" 2>/dev/null)"
  for c in "${checks[@]}"; do skip "$c" "$reason"; done
  finish
fi
python="$(python3 -c 'import sys; print(sys.executable)')"
# A PATH with python3 and nothing else: no cargo, no rustc.
mkdir -p "$work/pybin"
ln -s "$python" "$work/pybin/python3"
bare=(env -i "HOME=$work/home" "LANG=C.UTF-8")
mkdir -p "$work/home"

# 1. Build.
log="$work/build.log"
if "$tools/bin/maturin" build --profile "$profile" --out "$work/dist" >"$log" 2>&1 \
  && wheel="$(find "$work/dist" -name "portfolio_audit-$version-*.whl" | head -n 1)" \
  && [ -n "$wheel" ]; then
  pass "${checks[0]}: $(basename "$wheel"), $(du -h "$wheel" | cut -f1)"
else
  fail "${checks[0]}" "$log"
  for c in "${checks[@]:1}"; do skip "$c" "no wheel"; done
  finish
fi

# 2-5. A user's venv, PATH holding only that venv's bin folder.
user="$work/user"
log="$work/install.log"
if "$python" -m venv "$user" >"$log" 2>&1 \
  && "${bare[@]}" "PATH=$user/bin" "$user/bin/python" -m pip --disable-pip-version-check \
    install --quiet --no-index "$wheel" >>"$log" 2>&1 \
  && ! "${bare[@]}" "PATH=$user/bin" sh -c 'command -v cargo || command -v rustc' >>"$log" 2>&1 \
  && [ -x "$user/bin/portfolio-audit" ]; then
  pass "${checks[1]}"
else
  fail "${checks[1]}" "$log"
fi
run_user() { "${bare[@]}" "PATH=$user/bin" portfolio-audit "$@"; }

log="$work/version.log"
if run_user --version >"$log" 2>&1 && [ "$(cat "$log")" = "portfolio-audit $version" ]; then
  pass "${checks[2]}"
else
  fail "${checks[2]}" "$log"
fi

# `demo` reads test-repos/ from the current folder, so it runs from the root.
log="$work/demo.log"
if run_user demo --color never >"$log" 2>&1 && grep -q "test-repos/exemplary" "$log" \
  && grep -q "^portfolio " "$log"; then
  pass "${checks[3]}"
else
  fail "${checks[3]}" "$log"
fi

# This repository is a Rust crate with a few Python helpers: the audit must
# see that and leave it unscored, not judge it as a Python project.
log="$work/self.log"
if run_user audit --color never "$root" >"$log" 2>&1 \
  && grep -q "^  no score: not a Python project (mainly Rust" "$log"; then
  pass "${checks[4]}: $(head -n 1 "$log" | awk '{print $2, $3}')"
else
  fail "${checks[4]}" "$log"
fi

# 6. The Action's install step, with the wheel in its cache folder.
log="$work/action.log"
mkdir -p "$work/runner" "$work/wheel-cache"
cp "$wheel" "$work/wheel-cache/"
: >"$work/github_path"
if "${bare[@]}" "PATH=$work/pybin:/usr/bin:/bin" "GITHUB_ACTION_PATH=$root" \
  "PA_WHEEL_CACHE=$work/wheel-cache" "RUNNER_TEMP=$work/runner" "GITHUB_PATH=$work/github_path" \
  bash action/install.sh >"$log" 2>&1 \
  && grep -q "from the cached wheel" "$log" \
  && bin="$(cat "$work/github_path")" && [ "$("$bin/portfolio-audit" --version)" = "portfolio-audit $version" ]; then
  pass "${checks[5]}"
else
  fail "${checks[5]}" "$log"
fi

# 7-8. pre-commit try-repo against sample repositories built by demo.
# pip builds the hook's environment from this repository with maturin; the
# same profile and target folder keep that to one crate's compile.
export MATURIN_PEP517_ARGS="--profile $profile"
export PRE_COMMIT_HOME="$work/pre-commit-home"
samples="$work/samples"
run_user demo --color never --into "$samples" >/dev/null 2>&1
try_repo() { (cd "$samples/$1" && "$tools/bin/pre-commit" try-repo "$root" portfolio-audit --all-files --color never); }

log="$work/try-good.log"
if try_repo exemplary >"$log" 2>&1 && grep -q "portfolio-audit (working tree)\.*Passed" "$log"; then
  pass "${checks[6]}"
else
  fail "${checks[6]}" "$log"
fi

log="$work/try-bad.log"
try_repo mistakes >"$log" 2>&1
status=$?
if [ "$status" -eq 1 ] && grep -q "portfolio-audit (working tree)\.*Failed" "$log" \
  && grep -qE "^(\.|mistakes)  [0-9]+/100 \(F\)  working tree" "$log" && grep -q "fix: " "$log"; then
  # A repository audited as `.` is shown under its folder's name.
  pass "${checks[7]}: $(grep -m 1 -E '^(\.|mistakes)  [0-9]+/100' "$log")"
else
  fail "${checks[7]}" "$log"
fi

# 9. The local hook from docs/pre-commit.md, its wheel found in a folder
# instead of PyPI (the version under test is not published yet).
log="$work/local-hook.log"
local_repo="$samples/exemplary"
cat >"$work/local-hook.yaml" <<YAML
repos:
  - repo: local
    hooks:
      - id: portfolio-audit
        name: portfolio-audit
        entry: portfolio-audit audit --worktree --quiet --fail-under=70
        language: python
        additional_dependencies: [portfolio-audit==$version]
        pass_filenames: false
        always_run: true
YAML
if (cd "$local_repo" && PIP_FIND_LINKS="$work/dist" "$tools/bin/pre-commit" run \
  --config "$work/local-hook.yaml" --all-files --color never) >"$log" 2>&1 \
  && grep -q "^portfolio-audit\.*Passed" "$log"; then
  pass "${checks[8]}"
else
  fail "${checks[8]}" "$log"
fi

finish
