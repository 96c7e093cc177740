#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Every relative link of the README, NEWS.md and docs/*.md resolves to a
# file of the tree, and the README stays a front page (at most 250
# lines). Prints TAP.
#   check-links.py SOURCE_ROOT
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import report  # noqa: E402

root = sys.argv[1]
files = [os.path.join(root, 'README.md'), os.path.join(root, 'NEWS.md')] + sorted(
    glob.glob(os.path.join(root, 'docs', '*.md')))
results = []
for path in files:
    text = open(path, encoding='utf-8').read()
    # links outside code blocks and code spans
    text = re.sub(r'(?ms)^```.*?^```', '', text)
    text = re.sub(r'`[^`\n]*`', '', text)
    bad, count = [], 0
    for target in re.findall(r'\]\(([^)\s]+)\)', text):
        if re.match(r'[a-z][a-z0-9+.-]*:', target) or target.startswith('#'):
            continue
        count += 1
        if not os.path.exists(os.path.join(os.path.dirname(path), target.split('#')[0])):
            bad.append(target)
    results.append(('%s: %d relative links resolve' % (os.path.relpath(path, root), count),
                    'broken: %s' % ', '.join(bad) if bad else None))
lines = open(os.path.join(root, 'README.md'), encoding='utf-8').read().count('\n')
results.append(('the README is a front page: %d lines, at most 250' % lines,
                None if lines <= 250 else 'too long'))
sys.exit(report(results))
