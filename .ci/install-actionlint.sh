#!/usr/bin/env bash
# Installs the pinned actionlint into .tools/bin (built from source through the Go module
# proxy) unless it is already there; the workflow tests run it.
set -euo pipefail
cd "$(dirname "$0")/.."
ACTIONLINT_VERSION=v1.7.12
if [ -x .tools/bin/actionlint ] && .tools/bin/actionlint -version | head -n 1 | grep -qx "$ACTIONLINT_VERSION"; then
  exit 0
fi
command -v go >/dev/null 2>&1 || { echo "actionlint needs Go to build: install Go (https://go.dev/dl) and run npm test again" >&2; exit 1; }
GOBIN="$PWD/.tools/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}"
