#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Defects found by real job definitions and by attack: each case runs
# batchgen on an input that once went wrong and checks exactly what
# must happen now (exit status, the diagnostic, the output). Prints TAP.
#   test_defects.py BATCHGEN
import json
import re
import shutil
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tap import report  # noqa: E402

BIN = os.path.realpath(sys.argv[1])
WORK = tempfile.mkdtemp(prefix='bg-defects.')
os.chdir(WORK)
os.environ.pop('BATCHGEN_TEMPLATE_PATH', None)
EXEC = 'arn:aws:iam::123456789012:role/exec'
JOB = 'jobs:\n  - name: j\n    template: simple-container\n    image: "app:1"\n'

results = []


def write(name, data):
    with open(name, 'wb' if isinstance(data, bytes) else 'w') as f:
        f.write(data)
    return name


def run(*args, stdin=None, timeout=60):
    p = subprocess.run([BIN] + list(args), input=stdin, capture_output=True,
                       timeout=timeout)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def case(name):
    def wrap(fn):
        try:
            problem = fn()
        except Exception as e:  # a crash of the test is a failure
            problem = 'exception: %r' % (e,)
        results.append((name, problem))
        return fn
    return wrap


def expect(rc, err, want_rc, *needles, absent=()):
    """None when the exit status is want_rc and stderr holds every needle."""
    problems = []
    if rc != want_rc:
        problems.append('exit %d, expected %d' % (rc, want_rc))
    for n in needles:
        if n not in err:
            problems.append('stderr lacks %r' % n)
    for n in absent:
        if n in err:
            problems.append('stderr has %r' % n)
    if problems:
        return '; '.join(problems) + ' | stderr: ' + err.strip()[:400]
    return None


# ---- 1, 2: output terraform rejects (the terraform test plans them) --

@case('1: dotted placeholders are escaped, references kept')
def _():
    spec = write('java.yaml', JOB + '    command: [java, "-Dlog.dir=${user.home}/logs", '
                 '"${java.io.tmpdir}", "${spring.profiles.active}", "${aws_iam_role.job.arn}", '
                 '"${var.x}"]\n')
    rc, out, err = run('render', spec)
    if rc != 0:
        return 'exit %d: %s' % (rc, err)
    text = json.loads(out)['resource']['aws_batch_job_definition']['j']['container_properties']
    # A value with a Terraform expression is ${jsonencode(...)} in the
    # JSON text, the rest plain JSON strings.
    want = ('"command":["java","-Dlog.dir=$${user.home}/logs","$${java.io.tmpdir}",'
            '"$${spring.profiles.active}",${jsonencode(tostring(aws_iam_role.job.arn))},'
            '${jsonencode(tostring(var.x))}]')
    return None if want in text else 'container_properties %s' % text


@case('2: an HCL keyword as a map key is quoted')
def _():
    spec = write('kw.yaml', JOB + '    log_configuration: {log_driver: json-file, '
                 'options: {for: a, in: b, "null": c}}\n')
    rc, out, err = run('render', spec, '--format', 'hcl')
    if rc != 0:
        return 'exit %d: %s' % (rc, err)
    for k in ('for', 'in', 'null'):
        if not re.search(r'^ *"%s" += "' % k, out, re.M):
            return 'key %s not quoted in: %s' % (k, out)
    return None


# ---- 3: an escaped NUL -------------------------------------------------

@case('3: an escaped NUL in YAML is refused, located')
def _():
    spec = write('nul.yaml', 'jobs:\n  - name: "job\\0; rm -rf /"\n    template: simple-container\n'
                 '    image: "app:1\\0 x"\n')
    rc, out, err = run('render', spec)
    return expect(rc, err, 1, 'nul.yaml:2:11: error:', 'nul.yaml:4:12: error:', '[string-nul]') \
        or (out and 'wrote output')


@case('3: an escaped NUL in JSON is refused, located')
def _():
    spec = write('nul.json', '{"jobs": [{"name": "a", "template": "simple-container",\n'
                 ' "image": "x", "tags": {"k": "v\\u0000w"}}]}')
    rc, out, err = run('validate', spec)
    return expect(rc, err, 1, 'nul.json:2:30: error:', '[string-nul]')


# ---- 6: Fargate + EFS with LATEST ---------------------------------------

