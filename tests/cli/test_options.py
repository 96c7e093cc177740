#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Drives every long option of every command, as its --help lists it:
# written whole, the option is accepted (never "unknown option"), and
# each shorter spelling of it is refused with exit 2, since batchgen
# reads some options (--templates, --Werror, -v) before the command
# parses them and an abbreviation would be accepted and do nothing.
# Prints TAP.
#   test_options.py BATCHGEN SPEC
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tap import report  # noqa: E402

BIN = os.path.realpath(sys.argv[1])
SPEC = os.path.realpath(sys.argv[2])
os.environ.pop('BATCHGEN_TEMPLATE_PATH', None)
WORK = tempfile.mkdtemp(prefix='bg-options.')
EXEC = 'arn:aws:iam::123456789012:role/exec'
VALUES = {
    'name': 'opt-job', 'label': 'opt_job', 'image': 'app:1', 'command': 'echo hi',
    'vcpus': '2', 'memory': '4096', 'gpus': '1', 'nodes': '2', 'main-node': '0',
    'retry-attempts': '3', 'timeout': '120', 'job-role-arn': EXEC,
    'execution-role-arn': EXEC, 'platform': 'ec2', 'env': 'A=1', 'tag': 'T=1',
    'parameter': 'p=1', 'platform-version': 'LATEST', 'user': '1000',
    'efs-volume': 'data=fs-12345678', 'host-volume': 'scratch=/tmp',
    'mount': 'scratch:/scratch', 'shared-memory-size': '64', 'ulimit': 'nofile=1024',
    'secret': 'S=arn:aws:ssm:us-east-1:123456789012:parameter/s', 'log-driver': 'json-file',
    'log-option': 'max-size=1m', 'ephemeral-storage': '30', 'cpu-architecture': 'X86_64',
    'instance-type': 'm5.large', 'repository-credentials':
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:r-AbCdEf',
    'output': os.path.join(WORK, 'out.tf.json'), 'format': 'json', 'templates': WORK,
}


def run(args):
    p = subprocess.run([BIN] + args, capture_output=True, text=True, timeout=60, cwd=WORK)
    return p.returncode, p.stderr


def options(args):
    """(name, takes_value) for every long option the help of args lists."""
    rc, _ = run(args + ['--help'])
    out = subprocess.run([BIN] + args + ['--help'], capture_output=True, text=True).stdout
    found = []
    # Option lines ("  -o, --output FILE   text": one space before a
    # value, two before the text), and the [--opt ARG] of usage lines.
    pats = [r'^\s+(?:-\w, )?--([A-Za-z][-A-Za-z]*)(=|\[=| (?=\S))?',
            r'\[--([A-Za-z][-A-Za-z]*)( [A-Z]+)?\]']
    for pat in pats:
        for m in re.finditer(pat, out, re.M):
            if m.group(1) not in [n for n, _ in found]:
                found.append((m.group(1), m.group(2) is not None and m.group(2) != '[='))
    return found


commands = {
    'simple-container': ['simple-container', '--image', 'app:1'],
    'multinode': ['multinode', '--image', 'app:1'],
    'render': ['render', SPEC],
    'validate': ['validate', SPEC],
    'describe': ['describe', SPEC],
    'templates': ['templates'],
    'rules': ['rules'],
}
results = []
for cmd, base in commands.items():
    opts = options([cmd])
    if cmd in ('validate', 'describe'):
        # They share render's help, whose usage lines say that only
        # render writes: -o, --format and --check are render's.
        opts = [o for o in opts if o[0] not in ('output', 'format', 'check')]
        rc, err = run(base + ['--output', VALUES['output']])
        results.append(('%s refuses --output, naming it' % cmd,
                        None if rc == 2 and "'--output'" in err else 'exit %d: %s' % (rc, err)))
    if cmd in ('render', 'validate'):
        opts = [o for o in opts if o[0] != 'json']  # describe's
    names = {n for n, _ in opts}
    results.append(('%s --help lists its options' % cmd, None if opts else 'no options found'))
    for name, takes in opts:
        if name == 'help':
            continue
        whole = ['--' + name] + ([VALUES.get(name, 'x')] if takes else [])
        rc, err = run(base + whole)
        problem = None
        if 'unknown option' in err:
            problem = 'refused: ' + err.strip()
        results.append(('%s --%s is accepted' % (cmd, name), problem))
        short = name[:-1]
        while len(short) >= 2:
            if short not in names:
                args = ['--' + short] + ([VALUES.get(name, 'x')] if takes else [])
                rc, err = run(base + args)
                if rc != 2 or 'unknown option' not in err:
                    results.append(('%s --%s is refused' % (cmd, short),
                                    'exit %d: %s' % (rc, err.strip()[:300])))
                    break
            short = short[:-1]
        else:
            results.append(('%s: every shorter spelling of --%s is refused' % (cmd, name), None))

# What an option does, not only that it is taken: --Werror fails on a warning.
spec = os.path.join(WORK, 'warn.yaml')
with open(spec, 'w') as f:
    f.write('jobs:\n  - {name: a, template: simple-container, image: x, vcpus: 2.0}\n')
rc, err = run(['validate', spec])
rc2, err2 = run(['validate', '--Werror', spec])
results.append(('--Werror turns a warning into exit 1',
                None if (rc, rc2) == (0, 1) else 'exit %d then %d' % (rc, rc2)))

# Short options bundle: one argument is many options (-vvvvvvvv is
# eight), more options than arguments; each is kept (the ASan build runs
# this).
for cmd in (['validate', spec], ['simple-container', '--image', 'app:1']):
    rc, err = run([cmd[0], '-vvvvvvvvvvvvvvvv', '-vvvvvvvv'] + cmd[1:])
    results.append(('%s takes bundled short options (-vvvv...)' % cmd[0],
                    None if rc == 0 else 'exit %d: %s' % (rc, err.strip()[:300])))

sys.exit(report(results))
