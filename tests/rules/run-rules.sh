#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The rule corpus (see make_cases.py): each invalid case fails with
# exactly its rule's code at its field path, each warning case warns
# (and fails under --Werror), each note case notes (and passes under
# --Werror), each valid case passes with no diagnostic
# at all. Prints TAP.
#   run-rules.sh BATCHGEN DIR
set -u
unset BATCHGEN_TEMPLATE_PATH
bin=$(realpath "$1") dir=$2
cases=("$dir"/*.yaml)
echo "1..${#cases[@]}"
n=0 failed=0
for f in "${cases[@]}"; do
	n=$((n + 1))
	name=$(basename "$f" .yaml)
	read -r _ kind code path < <(head -1 "$f")
	problem=""
	case $kind in
	expect:)
		if [[ $code == valid ]]; then
			"$bin" validate --Werror "$f" 2>err
			rc=$?
			[[ $rc == 0 ]] || problem="exit $rc"
			[[ -s err ]] && problem="$problem; diagnostics: $(head -2 err)"
		else
			"$bin" validate "$f" 2>err
			rc=$?
			[[ $rc == 1 ]] || problem="exit $rc, expected 1"
			grep -qF ": error: $path: " err && grep -F ": error: $path: " err | grep -qF "[$code]" ||
				problem="$problem; no [$code] error at $path"
			others=$(grep ": error: " err | grep -vF "[$code]")
			[[ -z $others ]] || problem="$problem; other errors: $others"
		fi ;;
	warn:)
		"$bin" validate "$f" 2>err
		rc=$?
		[[ $rc == 0 ]] || problem="exit $rc, expected 0"
		grep -F ": warning: $path: " err | grep -qF "[$code]" || problem="$problem; no [$code] warning at $path"
		grep -q ": error: " err && problem="$problem; errors: $(grep ': error: ' err | head -2)"
		"$bin" validate --Werror "$f" 2>/dev/null
		[[ $? == 1 ]] || problem="$problem; --Werror did not fail"
		;;
	note:)
		"$bin" validate --Werror "$f" 2>err
		rc=$?
		[[ $rc == 0 ]] || problem="exit $rc, expected 0 (a note fails nothing)"
		grep -F ": note: $path: " err | grep -qF "[$code]" || problem="$problem; no [$code] note at $path"
		grep -qE ": (error|warning): " err && problem="$problem; more: $(grep -E ': (error|warning): ' err | head -2)"
		;;
	*)
		problem="no '# expect:' or '# warn:' or '# note:' line" ;;
	esac
	if [[ -z $problem ]]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name: $problem"
		sed 's/^/# /' err | head -5
		failed=$((failed + 1))
	fi
done
rm -f err
[[ $failed == 0 ]]