@case('6: Fargate + EFS renders with LATEST (the template default)')
def _():
    rc, out, err = run('fargate-container', '--image', 'busybox', '--execution-role-arn', EXEC,
                       '--efs-volume', 'data=fs-12345678', '--mount', 'data:/data')
    return expect(rc, err, 0) or (None if 'efsVolumeConfiguration' in out else 'no EFS volume')


@case('6: Fargate + EFS with an explicit 1.3.0 is refused')
def _():
    rc, out, err = run('fargate-container', '--image', 'busybox', '--execution-role-arn', EXEC,
                       '--efs-volume', 'data=fs-12345678', '--mount', 'data:/data',
                       '--platform-version', '1.3.0')
    return expect(rc, err, 1, '[fargate-efs-version]', 'got 1.3.0')


# ---- 7: C1 controls are legal in JSON strings ---------------------------

@case('7: raw U+007F, U+0085 and U+009F in a JSON string are kept')
def _():
    spec = write('c1.json', ('{"jobs": [{"name": "a", "template": "simple-container", '
                             '"image": "x", "command": ["a\x7fb", "c\u0085d", "e\u009ff", "g\u2028h"]}]}')
                 .encode('utf-8'))
    rc, out, err = run('render', spec)
    if rc != 0:
        return 'exit %d: %s' % (rc, err)
    cp = json.loads(json.loads(out)['resource']['aws_batch_job_definition']['a']['container_properties'])
    want = ['a\x7fb', 'c\u0085d', 'e\u009ff', 'g\u2028h']
    return None if cp['command'] == want else 'command %r' % cp['command']


@case('7: a control character in YAML is located where it is')
def _():
    spec = write('c1.yaml', b'jobs:\n  - name: "a\x7fb"\n')
    rc, out, err = run('validate', spec)
    return expect(rc, err, 1, 'c1.yaml:2:13: error:')


# ---- 4: one number rule --------------------------------------------------

@case('4: numbers spelled loosely are refused the same in every field')
def _():
    spec = write('num.yaml', 'jobs:\n'
                 '  - {name: a, template: simple-container, image: x, vcpus: 010, memory: 010}\n'
                 '  - {name: b, template: simple-container, image: x, vcpus: .5, memory: 2048.0}\n'
                 '  - {name: c, template: simple-container, image: x, vcpus: 2, memory: +5}\n')
    rc, out, err = run('validate', spec)
    return expect(rc, err, 1,
                  "num.yaml:2:60: error: jobs[0].vcpus: '010' is not a number of vCPUs",
                  "num.yaml:2:73: error: jobs[0].memory: expected a whole number, got '010': leading zeros",
                  "num.yaml:3:60: error: jobs[1].vcpus: '.5' is not a number of vCPUs",
                  "num.yaml:3:72: error: jobs[1].memory: expected a whole number, got '2048.0'",
                  "num.yaml:4:71: error: jobs[2].memory: expected a whole number, got '+5'")


@case('4: the command line follows the same rule')
def _():
    for flag, value in (('--vcpus', '010'), ('--memory', '010'), ('--vcpus', '.5'),
                        ('--memory', '2048.0'), ('--gpus', '+1'), ('--ulimit', 'nofile=010')):
        rc, out, err = run('simple-container', '--image', 'x', flag, value)
        if rc != 2 or value not in err:
            return '%s %s: exit %d, %s' % (flag, value, rc, err.strip())
    return None


@case('4: vcpus 2048.0 is written 2048 with a warning, never silently')
def _():
    spec = write('num2.yaml', 'jobs:\n  - {name: a, template: simple-container, image: x, vcpus: 2.0}\n')
    rc, out, err = run('render', spec)
    if expect(rc, err, 0, "warning: jobs[0].vcpus: vCPUs '2.0' are written as '2'", '[number-spelling]'):
        return expect(rc, err, 0, 'number-spelling')
    rc, out, err = run('render', '--Werror', spec)
    return expect(rc, err, 1, '[number-spelling]') or (out and 'wrote output under --Werror')


# ---- 5: YAML tags and nulls ---------------------------------------------

@case('5: a tag batchgen does not implement is refused, located')
def _():
    spec = write('tag.yaml', JOB + '    command: [!!binary aGVsbG8=, !custom x]\n')
    rc, out, err = run('render', spec)
    return expect(rc, err, 1, "tag.yaml:5:15: error: the YAML tag '!!binary' is not supported",
                  "tag.yaml:5:34: error: the YAML tag '!custom' is not supported") \
        or (out and 'wrote output')


