#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The benchmark's baseline: reads the spec and writes the same
# aws_batch_job_definition resources with json.dump, validating
# nothing: the script a user would write. A JSON spec is read with the
# standard library; a YAML spec with PyYAML's C loader (CSafeLoader,
# on libyaml: Debian's python3-yaml).
#   baseline.py SPEC.json|SPEC.yaml > out.tf.json
import json
import re
import sys

DEFAULTS = {
    'data-processing': dict(vcpus=2, memory=4096, retry=3, timeout=3600,
                            tags={'Workload': 'data-processing', 'Type': 'cpu-intensive'}),
    'batch-processing': dict(vcpus=1, memory=1024, retry=5, timeout=7200, platform='EC2',
                             tags={'Workload': 'batch-processing', 'Priority': 'background',
                                   'Type': 'background'}),
    'ml-training': dict(vcpus=8, memory=16384, gpus=1, retry=2, timeout=14400, platform='EC2',
                        tags={'Hardware': 'gpu', 'Workload': 'ml-training',
                              'Type': 'gpu-intensive'}),
    'simple-container': dict(vcpus=1, memory=512, tags={}),
}


def esc(s):
    return re.sub(r'([$%])\{', r'\1\1{', s)


def main():
    with open(sys.argv[1]) as f:
        if sys.argv[1].endswith('.json'):
            spec = json.load(f)
        else:
            import yaml
            spec = yaml.load(f, Loader=yaml.CSafeLoader)
    d = spec.get('defaults', {})
    out = {}
    for j in spec['jobs']:
        t = DEFAULTS[j['template']]
        env = dict(j.get('environment', {}))
        rr = []
        if 'gpus' in t:
            rr.append({'type': 'GPU', 'value': str(j.get('gpus', t['gpus']))})
        rr.append({'type': 'MEMORY', 'value': str(j.get('memory', t['memory']))})
        rr.append({'type': 'VCPU', 'value': str(j.get('vcpus', t['vcpus']))})
        cp = {'command': j['command'],
              'environment': [{'name': k, 'value': v} for k, v in sorted(env.items())],
              'image': j['image'], 'jobRoleArn': d.get('job_role_arn'),
              'resourceRequirements': rr}
        tags = dict(d.get('tags', {}))
        tags.update(t['tags'])
        tags.update(j.get('tags', {}))
        r = {'name': j['name'], 'type': 'container'}
        if 'platform' in t:
            r['platform_capabilities'] = [t['platform']]
        r['container_properties'] = esc(json.dumps(cp, sort_keys=True, separators=(',', ':')))
        r['parameters'] = j.get('parameters', {})
        r['retry_strategy'] = {'attempts': t.get('retry')} if 'retry' in t else None
        r['tags'] = dict(sorted(tags.items()))
        r['timeout'] = {'attempt_duration_seconds': t['timeout']} if 'timeout' in t else None
        out[j['name'].replace('-', '_')] = {k: v for k, v in r.items() if v is not None}
    json.dump({'resource': {'aws_batch_job_definition': out}}, sys.stdout, indent=2)


if __name__ == '__main__':
    main()
