#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Complexity guard: for each input that once took quadratic time, count
# the instructions batchgen executes (valgrind's callgrind: a count of
# work, the same on any machine and under any load, not a timing) at
# size n and 4n. Linear work grows 4 times, n log n a little more (4.7
# times from n = 2,000), quadratic 16 times; more than 5 times fails,
# and so does less than twice (a run that stopped early). glibc's
# MALLOC_PERTURB_ makes every allocated byte count: an array grown an
# item at a time is quadratic there even where realloc grows it in
# place. Prints TAP.
#   test_scaling.py BATCHGEN
import os
import re
import shutil
import subprocess
import sys
import tempfile

BIN = os.path.realpath(sys.argv[1])
N = 2000
LIMIT = 5.0
FLOOR = 2.0
os.environ.pop('BATCHGEN_TEMPLATE_PATH', None)
valgrind = shutil.which('valgrind')
if valgrind is None:
    print('# ************************************************************')
    print('# SCALING CHECK NOT RUN: valgrind is not installed')
    print('# ************************************************************')
    print('1..0 # SKIP valgrind is not installed')
    sys.exit(0)  # TAP: the plan says skip
if 'libasan' in subprocess.run(['ldd', BIN], capture_output=True, text=True).stdout:
    print('1..0 # SKIP a sanitizer build (callgrind cannot run it)')
    sys.exit(0)
WORK = tempfile.mkdtemp(prefix='bg-scaling.')
JOB = 'jobs:\n  - name: j\n    template: simple-container\n    image: "app:1"\n'


def env_map(n):
    return JOB + '    environment:\n' + ''.join('      V%d: "x"\n' % i for i in range(n))


def env_list(n):
    return JOB + '    environment:\n' + ''.join(
        '      - {name: V%d, value: "x"}\n' % i for i in range(n))


def tags(n):
    return JOB + '    tags:\n' + ''.join('      T%d: "x"\n' % i for i in range(n))


def node_ranges(n):
    return ('jobs:\n  - name: m\n    template: multinode\n    image: "a:1"\n'
            '    num_nodes: %d\n    node_properties:\n      node_range_properties:\n' % n +
            ''.join('        - {target_nodes: "%d"}\n' % i for i in range(n)))


