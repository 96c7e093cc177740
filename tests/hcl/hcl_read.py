#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`.tf` files read by bg-hcl: where lint and import place what they
find, what they refuse, and hostile input. Prints TAP.

    hcl_read.py BATCHGEN

Each planted problem is written after a marker, ⟦CODE⟧, that the test
removes: the finding must name the line and column where the marker
was (inside jsonencode, inside a heredoc, inside a flush heredoc whose
lines lost their indentation, in blocks).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tap import report  # noqa: E402

BIN = os.path.realpath(sys.argv[1])
WORK = tempfile.mkdtemp(prefix='bg-hcl-read.')
results = []


def check(name, problem):
    results.append((name, problem))


def run(args, timeout=120, env=None, cwd=WORK):
    return subprocess.run([BIN] + args, capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=cwd)


def planted(text):
    """text without its markers, and [(code, line, column)] of them.
    Columns count characters from 1."""
    marks, out = [], []
    for n, line in enumerate(text.split('\n'), 1):
        while '⟦' in line:
            i = line.index('⟦')
            j = line.index('⟧', i)
            marks.append((line[i + 1:j], n, i + 1))
            line = line[:i] + line[j + 1:]
        out.append(line)
    return '\n'.join(out), marks


def write(name, text):
    path = os.path.join(WORK, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)
    return path


def findings(path, *extra):
    p = run(['lint', '--diagnostics', 'json', path] + list(extra))
    try:
        return p.returncode, json.loads(p.stdout)['diagnostics'], p.stderr
    except (ValueError, KeyError):
        return p.returncode, [], p.stdout + p.stderr


LINT_TF = '''\
variable "image" {
  type    = string
  default = "busybox:1.36"
}

resource "aws_batch_job_definition" "encoded" {
  name = "encoded"
  type = "container"
  container_properties = jsonencode({
    image      = ⟦sec-image-tag⟧"busybox"
    privileged = ⟦sec-privileged⟧true
    resourceRequirements = [
      { type = "VCPU", value = "1" },
      { type = "MEMORY", value = "2048" },
    ]
    environment = [
      { name = "STAGE", value = "prod" },
      ⟦sec-secret-env⟧{ name = "AWS_ACCESS_KEY_ID", value = "AKIAQWERTYUIOPASDFGH" },
    ]
    volumes = [
      { name = "docker", host = { sourcePath = ⟦sec-docker-socket⟧"/var/run/docker.sock" } },
    ]
  })
  timeout {
    attempt_duration_seconds = 600
  }
}

resource "aws_batch_job_definition" "heredoc" {
  name = "heredoc"
  type = "container"
  container_properties = <<EOF
{
  "image": "busybox:1.36",
  "privileged": ⟦sec-privileged⟧true,
  "resourceRequirements": [
    {"type": "VCPU", "value": "1"},
    {"type": "MEMORY", "value": "2048"}
  ],
  "environment": [
    ⟦sec-secret-env⟧{"name": "API_TOKEN", "value": "tok-4f9d1c2b8e7a6f5d"}
  ]
}
EOF
  timeout {
    attempt_duration_seconds = 600
  }
}

resource "aws_batch_job_definition" "flush" {
  name = "flush"
  type = "container"
  container_properties = <<-JSON
    {
      "image": ⟦sec-image-tag⟧"busybox:latest",
      "resourceRequirements": [
        {"type": "VCPU", "value": "1"},
        {"type": "MEMORY", "value": "2048"}
      ],
      "environment": [⟦sec-secret-env⟧{"name": "DB_PASSWORD", "value": "hunter2hunter2"}]
    }
  JSON
  timeout {
    attempt_duration_seconds = 600
  }
}

resource "aws_batch_job_definition" "eks" {
  name = "eks"
  type = "container"
  eks_properties {
    pod_properties {
      host_network = ⟦sec-eks-host⟧true
      containers {
        image = "busybox:1.36"
        resources {
          limits = {
            cpu    = "1"
            memory = "1024Mi"
          }
        }
        security_context {
          privileged = ⟦sec-privileged⟧true
        }
      }
    }
  }
  timeout {
    attempt_duration_seconds = ⟦timeout⟧30
  }
}

resource "aws_batch_job_definition" "blocks" {
  name = ⟦name-charset⟧"bad name"
  type = "container"
  container_properties = jsonencode({
    image = var.image
    resourceRequirements = [
      { type = "VCPU", value = "1" },
      { type = "MEMORY", value = "2048" },
    ]
  })
  retry_strategy {
    attempts = 2
    evaluate_on_exit {
      action       = "RETRY"
      on_exit_code = "1"
    }
  }
  ⟦cost-no-timeout⟧
}
'''


