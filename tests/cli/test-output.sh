#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# -o FILE safety: written atomically, never clobbered by a failed run,
# no temporary file left behind. Prints TAP.
#   test-output.sh BATCHGEN
set -u
unset BATCHGEN_TEMPLATE_PATH
bin=$(realpath "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/bg-output.XXXXXX")
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
n=0 failed=0
check() { # check DESCRIPTION COMMAND...
	n=$((n + 1))
	local desc=$1; shift
	if "$@"; then echo "ok $n - $desc"; else echo "not ok $n - $desc"; failed=$((failed + 1)); fi
}
no_temp_files() { [[ -z $(find "$work" -name '.*.tmp.*' -print -quit) ]]; }

echo "1..30"
cd "$work" || exit 1

"$bin" ml-training --gpus 2 --image img:1 -o job.tf.json 2>/dev/null
check "-o writes the file" test -s job.tf.json
"$bin" ml-training --gpus 2 --image img:1 >stdout.tf.json 2>/dev/null
check "-o writes what stdout shows" cmp -s job.tf.json stdout.tf.json

cp job.tf.json before
"$bin" ml-training --gpus 2 --image img:1 --retry-attempts 11 -o job.tf.json 2>err
rc=$?
check "invalid definition exits 1" test "$rc" = 1
check "invalid definition leaves the file byte-identical" cmp -s before job.tf.json
check "the error names the problem" grep -q "Retry attempts must be between 1 and 10" err

"$bin" simple-container --image img:1 --vcpus 0 -o new.tf.json 2>/dev/null
check "invalid definition creates no file" test ! -e new.tf.json

mkdir adir
"$bin" simple-container --image img:1 -o adir 2>err
rc=$?
check "-o onto a directory exits 3" test "$rc" = 3

"$bin" simple-container --image img:1 -o missing/dir/job.tf.json 2>err
rc=$?
check "-o into a missing directory exits 3" test "$rc" = 3

if [[ $(id -u) != 0 ]]; then
	mkdir ro && cp before ro/job.tf.json && chmod a-w ro
	"$bin" simple-container --image img:1 -o ro/job.tf.json 2>err
	rc=$?
	check "-o into a read-only directory exits 3, file intact" \
		bash -c "test $rc = 3 && cmp -s before ro/job.tf.json"
else
	# root ignores directory permissions; /dev/full fails every write.
	"$bin" simple-container --image img:1 >/dev/full 2>err
	rc=$?
	check "writing to a full device exits 3" test "$rc" = 3
fi

ln -s job.tf.json link.tf.json
"$bin" simple-container --image img:1 -o link.tf.json 2>err
rc=$?
check "-o through a symbolic link exits 3, link and file intact" \
	bash -c "test $rc = 3 && test -L link.tf.json && cmp -s before job.tf.json && grep -q 'symbolic link' err"
ln -s missing.tf.json dangling.tf.json
"$bin" simple-container --image img:1 -o dangling.tf.json 2>err
rc=$?
check "-o through a dangling symbolic link exits 3, creates nothing" \
	bash -c "test $rc = 3 && test -L dangling.tf.json && test ! -e missing.tf.json"
"$bin" simple-container --image img:1 -o /dev/full 2>err
rc=$?
check "-o onto a device exits 3" test "$rc" = 3

# --check compares, never writes.
"$bin" simple-container --image img:1 -o fresh.tf.json 2>/dev/null
cp fresh.tf.json fresh.before
"$bin" simple-container --image img:1 -o fresh.tf.json --check 2>err
rc=$?
check "--check on an up-to-date file exits 0, silently" bash -c "test $rc = 0 && test ! -s err"
"$bin" simple-container --image img:2 -o fresh.tf.json --check 2>err
rc=$?
check "--check on a stale file exits 1 with a unified diff" \
	bash -c "test $rc = 1 && grep -q '^-.*img:1' err && grep -q '^+.*img:2' err"
check "--check leaves the stale file untouched" cmp -s fresh.before fresh.tf.json
"$bin" simple-container --image img:1 -o absent.tf.json --check 2>err
rc=$?
check "--check with no file exits 1 and creates none" \
	bash -c "test $rc = 1 && test ! -e absent.tf.json"

# Interrupted by a signal at some point of a long run: the target is
# either untouched or complete, never truncated, and no temporary file
# stays behind.
python3 -c '
print("jobs:")
for i in range(20000):
    print("  - {name: job-%d, template: simple-container, image: \"app:1\"}" % i)' >big.yaml
