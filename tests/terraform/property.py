#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Property test: random valid jobs with hostile strings, written as a
# YAML spec and as a JSON spec, rendered as Terraform JSON and as HCL,
# and put through the real terraform validate and plan (aws provider,
# offline mirror, mock credentials). Every job batchgen accepts must be
# accepted by terraform, with every string reaching the plan exactly as
# written; the YAML and JSON specs render the same bytes; the JSON and
# HCL plans are equal. Prints TAP.
#
#   property.py BATCHGEN [JOBS]
#
# BATCHGEN_PROPERTY_SEED=N repeats a run (the seed is printed). The
# terraform check says so loudly and is skipped (77) when terraform or
# the provider is missing, or fails under BATCHGEN_REQUIRE_TERRAFORM=1.
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tap import report  # noqa: E402
import tfenv  # noqa: E402

BIN = os.path.realpath(sys.argv[1])
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 60
SEED = int(os.environ.get('BATCHGEN_PROPERTY_SEED') or random.SystemRandom().randrange(1 << 32))
os.environ.pop('BATCHGEN_TEMPLATE_PATH', None)
rnd = random.Random(SEED)


# ---------------------------------------------------------------- jobs
# Strings that must reach AWS exactly as written.
HOSTILE = [
    'quote " backslash \\ end', 'line\nbreak\ttab\r', 'ctl \x01\x1f \x7f \x85 \x9f',
    '${AWS_BATCH_JOB_ID} ${HOME}', '${user.home} ${java.io.tmpdir} ${a_b.c}',
    '%{ if x }y%{ endif } %{for}', '$${lit} %%{lit} $ { } {{ }} ${', 'unicode \u00e9 \u2713 \U0001f680',
    'line sep \u2028 para \u2029', '<< &a *b !tag ~ null', 'Ref::other', '"', '\\', '\\"',
    'a${', '}', '%', '$', '#', ': x', '- y', '[z]', '{w: 1}', 'yes', 'null', '~', '0x10', '010',
]
KEYS = ['for', 'in', 'if', 'null', 'true', 'false', 'endfor', 'a-b', 'a.b', 'a b', 'x/y', 'K']
EXEC = 'arn:aws:iam::123456789012:role/exec'
FARGATE_SIZES = [('0.25', 512), ('0.5', 1024), ('1', 2048), ('2', 4096), ('4', 8192), ('8', 16384)]


def text():
    parts = [rnd.choice(HOSTILE) for _ in range(rnd.randint(1, 3))]
    return ' '.join(parts) if rnd.random() < 0.8 else rnd.choice(HOSTILE)


def env_name(i):
    return rnd.choice(['V', 'APP_', 'x', 'My_Var']) + str(i)


