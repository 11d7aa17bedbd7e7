#!/usr/bin/env bash
# `npm run format`: format the whole tree with Biome (settings in biome.jsonc). The tree was formatted once (the
# commit in .git-blame-ignore-revs) and `npm run check` now runs `biome check`, which fails on unformatted code;
# run this before committing.
#
# Why this is not run on every branch: a tree-wide reformat touches most files, and while several people edit the
# same files in parallel it would conflict with all of them. So the order is:
#   1. merge everyone's branches;
#   2. `npm run format` (this script) and commit the result on its own ("Format the tree with Biome; no other change");
#   3. add that commit's hash to .git-blame-ignore-revs so `git blame` skips it
#      (`git config blame.ignoreRevsFile .git-blame-ignore-revs` locally; GitHub reads the file by itself);
#   4. turn the format check on: in package.json, change the `biome` script from `biome lint …` to
#      `biome check --error-on-warnings --max-diagnostics=50 .` (lint and format together), so `npm run check` fails
#      on unformatted code from then on.
# Before step 4, `npm run format:check` shows what the formatter would change without writing anything.
set -euo pipefail
cd "$(dirname "$0")/.."

before=$(git status --porcelain | wc -l)
if [ "$before" -ne 0 ] && [ "${1:-}" != "--dirty" ]; then
  echo "format: the working tree has uncommitted changes; commit them first (or pass --dirty)" >&2
  exit 1
fi
# One pass is not always enough: a few constructs (a comment beside a wrapped call) settle on the second pass.
for pass in 1 2 3; do
  npx biome format --write . >/dev/null
  if npx biome format . >/dev/null 2>&1; then break; fi
  [ "$pass" = 3 ] && { echo "format: still not stable after 3 passes; see npx biome format ." >&2; exit 1; }
done
echo "format: $(git diff --name-only | wc -l) files changed; check them with npm run check and npm test -- unit, then commit."