def errors(n):
    return 'jobs:\n' + ''.join(
        '  - {name: "bad %d", template: simple-container, image: "app:1", vcpus: 0, '
        'memory: 0, retry_attempts: 0, timeout_seconds: 1}\n' % i for i in range(n // 4))


def flow_jobs(count, extra=''):
    # count jobs of the simple-container template, one flow mapping a
    # line, each with the keys of extra after its name, template and image
    return 'jobs:\n' + ''.join(
        '  - {name: job-%d, template: simple-container, image: "app:1"%s}\n' % (i, extra)
        for i in range(count))


def jobs(n):
    return flow_jobs(n // 4)


def resources(n):
    # n/2 jobs with resource_requirements: their folding, kept for the
    # end of the load, was once queued an item at a time (an array
    # reallocated per job).
    return flow_jobs(n // 2, ', container_properties: {resource_requirements: '
                     '[{type: VCPU, value: "1"}, {type: MEMORY, value: "512"}]}')


def said_twice(n):
    # n/4 jobs that each give vCPUs twice (vcpus and the tree's): the
    # pairs to drop were once collected an item at a time.
    return flow_jobs(n // 4, ', vcpus: 1, container_properties: {vcpus: 2}')


def pruned(n):
    # n/4 jobs, each with a value of the wrong type where the field is
    # optional: the check keeps going and drops the pair (once
    # collected an item at a time).
    return flow_jobs(n // 4, ', retry_attempts: [1]')


def merged_env(n):
    # A template default map merged under a job's map of the same size.
    return ('defaults:\n  environment:\n' + ''.join('    D%d: "x"\n' % i for i in range(n)) +
            env_map(n))


def merge_keys(n):
    # A merge key brings n/2 pairs into a mapping that has n/2 of its own.
    half = n // 2
    return ('x-common: &common\n' + ''.join('  M%d: "x"\n' % i for i in range(half)) +
            JOB + '    environment:\n      <<: *common\n' +
            ''.join('      V%d: "x"\n' % i for i in range(half)))


def template_dir(n):
    d = os.path.join(WORK, 'templates-%d' % n)
    os.makedirs(d, exist_ok=True)
    for i in range(n // 4):
        with open(os.path.join(d, 't%05d.yaml' % i), 'w') as f:
            f.write('name: t%05d\ndescription: x\nextends: simple-container\n' % i)
    return d


RESOURCES = [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "512"}]


def answer(name, defs):
    """A describe-job-definitions answer holding defs, written to WORK."""
    import json
    path = os.path.join(WORK, name)
    with open(path, 'w') as f:
        json.dump({"jobDefinitions": defs}, f)
    return path


def describe_answer(n):
    # import: n/4 revisions of n/16 names, the newest ACTIVE of each
    # picked (it once compared every revision with every other).
    defs = [{"jobDefinitionName": "job-%d" % (i % max(n // 16, 1)), "revision": i,
             "status": "ACTIVE" if i % 3 else "INACTIVE", "type": "container",
             "containerProperties": {"image": "app:1", "resourceRequirements": RESOURCES}}
            for i in range(n // 4)]
    return ['import', answer('describe-%d.json' % n, defs)]


def describe_distinct(n):
    # import: n/2 definitions of distinct names (counting the jobs
    # imported so far once made each definition cost the ones before).
    defs = [{"jobDefinitionName": "job-%d" % i, "revision": 1, "status": "ACTIVE",
             "type": "container",
             "containerProperties": {"image": "app:1", "resourceRequirements": RESOURCES}}
            for i in range(n // 2)]
    return ['import', answer('distinct-%d.json' % n, defs)]


def rerender(n):
    # render -o over the previous output of n jobs: the replacement
    # check once looked up each job's resource in the old document by a
    # walk of it.
    spec = os.path.join(WORK, 'rerender-%d.yaml' % n)
    out = os.path.join(WORK, 'rerender-%d.tf.json' % n)
    with open(spec, 'w') as f:
        f.write(jobs(4 * n))  # n jobs
    subprocess.run([BIN, 'render', spec, '-o', out], check=True, capture_output=True)
    return ['render', spec, '-o', out]


GEN_SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'bench',
                        'gen_spec.py')


def bench_spec(n):
    # The benchmark's spec (bench/gen_spec.py: templates, commands,
    # parameters, environment, tags, defaults), n/4 jobs.
    prefix = os.path.join(WORK, 'bench-%d' % n)
    if not os.path.exists(prefix + '.yaml'):
        subprocess.run([sys.executable, GEN_SPEC, str(max(n // 4, 1)), prefix], check=True)
    return prefix + '.yaml'


def bench_render(n):
    return ['render', bench_spec(n)]


def bench_validate(n):
    return ['validate', bench_spec(n)]


def bench_rerender(n):
    # render -o over its own previous output, the benchmark's jobs
    out = os.path.join(WORK, 'bench-rerender-%d.tf.json' % n)
    subprocess.run([BIN, 'render', bench_spec(n), '-o', out], check=True, capture_output=True)
    return ['render', bench_spec(n), '-o', out]


def bench_import(n):
    # import of the benchmark's rendered Terraform JSON, n/16 jobs
    # (import costs about six renders a job)
    out = os.path.join(WORK, 'bench-import-%d.tf.json' % n)
    subprocess.run([BIN, 'render', bench_spec(n // 4), '-o', out], check=True,
                   capture_output=True)
    return ['import', out]


def as_templates(n):
    # import --as-templates: each job against every template, a fixed
    # amount of work per job (n/400 jobs: each costs many renders).
    defs = [{"jobDefinitionName": "job-%d" % i, "type": "container",
             "retryStrategy": {"attempts": 1 + i % 5},
             "containerProperties": {"image": "app:%d" % i, "resourceRequirements": RESOURCES}}
            for i in range(max(n // 400, 1))]
    return ['import', '--as-templates', answer('fit-%d.json' % n, defs)]


def instructions(args):
    # glibc fills every block it hands out and takes back
    # (MALLOC_PERTURB_), so the instructions count the bytes allocated
    # too: an array reallocated an item at a time shows as quadratic even
    # where realloc would have grown it in place.
    env = dict(os.environ, MALLOC_PERTURB_='165')
    p = subprocess.run([valgrind, '--tool=callgrind', '--callgrind-out-file=/dev/null'] +
                       [BIN] + args, capture_output=True, text=True, timeout=900, env=env)
    m = re.search(r'Collected : (\d+)', p.stderr)
    if m is None:
        raise RuntimeError('no instruction count: ' + p.stderr[-500:])
    return int(m.group(1))


def lint_answer(n):
    # lint: n/2 definitions in one file, each with findings (privileged,
    # an image without a tag): the review, relocation and suppression
    # pass must cost the same per job however many there are.
    defs = [{"jobDefinitionName": "job-%d" % i, "revision": 1, "status": "ACTIVE",
             "type": "container",
             "containerProperties": {"image": "app", "privileged": True,
                                     "resourceRequirements": RESOURCES}}
            for i in range(n // 2)]
    return ['lint', '--fail-on', 'none', answer('lint-%d.json' % n, defs)]


def lint_ignores(n):
    # lint: a spec of n/4 jobs, each silencing one of its findings
    # (x-batchgen-ignore): each finding is matched against its own
    # job's entries, not every entry of the file.
    import json
    jobs_ = [{"name": "job-%d" % i, "x-batchgen-ignore": ["sec-privileged", "sec-root-fs"],
              "container_properties": {"image": "app", "vcpus": 1, "memory": 512,
                                       "privileged": True}}
             for i in range(n // 4)]
    path = os.path.join(WORK, 'lint-ignores-%d.json' % n)
    with open(path, 'w') as f:
        json.dump({"jobs": jobs_}, f)
    return ['lint', '--fail-on', 'none', path]


def lint_tf(n):
    # lint of a .tf (read by bg-hcl; callgrind counts batchgen, not the
    # helper): n/4 definitions in jsonencode and n/4 in heredocs, each
    # with findings placed inside: the places of the values and of the
    # heredocs are looked up, not searched one by one.
    out = []
    for i in range(n // 4):
        out.append('resource "aws_batch_job_definition" "e%d" {\n  name = "e%d"\n'
                   '  type = "container"\n  container_properties = jsonencode({\n'
                   '    image = "app"\n    privileged = true\n'
                   '    resourceRequirements = [{ type = "VCPU", value = "1" }, '
                   '{ type = "MEMORY", value = "512" }]\n  })\n}\n' % (i, i))
        out.append('resource "aws_batch_job_definition" "h%d" {\n  name = "h%d"\n'
                   '  type = "container"\n  container_properties = <<EOF\n'
                   '{"image": "app", "privileged": true, "resourceRequirements": '
                   '[{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "512"}]}\n'
                   'EOF\n}\n' % (i, i))
    d = os.path.join(WORK, 'tf-%d' % n)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'main.tf'), 'w') as f:
        f.write(''.join(out))
    return ['lint', '--fail-on', 'none', os.path.join(d, 'main.tf')]


def spec_args(make, n):
    path = os.path.join(WORK, '%s-%d.yaml' % (make.__name__, n))
    with open(path, 'w') as f:
        f.write(make(n))
    return ['validate', path]


cases = [(f.__name__, (lambda n, f=f: spec_args(f, n)))
         for f in (env_map, env_list, tags, node_ranges, errors, jobs, resources, said_twice,
                   pruned, merged_env, merge_keys)]
cases.append(('template_dir', lambda n: ['templates', '--templates', template_dir(n)]))
cases.append(('describe_answer', describe_answer))
cases.append(('describe_distinct', describe_distinct))
cases.append(('rerender', rerender))
cases.append(('as_templates', as_templates))
for f in (bench_render, bench_validate, bench_rerender, bench_import):
    cases.append((f.__name__, f))
cases.append(('lint_answer', lint_answer))
cases.append(('lint_ignores', lint_ignores))
if os.path.exists(os.path.join(os.path.dirname(BIN), 'bg-hcl')):
    cases.append(('lint_tf', lint_tf))
else:
    print('# lint_tf not run: bg-hcl is not built (meson -Dhcl)')

# BATCHGEN_SCALING_ONLY=name,name runs those cases alone (development)
only = os.environ.get('BATCHGEN_SCALING_ONLY')
if only:
    cases = [c for c in cases if c[0] in only.split(',')]
print('1..%d' % len(cases))
failed = 0
for i, (name, args) in enumerate(cases, 1):
    small, large = instructions(args(N)), instructions(args(4 * N))
    ratio = large / small
    # Four times the input is at least twice the work: a run that
    # stopped early (a crash, a missing file) does not pass as fast.
    ok = FLOOR <= ratio <= LIMIT
    failed += not ok
    print('%s %d - %s: %d -> %d instructions at 4x the size (x%.2f, from x%.1f to x%.1f)' % (
        'ok' if ok else 'not ok', i, name, small, large, ratio, FLOOR, LIMIT))
shutil.rmtree(WORK, ignore_errors=True)
sys.exit(1 if failed else 0)