def lint_positions():
    text, marks = planted(LINT_TF)
    # the last marker stands for the resource: no timeout is said where
    # the resource's body opens
    path = write('lint/main.tf', text)
    rc, diags, err = findings(path)
    if not diags:
        check('lint of a .tf: findings', 'exit %d: %s' % (rc, err))
        return
    got = {(d['code'], d['line'], d['column']) for d in diags}
    lines = text.split('\n')
    for code, line, col in marks:
        if code == 'cost-no-timeout':
            # where the resource "blocks" opens its body
            line = next(i for i, l in enumerate(lines, 1)
                        if l.startswith('resource "aws_batch_job_definition" "blocks"'))
            col = lines[line - 1].index('{') + 1
        where = [(d['line'], d['column']) for d in diags if d['code'] == code]
        check('lint of a .tf: %s at %d:%d (%s)' % (code, line, col, lines[line - 1].strip()[:50]),
              None if (code, line, col) in got else 'reported at %s' % where)
    check('lint of a .tf: every finding names the .tf',
          None if all(d['file'] == path for d in diags) else
          sorted({d['file'] for d in diags}))
    # the same through SARIF: the region is the .tf's
    p = run(['lint', '--diagnostics', 'sarif', path])
    sarif = json.loads(p.stdout)
    uris = {r['locations'][0]['physicalLocation']['artifactLocation']['uri']
            for r in sarif['runs'][0]['results']}
    check('lint of a .tf: SARIF locates results in the .tf',
          None if uris == {'lint/main.tf'} else sorted(uris))


def unnamed_skipped():
    """A .tf that does not name aws_batch_job_definition holds none: it
    is skipped without running the helper (lint walks every .tf of a
    repository), even when it is broken or no helper is there."""
    path = write('unnamed/broken.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n')
    env = dict(os.environ, BATCHGEN_HCL='/nonexistent/bg-hcl')
    p = run(['lint', os.path.dirname(path)], env=env)
    check('a .tf that names no job definition is skipped unread (no helper run)',
          None if p.returncode == 0 and '1 file without one skipped' in p.stderr
          else 'exit %d: %s' % (p.returncode, p.stderr[-300:]))


def directory_walk():
    d = os.path.join(WORK, 'walk')
    write('walk/vars.tf', 'variable "x" {\n  default = 1\n}\n')
    write('walk/other.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n')
    write('walk/jobs.tf', 'resource "aws_batch_job_definition" "j" {\n'
          '  name = "j"\n  type = "container"\n'
          '  container_properties = jsonencode({\n'
          '    image = "busybox:1.36"\n    privileged = true\n'
          '    resourceRequirements = [{ type = "VCPU", value = "1" }, '
          '{ type = "MEMORY", value = "512" }]\n  })\n'
          '  timeout {\n    attempt_duration_seconds = 60\n  }\n}\n')
    rc, diags, err = findings(d)
    files = {d['file'] for d in diags}
    check('lint DIR reads its .tf files, and skips those without definitions',
          None if files == {os.path.join(d, 'jobs.tf')} and rc == 1 else
          'exit %d, files %s: %s' % (rc, sorted(files), err))
    p = run(['lint', d])
    check('lint DIR counts the .tf files it read (3 files, 1 definition)',
          None if 'lint: 3 files, 1 job definition' in p.stderr else p.stderr[-400:])
    p = run(['import', d])
    check('import DIR imports the module: the job of jobs.tf',
          None if p.returncode == 0 and 'label: j' in p.stdout and
          'jobs.tf, resource aws_batch_job_definition.j' in p.stdout
          else 'exit %d: %s' % (p.returncode, p.stderr[-400:]))
    write('novars/vars.tf', 'variable "x" {\n  default = 1\n}\n')
    p = run(['import', os.path.join(WORK, 'novars')])
    check('import DIR without a definition is an error that says so',
          None if p.returncode != 0 and 'no resource "aws_batch_job_definition"' in p.stderr
          else 'exit %d: %s' % (p.returncode, p.stderr[-300:]))


def refusals():
    """What a spec cannot hold is a located error naming the construct."""
    cases = [
        ('count', '  count = 2\n', 'count', 8),
        ('for_each', '  for_each = toset(["a"])\n', 'for_each', 8),
        ('lifecycle', '  lifecycle {\n    create_before_destroy = true\n  }\n', 'lifecycle', 8),
        ('dynamic', '  dynamic "timeout" {\n    for_each = [1]\n    content {\n'
         '      attempt_duration_seconds = 60\n    }\n  }\n', 'dynamic', 8),
        ('directive', '  parameters = {\n    p = "%{ if true }x%{ endif }"\n  }\n',
         'template directive', 9),
        ('expression list', '  platform_capabilities = aws_x.y.caps\n', 'expected a list', 8),
    ]
    for name, extra, says, line in cases:
        text = ('variable "k" {\n  default = "k"\n}\n\n'
                'resource "aws_batch_job_definition" "r" {\n  name = "r"\n'
                '  type = "container"\n' + extra +
                '  container_properties = jsonencode({\n    image = "busybox:1.36"\n'
                '    resourceRequirements = [{ type = "VCPU", value = "1" }, '
                '{ type = "MEMORY", value = "512" }]\n  })\n}\n')
        path = write('refuse/%s.tf' % name.replace(' ', '-'), text)
        p = run(['import', path])
        check('import refuses %s, at the .tf line %d, naming it' % (name, line),
              None if p.returncode in (1, 3) and ('%s:%d:' % (path, line)) in p.stderr
              and says in p.stderr and p.stdout == '' else
              'exit %d: %s' % (p.returncode, p.stderr[-500:]))


