#!/usr/bin/env bash
# Clone every repository of the calibration corpus at its labelled commit.
#
#   calibration/fetch.sh DIR [corpus.toml]
#
# Each repository lands in DIR/OWNER+NAME, the layout `calibrate` matches
# by slug. A repository already there is only checked out again. Needs git
# and access to github.com. Then:
#
#   portfolio-audit calibrate calibration/corpus.toml DIR/* --set dev
set -euo pipefail

dir=${1:?usage: calibration/fetch.sh DIR [corpus.toml]}
corpus=${2:-$(dirname "$0")/corpus.toml}
mkdir -p "$dir"

# A repository labelled twice has two entries with one slug and commit:
# sort -u keeps one pair.
grep -E '^(slug|commit) = ' "$corpus" |
  sed -E 's/^[a-z]+ = "(.*)"$/\1/' |
  paste - - |
  sort -u |
  while read -r slug commit; do
    into="$dir/${slug/\//+}"
    if [ ! -d "$into/.git" ]; then
      git clone --quiet "https://github.com/$slug.git" "$into"
    fi
    git -C "$into" checkout --quiet --detach "$commit"
    echo "$slug $commit"
  done