def job(i):
    fargate = rnd.random() < 0.35
    j = {'name': 'prop-%d-%s' % (i, rnd.choice(['a', 'B', 'c_d', 'e-f'])),
         'template': 'fargate-container' if fargate else rnd.choice(
             ['simple-container', 'batch-processing', 'data-processing', 'gpu-container']),
         'image': rnd.choice(['app:1', 'public.ecr.aws/x/y:2.0', '123456789012.dkr.ecr.us-east-1.amazonaws.com/a/b@sha256:' + 'a' * 64]),
         'command': [text() for _ in range(rnd.randint(0, 4))],
         'environment': {env_name(k): text() for k in range(rnd.randint(0, 4))},
         'tags': {rnd.choice(KEYS) + str(k): text()[:200] for k in range(rnd.randint(0, 4))},
         'parameters': {'p%d' % k: text() for k in range(rnd.randint(0, 3))}}
    if fargate:
        v, m = rnd.choice(FARGATE_SIZES)
        j.update(vcpus=v, memory=m, execution_role_arn=EXEC)
        if rnd.random() < 0.5:
            j['log_configuration'] = {'log_driver': 'awslogs', 'options': {
                'awslogs-group': '/batch/' + rnd.choice(['a', 'b']), 'awslogs-region': 'us-east-1'}}
    else:
        j.update(vcpus=rnd.randint(1, 16), memory=rnd.choice([512, 1024, 4096, 8192]))
        if rnd.random() < 0.5:
            j['log_configuration'] = {'log_driver': 'json-file', 'options': {
                k: text() for k in rnd.sample(KEYS, rnd.randint(1, 3))}}
    if fargate and rnd.random() < 0.3:
        j['volumes'] = [{'name': 'efs', 'efs_volume_configuration': {
            'file_system_id': 'fs-%08x' % rnd.randrange(1 << 32),
            'root_directory': rnd.choice(['/', '/data/a b', '/x'])}}]
        j['mount_points'] = [{'source_volume': 'efs', 'container_path': '/mnt/efs',
                              'read_only': rnd.random() < 0.5}]
    elif not fargate and rnd.random() < 0.3:
        j['volumes'] = [{'name': 'scratch', 'host': {'source_path': '/tmp/' + rnd.choice(['a', 'b c'])}}]
        j['mount_points'] = [{'source_volume': 'scratch', 'container_path': '/scratch'}]
        j['ulimits'] = [{'name': 'nofile', 'soft_limit': 1024, 'hard_limit': rnd.choice([1024, 65536])}]
    if rnd.random() < 0.3:
        j['execution_role_arn'] = EXEC
        j['secrets'] = [{'name': 'SECRET_%d' % k, 'value_from':
                         'arn:aws:ssm:us-east-1:123456789012:parameter/p%d' % k}
                        for k in range(rnd.randint(1, 3))]
    if rnd.random() < 0.3:
        j['retry_strategy'] = {'attempts': rnd.randint(1, 10), 'evaluate_on_exit': [
            {'action': rnd.choice(['RETRY', 'EXIT', 'retry']),
             'on_reason': rnd.choice(['CannotPull*', 'Host EC2 terminated.', 'a:b c*']),
             'on_exit_code': rnd.choice(['1', '137', '2*'])}
            for _ in range(rnd.randint(1, 3))]}
    elif rnd.random() < 0.5:
        j['retry_attempts'] = rnd.randint(1, 10)
    if rnd.random() < 0.5:
        j['timeout_seconds'] = rnd.randint(60, 86400)
    if rnd.random() < 0.3:
        j['propagate_tags'] = rnd.random() < 0.5
    # Every command argument is a string; parameters used by the command.
    for p in list(j['parameters']):
        j['command'].append('Ref::' + p)
    return j


def yaml_quote(s):
    """A YAML double-quoted scalar: what YAML does not allow raw (C0 and
    C1 controls, DEL, line and paragraph separators, BOM) is escaped."""
    out = []
    for c in s:
        o = ord(c)
        if c in '"\\':
            out.append('\\' + c)
        elif o < 0x20 or 0x7f <= o <= 0x9f or o in (0x2028, 0x2029, 0xfeff):
            out.append('\\x%02x' % o if o < 0x100 else '\\u%04x' % o)
        else:
            out.append(c)
    return '"' + ''.join(out) + '"'


def yaml_value(v):
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return yaml_quote(v)
    if isinstance(v, list):
        return '[' + ', '.join(yaml_value(x) for x in v) + ']'
    return '{' + ', '.join('%s: %s' % (yaml_quote(k), yaml_value(x)) for k, x in v.items()) + '}'


def yaml_spec(jobs):
    out = ['jobs:']
    for j in jobs:
        first = True
        for k, v in j.items():
            out.append(('  - ' if first else '    ') + '%s: %s' % (k, yaml_value(v)))
            first = False
    return '\n'.join(out) + '\n'


