#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Debian packages built on a fresh Debian 12 that has only what
# debian/control names: a debootstrap --variant=buildd bookworm chroot
# (essential and build-essential), then exactly the Build-Depends
# (apt-get build-dep of the source tree), then dpkg-buildpackage -us -uc
# -b with the test suite (terraform, pre-commit and the SARIF validator
# are not there, and their tests say so and are skipped), then lintian
# on the result. Needs root and the Debian mirror. Prints TAP, and
# writes it as a meson-style log line to OUT/clean-build.json for
# tests/summary.py.
#   clean-build.sh OUT
set -u
out=$(realpath -m "${1:?OUT}")
src=$(cd "$(dirname "$0")/../.." && pwd)
mirror=${BATCHGEN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$out"
work=$(mktemp -d)
root=$work/root
cleanup() {
	if mountpoint -q "$root/proc" && ! umount "$root/proc"; then
		echo "clean-build.sh: $root/proc is still mounted; $work is left" >&2
		return
	fi
	rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=tests/package/tap.sh
. "$src/tests/package/tap.sh"
tap_start "$out/clean-build.tap"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
	LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
finish() { tap_finish debian-clean-build "$out/clean-build.json"; }

if debootstrap --variant=buildd bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1; then
	ok "debootstrap --variant=buildd bookworm: a fresh Debian 12 with build-essential"
else
	notok "debootstrap --variant=buildd bookworm $mirror" "$work/debootstrap.log"
	finish
fi
mount -t proc proc "$root/proc"
# the committed tree only
mkdir -p "$root/build/batchgen"
(cd "$src" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$root/build/batchgen"
version=$(sed -n "s/^  version: '\(.*\)',/\1/p" "$src/meson.build")
before=$(in_root dpkg-query -W -f '${Package}\n' | sort)
if in_root sh -c 'apt-get update -qq && apt-get build-dep -y -qq /build/batchgen' \
	>"$work/build-dep.log" 2>&1; then
	ok "apt-get build-dep installs debian/control's Build-Depends"
else
	notok "apt-get build-dep" "$work/build-dep.log"
	finish
fi
added=$(comm -13 <(echo "$before") <(in_root dpkg-query -W -f '${Package}\n' | sort) | wc -l)
if in_root sh -c 'cd /build/batchgen && dpkg-buildpackage -us -uc -b' \
	>"$work/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b, with the test suite, on only those ($added packages added)"
else
	# the failing checks of the test suite, if it is what failed
	for log in "$root"/build/batchgen/obj-*/meson-logs/testlog.txt; do
		[[ -f $log ]] && grep -E -A8 '^not ok' "$log" | head -60 >>"$work/build.log"
	done
	notok "dpkg-buildpackage -us -uc -b in the clean chroot" "$work/build.log"
fi
built=0
for p in batchgen libbatchgen0 libbatchgen-dev; do
	[[ -f $root/build/${p}_${version}_$(dpkg --print-architecture).deb ]] && built=$((built + 1))
done
if [[ $built == 3 ]]; then
	ok "the three packages are built ($version)"
else
	notok "the three packages are built: $(cd "$root/build" && ls -- *.deb 2>/dev/null | tr '\n' ' ')"
fi
tests=$(grep -cE '^ *[0-9]+/[0-9]+ batchgen:.* (OK|SKIP) ' "$work/build.log" || true)
if grep -qE '^Fail: +0' "$work/build.log"; then
	ok "the test suite ran in the build: $tests suites OK or skipped, none failed"
else
	notok "the test suite in the build" "$work/build.log"
fi
if lintian --fail-on error,warning "$root"/build/batchgen_"$version"_*.changes \
	>"$work/lintian.log" 2>&1; then
	ok "lintian on the clean build: no error, no warning"
else
	notok "lintian on the clean build" "$work/lintian.log"
fi
finish