@case('5: a tag that does not fit the field is refused')
def _():
    spec = write('tag2.yaml', JOB + '    memory: !!str 1024\n    propagate_tags: !!int 1\n'
                 '    vcpus: !!str 1\n')
    rc, out, err = run('validate', spec)
    return expect(rc, err, 1, 'tag2.yaml:5:13: error: jobs[0].memory: the value is tagged !!str',
                  'tag2.yaml:6:21: error: jobs[0].propagate_tags: the value is tagged !!int')


@case('5: a null where a string is required is refused, in fields and in maps')
def _():
    spec = write('null.yaml', JOB + '    user: ~\n    tags: {Owner: ~, Team: null, Cost: }\n'
                 '    parameters: {p: !!null x}\n')
    rc, out, err = run('validate', spec)
    return expect(rc, err, 1, 'null.yaml:5:11: error: jobs[0].user: a null',
                  "null.yaml:6:19: error: jobs[0].tags: 'Owner' is null",
                  "jobs[0].tags: 'Team' is null", "jobs[0].tags: 'Cost' is null",
                  "jobs[0].parameters: 'p' is null")


@case('5: quoted "~" is the text ~')
def _():
    spec = write('tilde.yaml', JOB + '    tags: {Owner: "~"}\n')
    rc, out, err = run('render', spec)
    if rc != 0:
        return 'exit %d: %s' % (rc, err)
    tags = json.loads(out)['resource']['aws_batch_job_definition']['j']['tags']
    return None if tags == {'Owner': '~'} else 'tags %r' % tags


# ---- 8: merge keys ----------------------------------------------------------

@case('8: merge keys and x- anchors share settings between jobs')
def _():
    spec = write('merge.yaml', 'x-common: &common\n  template: simple-container\n  image: "app:1"\n'
                 '  tags: &tags {Team: data, Cost: c1}\n'
                 'jobs:\n  - <<: *common\n    name: one\n'
                 '  - <<: [*common]\n    name: two\n    image: "app:2"\n    tags: {<<: *tags, Cost: c2}\n')
    rc, out, err = run('render', spec)
    if rc != 0:
        return 'exit %d: %s' % (rc, err)
    res = json.loads(out)['resource']['aws_batch_job_definition']
    got = {k: (json.loads(v['container_properties'])['image'], v.get('tags')) for k, v in res.items()}
    want = {'one': ('app:1', {'Cost': 'c1', 'Team': 'data'}),
            'two': ('app:2', {'Cost': 'c2', 'Team': 'data'})}
    return None if got == want else 'got %r' % got


@case('8: a mistake in merged settings is located where it was written')
def _():
    spec = write('merge-bad.yaml', 'x-common: &common\n  template: simple-container\n  image: "app:1"\n'
                 '  memroy: 5\njobs:\n  - <<: *common\n    name: one\n  - {<<: 5, name: two}\n')
    rc, out, err = run('validate', spec)
    return expect(rc, err, 1, "merge-bad.yaml:8:10: error: a merge key ('<<') takes a mapping")


@case('8: an unknown key in merged settings names the job path')
def _():
    spec = write('merge-bad2.yaml', 'x-common: &common\n  template: simple-container\n  image: "app:1"\n'
                 '  memroy: 5\njobs:\n  - <<: *common\n    name: one\n')
    rc, out, err = run('validate', spec)
    return expect(rc, err, 1, "merge-bad2.yaml:4:3: error: jobs[0].memroy: unknown key 'memroy'")


# ---- 9, 10, 11: files ---------------------------------------------------

def fifo(name):
    if not os.path.exists(name):
        os.mkfifo(name)
    return name


@case('9: a FIFO named *.yaml in a templates directory is an I/O error, no hang')
def _():
    os.makedirs('fifo-templates', exist_ok=True)
    fifo('fifo-templates/x.yaml')
    for args in (['templates', '--templates', 'fifo-templates'],
                 ['simple-container', '--image', 'x', '--templates', 'fifo-templates']):
        rc, out, err = run(*args, timeout=20)
        p = expect(rc, err, 3, 'fifo-templates/x.yaml: error: cannot read: is a FIFO')
        if p:
            return p
    return None


