# SPDX-License-Identifier: MIT
"""batchgen lint over every source format (tests/lint/: each file plants
a privileged container and a password in an environment value, and has
no timeout), directories, --fail-on and exit codes, and the JSON and
SARIF documents (GitHub code scanning's required properties, stable
fingerprints, and Microsoft's SARIF validator when it is installed)."""
import json
import os
import shutil
import subprocess
import sys

# file -> (marker of the privileged line, marker of the secret's line):
# the finding is on the first line holding the marker. In Terraform JSON
# and plans the container's JSON is one string: its line.
SOURCES = {
    'cfn.yaml': ('Privileged: true', 'Name: DB_PASSWORD'),
    'cfn.json': ('"Privileged": true', '"Name": "DB_PASSWORD"'),
    'describe.json': ('"privileged": true', '"name": "DB_PASSWORD"'),
    'register.json': ('"privileged": true', '"name": "DB_PASSWORD"'),
    'spec.yaml': ('privileged: true', 'name: DB_PASSWORD'),
    'main.tf.json': ('"container_properties"', '"container_properties"'),
    'plan.json': ('"container_properties"', '"container_properties"'),
}


def line_of(path, marker):
    with open(path) as f:
        for i, line in enumerate(f, 1):
            if marker in line:
                return i
    raise ValueError('%s: no %r' % (path, marker))


def located(src, lint, findings):
    results = []
    for name, (priv, secret) in sorted(SOURCES.items()):
        f = os.path.join(src, 'tests', 'lint', name)
        rc, _, err = lint([f])
        got = findings(err)
        for code, marker in (('sec-privileged', priv), ('sec-secret-env', secret),
                             ('cost-no-timeout', None)):
            mine = [g for g in got if g[4] == code]
            problem = None
            if rc != 1:
                problem = 'exit %d, expected 1' % rc
            elif len(mine) != 1 or mine[0][0] != f:
                problem = 'want one [%s] in %s; got %s' % (code, f, mine or err[:400])
            elif marker is not None and mine[0][1] != line_of(f, marker):
                problem = 'at line %d, want %d (%r)' % (mine[0][1], line_of(f, marker), marker)
            results.append(('%s: [%s] located' % (name, code), problem))
    return results


def partly_readable(src, lint, findings):
    """A plan with one definition import cannot read and one it can:
    the second is linted, every finding in the plan's own file (fuzz-lint
    found the place of the second read past its text)."""
    f = os.path.join(src, 'tests', 'import', 'state', 'plan-unknown.json')
    rc, _, err = lint([f])
    got = findings(err)
    return [('a plan with one unreadable definition: the other is linted, all in the plan',
             None if rc == 1 and got and all(g[0] == f for g in got) and
             {g[4] for g in got} >= {'import-shape', 'cost-no-timeout'} else err[-600:])]


def unreadable_said(tmp, lint, findings):
    """A definition that is there but cannot be read without terraform
    (container_properties = jsonencode(...) with a reference, as
    batchgen itself writes it) is an error at that attribute, never a
    file skipped as holding none."""
    f = os.path.join(tmp, 'expression.tf.json')
    with open(f, 'w') as out:
        subprocess.run([lint.bin, 'ml-training', '--gpus', '2'], stdout=out,
                       stderr=subprocess.DEVNULL, check=True)
    rc, _, err = lint([f])
    got = findings(err)
    return [('a definition lint cannot read is an error at its attribute, not a skipped file',
             None if rc == 1 and [(g[4], g[3]) for g in got] ==
             [('import-shape', 'container_properties')] and '1 job definition' in err
             else err[-500:])]


