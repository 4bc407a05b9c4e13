# Sourced by ./imprint and ./run-tests: need_packages CALLER PACKAGE... installs the Debian packages that
# are missing (with sudo when not root, saying what it installs), or, where it cannot, prints the one
# command that would and exits.
need_packages() {
  local caller="$1"; shift
  local missing=() pkg
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: the user installs what the README lists
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "$caller: needs ${missing[*]}; as root, run: apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
    # A password prompt needs a terminal; without one, sudo must not wait for it.
    if [ -t 0 ]; then sudo=(sudo); else sudo=(sudo -n); fi
  fi
  echo "$caller: installing ${missing[*]} (Debian packages it needs)" >&2
  if ! { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "$caller: could not install ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}
