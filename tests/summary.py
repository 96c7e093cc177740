#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Counts individual checks across meson test logs: every Check test, every
# TAP subtest, and each other test as one. Prints "N passed, N failed".
#   summary.py build/meson-logs/testlog.json [...]
import json
import re
import sys

passed = failed = 0
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            t = json.loads(line)
            out = t.get('stdout') or ''
            check = re.search(r'Checks: (\d+), Failures: (\d+), Errors: (\d+)', out)
            tap = re.findall(r'^(ok|not ok) \d+', out, re.M)
            if check:
                n, fl, er = map(int, check.groups())
                passed += n - fl - er
                failed += fl + er
            elif tap:
                passed += sum(1 for r in tap if r == 'ok')
                failed += sum(1 for r in tap if r == 'not ok')
            if t['result'] not in ('OK', 'SKIP', 'EXPECTEDFAIL') and not (
                    check and int(check.group(2)) + int(check.group(3))) and not (
                    tap and 'not ok' in tap):
                failed += 1  # crashed, timed out, or failed outside a check
            elif not check and not tap and t['result'] == 'OK':
                passed += 1
print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
