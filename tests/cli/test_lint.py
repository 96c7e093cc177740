#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# batchgen lint: the review rules in every job kind they apply to (a
# finding at the line of the planted value, and a clean neighbour that
# differs only there), every source format located, directories,
# --fail-on and exit codes, JSON and SARIF output. Prints TAP.
#   test_lint.py BATCHGEN SOURCE_ROOT
import copy
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tap import report  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
ROLE = 'arn:aws:iam::123456789012:role/'


def lines_of(doc):
    """Pretty JSON text of doc, and the 1-based line of each path
    ("jobs[0].container_properties.image")."""
    out, where = [], {}

    def put(v, path, indent, prefix):
        where[path] = len(out) + 1
        pad = '  ' * indent
        if isinstance(v, dict) and v:
            out.append(pad + prefix + '{')
            items = list(v.items())
            for i, (k, x) in enumerate(items):
                put(x, (path + '.' if path else '') + k, indent + 1, json.dumps(k) + ': ')
                if i < len(items) - 1:
                    out[-1] += ','
            out.append(pad + '}')
        elif isinstance(v, list) and v:
            out.append(pad + prefix + '[')
            for i, x in enumerate(v):
                put(x, '%s[%d]' % (path, i), indent + 1, '')
                if i < len(v) - 1:
                    out[-1] += ','
            out.append(pad + ']')
        else:
            out.append(pad + prefix + json.dumps(v))
    put(doc, '', 0, '')
    return '\n'.join(out) + '\n', where


def clean_container(ecs=False):
    c = {'image': 'registry.example.com/app:1.4.2', 'vcpus': 1, 'memory': 2048,
         'readonly_root_filesystem': True}
    if ecs:
        c['name'] = 'main'
    return c


def clean_eks_container(name):
    return {'name': name, 'image': 'registry.example.com/app:1.4.2',
            'resources': {'limits': {'cpu': '1', 'memory': '1024Mi'}},
            'security_context': {'read_only_root_file_system': True}}


# Each job kind: a clean job, and where its process-level container and
# its task-level object (roles, volumes, network) are, as paths.
def kinds():
    timeout = {'attempt_duration_seconds': 3600}
    return {
        'container': ({'name': 'k', 'type': 'container', 'timeout': timeout,
                       'container_properties': dict(clean_container(),
                                                    job_role_arn=ROLE + 'job')},
                      'container_properties', 'container_properties', 'job_role_arn'),
        'range': ({'name': 'k', 'type': 'multinode', 'timeout': timeout,
                   'node_properties': {'num_nodes': 2, 'main_node': 0,
                                       'node_range_properties': [
                                           {'target_nodes': '0:1',
                                            'container': clean_container()}]}},
                  'node_properties.node_range_properties[0].container',
                  'node_properties.node_range_properties[0].container', 'job_role_arn'),
        'ecs': ({'name': 'k', 'timeout': timeout,
                 'ecs_properties': {'task_properties': [
                     {'task_role_arn': ROLE + 'job',
                      'containers': [clean_container(True)]}]}},
                'ecs_properties.task_properties[0].containers[0]',
                'ecs_properties.task_properties[0]', 'task_role_arn'),
        'range-ecs': ({'name': 'k', 'type': 'multinode', 'timeout': timeout,
                       'node_properties': {'num_nodes': 2, 'main_node': 0,
                                           'node_range_properties': [
                                               {'target_nodes': '0:1',
                                                'ecs_properties': {'task_properties': [
                                                    {'containers': [clean_container(True)]}]}}]}},
                      'node_properties.node_range_properties[0].ecs_properties.task_properties[0].containers[0]',
                      'node_properties.node_range_properties[0].ecs_properties.task_properties[0]',
                      'task_role_arn'),
        'eks': ({'name': 'k', 'type': 'container', 'timeout': timeout,
                 'eks_properties': {'pod_properties': {
                     'containers': [clean_eks_container('main')],
                     'init_containers': [clean_eks_container('init')]}}},
                'eks_properties.pod_properties.containers[0]',
                'eks_properties.pod_properties', None),
        'eks-init': (None, 'eks_properties.pod_properties.init_containers[0]',
                     'eks_properties.pod_properties', None),
    }


def at(doc, path):
    """The object at a dotted path with [i] indexes."""
    o = doc
    for part in path.split('.'):
        name, _, idx = part.partition('[')
        o = o[name]
        if idx:
            o = o[int(idx[:-1])]
    return o


