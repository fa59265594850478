# shellcheck shell=bash
# Sourced by the .ci build scripts: a machine-level cache of what they build, shared by every
# clone on the machine and keyed by what was built (versions and sources), so a fresh clone
# copies a finished build instead of compiling it again. The cache lives in
# $SKYPORT_TOOL_CACHE (default: ${XDG_CACHE_HOME:-~/.cache}/skyport-tools); delete it to
# force a rebuild.
SKYPORT_TOOL_CACHE="${SKYPORT_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/skyport-tools}"

# Prints the cache entry's directory for a tool NAME and the KEY of its build.
tool_cache_entry() {
  echo "$SKYPORT_TOOL_CACHE/$1/$(printf '%s' "$2" | sha256sum | cut -c1-16)"
}

# tool_cache_restore NAME KEY DIR: copies a finished entry into DIR; fails when there is none.
tool_cache_restore() {
  local entry
  entry=$(tool_cache_entry "$1" "$2")
  [ -f "$entry/.complete" ] || return 1
  mkdir -p "$3"
  cp -a "$entry/." "$3/"
  rm -f "$3/.complete"
  echo "$1: restored from $entry" >&2
}

# tool_cache_save NAME KEY DIR: stores DIR's files as the entry, whole or not at all.
tool_cache_save() {
  local entry partial
  entry=$(tool_cache_entry "$1" "$2")
  partial="$entry.partial.$$"
  rm -rf "$partial" && mkdir -p "$partial"
  cp -a "$3/." "$partial/"
  touch "$partial/.complete"
  rm -rf "$entry"
  mv "$partial" "$entry"
}