def keys():
    """A map's keys as a .tf.json's are read: templates (an expression
    key, a literal key holding "${" escaped), numbers as their text."""
    path = write('keys/main.tf', 'resource "aws_batch_job_definition" "r" {\n'
                 '  name = "r"\n  type = "container"\n  tags = {\n'
                 '    (var.k)     = "expression"\n    "a$${b}"    = "literal"\n'
                 '    "C${var.s}" = "template"\n    7           = "number"\n  }\n'
                 '  container_properties = jsonencode({\n    image = "busybox:1.36"\n'
                 '    resourceRequirements = [{ type = "VCPU", value = "1" }, '
                 '{ type = "MEMORY", value = "512" }]\n  })\n}\n')
    p = run(['import', '--format', 'json', path])
    try:
        tags = json.loads(p.stdout)['jobs'][0]['tags']
    except (ValueError, KeyError, IndexError):
        tags = None
    want = {'${var.k}': 'expression', 'a$${b}': 'literal', 'C${var.s}': 'template',
            '7': 'number'}
    check('a .tf map\'s keys: expressions, templates, escaped text, numbers',
          None if tags == want else 'exit %d, %s: %s' % (p.returncode, tags, p.stderr[-300:]))


def missing_helper():
    """A batchgen without bg-hcl says what to install."""
    alone = os.path.join(WORK, 'alone')
    os.makedirs(alone)
    shutil.copy(BIN, alone)
    path = write('m/main.tf', 'resource "aws_batch_job_definition" "r" {\n  name = "r"\n}\n')
    env = {k: v for k, v in os.environ.items() if k != 'BATCHGEN_HCL'}
    p = subprocess.run([os.path.join(alone, 'batchgen'), 'lint', path], capture_output=True,
                       text=True, env=env, timeout=60)
    check('without bg-hcl, a .tf is an error naming -Dhcl and the Debian packages',
          None if p.returncode == 3 and '-Dhcl=enabled' in p.stderr and
          'golang-github-hashicorp-hcl-v2-dev' in p.stderr else
          'exit %d: %s' % (p.returncode, p.stderr[-400:]))


def broken_helper():
    """A helper that prints nothing, dies, or prints what is not its
    format: an error naming the .tf, exit 3 (or 1), nothing imported."""
    path = write('broken/main.tf', 'resource "aws_batch_job_definition" "r" {\n  name = "r"\n}\n')
    helpers = [('prints nothing', '#!/bin/sh\nexit 0\n', 3, 'printed nothing'),
               ('dies of a signal', '#!/bin/sh\nkill -9 $$\n', 3, 'died of signal 9'),
               ('fails', '#!/bin/sh\necho no >&2\nexit 2\n', 3, 'failed (exit 2)'),
               ('prints another format', '#!/bin/sh\necho \'{"batchgen_hcl": {"version": 2}, '
                '"resource": {}}\'\n', 1, 'is not what this batchgen reads')]
    for name, script, want, says in helpers:
        helper = write('broken/helper-%s' % name.replace(' ', '-'), script)
        os.chmod(helper, 0o755)
        env = dict(os.environ, BATCHGEN_HCL=helper)
        p = run(['import', path], env=env)
        check('a helper that %s: exit %d, said at the .tf' % (name, want),
              None if p.returncode == want and says in p.stderr and path in p.stderr
              and p.stdout == '' else 'exit %d: %s' % (p.returncode, p.stderr[-300:]))