def plant_process(rule, kind, obj, bad):
    """Plants (bad) or leaves clean (not bad) rule's value in a
    process-level container obj; returns the path below obj."""
    eks = kind.startswith('eks')
    if rule == 'sec-privileged':
        if eks:
            obj['security_context']['privileged'] = bad
            return 'security_context.privileged'
        obj['privileged'] = bad
        return 'privileged'
    if rule == 'sec-secret-env':
        key = 'env' if eks else 'environment'
        obj[key] = [{'name': 'DB_PASSWORD', 'value': 'hunter2-prod' if bad else ''},
                    {'name': 'DB_PASSWORD_ARN', 'value': ROLE + 'x'}]
        if not bad:
            obj[key][0] = {'name': 'LOG_LEVEL', 'value': 'debug'}
        return key + '[0]'
    if rule == 'sec-image-tag':
        obj['image'] = 'registry.example.com:5000/app' + (':latest' if bad else ':2.0')
        return 'image'
    if rule == 'sec-root-fs':
        if eks:
            obj['security_context']['read_only_root_file_system'] = not bad
            return 'security_context.read_only_root_file_system'
        obj['readonly_root_filesystem'] = not bad
        return 'readonly_root_filesystem'
    if rule == 'sec-eks-host-user':
        obj['security_context']['run_as_user'] = 0 if bad else 1000
        return 'security_context.run_as_user'
    if rule == 'sec-eks-host-nonroot':
        obj['security_context']['run_as_non_root'] = not bad
        return 'security_context.run_as_non_root'
    raise KeyError(rule)


def plant_task(rule, kind, obj, bad, role_key, job):
    eks = kind.startswith('eks')
    if rule in ('sec-docker-socket', 'sec-host-path'):
        path = {'sec-docker-socket': '/var/run/docker.sock',
                'sec-host-path': '/etc'}[rule] if bad else '/mnt/scratch'
        if eks:
            obj['volumes'] = [{'name': 'host', 'host_path': {'path': path}}]
            return 'volumes[0].host_path.path'
        obj['volumes'] = [{'name': 'host', 'host': {'source_path': path}}]
        return 'volumes[0].host.source_path'
    if rule == 'sec-eks-host-network':
        obj['host_network'] = bad
        return 'host_network'
    if rule == 'sec-same-role':
        obj[role_key] = ROLE + 'job'
        obj['execution_role_arn'] = ROLE + ('job' if bad else 'exec')
        return role_key
    if rule == 'sec-public-ip':
        job['platform_capabilities'] = ['FARGATE']
        obj['execution_role_arn'] = ROLE + 'exec'
        obj['network_configuration'] = {'assign_public_ip': 'ENABLED' if bad else 'DISABLED'}
        return 'network_configuration.assign_public_ip'
    raise KeyError(rule)


PROCESS = {'sec-privileged': ['container', 'range', 'ecs', 'range-ecs', 'eks', 'eks-init'],
           'sec-secret-env': ['container', 'range', 'ecs', 'range-ecs', 'eks', 'eks-init'],
           'sec-image-tag': ['container', 'range', 'ecs', 'range-ecs', 'eks', 'eks-init'],
           'sec-root-fs': ['container', 'range', 'ecs', 'range-ecs', 'eks', 'eks-init'],
           'sec-eks-host-user': ['eks', 'eks-init'],
           'sec-eks-host-nonroot': ['eks', 'eks-init']}
TASK = {'sec-docker-socket': ['container', 'range', 'ecs', 'range-ecs', 'eks'],
        'sec-host-path': ['container', 'range', 'ecs', 'range-ecs', 'eks'],
        'sec-eks-host-network': ['eks'],
        'sec-same-role': ['container', 'ecs'],
        'sec-public-ip': ['container', 'ecs']}


def code_of(rule):
    return 'sec-eks-host' if rule.startswith('sec-eks-host') else rule