"$bin" render big.yaml -o complete.tf.json 2>/dev/null
interrupted_ok=1
for delay in 0.05 0.2 0.4 0.6 0.8; do
	cp before target.tf.json
	"$bin" render big.yaml -o target.tf.json 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
	if ! cmp -s before target.tf.json && ! cmp -s complete.tf.json target.tf.json; then
		echo "# interrupted after ${delay}s: target.tf.json is neither old nor complete"
		interrupted_ok=0
	fi
	if [[ -n $(find . -name '.*.tmp.*' -print -quit) ]]; then
		echo "# interrupted after ${delay}s: a temporary file was left"
		interrupted_ok=0
	fi
done
check "a signal never leaves a truncated file or a temporary file" test "$interrupted_ok" = 1

# The text is streamed into an unnamed file as it is written (for
# standard output, in $TMPDIR, copied out at the end); where no such
# file can be made, it is kept in memory as before: both give the same
# bytes, and nothing reaches standard output from a failed run.
"$bin" render big.yaml >streamed.tf.json 2>/dev/null
check "a large output streamed to stdout is the -o file" cmp -s complete.tf.json streamed.tf.json
TMPDIR="$work/missing" "$bin" render big.yaml >kept.tf.json 2>/dev/null
check "without a usable TMPDIR the text is kept in memory, same bytes" \
	cmp -s complete.tf.json kept.tf.json
"$bin" render big.yaml --format hcl >streamed.tf 2>/dev/null
TMPDIR="$work/missing" "$bin" render big.yaml --format hcl >kept.tf 2>/dev/null
check "HCL: streamed and kept give the same bytes" \
	bash -c "test -s streamed.tf && cmp -s streamed.tf kept.tf"
cp big.yaml bad-big.yaml
echo '  - {name: job-last, template: simple-container, image: "app:1", vcpus: 0}' >>bad-big.yaml
"$bin" render bad-big.yaml >bad.out 2>/dev/null
rc=$?
check "a large spec with one bad job at its end: exit 1, nothing on stdout" \
	bash -c "test $rc = 1 && test ! -s bad.out"
cp complete.tf.json bad.tf.json
"$bin" render bad-big.yaml -o bad.tf.json 2>/dev/null
check "... and -o leaves the earlier file byte-identical" cmp -s complete.tf.json bad.tf.json

# Regenerating over an earlier output: terraform replaces a definition
# whose evaluate_on_exit or name changes (rule forces-replacement).
printf '%s\n' 'jobs:' '  - name: etl' '    template: data-processing' '    image: "app:1"' \
	'    retry_strategy: {evaluate_on_exit: [{action: RETRY, on_exit_code: "137"}]}' >retry.yaml
"$bin" render retry.yaml -o retry.tf.json 2>/dev/null
"$bin" render retry.yaml -o retry.tf.json 2>err
check "same conditions over an earlier output: no warning" test ! -s err
sed -i 's/"137"/"139"/' retry.yaml
cp retry.tf.json retry.before
"$bin" render --Werror retry.yaml -o retry.tf.json 2>err
rc=$?
check "changed conditions with --Werror exit 1, file intact" \
	bash -c "test $rc = 1 && cmp -s retry.before retry.tf.json"
check "the warning says terraform replaces the definition" \
	grep -q "retry.yaml:2:5: warning: jobs\[0\].retry_strategy.evaluate_on_exit: .*replaces aws_batch_job_definition.etl.*\[forces-replacement\]" err
"$bin" render retry.yaml -o retry.tf.json 2>err
rc=$?
check "changed conditions without --Werror: warning, file written" \
	bash -c "test $rc = 0 && grep -q forces-replacement err && ! cmp -s retry.before retry.tf.json"
sed -i 's/name: etl/name: etl-v2\n    label: etl/' retry.yaml
"$bin" render retry.yaml -o retry.tf.json 2>err
check "a new name on the same resource warns" \
	grep -q "name changes from 'etl' to 'etl-v2'.*\[forces-replacement\]" err
"$bin" render retry.yaml -o retry.tf --format hcl 2>/dev/null
"$bin" render retry.yaml -o retry.tf --format hcl 2>err
check "an HCL output is not compared (no JSON to read)" test ! -s err

chmod 0640 job.tf.json
"$bin" simple-container --image img:2 -o job.tf.json 2>/dev/null
check "a rewrite keeps the file's mode" test "$(stat -c %a job.tf.json)" = 640
check "no temporary file is left behind" no_temp_files
[[ $failed == 0 ]]
