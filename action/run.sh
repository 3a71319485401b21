#!/usr/bin/env bash
# The audit step of action.yml. Inputs arrive as INPUT_* variables. One
# audit run writes every report: Markdown to $GITHUB_STEP_SUMMARY, SARIF to
# $INPUT_SARIF_FILE, JSON for the outputs; the gates (fail-under, fail-on,
# baseline) decide its exit code, and the reasons go to the log.
set -uo pipefail
cd "${GITHUB_WORKSPACE:-.}"

read -r -a paths <<< "${INPUT_PATHS:-.}"
args=(--profile "${INPUT_PROFILE:-auto}" --color never --quiet)
for r in ${INPUT_RULES:-}; do args+=(--rules "$r"); done
[ -n "${INPUT_FAIL_UNDER:-}" ] && args+=(--fail-under "$INPUT_FAIL_UNDER")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE" --fail-on-regression)

sarif="${INPUT_SARIF_FILE:-portfolio-audit.sarif}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

portfolio-audit audit "${paths[@]}" "${args[@]}" \
  -o "markdown=$tmp/summary.md" -o "sarif=$sarif" -o "json=$tmp/report.json"
status=$?

[ -f "$tmp/summary.md" ] && cat "$tmp/summary.md" >> "${GITHUB_STEP_SUMMARY:-/dev/stdout}"
if [ -f "$tmp/report.json" ]; then
  python3 - "$tmp/report.json" >> "${GITHUB_OUTPUT:-/dev/stdout}" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
source = doc.get("portfolio") or (doc["repos"][0] if doc["repos"] else {})
score = source.get("score")
grade = source.get("grade")
print(f"score={'' if score is None else score}")
print(f"grade={grade or ''}")
PY
fi
[ -f "$sarif" ] && echo "sarif=$sarif" >> "${GITHUB_OUTPUT:-/dev/stdout}"
exit "$status"