def hostile():
    """The helper never hangs, and batchgen says what is wrong."""
    big_res = ''.join(
        'resource "aws_batch_job_definition" "r%d" {\n  name = "r%d"\n  type = "container"\n'
        '  container_properties = jsonencode({\n    image = "busybox:1.36"\n'
        '    resourceRequirements = [{ type = "VCPU", value = "1" }, '
        '{ type = "MEMORY", value = "512" }]\n  })\n  timeout {\n'
        '    attempt_duration_seconds = 60\n  }\n}\n' % (i, i) for i in range(5000))
    cases = [
        ('deep nesting (100,000 brackets)', 'resource "aws_batch_job_definition" "r" {\n'
         '  parameters = ' + '[' * 100000 + ']' * 100000 + '\n}\n', None, 'hcl-syntax'),
        ('deep nesting, unclosed', 'resource "aws_batch_job_definition" "r" {\n'
         '  parameters = ' + '{a = ' * 50000 + '\n', None, 'hcl-syntax'),
        ('invalid UTF-8', None, b'resource "aws_batch_job_definition" "r" {\n  name = "\xff\xfe"\n}\n',
         'hcl-syntax'),
        # (a .tf that does not name the resource type is skipped unread)
        ('binary', None, b'resource "aws_batch_job_definition" "r" {\n' +
         bytes(range(256)) * 64, 'hcl-syntax'),
        ('an unterminated heredoc', 'resource "aws_batch_job_definition" "r" {\n'
         '  container_properties = <<EOF\n{\n' + 'x' * 100000, None, 'hcl-syntax'),
        ('5,000 definitions (1 MB)', big_res, None, None),
    ]
    for name, text, raw, code in cases:
        # each in a module of its own: the helper reads the module's
        # other files for variables and locals (their own hostility
        # is tested with them: a sibling is read, never fatal)
        path = os.path.join(WORK, 'hostile', name.split(' (')[0].replace(' ', '-')
                            .replace(',', ''), 'main.tf')
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(raw if raw is not None else text.encode())
        try:
            p = run(['lint', '--diagnostics', 'json', path], timeout=120)
        except subprocess.TimeoutExpired:
            check('hostile .tf, %s: returns' % name, 'timed out after 120 s')
            continue
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            check('hostile .tf, %s: a JSON answer' % name, p.stdout[-300:] + p.stderr[-300:])
            continue
        codes = {d['code'] for d in doc['diagnostics']}
        if code is None:
            ok = p.returncode == 0 and doc['summary'].get('job_definitions') == 5000
            check('hostile .tf, %s: read, every definition linted' % name,
                  None if ok else 'exit %d, %s' % (p.returncode, doc['summary']))
        else:
            check('hostile .tf, %s: an error (%s), located in the file' % (name, code),
                  None if p.returncode == 1 and code in codes and
                  all(d['file'] == path and d['line'] >= 1 for d in doc['diagnostics'])
                  else 'exit %d, codes %s: %s' % (p.returncode, sorted(codes), p.stderr[-300:]))



def hostile_sibling():
    """A file of the module the helper cannot read (it reads the others
    for variables and locals) does not stop the one linted."""
    write('sibling/deep.tf', 'locals {\n  x = ' + '[' * 100000 + '\n')
    path = write('sibling/main.tf', 'resource "aws_batch_job_definition" "r" {\n'
                 '  name = "r"\n  type = "container"\n'
                 '  container_properties = jsonencode({\n    image = "busybox:1.36"\n'
                 '    privileged = true\n'
                 '    resourceRequirements = [{ type = "VCPU", value = "1" }, '
                 '{ type = "MEMORY", value = "512" }]\n  })\n}\n')
    rc, diags, err = findings(path)
    check('a hostile file beside the .tf linted does not stop it',
          None if any(d['code'] == 'sec-privileged' and d['line'] == 6 for d in diags)
          else 'exit %d: %s %s' % (rc, [(d['code'], d['line']) for d in diags], err[-300:]))


def heredoc_extension_key():
    """A heredoc's JSON with an x- key at its top, which the located view
    leaves out and cJSON keeps: the places of what follows are not
    paired with the wrong nodes (fuzz-hcl found a read past the view's
    arrays there, an array paired with a scalar; under ASan this case
    aborts without the fix)."""
    path = write('xkey/main.tf', 'resource "aws_batch_job_definition" "r" {\n'
                 '  name = "r"\n  type = "container"\n'
                 '  container_properties = <<EOF\n{\n  "image": "busybox:1.36",\n'
                 '  "x-notes": ["a", "b"],\n  "privileged": true,\n'
                 '  "resourceRequirements": [\n    {"type": "VCPU", "value": "1"},\n'
                 '    {"type": "MEMORY", "value": "2048"}\n  ]\n}\nEOF\n'
                 '  timeout {\n    attempt_duration_seconds = 600\n  }\n}\n')
    rc, diags, err = findings(path)
    got = [(d['code'], d['line'], d['column']) for d in diags]
    check('a heredoc with an x- key: its refusal at the heredoc, and nothing else',
          None if rc == 1 and got == [('import-unknown-key', 4, 26)]
          else 'exit %d: %s %s' % (rc, got, err[-300:]))


lint_positions()
heredoc_extension_key()
hostile_sibling()
unnamed_skipped()
directory_walk()
refusals()
keys()
missing_helper()
broken_helper()
hostile()
code = report(results)
if code == 0:
    shutil.rmtree(WORK, ignore_errors=True)
sys.exit(code)
