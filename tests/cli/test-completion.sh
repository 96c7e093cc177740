#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The bash completion completes commands, template names, options and
# option values. Prints TAP.
#   test-completion.sh BATCHGEN COMPLETION_FILE TEMPLATE_DIR
set -u
unset BATCHGEN_TEMPLATE_PATH
bin=$(realpath "$1")
# shellcheck disable=SC1090
source "$2"
n=0 failed=0
# complete WORDS...: COMPREPLY for the last word.
complete_words() {
	COMP_WORDS=("$bin" "$@")
	COMP_CWORD=$#
	_batchgen
	printf '%s\n' "${COMPREPLY[@]}"
}
expect() { # expect DESCRIPTION WANTED WORDS...
	local desc=$1 want=$2; shift 2
	n=$((n + 1))
	if complete_words "$@" | grep -qx -- "$want"; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc (no '$want' in: $(complete_words "$@" | tr '\n' ' '))"
		failed=$((failed + 1))
	fi
}
echo "1..12"
complete -p batchgen >/dev/null 2>&1 && { n=$((n + 1)); echo "ok $n - complete -p batchgen is set"; } ||
	{ n=$((n + 1)); echo "not ok $n - complete -p batchgen"; failed=$((failed + 1)); }
expect "template names" ml-training ml
expect "all templates at the start" real-time ""
expect "commands" render ren
expect "template options" --gpus ml-training --gp
expect "--format values" hcl render jobs.yaml --format ""
expect "--platform values" fargate simple-container --platform f
expect "describe completes template names" gpu-container describe gpu
expect "lint is a command" lint li
expect "lint options" --fail-on lint --fail
expect "--diagnostics values" sarif lint --diagnostics s
BATCHGEN_TEMPLATE_PATH=$3 expect "user templates from BATCHGEN_TEMPLATE_PATH" ml-big ml-b
[[ $failed == 0 ]]