def directories(src, tmp, lint, findings):
    results = []
    d = os.path.join(tmp, 'repo')
    shutil.copytree(os.path.join(src, 'tests', 'lint'), d)
    os.makedirs(os.path.join(d, 'node_modules', 'pkg'))
    shutil.copy(os.path.join(d, 'spec.yaml'), os.path.join(d, 'node_modules', 'pkg', 'spec.yaml'))
    os.makedirs(os.path.join(d, '.terraform'))
    shutil.copy(os.path.join(d, 'main.tf.json'), os.path.join(d, '.terraform', 'x.tf.json'))
    # What else a repository holds: none of it is a finding.
    others = {
        'ci.yml': 'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n',
        'k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: Service\n',
        'chart-template.yaml': '{{ if .Values.x }}\nkey: {{ .Values.y }}\n{{ end }}\n',
        'empty.json': '', 'empty.yaml': '',
    }
    for name, text in others.items():
        open(os.path.join(d, name), 'w').write(text)
    rc, _, err = lint([d])
    files = sorted({os.path.relpath(g[0], d) for g in findings(err)})
    results.append(('a directory: every source linted, in name order, nothing skipped dirs hold',
                    None if rc == 1 and files == sorted(SOURCES) else 'exit %d; files %s' % (rc, files)))
    results.append(('a directory: a CI workflow, Kubernetes manifests, a Helm template and empty '
                    'files are no job definitions, and no finding',
                    None if not set(files) & set(others) else files))
    results.append(('a directory: the summary counts files, definitions and the skipped ones',
                    None if 'batchgen lint: 13 files, 7 job definitions' in err
                    and '6 files without one skipped' in err else err[-300:]))
    rc, _, err = lint([os.path.join(d, 'node_modules')])
    results.append(('a skipped directory named is linted',
                    None if rc == 1 and 'node_modules/pkg/spec.yaml:' in err else err[-300:]))
    # A file that does not parse is an error at its place; the others
    # are still linted.
    with open(os.path.join(d, 'broken.json'), 'w') as f:
        f.write('{\n  "jobs": [\n    {"name": "x",,}\n  ]\n}\n')
    for name in others:
        os.unlink(os.path.join(d, name))
    rc, _, err = lint([d])
    broken = [g for g in findings(err) if g[0].endswith('broken.json')]
    results.append(('a file that does not parse: an error at its line, the rest linted',
                    None if rc == 1 and broken and broken[0][1] == 3 and broken[0][2] == 'error'
                    and 'spec.yaml:' in err else err[-400:]))
    os.unlink(os.path.join(d, 'broken.json'))
    # No definition at all: nothing to say, exit 0.
    rc, _, err = lint([os.path.join(d, 'package.json')])
    results.append(('a file without job definitions: skipped, exit 0',
                    None if rc == 0 and findings(err) == [] else 'exit %d %s' % (rc, err)))
    return results


def exits(src, tmp, lint, findings):
    results = []
    spec = os.path.join(tmp, 'warn.yaml')
    with open(spec, 'w') as f:
        f.write('jobs:\n  - name: w\n    container_properties:\n'
                '      image: "app:1.0"\n      vcpus: 1\n      memory: 2048\n'
                '      readonly_root_filesystem: true\n')   # no timeout: a warning
    bad = os.path.join(src, 'tests', 'lint', 'spec.yaml')
    # a .tf: read by bg-hcl when it is built (its definition is refused:
    # no type, no properties), else an input that cannot be read
    tf_exit = 1 if os.path.exists(os.path.join(os.path.dirname(lint.bin), 'bg-hcl')) else 3
    for args, want in (([spec], 0), (['--fail-on', 'warning', spec], 1), (['--Werror', spec], 1),
                       (['--fail-on', 'note', spec], 1), ([bad], 1), (['--fail-on', 'none', bad], 0),
                       (['--fail-on', 'sometimes', spec], 2), ([os.path.join(tmp, 'missing.yaml')], 3),
                       ([os.path.join(tmp, 'main.tf')], tf_exit), (['--format', 'hcl', spec], 2)):
        if args[-1].endswith('main.tf'):
            open(args[-1], 'w').write('resource "aws_batch_job_definition" "x" {}\n')
        rc, out, err = lint(args)
        results.append(('lint %s: exit %d' % (' '.join(os.path.basename(a) for a in args), want),
                        None if rc == want and out == '' else 'exit %d; %s' % (rc, err[-300:])))
    return results


