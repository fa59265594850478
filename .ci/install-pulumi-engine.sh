#!/usr/bin/env bash
# Unpacks the Pulumi CLI tarball from shared/engine (a CLI built from the pulumi/pulumi
# sources, for machines that cannot run Pulumi's installer) into .tools/pulumi, unless the
# version pinned in .pulumi.version is already there, and prints the folder to put on PATH.
# On GitHub, pulumi/actions installs the same pinned version instead.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(tr -d '[:space:]' < .pulumi.version)
tarball=$(find "${1:-../shared/engine}" -maxdepth 1 -name "pulumi-engine-v$version-*.tar.xz" 2>/dev/null | head -n 1)
if [ -x .tools/pulumi/bin/pulumi ] && [ "$(PULUMI_SKIP_UPDATE_CHECK=1 .tools/pulumi/bin/pulumi version)" = "v$version" ]; then
  echo "$PWD/.tools/pulumi/bin"
  exit 0
fi
if [ -z "$tarball" ]; then
  echo "no Pulumi engine tarball for v$version in ${1:-../shared/engine}" >&2
  exit 1
fi
rm -rf .tools/pulumi && mkdir -p .tools/pulumi
tar -xJf "$tarball" -C .tools/pulumi
echo "$PWD/.tools/pulumi/bin"