@case('9: --check -o FIFO and --check -o DIRECTORY are I/O errors')
def _():
    fifo('out.fifo')
    os.makedirs('out-dir', exist_ok=True)
    rc, out, err = run('simple-container', '--image', 'x', '--check', '-o', 'out.fifo', timeout=20)
    p = expect(rc, err, 3, 'out.fifo: error: cannot read: is a FIFO')
    if p:
        return p
    rc, out, err = run('simple-container', '--image', 'x', '--check', '-o', 'out-dir', timeout=20)
    return expect(rc, err, 3, 'out-dir: error: cannot read: is a directory', absent=('out of date',))


@case('9: a FIFO given as a spec is an I/O error, no hang')
def _():
    rc, out, err = run('render', fifo('spec.fifo'), timeout=20)
    return expect(rc, err, 3, 'spec.fifo: error: cannot read: is a FIFO')


@case('10: an unreadable template file or a missing templates directory exits 3')
def _():
    os.makedirs('bad-templates/dir.yaml', exist_ok=True)  # a .yaml that cannot be read
    rc, out, err = run('templates', '--templates', 'bad-templates')
    p = expect(rc, err, 3, 'bad-templates/dir.yaml: error: cannot read: is a directory')
    if p:
        return p
    rc, out, err = run('templates', '--templates', 'no-such-dir')
    p = expect(rc, err, 3, 'no-such-dir: error: cannot read template directory')
    if p:
        return p
    os.environ['BATCHGEN_TEMPLATE_PATH'] = 'no-such-dir'
    try:
        rc, out, err = run('render', '/dev/null')
    finally:
        del os.environ['BATCHGEN_TEMPLATE_PATH']
    return expect(rc, err, 3, 'no-such-dir')


@case('11: -o with a 250-byte file name')
def _():
    name = 'j' * 250 + '.json'
    rc, out, err = run('simple-container', '--image', 'x', '-o', name)
    p = expect(rc, err, 0)
    if p:
        return p
    rc, out, err = run('simple-container', '--image', 'y', '-o', name)
    left = [f for f in os.listdir('.') if f.startswith('.')]
    return expect(rc, err, 0) or (left and 'left behind: %r' % left) or \
        (None if b'y' in open(name, 'rb').read() else 'not replaced')


def writing_into(pid, directory):
    """Whether process pid holds a file of directory open for writing
    (the output, named or unnamed; the earlier output is read first)."""
    try:
        fds = os.listdir('/proc/%d/fd' % pid)
    except OSError:
        return False
    for fd in fds:
        try:
            target = os.readlink('/proc/%d/fd/%s' % (pid, fd))
        except OSError:
            continue
        if not target.startswith(directory + '/'):
            continue
        try:
            with open('/proc/%d/fdinfo/%s' % (pid, fd)) as f:
                flags = int(re.search(r'^flags:\s*([0-7]+)', f.read(), re.M).group(1), 8)
        except (OSError, AttributeError):
            continue
        if flags & 3:  # open for writing
            return True
    return False


@case('11: SIGKILL while -o is written leaves no temporary file (30 kills)')
def _():
    import signal
    os.makedirs('kill', exist_ok=True)
    directory = os.path.realpath('kill')
    big = write('kill/big.yaml', 'jobs:\n' + ''.join(
        '  - {name: job-%d, template: simple-container, image: "app:1", '
        'environment: {A: "%s"}}\n' % (i, 'x' * 200) for i in range(6000)))
    subprocess.run([BIN, 'render', big, '-o', 'kill/out.tf.json'], check=True)
    hits = 0
    for _ in range(30):
        p = subprocess.Popen([BIN, 'render', big, '-o', 'kill/out.tf.json'],
                             stderr=subprocess.DEVNULL)
        # Kill it the moment it holds the output open: while it writes.
        while p.poll() is None:
            if writing_into(p.pid, directory):
                p.send_signal(signal.SIGKILL)
                hits += 1
                break
        p.wait()
    left = [f for f in os.listdir('kill') if f not in ('big.yaml', 'out.tf.json')]
    json.load(open('kill/out.tf.json'))  # never half-written
    if hits < 10:
        return 'only %d of 30 runs were killed while writing' % hits
    return 'left behind after %d kills while writing: %r' % (hits, left) if left else None


