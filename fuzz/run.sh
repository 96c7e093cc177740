#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one libFuzzer target with the seed corpus from the project's own
# tests and examples.
#   fuzz/run.sh BUILD_DIR TARGET SECONDS [WORK_DIR [LIBFUZZER OPTIONS...]]
# TARGET: spec, template, cli, roundtrip, import, lint or hcl. WORK_DIR keeps the corpus
# between runs (default: a temporary folder). Crashes are written to
# WORK_DIR/crash-* and make the run fail. Paths given to the fuzzer are
# absolute: fuzz-cli works in an empty directory of its own.
set -u
build=$1 target=$2 seconds=$3
src=$(cd "$(dirname "$0")/.." && pwd)
work=${4:-$(mktemp -d "${TMPDIR:-/tmp}/bg-fuzz-$target.XXXXXX")}
mkdir -p "$work/corpus" "$work/seeds"
case $target in
spec | roundtrip)
	cp "$src"/examples/* "$src"/tests/data/spec/* "$src"/tests/rules/*.yaml \
		"$work/seeds/"
	# inputs that once failed, kept as seeds
	cp "$src"/fuzz/regressions/spec/* "$work/seeds/" ;;
template)
	cp "$src"/templates/*.yaml "$work/seeds/"
	for f in "$src"/tests/data/templates/*/*.yaml; do
		cp "$f" "$work/seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
	done ;;
import)
	# API definitions, CloudFormation templates, and Terraform JSON (the
	# goldens' renderings)
	cp "$src"/tests/import/cases/*.json "$work/seeds/"
	for f in "$src"/tests/import/cfn/*.yaml "$src"/tests/import/cfn/*.json \
		"$src"/tests/import/state/*.json; do
		cp "$f" "$work/seeds/cfn-$(basename "$f")"
	done
	for f in "$src"/tests/golden/default-*.out "$src"/tests/golden/options-*.out; do
		[[ -f $f ]] && cp "$f" "$work/seeds/$(basename "$f" .out).tf.json"
	done ;;
lint)
	# every source format, with problems planted; specs; the import
	# seeds; configurations
	cp "$src"/tests/lint/* "$src"/examples/* "$work/seeds/"
	cp "$src"/tests/import/cases/0[0-2]*.json "$work/seeds/"
	for f in "$src"/tests/import/cfn/*.yaml "$src"/tests/import/state/*.json; do
		cp "$f" "$work/seeds/cfn-$(basename "$f")"
	done
	printf 'fail-on: warning\nrules:\n  sec-root-fs: "off"\nignore:\n  - rule: sec-privileged\n    files: ["*.json"]\n    paths: ["jobs[0].*"]\n ' \
		>"$work/seeds/config.yaml"
	# inputs that once failed, kept as seeds
	cp "$src"/fuzz/regressions/lint/* "$work/seeds/" ;;
hcl)
	# what bg-hcl prints for the suite's .tf files (the fuzz build
	# builds it when Go and HCL are there; the target needs them)
	helper="$build/cmd/bg-hcl"
	if [[ ! -x $helper ]]; then
		echo "fuzz-hcl: $helper is not built (meson -Dhcl)" >&2; exit 2
	fi
	i=0
	for f in "$src"/tests/hcl/cases/*/*.tf; do
		i=$((i + 1))
		"$helper" "$f" >"$work/seeds/case-$i.json"
	done
	printf 'resource "aws_batch_job_definition" "x" {\n  container_properties = <<-EOT\n    {"image": "a"}\n  EOT\n}\n' >"$work/seeds/heredoc.tf"
	"$helper" "$work/seeds/heredoc.tf" >"$work/seeds/heredoc.json"
	rm "$work/seeds/heredoc.tf"
	# inputs that once failed, kept as seeds
	cp "$src"/fuzz/regressions/hcl/*.json "$work/seeds/" ;;
cli)
	for f in "$src"/tests/golden/*.args; do
		tr '\n' '\0' <"$f" >"$work/seeds/$(basename "$f")"
	done ;;
*)
	echo "run.sh: unknown target $target" >&2; exit 2 ;;
esac
extra=()
[[ $target == cli ]] && extra=(-close_fd_mask=3)
cd "$work" || exit 2
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	"$build/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=10 \
	-rss_limit_mb=2048 -max_len=65536 -dict="$src/fuzz/dict.txt" \
	-print_final_stats=1 -artifact_prefix="$work/" "${extra[@]}" "${@:5}" \
	"$work/corpus" "$work/seeds" 2>"$work/log"
rc=$?
grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$work/log" |
	sed "s/^/fuzz-$target: /"
# Coverage: libFuzzer's edge count ("cov:") when it stopped. A fuzzer
# that sees only a few edges runs blind (the library was not
# instrumented once, and it saw 7 to 76): fail below a floor well under
# what the seeds alone reach.
cov=$(grep -oE '(DONE|INITED) +cov: [0-9]+' "$work/log" | tail -1 | grep -oE '[0-9]+$')
case $target in
spec | roundtrip) floor=2500 ;;
template | import | lint | hcl) floor=1500 ;;
cli) floor=2500 ;;
esac
echo "fuzz-$target: coverage: ${cov:-none} edges (floor $floor)"
if [[ $rc == 0 && ${cov:-0} -lt $floor ]]; then
	echo "fuzz-$target: FAILED: coverage ${cov:-none} is below $floor edges;" \
		"is the library instrumented (-fsanitize=fuzzer-no-link)?" >&2
	rc=1
fi
if [[ $rc != 0 ]]; then
	tail -40 "$work/log"
	echo "fuzz-$target: FAILED (exit $rc); inputs in $work" >&2
fi
exit $rc
