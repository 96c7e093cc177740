#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Plan-time rules against the real terraform: a value written as a
# Terraform expression is checked when terraform plans, with the same
# rule as the value written directly. Each case renders a spec (as
# Terraform JSON and as HCL), gives its variables values and plans:
# the plan must pass, or fail with the rule's message. Prints TAP.
#   test_plan_rules.py BATCHGEN
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tap import report  # noqa: E402
import tfenv  # noqa: E402

BIN = os.path.realpath(sys.argv[1])
WORK = tempfile.mkdtemp(prefix='bg-plan-rules.')
os.environ.pop('BATCHGEN_TEMPLATE_PATH', None)
EXEC = 'arn:aws:iam::123456789012:role/exec'

CONTAINER = {'name': 'j', 'template': 'simple-container', 'image': 'app:1'}
FARGATE = {'name': 'j', 'template': 'fargate-container', 'image': 'app:1',
           'execution_role_arn': EXEC}


def ecs(containers):
    return {'name': 'j', 'type': 'container', 'ecs_properties': {'task_properties': [{
        'containers': containers}]}}


def c(name, **kw):
    return dict({'name': name, 'image': 'app:1', 'vcpus': 1, 'memory': 512}, **kw)


# (name, job, {variable: (type, value)}, None when the plan must pass,
#  else a text the plan's error must hold)
CASES = [
    ('a tag whose value is one number expression plans',
     dict(CONTAINER, tags={'CostCenter': '${var.n}'}), {'n': ('number', 42)}, None),
    ('a 200-character tag value of é from a variable plans (AWS counts characters)',
     dict(CONTAINER, tags={'T': '${var.s}'}), {'s': ('string', '\u00e9' * 200)}, None),
    ('a 257-character tag value from a variable is refused',
     dict(CONTAINER, tags={'T': '${var.s}'}), {'s': ('string', '\u00e9' * 257)},
     'tag values must be at most 256 characters; got 257'),
    ('vcpus from a string variable "2" plans',
     dict(CONTAINER, vcpus='${var.v}'), {'v': ('string', '2')}, None),
    ('vcpus from a variable 0.3 is refused on EC2',
     dict(CONTAINER, vcpus='${var.v}'), {'v': ('number', 0.3)}, 'vCPUs must be a positive integer'),
    ('Fargate vcpus "1" and memory "2048" from string variables plan',
     dict(FARGATE, vcpus='${var.v}', memory='${var.m}'),
     {'v': ('string', '1'), 'm': ('string', '2048')}, None),
    ('Fargate 1 vCPU with 1024 MiB from variables is refused',
     dict(FARGATE, vcpus='${var.v}', memory='${var.m}'),
     {'v': ('number', 1), 'm': ('number', 1024)}, 'must be a Fargate size'),
    ('memory 1024.5 from a variable is refused (a whole number)',
     dict(CONTAINER, memory='${var.m}'), {'m': ('number', 1024.5)},
     'Memory must be a whole number between 4 and'),
    ('memory "2048" from a string variable plans',
     dict(CONTAINER, memory='${var.m}'), {'m': ('string', '2048')}, None),
    ('gpus 1.5 from a variable is refused (a whole number)',
     dict(CONTAINER, gpus='${var.g}'), {'g': ('number', 1.5)},
     'GPUs must be a whole number between 1 and'),
    ('an ECS container with vcpus 0.3 from a variable is refused on EC2',
     ecs([c('a', vcpus='${var.v}')]), {'v': ('number', 0.3)}, 'vCPUs must be a positive integer'),
    ('an ECS container with memory 2 from a variable is refused',
     ecs([c('a', memory='${var.m}')]), {'m': ('number', 2)},
     'Memory must be a whole number between 4 and'),
    ('an ECS container with vcpus 2 from a variable plans',
     ecs([c('a', vcpus='${var.v}')]), {'v': ('number', 2)}, None),
    ('an ECS depends_on naming no container of the task is refused',
     ecs([c('a'), c('b', essential=False, depends_on=[
         {'container_name': '${var.c}', 'condition': 'START'}])]),
     {'c': ('string', 'nope')}, "depends on 'nope', which is no container of the task"),
    ('an ECS depends_on naming a container of the task plans',
     ecs([c('a'), c('b', essential=False, depends_on=[
         {'container_name': '${var.c}', 'condition': 'START'}])]),
     {'c': ('string', 'a')}, None),
]


def rename(case, i):
    """The case's job and variables with names of its own: jNN, cNN_X."""
    _, job, variables, _ = case
    text = json.dumps(job)
    for v in variables:
        text = text.replace('var.%s}' % v, 'var.c%02d_%s}' % (i, v))
    job = json.loads(text)
    job['name'] = 'j%02d' % i
    return job, {'c%02d_%s' % (i, k): v for k, v in variables.items()}


def plan_all(fmt, env):
    """Renders every case's job into one module and plans it: returns
    (render problem, the plan's error text by job, or None when the
    plan passed)."""
    mod = os.path.join(WORK, fmt)
    os.makedirs(mod)
    jobs, variables = [], {}
    for i, case in enumerate(CASES):
        job, v = rename(case, i)
        jobs.append(job)
        variables.update(v)
    spec = os.path.join(mod, 'spec.json')
    with open(spec, 'w') as f:
        json.dump({'jobs': jobs}, f)
    out = os.path.join(mod, 'main.tf' if fmt == 'hcl' else 'main.tf.json')
    p = subprocess.run([BIN, 'render', spec, '-f', fmt, '-o', out],
                       capture_output=True, text=True)
    os.unlink(spec)
    if p.returncode != 0:
        return 'render exit %d: %s' % (p.returncode, p.stderr), None
    with open(os.path.join(mod, 'vars.tf.json'), 'w') as f:
        json.dump({'variable': {k: {'type': t, 'default': v}
                                for k, (t, v) in variables.items()}}, f, ensure_ascii=False)
    plan, err = tfenv.plan(mod, env)
    if plan is not None:
        return None, {}
    if 'terraform plan' not in err and 'terraform validate' not in err:
        return 'terraform failed before the plan: %s' % err[-2000:], None
    # One error block per failed precondition, naming its resource.
    by_job = {}
    for block in err.split('Error: ')[1:]:
        flat = ' '.join(block.split())
        for i in range(len(CASES)):
            if ('aws_batch_job_definition.j%02d' % i in flat or
                    '"aws_batch_job_definition" "j%02d"' % i in flat):
                by_job.setdefault(i, []).append(flat)
    return None, by_job


def main():
    env, why = tfenv.environment(WORK)
    if env is None:
        tfenv.missing('the plan-time rule test', why)
    results = []
    for fmt in ('json', 'hcl'):
        problem, by_job = plan_all(fmt, env)
        if problem:
            results.append(('render and plan every case (%s)' % fmt, problem))
            continue
        for i, (name, _, _, want) in enumerate(CASES):
            errs = by_job.get(i, [])
            if want is None:
                problem = 'the plan fails: %s' % errs[0][:1500] if errs else None
            elif not errs:
                problem = 'the plan passes; expected an error holding %r' % want
            else:
                problem = None if any(want in e for e in errs) else \
                    'the plan fails without %r: %s' % (want, errs[0][:1500])
            results.append(('%s (%s)' % (name, fmt), problem))
    status = report(results)
    shutil.rmtree(WORK, ignore_errors=True)
    sys.exit(status)


main()
