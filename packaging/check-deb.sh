#!/usr/bin/env bash
# CI's check of the installer (root only: it installs and removes a system package): installs the .deb
# with apt, runs the installed imprint (--version, ca demo, the demo station under Xvfb), checks the
# udev rules are in place, removes the package and checks the station's data stayed.
set -euo pipefail
deb="$(ls "${1:?the packaging target dir}"/imprint_*_amd64.deb 2>/dev/null | head -1)"
[ -n "$deb" ] || { echo "check-deb: no .deb in $1 to check" >&2; exit 1; }
if [ "$(id -u)" -ne 0 ]; then
  echo "check-deb: not root, so the installer is not installed and checked here" >&2
  exit 0
fi
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
export IMPRINT_HOME="$data"
echo "check-deb: installing $(basename "$deb")"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
[ "$(readlink -f /usr/bin/imprint)" = /opt/imprint/bin/imprint ] || { echo "check-deb: /usr/bin/imprint is not the installed launcher" >&2; exit 1; }
[ -f /lib/udev/rules.d/60-imprint.rules ] || { echo "check-deb: the udev rules are missing" >&2; exit 1; }
[ -f /usr/share/applications/imprint.desktop ] || { echo "check-deb: the desktop entry is missing" >&2; exit 1; }
/usr/bin/imprint --version
/usr/bin/imprint ca demo | tail -1
# Twice: the first start makes the demo station; the second is the warm start the goal is about. The
# check is that the installed station comes up and provisions; how fast is measured, not asserted.
for start in first warm; do
  out="$(xvfb-run -a /usr/bin/imprint station --demo --bench 5 || true)"
  echo "$out" | grep -q '^start to ready: ' || { echo "check-deb: the installed station did not come up ($start start):" >&2; echo "$out" >&2; exit 1; }
  echo "$out" | grep -q 'provisioned [1-9][0-9]* boards' || { echo "check-deb: the installed station provisioned nothing" >&2; echo "$out" >&2; exit 1; }
  echo "$start start: $(echo "$out" | grep '^start to ready: ')"
done
echo "check-deb: removing the package"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq imprint >/dev/null
[ ! -e /opt/imprint ] && [ ! -e /usr/bin/imprint ] && [ ! -e /lib/udev/rules.d/60-imprint.rules ] || { echo "check-deb: files left after removal" >&2; exit 1; }
[ -n "$(ls -A "$data")" ] || { echo "check-deb: the station's data went with the package" >&2; exit 1; }
echo "check-deb: installed, ran and removed; the station's data in $data stayed"
