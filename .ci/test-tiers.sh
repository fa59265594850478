#!/usr/bin/env bash
# Runs every test tier in two mocha processes at once, one per core: the Kubernetes engine
# tiers (the real CLI and provider against a local control plane, about 40 % of the suite's
# time) beside everything else, which splits the time about evenly (docs/benchmarks.md). Each
# group's report is kept and printed whole when the group ends, so the two never interleave;
# the run ends with one line `mocha: N passed, N failed` for both and fails when either failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# Runs one group: its name, then mocha's arguments.
run_group() {
  local name=$1 start=$SECONDS status
  shift
  SKYPORT_TEST_GROUP=$name node_modules/.bin/mocha "$@" >"$logs/$name.log" 2>&1
  status=$?
  echo "$status" >"$logs/$name.status"
  {
    flock 9
    echo "== tests: $name, exit $status after $((SECONDS - start)) s"
    cat "$logs/$name.log"
  } 9>"$logs/print.lock"
}

run_group "Kubernetes engine tiers" 'tests/engine/kubernetes*.test.ts' &
run_group "every other tier" 'tests/**/*.test.ts' --ignore 'tests/engine/kubernetes*.test.ts' &
wait

failed=0
for status in "$logs"/*.status; do [ "$(cat "$status")" = 0 ] || failed=1; done
awk '/^mocha \(.*\): [0-9]+ passed, [0-9]+ failed$/ { passed += $(NF - 3); failures += $(NF - 1) }
  END { printf "mocha: %d passed, %d failed\n", passed, failures }' "$logs"/*.log
exit "$failed"
