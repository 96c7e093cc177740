# SPDX-License-Identifier: MIT
# TAP for the package scripts (run-package.sh, clean-build.sh), sourced:
#   tap_start FILE           the TAP is also written to FILE
#   ok TEXT                  a check that passed
#   notok TEXT [LOG]         one that failed, with LOG's last 40 lines
#   tap_finish NAME JSON     the plan line, and the TAP as a meson-style
#                            log line in JSON for tests/summary.py;
#                            exits 1 when a check failed
tap_start() {
	tap=$1 n=0 failed=0
	: >"$tap"
}
ok() { n=$((n + 1)); echo "ok $n - $1" | tee -a "$tap"; }
notok() {
	n=$((n + 1)) failed=$((failed + 1))
	echo "not ok $n - $1" | tee -a "$tap"
	[[ -n ${2:-} ]] && sed 's/^/# /' "$2" | tail -40 | tee -a "$tap"
}
tap_finish() {
	echo "1..$n" | tee -a "$tap"
	python3 - "$tap" "$2" "$failed" "$1" <<'PY'
import json, sys
tap = open(sys.argv[1]).read()
with open(sys.argv[2], 'w') as f:
    f.write(json.dumps({'name': sys.argv[4], 'result': 'OK' if sys.argv[3] == '0' else 'FAIL',
                        'stdout': tap}) + '\n')
PY
	exit $((failed > 0))
}