@case('17: duplicates are still found in maps past the small index (hashed)')
def _():
    env = ''.join('      V%d: "x"\n' % i for i in range(30)) + '      V17: "y"\n'
    envl = ''.join('      - {name: W%d, value: "x"}\n' % i for i in range(30)) + \
        '      - {name: W3, value: "y"}\n'
    spec = write('dups.yaml', JOB + '    environment:\n' + env +
                 '  - name: k\n    template: simple-container\n    image: "app:1"\n'
                 '    environment:\n' + envl)
    rc, out, err = run('validate', spec)
    return expect(rc, err, 1, "dups.yaml:36:7: error: jobs[0].environment: duplicate key 'V17'",
                  "environment variable 'W3' is given twice")


# ---- 12: messages repeat what the user wrote ------------------------------

@case('12: a negative vCPU count is quoted as written')
def _():
    spec = write('neg.yaml', 'jobs:\n  - {name: a, template: simple-container, image: x, vcpus: -1}\n')
    rc, out, err = run('validate', spec)
    p = expect(rc, err, 1, 'got -1 [vcpus]', absent=('-1000',))
    if p:
        return p
    rc, out, err = run('simple-container', '--image', 'x', '--vcpus', '-0.5')
    return expect(rc, err, 1, 'got -0.5', absent=('-500',))


# ---- 13, 14, 16: messages ---------------------------------------------------

@case('13: the name-charset message quotes whole characters and counts them')
def _():
    rc, out, err = run('simple-container', '--image', 'x', '--name', 'j\u00f6b\U0001f600')
    return expect(rc, err, 1, "has '\u00f6' at position 2 [name-charset]")


@case('13: stderr stays valid UTF-8')
def _():
    p = subprocess.run([BIN, 'simple-container', '--image', 'x', '--name', 'ab\u00e9'],
                       capture_output=True)
    try:
        p.stderr.decode('utf-8')
    except UnicodeDecodeError as e:
        return 'stderr is not UTF-8: %s' % e
    return None if p.returncode == 1 else 'exit %d' % p.returncode


@case('14: a deep acyclic extends chain is refused as too deep, not a cycle')
def _():
    os.makedirs('deep', exist_ok=True)
    for i in range(33):
        write('deep/t%02d.yaml' % i, 'name: t%02d\ndescription: x\nextends: %s\n'
              % (i, 't%02d' % (i - 1) if i else 'simple-container'))
    rc, out, err = run('templates', '--templates', 'deep')
    return expect(rc, err, 1, "template 't31' extends more than 31 templates deep, the limit",
                  '[template-depth]', absent=('cycle',))


@case('16: one parameter-ref warning per job, naming every parameter')
def _():
    refs = ' '.join('Ref::p%02d' % i for i in range(13))
    spec = write('refs.yaml', JOB + '    command: [run, %s, Ref::p00]\n' % ', '.join(refs.split()))
    rc, out, err = run('validate', spec)
    p = expect(rc, err, 0, '13 Ref:: parameters without a default in parameters (p00, p01, ')
    if p:
        return p
    n = err.count('[parameter-ref]')
    return None if n == 1 else '%d parameter-ref warnings' % n


@case('16: secret-execution-role also covers log_configuration.secret_options')
def _():
    spec = write('logsecret.yaml', JOB + '    log_configuration: {log_driver: splunk, options: '
                 '{splunk-url: "https://s:8088"}, secret_options: [{name: splunk-token, value_from: '
                 '"arn:aws:secretsmanager:us-east-1:123456789012:secret:t-AbCdEf"}]}\n')
    rc, out, err = run('validate', spec)
    return expect(rc, err, 0, 'log_configuration.secret_options are fetched with the execution role',
                  '[secret-execution-role]')



