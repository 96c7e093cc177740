#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The pre-commit hooks (.pre-commit-hooks.yaml) with the real pre-commit:
# `pre-commit try-repo` of batchgen-lint on a good and a bad file, and
# `pre-commit run` of both hooks from a configuration, on a temporary
# git repository, with this build's batchgen on PATH. The hooks come
# from a repository holding this tree's .pre-commit-hooks.yaml, as
# written (committed or not). Without pre-commit or git the test says so
# and is skipped, or fails under BATCHGEN_REQUIRE_PRECOMMIT=1 (CI).
# Prints TAP.
#   test_precommit.py BATCHGEN SOURCE_ROOT
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tap import report  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])

GOOD = """jobs:
  - name: good
    timeout: {attempt_duration_seconds: 600}
    container_properties:
      image: "registry.example.com/app:1.0"
      vcpus: 1
      memory: 2048
      readonly_root_filesystem: true
"""
BAD = GOOD.replace('name: good', 'name: bad').replace('memory: 2048', 'memory: 2048\n      privileged: true')


def git(cwd, *args):
    subprocess.run(['git', '-c', 'user.name=t', '-c', 'user.email=t@example.com',
                    '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false'] + list(args),
                   cwd=cwd, check=True, capture_output=True)


def main():
    missing = [p for p in ('pre-commit', 'git') if shutil.which(p) is None]
    if missing:
        why = '%s not installed (Debian: apt-get install %s)' % (' and '.join(missing), ' '.join(missing))
        if os.environ.get('BATCHGEN_REQUIRE_PRECOMMIT') == '1':
            sys.exit(report([('pre-commit is there', why)]))
        print('1..0 # SKIP ' + why)
        print('SKIPPED: ' + why, file=sys.stderr)
        return 0
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PATH=os.path.dirname(BIN) + os.pathsep + os.environ['PATH'],
                   PRE_COMMIT_HOME=os.path.join(tmp, 'cache'), HOME=tmp)
        env.pop('BATCHGEN_TEMPLATE_PATH', None)
        hooks = os.path.join(tmp, 'hooks')
        os.makedirs(hooks)
        shutil.copy(os.path.join(SRC, '.pre-commit-hooks.yaml'), hooks)
        git(hooks, 'init', '-q')
        git(hooks, 'add', '.')
        git(hooks, 'commit', '-qm', 'hooks')
        rev = subprocess.run(['git', 'rev-parse', 'HEAD'], cwd=hooks, capture_output=True,
                             text=True, check=True).stdout.strip()
        work = os.path.join(tmp, 'work')
        os.makedirs(work)
        open(os.path.join(work, 'good.yaml'), 'w').write(GOOD)
        open(os.path.join(work, 'bad.yaml'), 'w').write(BAD)
        git(work, 'init', '-q')
        git(work, 'add', '.')

        def run(*args):
            return subprocess.run(['pre-commit'] + list(args), cwd=work, env=env,
                                  capture_output=True, text=True)
        for name, want in (('good.yaml', 0), ('bad.yaml', 1)):
            p = run('try-repo', hooks, 'batchgen-lint', '--files', name)
            results.append(('pre-commit try-repo batchgen-lint --files %s: exit %d' % (name, want),
                            None if p.returncode == want else 'exit %d\n%s' % (p.returncode, p.stdout[-800:])))
        p = run('try-repo', hooks, 'batchgen-lint', '--files', 'bad.yaml')
        results.append(('the failing hook prints the finding at its line',
                        None if 'bad.yaml:8:19: error' in p.stdout and '[sec-privileged]' in p.stdout
                        else p.stdout[-800:]))
        # Both hooks from a configuration: render, then keep it current.
        subprocess.run([BIN, 'render', 'good.yaml', '-o', 'batch.tf.json'], cwd=work, check=True)
        open(os.path.join(work, '.pre-commit-config.yaml'), 'w').write(
            'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: batchgen-lint\n'
            '        exclude: ^bad\\.yaml$\n'
            '      - id: batchgen-check\n        args: [good.yaml, -o, batch.tf.json]\n' % (hooks, rev))
        git(work, 'add', '.')
        p = run('run', '--all-files')
        results.append(('pre-commit run: batchgen-lint and batchgen-check pass on a current tree',
                        None if p.returncode == 0 else p.stdout[-800:]))
        open(os.path.join(work, 'good.yaml'), 'w').write(GOOD.replace('memory: 2048', 'memory: 4096'))
        git(work, 'add', '.')
        p = run('run', '--all-files')
        results.append(('pre-commit run: batchgen-check fails when the rendered file is stale',
                        None if p.returncode == 1 and 'batchgen render --check' in p.stdout
                        and 'Failed' in p.stdout else p.stdout[-800:]))
    return report(results)


if __name__ == '__main__':
    sys.exit(main())
