#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The rule list of docs/rules.md must be exactly what `batchgen rules` prints.
#   check-readme-rules.sh BATCHGEN docs/rules.md
set -u
want=$(sed -n '/<!-- rules:begin -->/,/<!-- rules:end -->/p' "$2" | sed '1,2d;$d' | sed '$d')
got=$("$1" rules)
if [[ "$want" != "$got" ]]; then
	echo "docs/rules.md rule list differs from 'batchgen rules':"
	diff <(echo "$want") <(echo "$got")
	exit 1
fi
echo "docs/rules.md lists the same $(($(wc -l <<<"$got") - 1)) rules as 'batchgen rules'"
