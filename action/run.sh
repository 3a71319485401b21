#!/usr/bin/env bash
# The audit step of action.yml. Inputs arrive as INPUT_* variables; writes
# the Markdown report to $GITHUB_STEP_SUMMARY, SARIF to $INPUT_SARIF_FILE,
# and score/grade to $GITHUB_OUTPUT. Gates (fail-under, fail-on, baseline)
# are applied last, after every report is written.
set -uo pipefail
cd "${GITHUB_WORKSPACE:-.}"

read -r -a paths <<< "${INPUT_PATHS:-.}"
common=(--profile "${INPUT_PROFILE:-auto}" --color never --quiet)
for r in ${INPUT_RULES:-}; do common+=(--rules "$r"); done

report="$(mktemp)"
trap 'rm -f "$report"' EXIT

portfolio-audit audit "${paths[@]}" "${common[@]}" --format markdown >> "${GITHUB_STEP_SUMMARY:-/dev/stdout}" || true
portfolio-audit audit "${paths[@]}" "${common[@]}" --format sarif --output "${INPUT_SARIF_FILE:-portfolio-audit.sarif}" || true

gates=()
[ -n "${INPUT_FAIL_UNDER:-}" ] && gates+=(--fail-under "$INPUT_FAIL_UNDER")
[ -n "${INPUT_FAIL_ON:-}" ] && gates+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_BASELINE:-}" ] && gates+=(--baseline "$INPUT_BASELINE" --fail-on-regression)
portfolio-audit audit "${paths[@]}" "${common[@]}" --format json --output "$report" "${gates[@]}"
status=$?

python3 - "$report" >> "${GITHUB_OUTPUT:-/dev/stdout}" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
source = doc.get("portfolio") or (doc["repos"][0] if doc["repos"] else {})
score = source.get("score")
grade = source.get("grade")
print(f"score={'' if score is None else score}")
print(f"grade={grade or ''}")
PY
exit "$status"