@case('17: a template job and the same job as a full tree give the same bytes')
def _():
    # The full tree says nothing about the platform; the template fixes
    # EC2. Neither may write platform_capabilities (AWS stores EC2 only
    # when sent), or switching from one to the other, or from an
    # imported definition that omits it, registers a new revision.
    tree = write('tree.json', json.dumps({'jobs': [{
        'name': 'g', 'type': 'container',
        'container_properties': {'image': 'app:1', 'resource_requirements': [
            {'type': 'GPU', 'value': '1'}, {'type': 'MEMORY', 'value': '8192'},
            {'type': 'VCPU', 'value': '4'}]},
        'tags': {'Hardware': 'gpu'}}]}))
    problems = []
    for fmt in ('json', 'hcl'):
        rc1, a, e1 = run('gpu-container', '--name', 'g', '--image', 'app:1', '-f', fmt)
        rc2, b, e2 = run('render', tree, '-f', fmt)
        if rc1 or rc2:
            problems.append('%s: exit %d/%d %s%s' % (fmt, rc1, rc2, e1, e2))
        elif a != b:
            problems.append('%s differs:\n%s\n%s' % (fmt, a, b))
        elif 'platform_capabilities' in a:
            problems.append('%s: platform_capabilities written' % fmt)
    return '; '.join(problems) or None


# ---- found by attack on the expression reader and by real definitions

@case('tag lengths count characters: 200 é is a valid value, 257 is not')
def _():
    ok = write('tag200.yaml', JOB + '    tags: {T: "%s"}\n' % ('\u00e9' * 200))
    bad = write('tag257.yaml', JOB + '    tags: {T: "%s"}\n' % ('\u00e9' * 257))
    rc, out, err = run('validate', ok)
    p = expect(rc, err, 0, absent=('[tag-value]',))
    if p:
        return p
    rc, out, err = run('validate', bad)
    return expect(rc, err, 1, 'at most 256 characters; got 257', '[tag-value]')


@case('a diagnostic is one line: control characters in a key are escaped')
def _():
    spec = write('ctl.json', json.dumps({'jobs': [{
        'name': 'j', 'template': 'simple-container', 'image': 'app:1',
        'tags': {'aws:k\nb\x1b[31m\u009b\u2028': 'v'}}]}))
    rc, out, err = run('validate', spec)
    p = expect(rc, err, 1, 'tags.aws:k\\nb\\x1b[31m\\u009b\\u2028: tag keys', '[tag-aws-prefix]')
    if p:
        return p
    return None if '\x1b' not in err and '\u009b' not in err and len(err.splitlines()) == 1 \
        else 'raw control characters or more than one line: %r' % err


@case('-o naming an input is refused, nothing written (render and import)')
def _():
    spec = write('self.yaml', JOB)
    before = open(spec).read()
    rc, out, err = run('render', spec, '-o', spec)
    p = expect(rc, err, 2, 'that is the input')
    if p or open(spec).read() != before:
        return p or 'the spec was overwritten'
    src = write('self.json', json.dumps({'jobDefinitionName': 'a', 'type': 'container',
                                         'containerProperties': {'image': 'x:1'}}))
    before = open(src).read()
    rc, out, err = run('import', src, '-o', src)
    p = expect(rc, err, 2, 'that is the input')
    return p or (None if open(src).read() == before else 'the input was overwritten')


@case('import -o x.json writes a JSON spec (the format follows the extension)')
def _():
    src = write('api.json', json.dumps({'jobDefinitionName': 'a', 'type': 'container',
                                        'containerProperties': {'image': 'x:1', 'vcpus': 1,
                                                                'memory': 512}}))
    if os.path.exists('spec-out.json'):
        os.unlink('spec-out.json')
    rc, out, err = run('import', src, '-o', 'spec-out.json')
    p = expect(rc, err, 0)
    if p:
        return p
    try:
        spec = json.load(open('spec-out.json'))
    except ValueError as e:
        return 'not JSON: %s' % e
    return None if spec['jobs'][0]['name'] == 'a' else 'wrong spec: %r' % spec


@case('a describe answer with a key given twice: exit 1, the -o file untouched')
def _():
    src = write('dup.json', '{"jobDefinitions": [{"jobDefinitionName": "a", '
                '"jobDefinitionName": "b", "type": "container", "revision": 1, '
                '"status": "ACTIVE", "containerProperties": {"image": "x:1"}}]}')
    write('keep.yaml', 'precious\n')
    rc, out, err = run('import', src, '-o', 'keep.yaml')
    p = expect(rc, err, 1, "dup.json:1:48: error: jobs[0].name: 'jobDefinitionName' is given twice",
               '[import-duplicate-key]')
    return p or (None if open('keep.yaml').read() == 'precious\n' else 'keep.yaml was written')


