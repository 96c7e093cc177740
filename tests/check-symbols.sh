#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fails when the library exports a symbol without the bg_ prefix.
set -u
lib=$1
bad=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ { print $3 }' | grep -v '^bg_')
if [[ -n $bad ]]; then
	echo "exported symbols without the bg_ prefix:"; echo "$bad"; exit 1
fi
echo "all $(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/' | wc -l) exported symbols start with bg_"
