#!/usr/bin/env bash
# Installs the pinned actionlint into .tools/actionlint (built from source through the Go module
# proxy) unless it is already there or in the machine's tool cache; the workflow tests run it.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/tool-cache.sh
. .ci/tool-cache.sh
ACTIONLINT_VERSION=v1.7.12
dir="$PWD/.tools/actionlint"
installed() { [ -x "$dir/actionlint" ] && "$dir/actionlint" -version | head -n 1 | grep -qx "$ACTIONLINT_VERSION"; }
installed && exit 0
rm -rf "$dir"
tool_cache_restore actionlint "$ACTIONLINT_VERSION" "$dir" && installed && exit 0
command -v go >/dev/null 2>&1 || { echo "actionlint needs Go to build: install Go (https://go.dev/dl) and run npm test again" >&2; exit 1; }
rm -rf "$dir"
GOBIN="$dir" go install "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}"
tool_cache_save actionlint "$ACTIONLINT_VERSION" "$dir"