def lint(args, cwd=None):
    p = subprocess.run([BIN, 'lint'] + args, capture_output=True, text=True, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def findings(err):
    """(file, line, severity, path, code) of each text finding."""
    out = []
    for line in err.splitlines():
        parts = line.split(': ', 3)
        if len(parts) < 3 or not line.endswith(']'):
            continue
        loc = parts[0].rsplit(':', 2)
        if len(loc) != 3:
            continue
        path = parts[2] if len(parts) == 4 and ' ' not in parts[2] else ''
        out.append((loc[0], int(loc[1]), parts[1], path, line[line.rfind('[') + 1:-1]))
    return out


def one_case(tmp, rule, kind, bad):
    table = kinds()
    base = table[kind][0] if table[kind][0] is not None else table['eks'][0]
    job = copy.deepcopy(base)
    _, proc, task, role_key = table[kind]
    if rule in PROCESS:
        below = plant_process(rule, kind, at(job, proc), bad)
        want = proc + '.' + below
    else:
        below = plant_task(rule, kind, at(job, task), bad, role_key, job)
        want = task + '.' + below
    text, where = lines_of({'jobs': [job]})
    f = os.path.join(tmp, '%s-%s-%s.json' % (rule, kind, 'bad' if bad else 'ok'))
    with open(f, 'w') as fh:
        fh.write(text)
    rc, out, err = lint(['--fail-on', 'none', f])
    got = findings(err)
    code = code_of(rule)
    mine = [g for g in got if g[4] == code]
    # an ECS task in a node range always has its provider warning
    others = [g for g in got if g[4] != code and not (kind == 'range-ecs' and g[4] == 'ecs-range-update')]
    if rc != 0:
        return 'exit %d: %s' % (rc, err[:300])
    if others:
        return 'other findings: %s' % others[:3]
    if not bad:
        return 'clean neighbour has %s' % mine if mine else None
    line = where['jobs[0].' + want]
    if [(g[1], g[3]) for g in mine] != [(line, 'jobs[0].' + want)]:
        return 'want one [%s] at line %d path jobs[0].%s; got %s' % (code, line, want, mine or err[:300])
    return None


def rule_cases(tmp):
    results = []
    for table in (PROCESS, TASK):
        for rule, kinds_ in sorted(table.items()):
            for kind in kinds_:
                for bad in (True, False):
                    results.append(('%s in %s: %s' % (rule, kind, 'finding at its line' if bad else 'clean neighbour'),
                                    one_case(tmp, rule, kind, bad)))
    return results


def job_level_cases(tmp):
    """cost-no-timeout and cost-no-retry-catchall, in every kind."""
    results = []
    for kind in ('container', 'range', 'ecs', 'eks'):
        for rule in ('cost-no-timeout', 'cost-no-retry-catchall'):
            for bad in (True, False):
                job = copy.deepcopy(kinds()[kind][0])
                if rule == 'cost-no-timeout' and bad:
                    del job['timeout']
                if rule == 'cost-no-retry-catchall':
                    exits = [{'action': 'RETRY', 'on_status_reason': 'Host EC2*'}]
                    if not bad:
                        exits.append({'action': 'EXIT', 'on_reason': '*'})
                    job['retry_strategy'] = {'attempts': 3, 'evaluate_on_exit': exits}
                text, where = lines_of({'jobs': [job]})
                f = os.path.join(tmp, '%s-%s-%s.json' % (rule, kind, bad))
                open(f, 'w').write(text)
                rc, _, err = lint(['--fail-on', 'none', f])
                got = findings(err)
                mine = [g for g in got if g[4] == rule]
                want_path = 'jobs[0].' + ('timeout' if rule == 'cost-no-timeout'
                                          else 'retry_strategy.evaluate_on_exit')
                # no timeout: the job's own line (the value is absent)
                want_line = where['jobs[0]' if rule == 'cost-no-timeout' else want_path]
                problem = None
                if rc != 0 or [g for g in got if g[4] != rule]:
                    problem = 'exit %d, other findings: %s' % (rc, [g for g in got if g[4] != rule][:3])
                elif bad and [(g[1], g[3]) for g in mine] != [(want_line, want_path)]:
                    problem = 'want [%s] at %d %s; got %s' % (rule, want_line, want_path, mine)
                elif not bad and mine:
                    problem = 'clean neighbour has %s' % mine
                results.append(('%s in %s: %s' % (rule, kind, 'finding' if bad else 'clean neighbour'), problem))
    # a catch-all RETRY says retrying is meant
    job = copy.deepcopy(kinds()['container'][0])
    job['retry_strategy'] = {'attempts': 3, 'evaluate_on_exit': [
        {'action': 'EXIT', 'on_reason': 'CannotPull*'}, {'action': 'RETRY', 'on_exit_code': '*'}]}
    f = os.path.join(tmp, 'retry-all.json')
    open(f, 'w').write(lines_of({'jobs': [job]})[0])
    rc, _, err = lint([f])
    results.append(('cost-no-retry-catchall: quiet with a catch-all RETRY',
                    None if rc == 0 and 'cost-no-retry' not in err else err[:300]))
    # a pattern that is not "*" catches only some
    job['retry_strategy']['evaluate_on_exit'][1]['on_exit_code'] = '1*'
    open(f, 'w').write(lines_of({'jobs': [job]})[0])
    rc, _, err = lint([f])
    results.append(('cost-no-retry-catchall: 1* is no catch-all',
                    None if rc == 0 and '[cost-no-retry-catchall]' in err else err[:300]))
    # attempts 1: nothing is retried, so no catch-all is needed
    job = copy.deepcopy(kinds()['container'][0])
    job['retry_strategy'] = {'attempts': 1, 'evaluate_on_exit': [{'action': 'RETRY', 'on_exit_code': '1'}]}
    f = os.path.join(tmp, 'retry-once.json')
    open(f, 'w').write(lines_of({'jobs': [job]})[0])
    rc, _, err = lint([f])
    results.append(('cost-no-retry-catchall: quiet when attempts is 1',
                    None if rc == 0 and 'cost-no-retry' not in err else err[:300]))
    return results


def secret_cases(tmp):
    """The credential finder: what it finds and what it leaves."""
    found = [('AWS_ACCESS_KEY_ID', 'AKIAZ7QK3XH2M5RL6T4P'), ('SOME_VALUE', 'ASIAZ7QK3XH2M5RL6T4P'),
             ('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKQ'),
             ('TLS_KEY', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----'),
             ('dbPassword', 'pa55word'), ('API_KEY', 'k-123456'), ('GITHUB_TOKEN', 'ghp_abcdef123456'),
             ('STRIPE_SECRET', 'sk_live_abc'), ('PRIVATE_KEY', 'abcdef')]
    left = [('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'), ('DB_PASSWORD_ARN', 'arn:aws:secretsmanager:x'),
            ('SECRET_NAME', 'prod/db'), ('TOKEN_URL', 'https://auth.example.com/token'),
            ('PASSWORD_FILE', '/run/secrets/db'), ('API_KEY', '${var.api_key}'), ('TOKEN', 'true'),
            ('SECRET_TTL', '3600'), ('KEYBOARD', 'us'), ('TOKENIZER', 'bert'), ('PWD', '/work'),
            ('DB_PASSWORD', ''), ('ACCESS_KEY_ID', 'not-a-key')]
    results = []
    for env, want in ((found, True), (left, False)):
        for name, value in env:
            job = copy.deepcopy(kinds()['container'][0])
            job['container_properties']['environment'] = [{'name': name, 'value': value}]
            f = os.path.join(tmp, 'secret.json')
            open(f, 'w').write(lines_of({'jobs': [job]})[0])
            rc, _, err = lint(['--fail-on', 'none', f])
            has = '[sec-secret-env]' in err
            results.append(('sec-secret-env %s %s=%r' % ('finds' if want else 'leaves', name, value[:24]),
                            None if has == want else 'got: %s' % (err.strip()[:300] or 'nothing')))
    return results


def image_cases(tmp):
    results = []
    for image, want in (('busybox', True), ('busybox:latest', True), ('localhost:5000/app', True),
                        ('localhost:5000/app:latest', True), ('busybox:1.36', False),
                        ('busybox@sha256:' + '0' * 64, False), ('localhost:5000/app:3', False),
                        ('${var.image}', False)):
        job = copy.deepcopy(kinds()['container'][0])
        job['container_properties']['image'] = image
        f = os.path.join(tmp, 'image.json')
        open(f, 'w').write(lines_of({'jobs': [job]})[0])
        rc, _, err = lint(['--fail-on', 'none', f])
        has = '[sec-image-tag]' in err
        results.append(('sec-image-tag %s %s' % ('finds' if want else 'leaves', image),
                        None if has == want else err.strip()[:300] or 'nothing'))
    return results


def main():
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results += rule_cases(tmp)
        results += job_level_cases(tmp)
        results += secret_cases(tmp)
        results += image_cases(tmp)
        results += __import__('lint_sources').cases(BIN, SRC, tmp, lint, findings)
    sys.exit(report(results))


if __name__ == '__main__':
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
