#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Every diagnostic code the sources can emit (parse, schema, template,
# conversion and validation codes alike) is a row of the one rules
# table, so `batchgen rules` lists them all; and every row is emitted
# somewhere. Prints TAP.
#   check-codes.py BATCHGEN SOURCE_ROOT
import glob
import re
import subprocess
import sys

sys.path.insert(0, __import__('os').path.dirname(__import__('os').path.abspath(__file__)))
from tap import report  # noqa: E402

rules = subprocess.run([sys.argv[1], 'rules'], capture_output=True, text=True, check=True).stdout
listed = {line.split()[0] for line in rules.splitlines()[1:] if line.strip()}
patterns = [
    r'bg_diags_add\([^;]*?BG_SEV_\w+,\s*"([a-z0-9-]+)"',
    r'bg__conv_(?:error|warning)\(\s*&?\w+,\s*[^,]+,\s*"([a-z0-9-]+)"',
    r'\breport\(\s*w,\s*\w+,\s*"([a-z0-9-]+)"',
    r'#define BG_CODE_\w+ "([a-z0-9-]+)"',
    r'\bnode_(?:error|warning)\([^;"]*?"([a-z0-9-]+)"',
    # import (input/import.c, import_tf.c, import_cfn.c)
    r'\breport\(\s*(?:cv|&cv|c|&c),\s*(?:BG_SEV_\w+|attributes\[a\]\.sev),\s*"([a-z0-9-]+)"',
    r'\btf_error\(\s*t,\s*\w+,\s*"([a-z0-9-]+)"',
    r'^R\((\w+), "([a-z0-9-]+)"',
    r'\[[a-z0-9-]+\]\\n',  # placeholder, never matches C
]
emitted = {}
table = set()
for path in sorted(glob.glob(sys.argv[2] + '/lib/**/*.c', recursive=True) +
                   glob.glob(sys.argv[2] + '/lib/**/*.h', recursive=True) +
                   glob.glob(sys.argv[2] + '/lib/**/*.def', recursive=True) +
                   glob.glob(sys.argv[2] + '/cmd/*.c')):
    text = open(path).read()
    for pat in patterns[:7]:
        for m in re.finditer(pat, text, re.S):
            emitted.setdefault(m.group(1), path)
    for m in re.finditer(patterns[7], text, re.M):
        table.add(m.group(2))
    # The command line prints a few diagnostics of its own: "[code]".
    for m in re.finditer(r'\[([a-z][a-z0-9-]+)\]\\n"', text):
        emitted.setdefault(m.group(1), path)
results = []
for code in sorted(emitted):
    results.append(('%s (%s) is in the rules table' % (code, emitted[code].split('/', 1)[-1]),
                    None if code in listed else "'batchgen rules' does not list it"))
results.append(('the sources emit %d codes besides the validation rules; the table has %d rows'
                % (len(emitted), len(listed)),
                None if len(emitted) >= 25 and len(listed) >= 100
                else 'too few codes found: the patterns are broken'))
sys.exit(report(results))
