#!/usr/bin/env bash
# Builds the Kubernetes tier's control plane into .tools/kube/bin once, and reuses it later:
# kube-apiserver, kube-controller-manager (Deployments roll out, namespaces empty) and
# kube-scheduler from k8s.io/kubernetes, and kwok, which plays the nodes and makes pods Ready,
# with its own "fast" stages, and the Gateway API's Gateway and HTTPRoute definitions (CRDs) from
# sigs.k8s.io/gateway-api. etcd comes from Debian's etcd-server. Prints the bin directory.
# The first build takes about 15 minutes on 2 cores; a clone on a machine that built it before
# copies it from the machine's tool cache (.ci/tool-cache.sh) in a second.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=.ci/tool-cache.sh
. .ci/tool-cache.sh
KUBERNETES_VERSION=v1.36.3
KWOK_VERSION=v0.8.0
GATEWAY_API_VERSION=v1.6.3
out="$PWD/.tools/kube"
bin="$out/bin"
stamp="$bin/.versions"
want="kubernetes $KUBERNETES_VERSION kwok $KWOK_VERSION gateway-api $GATEWAY_API_VERSION"

if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  rm -rf "$bin"
  tool_cache_restore kube-tier "$want" "$bin" || true
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  command -v go >/dev/null 2>&1 || { echo "the Kubernetes tier needs Go to build kube-apiserver: install Go (https://go.dev/dl)" >&2; exit 1; }
  # k8s.io/kubernetes replaces its staging modules with ./staging paths, which a module that
  # requires it can't see: pin each to the published version of the same release instead.
  staging_version="v0.${KUBERNETES_VERSION#v1.}"
  src="$out/src"
  rm -rf "$src" && mkdir -p "$src" "$bin"
  (
    cd "$src"
    go mod init skyport.local/kube-tier >/dev/null 2>&1
    go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" >/dev/null
    kubernetes_mod="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$KUBERNETES_VERSION.mod"
    {
      echo "require k8s.io/kubernetes $KUBERNETES_VERSION"
      echo "replace ("
      sed -n 's#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\t\1 => \1 '"$staging_version"'#p' "$kubernetes_mod"
      echo ")"
    } >>go.mod
    cat >tools.go <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
GO
    go mod tidy -e >/dev/null 2>&1 || true
    minor="${KUBERNETES_VERSION#v1.}"
    version_flags="-X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${minor%%.*}"
    for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
      echo "building $cmd $KUBERNETES_VERSION" >&2
      CGO_ENABLED=0 go build -trimpath -ldflags="-s $version_flags" -o "$bin/$cmd" "k8s.io/kubernetes/cmd/$cmd"
    done
  )
  echo "building kwok $KWOK_VERSION" >&2
  CGO_ENABLED=0 GOBIN="$bin" go install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
  rm -rf "$src"
  # kwok's own "fast" stages, from the same module: nodes become Ready, pods Running and Ready.
  kwok_dir=$(go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  for stage in node/fast/node-initialize pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
    cat "$kwok_dir/kustomize/stage/$stage.yaml"
    echo "---"
  done >"$bin/kwok-stages.yaml"
  gateway_dir=$(go mod download -json "sigs.k8s.io/gateway-api@$GATEWAY_API_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  for crd in gateways httproutes; do
    cat "$gateway_dir/config/crd/standard/gateway.networking.k8s.io_$crd.yaml"
    echo "---"
  done >"$bin/gateway-api-crds.yaml"
  echo "$want" >"$stamp"
  tool_cache_save kube-tier "$want" "$bin"
fi
echo "$bin"
