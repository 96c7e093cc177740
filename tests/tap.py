# SPDX-License-Identifier: MIT
"""TAP output for the Python tests: one (name, problem) per check, where
problem is None when the check passed."""
import sys


def report(results, trailer=None):
    """Prints the plan and a line per check; returns the exit status."""
    print('1..%d' % len(results))
    failed = 0
    for i, (name, problem) in enumerate(results, 1):
        print(('not ok' if problem else 'ok') + ' %d - %s' % (i, name))
        if problem:
            failed += 1
            for line in str(problem).splitlines()[:40]:
                print('# ' + line)
    if failed and trailer:
        print('# ' + trailer)
    sys.stdout.flush()
    return 1 if failed else 0