@case('import reads API keys in any case, notes each, writes the canonical one')
def _():
    src = write('case.json', json.dumps({'jobDefinitionName': 'a', 'type': 'container',
                                         'containerProperties': {'Image': 'x:1', 'Vcpus': 1,
                                                                 'MEMORY': 512, 'COMMAND': ['go']}}))
    rc, out, err = run('import', src)
    p = expect(rc, err, 0, "'Image' is read as 'image'", "'COMMAND' is read as 'command'",
               '[import-key-case]')
    if p:
        return p
    if not ('image: x:1' in out and 'command:' in out):
        return 'spec: ' + out
    # a key of the job's options (a table inlined in the job's): the
    # note once read its spelling from the wrong table (fuzz-import,
    # UBSan)
    src = write('case2.json', json.dumps({'jobDefinitionName': 'a', 'type': 'container',
                                          'Timeout': {'attemptDurationSeconds': 60},
                                          'containerProperties': {'image': 'x:1', 'vcpus': 1,
                                                                  'memory': 512}}))
    rc, out, err = run('import', src)
    p = expect(rc, err, 0, "'Timeout' is read as 'timeout'")
    return p or (None if 'attempt_duration_seconds: 60' in out else 'spec: ' + out)


@case('importing one file twice names the file and line of the first job')
def _():
    src = write('twice.json', json.dumps({'jobDefinitionName': 'a', 'type': 'container',
                                          'containerProperties': {'image': 'x:1', 'vcpus': 1,
                                                                  'memory': 512}}))
    rc, out, err = run('import', src, src)
    return expect(rc, err, 4, "job name 'a' is used twice; first at twice.json:1 (jobs[0])",
                  absent=('<stdout>',))


@case('CloudFormation: a Ref to nothing declared is an error at its line')
def _():
    src = write('cfn.yaml', 'Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n'
                '    Properties:\n      Type: container\n      ContainerProperties:\n'
                '        Image: !Ref Nope\n        Vcpus: 1\n        Memory: 512\n')
    rc, out, err = run('import', src)
    return expect(rc, err, 1, "cfn.yaml:7:16: error: jobs[0].container_properties.image: "
                  "Ref Nope: the template declares no parameter or resource 'Nope'",
                  '[import-cfn-undefined]')


@case('type: Container is accepted, written lower case, with a note')
def _():
    spec = write('type.yaml', 'jobs:\n  - name: a\n    type: Container\n'
                 '    container_properties: {image: "x:1", vcpus: 1, memory: 512}\n')
    rc, out, err = run('render', spec)
    p = expect(rc, err, 0, "type 'Container' is written as 'container'", '[type-case]')
    if p:
        return p
    t = json.loads(out)['resource']['aws_batch_job_definition']['a']['type']
    return None if t == 'container' else 'type %r' % t


@case('a bare role name in job_role_arn is a warning; a broken ARN an error')
def _():
    spec = write('role.yaml', JOB + '    job_role_arn: BatchJobRole\n')
    rc, out, err = run('validate', spec)
    p = expect(rc, err, 0, "Job role is the role name 'BatchJobRole', not an ARN", '[role-name]')
    if p:
        return p
    spec = write('role2.yaml', JOB + '    job_role_arn: "arn:aws:iam:x"\n')
    rc, out, err = run('validate', spec)
    return expect(rc, err, 1, '[role-arn]')


@case('invalid UTF-8 in a JSON file is a JSON error at its place')
def _():
    spec = write('bad-utf8.json', b'{"jobs": [{"name": "a\xff", "template": "simple-container"}]}')
    rc, out, err = run('validate', spec)
    return expect(rc, err, 1, 'bad-utf8.json:1:22: error: invalid UTF-8', '[json-syntax]',
                  absent=('yaml-syntax',))


@case('--help lists every command, schema included')
def _():
    rc, out, err = run('--help')
    missing = [c for c in ('render', 'validate', 'describe', 'import', 'templates', 'rules',
                           'schema') if 'batchgen %s' % c not in out]
    return 'missing: %s' % missing if rc or missing else None


def tf_json(name, command, job_name='a'):
    props = {'image': 'x:1', 'command': command, 'resourceRequirements': [
        {'type': 'VCPU', 'value': '1'}, {'type': 'MEMORY', 'value': '512'}]}
    return write(name, json.dumps({'resource': {'aws_batch_job_definition': {'a': {
        'name': job_name, 'type': 'container', 'container_properties': json.dumps(props)}}}}))


