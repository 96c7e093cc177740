#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Rewrites the rule list of docs/rules.md from `batchgen rules` (the one rules
# table); the readme-rules test checks that they agree.
#   tests/sync-readme-rules.py BATCHGEN docs/rules.md
import re
import subprocess
import sys

rules = subprocess.run([sys.argv[1], 'rules'], check=True, capture_output=True,
                       text=True).stdout
readme = open(sys.argv[2]).read()
block = '<!-- rules:begin -->\n```\n' + rules + '```\n<!-- rules:end -->'
new, n = re.subn(r'<!-- rules:begin -->.*?<!-- rules:end -->', lambda m: block,
                 readme, flags=re.S)
if n != 1:
    sys.exit('no rules block in ' + sys.argv[2])
open(sys.argv[2], 'w').write(new)