def json_output(src, lint):
    d = os.path.join(src, 'tests', 'lint')
    rc, out, err = lint(['--diagnostics', 'json', d])
    try:
        doc = json.loads(out)
    except ValueError as e:
        return [('--diagnostics json: one JSON document on stdout', '%s: %s' % (e, out[:200]))]
    keys = {'file', 'line', 'column', 'path', 'code', 'severity', 'message', 'help_uri'}
    ds = doc.get('diagnostics', [])
    s = doc.get('summary', {})
    return [
        ('--diagnostics json: one JSON document on stdout, nothing on stderr',
         None if rc == 1 and err == '' else 'exit %d; stderr %s' % (rc, err[:200])),
        ('--diagnostics json: every finding has %s' % ', '.join(sorted(keys)),
         None if ds and all(keys <= set(x) for x in ds) else ds[:1]),
        ('--diagnostics json: the summary counts them',
         None if s.get('errors') == sum(x['severity'] == 'error' for x in ds)
         and s.get('warnings') == sum(x['severity'] == 'warning' for x in ds)
         and s.get('files') == 8 and s.get('skipped') == 1 and s.get('job_definitions') == 7
         else s),
        ('--diagnostics json on validate: on stderr, stdout untouched',
         None if (lambda p: p.returncode == 1 and p.stdout == '' and
                  json.loads(p.stderr)['diagnostics'][0]['code'] == 'memory')(
             subprocess.run([lint.bin, 'validate', '--diagnostics', 'json',
                             os.path.join(src, 'tests', 'rules', 'memory-small.yaml')],
                            capture_output=True, text=True))
         else 'validate --diagnostics json did not write its document on stderr'),
    ]


def same_everywhere(src, lint, findings):
    """Text, JSON and SARIF say the same findings at the same places."""
    repo = os.path.join(src, 'tests', 'lint')
    text = subprocess.run([lint.bin, 'lint', '.'], capture_output=True, text=True, cwd=repo)
    js = subprocess.run([lint.bin, 'lint', '--diagnostics', 'json', '.'], capture_output=True,
                        text=True, cwd=repo)
    sa = subprocess.run([lint.bin, 'lint', '--diagnostics', 'sarif', '.'], capture_output=True,
                        text=True, cwd=repo)
    a = sorted((os.path.normpath(g[0]), g[1], g[4]) for g in findings(text.stderr))
    b = sorted((os.path.normpath(d['file']), d['line'], d['code'])
               for d in json.loads(js.stdout)['diagnostics'])
    c = sorted((r['locations'][0]['physicalLocation']['artifactLocation']['uri'],
                r['locations'][0]['physicalLocation']['region']['startLine'], r['ruleId'])
               for r in json.loads(sa.stdout)['runs'][0]['results'])
    return [('text, JSON and SARIF: the same %d findings at the same lines' % len(a),
             None if a and a == b == c and text.returncode == js.returncode == sa.returncode == 1
             else 'text %s\njson %s\nsarif %s' % (a[:4], b[:4], c[:4]))]


def github_required(doc):
    """What GitHub code scanning documents as required or used
    (docs.github.com, "SARIF support for code scanning")."""
    problems = []
    if doc.get('version') != '2.1.0' or '$schema' not in doc:
        problems.append('version 2.1.0 and $schema')
    run = doc['runs'][0]
    driver = run['tool']['driver']
    for k in ('name', 'version', 'rules'):
        if k not in driver:
            problems.append('driver.' + k)
    ids = [r['id'] for r in driver['rules']]
    if len(set(ids)) != len(ids):
        problems.append('rule ids are not unique')
    for r in driver['rules']:
        for k in ('id', 'name', 'shortDescription', 'fullDescription', 'help', 'defaultConfiguration'):
            if k not in r:
                problems.append('rule %s lacks %s' % (r.get('id'), k))
        if r.get('defaultConfiguration', {}).get('level') not in ('error', 'warning', 'note'):
            problems.append('rule %s level' % r['id'])
        if r['id'].startswith('sec-'):
            p = r.get('properties', {})
            score = float(p.get('security-severity', '-1'))
            if not 0.0 < score <= 10.0 or 'security' not in p.get('tags', []) or \
               not any(t.startswith('external/cwe/cwe-') for t in p.get('tags', [])):
                problems.append('security rule %s: security-severity, tags %s' % (r['id'], p))
    for res in run['results']:
        if res['ruleId'] not in ids or ids[res.get('ruleIndex', -1)] != res['ruleId']:
            problems.append('result rule %s' % res['ruleId'])
        if res.get('level') not in ('error', 'warning', 'note') or not res['message'].get('text'):
            problems.append('result level/message')
        loc = res.get('locations', [{}])[0].get('physicalLocation', {})
        uri = loc.get('artifactLocation', {}).get('uri', '')
        region = loc.get('region', {})
        if not uri or uri.startswith('/') or uri.startswith('./') or ':' in uri:
            problems.append('uri %r is not repository-relative' % uri)
        if not (region.get('startLine', 0) >= 1 and region.get('startColumn', 0) >= 1 and
                region.get('endLine', 0) >= region.get('startLine', 0) and 'endColumn' in region):
            problems.append('region %s' % region)
        if not res.get('partialFingerprints'):
            problems.append('partialFingerprints')
    return problems[:10]


