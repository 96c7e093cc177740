#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Debian packages, as a user gets them: built from the committed
# tree with dpkg-buildpackage, checked by lintian (no error, no
# warning), installed with apt-get, and the autopkgtest tests run
# against the installed files (autopkgtest's null runner: this
# machine). Needs root (apt-get install). Prints TAP, and writes it as
# a meson-style log line to OUT/package.json for tests/summary.py.
#   run-package.sh OUT
set -u
out=$(realpath -m "${1:?OUT}")
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=tests/package/tap.sh
. "$src/tests/package/tap.sh"
tap_start "$out/package.tap"

# the committed tree only (a fresh clone: no build directories)
mkdir "$work/batchgen"
(cd "$src" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$work/batchgen"
version=$(sed -n "s/^  version: '\(.*\)',/\1/p" "$src/meson.build")

# The full test suite ran before this; nocheck spares running it twice.
if (cd "$work/batchgen" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b) \
	>"$work/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b builds from the committed tree"
else
	notok "dpkg-buildpackage -us -uc -b" "$work/build.log"
fi
debs=()
for p in batchgen libbatchgen0 libbatchgen-dev; do
	f=$work/${p}_${version}_$(dpkg --print-architecture).deb
	[[ -f $f ]] && debs+=("$f")
done
if ((${#debs[@]} == 3)); then
	ok "the three packages are built (batchgen, libbatchgen0, libbatchgen-dev $version)"
else
	notok "the three packages are built: $(cd "$work" && ls -- *.deb 2>/dev/null | tr '\n' ' ')"
fi
if lintian --fail-on error,warning \
	"$work"/batchgen_"$version"_*.changes >"$work/lintian.log" 2>&1; then
	ok "lintian: no error, no warning ($(grep -c . "$work/lintian.log" || true) lines of notes)"
else
	notok "lintian" "$work/lintian.log"
fi
if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --allow-downgrades \
	"${debs[@]}" >"$work/install.log" 2>&1; then
	ok "apt-get install of the three packages"
else
	notok "apt-get install" "$work/install.log"
fi
if [[ $(/usr/bin/batchgen --version 2>&1) == "batchgen $version" ]]; then
	ok "the installed batchgen --version says $version"
else
	notok "the installed batchgen --version: $(/usr/bin/batchgen --version 2>&1)"
fi
# autopkgtest against what is installed (--no-built-binaries: the
# packages above, not a new build)
autopkgtest --no-built-binaries "$work/batchgen/" -- null >"$work/autopkgtest.log" 2>&1
for t in $(sed -n 's/^Tests: //p' "$src/debian/tests/control"); do
	if grep -Eq "^$t +PASS" "$work/autopkgtest.log"; then
		ok "autopkgtest $t passes against the installed packages"
	else
		notok "autopkgtest $t" "$work/autopkgtest.log"
	fi
done
tap_finish debian-package "$out/package.json"
