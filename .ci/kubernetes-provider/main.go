// The Kubernetes provider plugin, built by .ci/build-kubernetes-provider.sh. The provider
// module's own main package embeds a schema its build generates and the module does not ship;
// this one embeds the module's shipped schema.json, with the version stamped, the same way.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