def sarif(src, tmp, lint):
    results = []
    repo = os.path.join(tmp, 'sarif-repo')
    shutil.copytree(os.path.join(src, 'tests', 'lint'), repo)
    p = subprocess.run([lint.bin, 'lint', '--diagnostics', 'sarif', '.'], capture_output=True,
                       text=True, cwd=repo)
    doc = json.loads(p.stdout)
    results.append(('--diagnostics sarif: GitHub code scanning\'s required properties',
                    github_required(doc) or None))
    res = doc['runs'][0]['results']
    results.append(('--diagnostics sarif: every rule of the table, every finding',
                    None if len(doc['runs'][0]['tool']['driver']['rules']) ==
                    len(subprocess.run([lint.bin, 'rules'], capture_output=True, text=True).stdout.splitlines()) - 1
                    and len(res) == 28 else len(res)))
    # Fingerprints do not move with lines: three lines above, same prints.
    f = os.path.join(repo, 'spec.yaml')
    text = open(f).read()
    open(f, 'w').write('# moved\n# down\n# three lines\n' + text)
    q = subprocess.run([lint.bin, 'lint', '--diagnostics', 'sarif', '.'], capture_output=True,
                       text=True, cwd=repo)
    moved = json.loads(q.stdout)['runs'][0]['results']

    def prints(rs):
        return sorted((r['partialFingerprints']['batchgen/v1'],
                       r['locations'][0]['physicalLocation']['region']['startLine']) for r in rs
                      if r['locations'][0]['physicalLocation']['artifactLocation']['uri'] == 'spec.yaml')
    a, b = prints(res), prints(moved)
    results.append(('--diagnostics sarif: fingerprints stay when lines move',
                    None if a and [x[0] for x in a] == [x[0] for x in b] and
                    [x[1] + 3 for x in a] == [x[1] for x in b] else '%s / %s' % (a, b)))
    p2 = subprocess.run([lint.bin, 'lint', '--diagnostics', 'sarif', '.'], capture_output=True,
                        text=True, cwd=repo)
    results.append(('--diagnostics sarif: the same run gives the same bytes',
                    None if p2.stdout == q.stdout else 'differs'))
    # Microsoft's validator (npm @microsoft/sarif-multitool).
    tool = shutil.which('sarif-multitool')
    if tool is None:
        why = 'sarif-multitool is not installed (npm install -g @microsoft/sarif-multitool)'
        if os.environ.get('BATCHGEN_REQUIRE_SARIF_VALIDATOR') == '1':
            results.append(('SARIF validator', why))
        else:
            print('# SKIP the SARIF validator: ' + why, file=sys.stderr)
            print('# SKIP the SARIF validator: ' + why)
        return results
    log = os.path.join(tmp, 'out.sarif')
    open(log, 'w').write(p.stdout)
    # the SARIF rules (default), and GitHub's and GitHub Advanced
    # Security's ingestion rules (Azure DevOps' want the pipeline's own
    # build ids, which only the pipeline knows)
    for kind in (None, 'Gh', 'Ghas'):
        out = log + '.%s.validation' % (kind or 'sarif')
        v = subprocess.run([tool, 'validate', log, '-o', out, '--log', 'ForceOverwrite'] +
                           (['--rule-kind', kind] if kind else []), capture_output=True, text=True)
        found = json.load(open(out))['runs'][0]['results'] if v.returncode == 0 else None
        results.append(('sarif-multitool validate%s: no error, no warning' %
                        (' --rule-kind ' + kind if kind else ''),
                        None if found == [] else (found[:3] if found else v.stdout[-500:] + v.stderr[-300:])))
    return results


SPEC_JOB = """    timeout: {attempt_duration_seconds: 600}
    container_properties:
      image: "app:1.0"
      vcpus: 1
      memory: 2048
      readonly_root_filesystem: true
      privileged: true
"""
SPEC_TWO = ("jobs:\n  - name: silenced\n    x-batchgen-ignore: [sec-privileged, sec-image-tag]\n" +
            SPEC_JOB + "  - name: not-silenced\n" + SPEC_JOB)

