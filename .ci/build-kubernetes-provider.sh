#!/usr/bin/env bash
# Builds the Kubernetes provider plugin (pulumi-resource-kubernetes) from the Go module proxy
# into .tools/kubernetes-provider once, and reuses it later; prints the binary's path.
#
# The source is github.com/pulumi/pulumi-kubernetes/provider/v4 at the pseudo-version pinned in
# .ci/kubernetes-provider/go.mod (go.sum holds every module's checksum). Its own main package
# embeds a schema that its generate.go writes and the module does not ship, so
# .ci/kubernetes-provider/main.go embeds the shipped schema.json with the version set, as
# generate.go would. The version stamped into the binary and its schema is the one
# @pulumi/kubernetes asks the engine for (package-lock.json), so the engine loads this plugin
# for it; docs/platforms/kubernetes.md says how the source and that release differ.
# The first build takes about 12 minutes on 2 cores; with Go's build cache warm, seconds; a
# clone on a machine that built it before copies it from the machine's tool cache.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/tool-cache.sh
. .ci/tool-cache.sh
command -v node >/dev/null 2>&1 || { echo "building the Kubernetes provider needs node (bash .ci/install-node.sh)" >&2; exit 1; }

sdk_version=$(node -p 'require("./package-lock.json").packages["node_modules/@pulumi/kubernetes"].version')
module=github.com/pulumi/pulumi-kubernetes/provider/v4
module_version=$(sed -n "s#^require $module \(.*\)#\1#p" .ci/kubernetes-provider/go.mod)
out="$PWD/.tools/kubernetes-provider"
binary="$out/pulumi-resource-kubernetes"
stamp="$out/.versions"
want="plugin $sdk_version source $module@$module_version $(cat .ci/kubernetes-provider/go.sum .ci/kubernetes-provider/main.go | sha256sum | cut -c1-16)"

if [ ! -x "$binary" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  rm -rf "$out"
  tool_cache_restore kubernetes-provider "$want" "$out" || true
fi
if [ ! -x "$binary" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  command -v go >/dev/null 2>&1 || { echo "the Kubernetes engine tier needs Go to build the provider: install Go (https://go.dev/dl)" >&2; exit 1; }
  src="$out/src"
  rm -rf "$src" && mkdir -p "$src"
  cp .ci/kubernetes-provider/go.mod .ci/kubernetes-provider/go.sum .ci/kubernetes-provider/main.go "$src/"
  (
    cd "$src"
    go mod download "$module"
    module_dir=$(go list -m -f '{{.Dir}}' "$module")
    SCHEMA="$module_dir/cmd/pulumi-resource-kubernetes/schema.json" VERSION="$sdk_version" node -e '
      const fs = require("node:fs");
      const schema = JSON.parse(fs.readFileSync(process.env.SCHEMA, "utf8"));
      schema.version = process.env.VERSION;
      fs.writeFileSync("schema-embed.json", JSON.stringify(schema));'
    node -e 'const fs = require("node:fs"); fs.writeFileSync("terraform-mapping-embed.json", JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1], "utf8"))));' \
      "$module_dir/cmd/pulumi-resource-kubernetes/terraform-mapping.json"
    echo "building pulumi-resource-kubernetes $sdk_version from $module@$module_version" >&2
    CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X $module/pkg/version.Version=$sdk_version" -o "$binary.new" .
  )
  mv "$binary.new" "$binary"
  rm -rf "$src"
  echo "$want" >"$stamp"
  tool_cache_save kubernetes-provider "$want" "$out"
fi
echo "$binary"
