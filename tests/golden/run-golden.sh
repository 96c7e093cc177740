#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Golden CLI tests: for each NAME.args (one argument per line), run
# batchgen and compare stdout with NAME.out, stderr with NAME.err and the
# exit status with NAME.rc (missing .out/.err: expect nothing; missing
# .rc: expect 0). Runs in tests/, so arguments name files as data/...
# and ../examples/...; nothing may write there. Prints TAP.
#
#   run-golden.sh BATCHGEN DIR
#   BG_UPDATE_GOLDEN=1 run-golden.sh ...   rewrite the expectations (review
#                                          the diff before committing!)
set -u
unset BATCHGEN_TEMPLATE_PATH
bin=$(realpath "$1") dir=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/bg-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT

cases=("$dir"/*.args)
echo "1..${#cases[@]}"
n=0 failed=0
for args_file in "${cases[@]}"; do
	n=$((n + 1))
	name=$(basename "$args_file" .args)
	mapfile -t args <"$args_file"
	# BG_WRAPPER (e.g. valgrind) prefixes every run.
	(cd "$dir/.." && ${BG_WRAPPER:-} "$bin" "${args[@]}" >"$work/out" 2>"$work/err")
	echo $? >"$work/rc"
	if [[ ${BG_UPDATE_GOLDEN:-0} == 1 ]]; then
		for k in out err; do
			if [[ -s $work/$k ]]; then cp "$work/$k" "$dir/$name.$k"; else rm -f "$dir/$name.$k"; fi
		done
		if [[ $(cat "$work/rc") != 0 ]]; then cp "$work/rc" "$dir/$name.rc"; else rm -f "$dir/$name.rc"; fi
	fi
	ok=1
	for k in out err; do
		expect=$dir/$name.$k
		[[ -f $expect ]] || expect=/dev/null
		if ! diff -u "$expect" "$work/$k" >"$work/diff"; then
			ok=0
			echo "# $name: std$k differs:"
			sed 's/^/# /' "$work/diff"
		fi
	done
	want_rc=0
	[[ -f $dir/$name.rc ]] && want_rc=$(cat "$dir/$name.rc")
	got_rc=$(cat "$work/rc")
	if [[ $got_rc != "$want_rc" ]]; then
		ok=0
		echo "# $name: exit status $got_rc, expected $want_rc"
	fi
	if [[ $ok == 1 ]]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		failed=$((failed + 1))
	fi
done
[[ $failed == 0 ]]