CFN_PROPERTIES = """    Properties:
      Type: container
      Timeout: {AttemptDurationSeconds: 600}
      ContainerProperties:
        Image: app:1.0
        Privileged: true
        ReadonlyRootFilesystem: true
        ResourceRequirements: [{Type: VCPU, Value: "1"}, {Type: MEMORY, Value: "2048"}]
"""
CFN_TWO = ("Resources:\n  Silenced:\n    Type: AWS::Batch::JobDefinition\n    Metadata:\n"
           "      batchgen:\n        ignore: [sec-privileged, no-such-rule]\n" + CFN_PROPERTIES +
           "  Loud:\n    Type: AWS::Batch::JobDefinition\n" + CFN_PROPERTIES)


def suppressions(src, tmp, lint, findings):
    """x-batchgen-ignore, Metadata.batchgen.ignore and .batchgen.yaml:
    each silences what it names and counts it; stale or wrong entries
    are said."""
    results = []
    d = os.path.join(tmp, 'suppress')
    os.makedirs(d)
    spec = os.path.join(d, 'jobs.yaml')
    open(spec, 'w').write(SPEC_TWO)
    rc, _, err = lint([spec])
    got = findings(err)
    results.append(('x-batchgen-ignore silences its own job only, and counts it',
                    None if [(g[1], g[4]) for g in got if g[4] == 'sec-privileged'] == [(18, 'sec-privileged')]
                    and '1 finding suppressed' in err and rc == 1 else err))
    results.append(('x-batchgen-ignore: an entry that silences nothing is a note at it',
                    None if [(g[1], g[2]) for g in got if g[4] == 'lint-ignore-unused'] == [(3, 'note')]
                    else err))
    p = subprocess.run([lint.bin, 'render', spec], capture_output=True, text=True)
    results.append(('x-batchgen-ignore is no part of the definition: render takes the spec',
                    None if p.returncode == 0 and 'x-batchgen' not in p.stdout else p.stderr))
    cfn = os.path.join(d, 'stack.yaml')
    open(cfn, 'w').write(CFN_TWO)
    rc, _, err = lint([cfn])
    got = findings(err)
    results.append(('Metadata.batchgen.ignore silences its resource only',
                    None if [g[1] for g in got if g[4] == 'sec-privileged'] == [22] else err))
    results.append(('Metadata.batchgen.ignore: a code that is no rule is an error at it',
                    None if [(g[1], g[2]) for g in got if g[4] == 'lint-ignore-code'] == [(6, 'error')]
                    else err))
    p = subprocess.run([lint.bin, 'import', cfn], capture_output=True, text=True)
    results.append(('import keeps Metadata.batchgen.ignore as x-batchgen-ignore',
                    None if 'x-batchgen-ignore:\n    - sec-privileged' in p.stdout else p.stdout[:600]))
    # The configuration, found above the working directory.
    open(os.path.join(d, '.batchgen.yaml'), 'w').write(
        'fail-on: warning\n'
        'rules:\n'
        '  sec-root-fs: "off"\n'
        '  cost-no-timeout: error\n'
        'ignore:\n'
        '  - rule: sec-secret-env\n'
        '    files: ["repo/*.tf.json"]\n'
        '    reason: a test\n'
        '  - rule: sec-docker-socket\n'
        '    files: ["nowhere/*"]\n')
    sub = os.path.join(d, 'repo', 'deeper')
    os.makedirs(sub)
    for name in ('main.tf.json', 'spec.yaml'):
        shutil.copy(os.path.join(src, 'tests', 'lint', name), os.path.join(d, 'repo', name))
    p = subprocess.run([lint.bin, 'lint', '..'], capture_output=True, text=True, cwd=sub)
    got = findings(p.stderr)
    codes = sorted((os.path.basename(g[0]), g[4], g[2]) for g in got)
    want = sorted([('main.tf.json', 'cost-no-timeout', 'error'), ('main.tf.json', 'sec-privileged', 'error'),
                   ('spec.yaml', 'cost-no-timeout', 'error'), ('spec.yaml', 'sec-privileged', 'error'),
                   ('spec.yaml', 'sec-secret-env', 'error'), ('.batchgen.yaml', 'lint-ignore-unused', 'note')])
    results.append(('.batchgen.yaml above the working directory: rules off, levels, ignore by file',
                    None if codes == want and p.returncode == 1 else '%s\n%s' % (codes, p.stderr[-500:])))
    results.append(('.batchgen.yaml: every silenced finding counted in the summary',
                    None if '3 findings suppressed' in p.stderr else p.stderr[-300:]))
    unused = [g for g in got if g[4] == 'lint-ignore-unused']
    results.append(('.batchgen.yaml: an ignore entry that matched nothing is a note at its line',
                    None if [g[1] for g in unused] == [9] else unused))
    # fail-on from the configuration, and --fail-on over it
    clean = os.path.join(d, 'repo', 'warn.yaml')
    open(clean, 'w').write('jobs:\n  - name: w\n    timeout: {attempt_duration_seconds: 60}\n'
                           '    container_properties:\n      image: "a:1"\n'
                           '      vcpus: 1\n      memory: 512\n      readonly_root_filesystem: true\n'
                           '      environment: {UNUSED: ""}\n')
    for args, want in ((['warn.yaml'], 1), (['--fail-on', 'error', 'warn.yaml'], 0)):
        p = subprocess.run([lint.bin, 'lint', '--config', os.path.join(d, '.batchgen.yaml')] + args,
                           capture_output=True, text=True, cwd=os.path.join(d, 'repo'))
        results.append(('fail-on: warning in the configuration; lint %s exits %d' % (' '.join(args), want),
                        None if p.returncode == want else p.stderr[-300:]))

    def refused(name, text, lines, what):
        # a configuration lint refuses: exit 2, a lint-config finding at
        # each of lines, nothing linted
        path = os.path.join(d, name)
        open(path, 'w').write(text)
        p = subprocess.run([lint.bin, 'lint', '--config', path, spec], capture_output=True,
                           text=True)
        got = [(g[1], g[4]) for g in findings(p.stderr)]
        results.append((what, None if p.returncode == 2 and got == [(n, 'lint-config')
                                                                    for n in lines]
                        else 'exit %d %s' % (p.returncode, p.stderr)))

    # A configuration that does not say what it means: exit 2, each
    # problem at its place, nothing linted.
    refused('bad.yaml', 'fail-on: sometimes\nrules:\n  no-such-rule: off\n  sec-root-fs: loud\n'
            'ignore:\n  - files: ["*"]\ncolour: blue\n', [1, 3, 4, 6, 7],
            'a bad configuration: exit 2, every problem at its line, nothing linted')
    # ignore given twice: the second list is refused at its key (it was
    # written past the first list's end: fuzz-lint under ASan)
    refused('twice.yaml', 'ignore:\n  - rule: sec-privileged\n  - rule: sec-root-fs\n'
            'ignore:\n  - rule: sec-privileged\n', [4],
            'ignore given twice in a configuration: exit 2 at the second')
    # Any other key given twice: each second one refused at its key,
    # where it was taken over the first (fail-on), kept beside it (a
    # rule's level) or written over it, leaking the first list (files,
    # paths of an ignore entry: fuzz-lint under ASan).
    refused('again.yaml', 'fail-on: warning\nfail-on: error\nrules:\n  sec-root-fs: "off"\n'
            '  sec-root-fs: warning\nignore:\n  - rule: sec-privileged\n'
            '    files: a.json\n    files: ["*.json"]\n    paths: x\n'
            '    paths: [y]\n    rule: sec-root-fs\n', [2, 5, 9, 11, 12],
            'a key given twice in a configuration: exit 2 at each second one')
    p = subprocess.run([lint.bin, 'lint', '--diagnostics', 'json', '--config',
                        os.path.join(d, '.batchgen.yaml'), 'repo'], capture_output=True, text=True, cwd=d)
    results.append(('--diagnostics json counts the suppressed',
                    None if json.loads(p.stdout)['summary']['suppressed'] == 3 else p.stdout[-300:]))
    return results


def cases(bin_, src, tmp, lint, findings):
    lint.bin = bin_
    return (located(src, lint, findings) + partly_readable(src, lint, findings) +
            unreadable_said(tmp, lint, findings) +
            directories(src, tmp, lint, findings) +
            exits(src, tmp, lint, findings) + json_output(src, lint) +
            same_everywhere(src, lint, findings) + sarif(src, tmp, lint) +
            suppressions(src, tmp, lint, findings))
