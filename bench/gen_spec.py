#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes a spec of N jobs, as YAML and as the equivalent JSON:
#   gen_spec.py N OUT_PREFIX   ->  OUT_PREFIX.yaml, OUT_PREFIX.json
# The jobs cycle through templates and options seen in real specs.
import json
import sys

TEMPLATES = ['data-processing', 'batch-processing', 'ml-training',
             'simple-container']


def job(i):
    j = {
        'name': 'job-%06d' % i,
        'template': TEMPLATES[i % len(TEMPLATES)],
        'image': '123456789012.dkr.ecr.us-east-1.amazonaws.com/app-%d:1.%d' % (i % 50, i % 7),
        'command': ['python', '-m', 'app.run', '--shard', str(i), 'Ref::date'],
        'parameters': {'date': '2024-01-01'},
        'environment': {'STAGE': 'prod', 'SHARD': str(i)},
        'tags': {'Shard': str(i % 100)},
    }
    if i % 3 == 0:
        j['vcpus'] = 4
        j['memory'] = 8192
    return j


def main():
    n, prefix = int(sys.argv[1]), sys.argv[2]
    spec = {
        'defaults': {
            'job_role_arn': 'arn:aws:iam::123456789012:role/batch',
            'tags': {'Team': 'platform', 'CostCenter': '4711'},
        },
        'jobs': [job(i) for i in range(n)],
    }
    with open(prefix + '.json', 'w') as f:
        json.dump(spec, f)
    # YAML in flow style, one job per line (JSON is YAML, so this is
    # the same document written the way people write YAML lists).
    with open(prefix + '.yaml', 'w') as f:
        f.write('defaults:\n')
        f.write('  job_role_arn: %s\n' % spec['defaults']['job_role_arn'])
        f.write('  tags: {Team: platform, CostCenter: "4711"}\n')
        f.write('jobs:\n')
        for j in spec['jobs']:
            f.write('  - %s\n' % json.dumps(j))


if __name__ == '__main__':
    main()
