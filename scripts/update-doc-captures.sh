#!/usr/bin/env bash
# Regenerates every screen captured in README.md and docs/ from the binary (the markers
# are described in Tests/CLITests/DocCaptureTests.swift). The test run fails on purpose
# when it rewrote something: read each changed capture before committing it.
set -uo pipefail
cd "$(dirname "$0")/.."
UPDATE_DOC_CAPTURES=1 swift test --filter DocCaptureTests
git status --short README.md docs
