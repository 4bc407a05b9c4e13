#!/usr/bin/env bash
# Builds imprint_<version>_amd64.deb with its own Java runtime: jlink makes the runtime, jpackage the
# application image (/opt/imprint: bin/imprint, lib/runtime, lib/app), dpkg-deb the package, which also
# owns /usr/bin/imprint, the udev rules, the desktop entry and the icon. Run by Maven (packaging's
# verify phase) with: build-deb.sh VERSION TARGET_DIR [VENDOR_IDS] (TARGET_DIR/input holds the jars;
# VENDOR_IDS, e.g. "0403,1915", replaces the USB vendors of udev/60-imprint.rules).
set -euo pipefail
version="${1:?version}"
target="${2:?target dir}"
vendors="${3:-}"
here="$(cd "$(dirname "$0")" && pwd)"
: "${JAVA_HOME:?JAVA_HOME must name a JDK 25}"
if ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "build-deb: no dpkg-deb here (not Debian?): the .deb is not built" >&2
  exit 0
fi
deb_version="${version%-SNAPSHOT}"

rm -rf "$target/runtime" "$target/image" "$target/root" "$target/fx" "$target/app"
mkdir -p "$target/fx" "$target/app"
# JavaFX runs from the module path (its platform jars; the ones without a classifier are empty), the
# rest from the class path. The input is left as Maven copied it, so a second build finds it whole.
for jar in "$target"/input/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-linux.jar) cp "$jar" "$target/fx/" ;;
    javafx-*.jar) ;;
    *) cp "$jar" "$target/app/" ;;
  esac
done

# The JDK modules the station and its libraries use (jdeps on every jar, plus what is loaded by name:
# SunPKCS11 for the HSM, zipfs and the locale data), and those JavaFX needs.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs
modules+=,java.scripting,java.security.jgss,java.sql,java.xml,java.xml.crypto,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.net
modules+=,jdk.unsupported,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.security.auth,jdk.jsobject,jdk.xml.dom
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-6 --include-locales=en,de,fr,cs,pl --output "$target/runtime"

main_jar="$(cd "$target/app" && ls station-app-*.jar)"
# -XX:TieredStopAtLevel=1: the screen's first frames come sooner without C2 on a small machine's cores
# (docs/PERFORMANCE.md); MaxRAMPercentage: a 100,000-board report wants more than the default quarter.
"$JAVA_HOME/bin/jpackage" --type app-image --name imprint --app-version "$deb_version" --dest "$target/image" \
  --input "$target/app" --main-jar "$main_jar" --main-class io.imprint.station.cli.ImprintCommand \
  --runtime-image "$target/runtime" --app-content "$target/fx" \
  --java-options '--module-path $APPDIR/../fx --add-modules javafx.controls --enable-native-access=ALL-UNNAMED,javafx.graphics' \
  --java-options '-XX:TieredStopAtLevel=1 -XX:MaxRAMPercentage=50' \
  --vendor "Imprint" --description "Imprint provisioning station" --copyright "Imprint"

root="$target/root"
mkdir -p "$root/opt" "$root/usr/bin" "$root/lib/udev/rules.d" "$root/usr/share/applications" "$root/usr/share/icons/hicolor/scalable/apps" "$root/DEBIAN"
cp -a "$target/image/imprint" "$root/opt/imprint"
ln -s /opt/imprint/bin/imprint "$root/usr/bin/imprint"
rules="$root/lib/udev/rules.d/60-imprint.rules"
if [ -z "$vendors" ]; then
  install -m 0644 "$here/udev/60-imprint.rules" "$rules"
else
  { echo "# Imprint provisioning station: the fixture's boards for the operators' group (vendors chosen at build time)."
    IFS=, read -ra ids <<< "$vendors"
    for id in "${ids[@]}"; do
      [[ "$id" =~ ^[0-9a-f]{4}$ ]] || { echo "build-deb: '$id' is not a USB vendor id (four lower-case hex digits)" >&2; exit 1; }
      echo "SUBSYSTEM==\"usb\", ATTRS{idVendor}==\"$id\", MODE=\"0660\", GROUP=\"plugdev\", TAG+=\"uaccess\""
    done
    grep '^SUBSYSTEM=="tty"' "$here/udev/60-imprint.rules"
  } > "$rules"
  chmod 0644 "$rules"
fi
install -m 0644 "$here/desktop/imprint.desktop" "$root/usr/share/applications/imprint.desktop"
install -m 0644 "$here/desktop/imprint.svg" "$root/usr/share/icons/hicolor/scalable/apps/imprint.svg"
install -m 0755 "$here/deb/postinst" "$here/deb/postrm" "$root/DEBIAN/"
size_kib="$(du -sk "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<CONTROL
Package: imprint
Version: $deb_version
Section: electronics
Priority: optional
Architecture: amd64
Maintainer: Imprint <station@imprint.invalid>
Installed-Size: $size_kib
Depends: softhsm2, libgtk-3-0 | libgtk-3-0t64, libusb-1.0-0 | libusb-1.0-0t64, openssl, libc6, libx11-6, libasound2 | libasound2t64
Recommends: xvfb
Description: Imprint provisioning station
 Gives each board on a factory line its own X.509 identity, signed by an offline
 CA whose keys live in an HSM (SoftHSM2 for the demo), records every step in a
 local batch log with a hash-chained audit trail, and exports or syncs batches
 to cloud registries. Carries its own Java runtime. Removing the package keeps
 the stations' data under each user's ~/.local/share/imprint.
CONTROL
deb="$target/imprint_${deb_version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz -z6 --build "$root" "$deb" >/dev/null
echo "built $deb ($(du -h "$deb" | cut -f1))"