def main():
    work = tempfile.mkdtemp(prefix='bg-property.')
    print('# seed %d (BATCHGEN_PROPERTY_SEED=%d repeats this run), %d jobs' % (SEED, SEED, COUNT))
    jobs = [job(i) for i in range(COUNT)]
    spec_json = os.path.join(work, 'jobs.json')
    spec_yaml = os.path.join(work, 'jobs.yaml')
    with open(spec_json, 'w') as f:
        json.dump({'jobs': jobs}, f, ensure_ascii=False)
    with open(spec_yaml, 'w') as f:
        f.write(yaml_spec(jobs))
    results = []
    # Each job alone: which does batchgen accept?
    accepted = []
    for j in jobs:
        one = os.path.join(work, 'one.json')
        with open(one, 'w') as f:
            json.dump({'jobs': [j]}, f)
        p = subprocess.run([BIN, 'validate', one], capture_output=True, text=True)
        if p.returncode == 0:
            accepted.append(j)
        elif p.returncode != 1:
            results.append(('validate %s' % j['name'], 'exit %d: %s' % (p.returncode, p.stderr)))
        else:
            print('# refused %s: %s' % (j['name'], p.stderr.strip().splitlines()[0]))
    results.append(('batchgen accepts most generated jobs (%d of %d)' % (len(accepted), len(jobs)),
                    None if len(accepted) >= 0.8 * len(jobs) else 'too few accepted: the test would be hollow'))
    with open(spec_json, 'w') as f:
        json.dump({'jobs': accepted}, f, ensure_ascii=False)
    with open(spec_yaml, 'w') as f:
        f.write(yaml_spec(accepted))
    out = {}
    for spec in (spec_json, spec_yaml):
        for fmt in ('json', 'hcl'):
            p = subprocess.run([BIN, 'render', spec, '--format', fmt], capture_output=True)
            out[(spec, fmt)] = p.stdout
            if p.returncode != 0:
                results.append(('render %s as %s' % (os.path.basename(spec), fmt),
                                'exit %d: %s' % (p.returncode, p.stderr.decode()[:500])))
    for fmt in ('json', 'hcl'):
        same = out[(spec_json, fmt)] == out[(spec_yaml, fmt)]
        results.append(('YAML and JSON specs render the same %s' % fmt,
                        None if same else 'the outputs differ'))

    env, why = tfenv.environment(work)
    if env is None:
        finish(results, why)
    plans = {}
    for fmt, name in (('json', 'main.tf.json'), ('hcl', 'main.tf')):
        mod = os.path.join(work, fmt)
        os.makedirs(mod)
        with open(os.path.join(mod, name), 'wb') as f:
            f.write(out[(spec_json, fmt)])
        got, problem = tfenv.plan(mod, env)
        if got is not None:
            plans[fmt] = {r['name']: r['change']['after'] for r in got.get('resource_changes', [])}
        results.append(('terraform validate and plan accept all %d jobs (%s)' % (len(accepted), fmt),
                        problem[-1500:] if problem else None))
    for fmt, plan in plans.items():
        bad = []
        for j in accepted:
            label = [k for k, v in plan.items() if v['name'] == j['name']]
            if len(label) != 1:
                bad.append('%s: not in the plan' % j['name'])
                continue
            r = plan[label[0]]
            cp = json.loads(r['container_properties'])
            env_got = {e['name']: e['value'] for e in cp.get('environment', [])}
            checks = [('command', cp.get('command', []), j['command']),
                      ('environment', {k: env_got.get(k) for k in j['environment']}, j['environment']),
                      ('tags', {k: (r.get('tags') or {}).get(k) for k in j['tags']}, j['tags']),
                      ('parameters', r.get('parameters') or {}, j['parameters'])]
            if 'log_configuration' in j:
                checks.append(('log options', cp['logConfiguration'].get('options', {}),
                               j['log_configuration']['options']))
            for field, got, want in checks:
                if got != want:
                    bad.append('%s %s: %r != %r' % (j['name'], field, got, want))
        results.append(('every string reaches the %s plan as written' % fmt,
                        '; '.join(bad[:5]) or None))
    if len(plans) == 2:
        diff = sorted(k for k in set(plans['json']) | set(plans['hcl'])
                      if plans['json'].get(k) != plans['hcl'].get(k))
        results.append(('JSON and HCL plans are equal (%d resources)' % len(plans['json']),
                        ', '.join(diff[:5]) or None))
    shutil.rmtree(work, ignore_errors=True)
    finish(results)


def finish(results, skipped=None):
    if skipped is not None:
        tfenv.missing('property test', skipped)
    sys.exit(report(results, 'seed %d' % SEED))


main()
