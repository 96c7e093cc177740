#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The man page documents every command and every option that --help
# lists. Prints TAP.
#   test-man.sh BATCHGEN MANPAGE
set -u
bin=$1 page=$2
if command -v man >/dev/null 2>&1; then
	text=$(MANWIDTH=200 man -l "$page" 2>/dev/null | col -b)
else
	# No man(1): read the roff source, without its escapes.
	text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIR]//g' -e 's/\\&//g' "$page")
fi
help=$("$bin" --help; "$bin" simple-container --help; "$bin" render --help)
options=$(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u)
commands="render validate describe templates rules"
echo "1..$(($(wc -w <<<"$options") + $(wc -w <<<"$commands")))"
n=0 failed=0
for word in $commands $options; do
	n=$((n + 1))
	if grep -q -- "$word" <<<"$text"; then
		echo "ok $n - the man page documents $word"
	else
		echo "not ok $n - the man page lacks $word"
		failed=$((failed + 1))
	fi
done
[[ $failed == 0 ]]