@case('import of Terraform JSON reads templates as terraform does')
def _():
    src = tf_json('tpl.tf.json', ['pre-${var.x}', '$${HOME}', '$${var.y}', '%%{ if }'])
    rc, out, err = run('import', src, '-f', 'json')
    p = expect(rc, err, 0)
    if p:
        return p
    cmd = json.loads(out)['jobs'][0]['container_properties']['command']
    # terraform: the value of var.x; then the literal ${HOME}, ${var.y}, %{ if }
    want = ['pre-${var.x}', '${HOME}', '$${var.y}', '%{ if }']
    return None if cmd == want else 'command %r, expected %r' % (cmd, want)


@case('import of Terraform JSON refuses what batchgen would read otherwise')
def _():
    problems = []
    for i, (command, name) in enumerate([
            (['$${"${var.x}"}'], 'a'),      # terraform: ${" + var.x + "}
            (['${1 + 2}'], 'a'),            # terraform computes 3
            (['run'], 'c-${count.index}'),  # a count resource
            (['%{ if var.b }x%{ endif }'], 'a')]):  # a directive
        src = tf_json('refuse%d.tf.json' % i, command, name)
        rc, out, err = run('import', src)
        p = expect(rc, err, 1, '[import-tf-expression]')
        if p:
            problems.append('%r: %s' % (command + [name], p))
    return '; '.join(problems) or None


@case('text not in Unicode NFC is a warning: terraform would compose it')
def _():
    spec = write('nfd.json', json.dumps({'jobs': [{
        'name': 'j', 'template': 'simple-container', 'image': 'app:1',
        'environment': {'A': 'cafe\u0301', 'B': 'caf\u00e9'}}]}, ensure_ascii=False))
    rc, out, err = run('validate', spec)
    p = expect(rc, err, 0, 'not in Unicode NFC', '[text-nfc]')
    return p or (None if err.count('[text-nfc]') == 1 else 'warned %d times' % err.count('[text-nfc]'))

@case('a character an image may not hold is quoted whole, at its place in characters')
def _():
    # it was one byte of the UTF-8 sequence ('\xc3', not text) at its
    # place in bytes
    rc, out, err = run('simple-container', '--image', 'caf\u00e9:1')
    return expect(rc, err, 1, "has '\u00e9' at position 4 [image-format]")


@case('keys terraform reads as one (equal in Unicode NFC) are a duplicate')
def _():
    # terraform composed both tag keys to one and refused the JSON
    # (Duplicate object attribute) after batchgen had exited 0
    spec = write('nfc-keys.json', json.dumps({'jobs': [{
        'name': 'j', 'template': 'simple-container', 'image': 'app:1',
        'tags': {'\u1100\u1161\u11a8': 'jamo', '\uac01': 'syllable'},
        'environment': [{'name': 'caf\u00e9', 'value': '1'},
                        {'name': 'cafe\u0301', 'value': '2'}]}]}, ensure_ascii=False))
    rc, out, err = run('render', spec)
    return expect(rc, err, 1, '[duplicate-key]', 'composes both to Unicode NFC',
                  '[env-duplicate]') or (None if out == '' else 'wrote output')


@case('a resource requirement value may be one expression (as memory: may)')
def _():
    # import of a .tf writes jsonencode's value = tostring(var.memory)
    # as it is; it was refused as not a whole number
    spec = write('rr-expr.yaml', 'jobs:\n  - name: rr\n    container_properties:\n'
                 '      image: "app:1"\n      resource_requirements:\n'
                 '        - {type: VCPU, value: "${tostring(var.vcpus)}"}\n'
                 '        - {type: MEMORY, value: "${tostring(var.memory)}"}\n')
    rc, out, err = run('render', spec)
    if rc != 0:
        return 'exit %d: %s' % (rc, err)
    res = json.loads(out)['resource']['aws_batch_job_definition']['rr']
    text = res['container_properties']
    checks = [c['condition'] for c in res['lifecycle']['precondition']]
    return None if 'var.memory' in text and 'var.vcpus' in text and \
        any('var.memory' in c for c in checks) else 'rendered %s / %s' % (text, checks)


status = report(results)
shutil.rmtree(WORK, ignore_errors=True)
sys.exit(status)
