#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes the rule corpus: for each rule, specs that must fail with that
# rule's code at a field path, and valid neighbours at the edges. The
# table below is the corpus; the .yaml files are generated from it
# (python3 make_cases.py) and committed, so a reviewer reads both.
# Each file starts with "# expect: CODE PATH" (an error), "# warn: CODE
# PATH" (a warning only), or "# expect: valid" (no diagnostic at all).
import os

HERE = os.path.dirname(os.path.abspath(__file__))
EXEC = 'arn:aws:iam::123456789012:role/exec'
ROLE = 'arn:aws:iam::123456789012:role/job'


def job(name, body, template='simple-container'):
    head = '  - name: %s\n' % name
    if template:
        head += '    template: %s\n' % template
    return head + ''.join('    %s\n' % line for line in body)


def fargate(name, vcpus, memory, extra=()):
    return job(name, ['image: "app:1"', 'vcpus: %s' % vcpus, 'memory: %d' % memory,
                      'execution_role_arn: %s' % EXEC] + list(extra), 'fargate-container')


def multinode(name, num, ranges, extra=()):
    lines = ['image: "mpi:1"', 'num_nodes: %d' % num, 'node_properties:',
             '  node_range_properties:']
    lines += ['    - {target_nodes: "%s"}' % r for r in ranges]
    return job(name, lines + list(extra), 'multinode')


def simple(name, *lines):
    return job(name, ['image: "app:1"'] + list(lines))


def retry(name, *conditions, template='data-processing'):
    return job(name, ['image: "app:1"', 'retry_strategy:', '  evaluate_on_exit:'] +
               ['    - %s' % c for c in conditions], template)


def tags(n):
    return ['tags: {%s}' % ', '.join('T%d: v' % i for i in range(n))]


# (file, expectation, job text)
CASES = [
    ('name-length-bad', 'expect: name-length jobs[0].name', simple('a' * 129)),
    ('name-length-ok', 'expect: valid', simple('a' * 128)),
    ('name-charset-bad', 'expect: name-charset jobs[0].name', simple('"my.job"')),
    ('name-start-bad', 'expect: name-start jobs[0].name', simple('_job')),
    ('name-start-ok', 'expect: valid', simple('9job-ok', 'label: job_9')),
    ('label-bad', 'expect: label jobs[0].label', simple('lbl', 'label: "9x"')),
    ('image-format-bad', 'expect: image-format jobs[0].container_properties.image',
     job('img', ['image: "app with space:1"'])),
    ('image-format-long', 'expect: image-format jobs[0].container_properties.image',
     job('img-long', ['image: "%s"' % ('a' * 256)])),
    ('image-format-ok', 'expect: valid',
     job('img-ok', ['image: "%s"' % ('a' * 255)])),
    ('vcpus-fraction-ec2', 'expect: vcpus jobs[0].container_properties.vcpus',
     simple('frac', 'vcpus: 0.5')),
    ('memory-small', 'expect: memory jobs[0].container_properties.memory',
     simple('mem', 'memory: 3')),
    ('memory-edge-ok', 'expect: valid', simple('mem-ok', 'memory: 4')),
    ('fargate-size-quarter-ok', 'expect: valid', fargate('q', '0.25', 512)),
    ('fargate-size-sixteen-ok', 'warn: fargate-quota jobs[0].container_properties.vcpus',
     fargate('s16', '16', 122880, ['platform_version: "1.4.0"'])),
    ('fargate-size-sixteen-bad', 'expect: fargate-size jobs[0].container_properties.memory',
     fargate('s16b', '16', 131072)),
    ('fargate-size-eight-step', 'expect: fargate-size jobs[0].container_properties.memory',
     fargate('s8', '8', 17408)),
    ('fargate-vcpus-bad', 'expect: fargate-size jobs[0].container_properties.vcpus',
     fargate('s3', '3', 8192)),
    ('fargate-gpu', 'expect: fargate-gpu jobs[0].container_properties.gpus',
     fargate('fg', '1', 2048, ['gpus: 1'])),
    ('fargate-privileged', 'expect: fargate-privileged jobs[0].container_properties.privileged',
     fargate('fp', '1', 2048, ['privileged: true'])),
    ('fargate-privileged-false-ok', 'expect: valid',
     fargate('fpo', '1', 2048, ['privileged: false'])),
    ('fargate-execution-role', 'expect: fargate-execution-role jobs[0].container_properties.execution_role_arn',
     job('fe', ['image: "app:1"', 'platform_capabilities: [FARGATE]', 'vcpus: 1', 'memory: 2048'], None)),
    ('fargate-host-volume', 'expect: fargate-host-volume jobs[0].container_properties.volumes[0]',
     fargate('fh', '1', 2048, ['volumes: [{name: v, host: {source_path: /tmp}}]'])),
    ('fargate-multinode', 'expect: fargate-multinode jobs[0].platform_capabilities',
     job('fm', ['type: multinode', 'platform_capabilities: [FARGATE]',
                'node_properties: {main_node: 0, num_nodes: 1, node_range_properties: '
                '[{target_nodes: "0", container: {image: "x:1", vcpus: 1, memory: 2048, '
                'execution_role_arn: "%s"}}]}' % EXEC], None)),
    ('fargate-only-on-ec2', 'expect: fargate-only jobs[0].container_properties.network_configuration.assign_public_ip',
     simple('fo', 'assign_public_ip: ENABLED')),
    ('fargate-efs-latest', 'expect: fargate-efs-version jobs[0].container_properties.volumes[0]',
     fargate('fefs', '1', 2048, ['volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1}}]'])),
    ('fargate-efs-140-ok', 'expect: valid',
     fargate('fefs-ok', '1', 2048, ['platform_version: "1.4.0"',
                                     'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1}}]'])),
    ('fargate-quota-edge-ok', 'expect: valid', fargate('quota-ok', '4', 8192)),
    ('platform-capability-bad', 'expect: platform-capability jobs[0].platform_capabilities[0]',
     job('pc', ['image: "app:1"', 'vcpus: 1', 'memory: 512', 'platform_capabilities: [LAMBDA]'], None)),
    ('platform-count-bad', 'expect: platform-count jobs[0].platform_capabilities',
     job('pc2', ['image: "app:1"', 'vcpus: 1', 'memory: 2048', 'execution_role_arn: %s' % EXEC,
                 'platform_capabilities: [EC2, FARGATE]'], None)),
    ('role-arn-bad', 'expect: role-arn jobs[0].container_properties.job_role_arn',
     simple('role', 'job_role_arn: "arn:aws:s3:::bucket"')),
    ('role-arn-gov-ok', 'expect: valid',
     simple('role-ok', 'job_role_arn: "arn:aws-us-gov:iam::123456789012:role/job"')),
    ('env-reserved', 'expect: env-reserved jobs[0].container_properties.environment[0]',
     simple('env', 'environment: {AWS_BATCH_X: "1"}')),
    ('env-duplicate', 'expect: env-duplicate jobs[0].environment',
     simple('envd', 'environment: [{name: A, value: "1"}, {name: A, value: "2"}]')),
    ('env-empty', 'warn: env-empty jobs[0].container_properties.environment[0]',
     simple('enve', 'environment: {A: ""}')),
    ('env-ok', 'expect: valid', simple('env-ok', 'environment: {AWS_REGION: eu-west-1}')),
    ('tags-51', 'expect: tags-count jobs[0].tags', simple('t51', *tags(51))),
    ('tags-50-ok', 'expect: valid', simple('t50', *tags(50))),
    ('tag-key-long', 'expect: tag-key jobs[0].tags.%s' % ('k' * 129),
     simple('tk', 'tags: {%s: v}' % ('k' * 129))),
    ('tag-value-long', 'expect: tag-value jobs[0].tags.K', simple('tv', 'tags: {K: "%s"}' % ('v' * 257))),
    ('tag-value-256-ok', 'expect: valid', simple('tv-ok', 'tags: {K: "%s"}' % ('v' * 256))),
    ('tag-aws-prefix', 'expect: tag-aws-prefix jobs[0].tags.AWS:owner',
     simple('ta', 'tags: {"AWS:owner": me}')),
    ('parameter-ref', 'warn: parameter-ref jobs[0].container_properties.command[1]',
     simple('pr', 'command: [run, "Ref::day"]')),
    ('parameter-unused', 'warn: parameter-unused jobs[0].parameters.day',
     simple('pu', 'command: [run]', 'parameters: {day: today}')),
    ('parameter-ok', 'expect: valid',
     simple('p-ok', 'command: [run, "Ref::day"]', 'parameters: {day: today}')),
    ('mount-path-relative', 'expect: mount-path jobs[0].container_properties.mount_points[0]',
     simple('mp', 'volumes: [{name: v, host: {source_path: /tmp}}]',
            'mount_points: [{source_volume: v, container_path: data}]')),
    ('mount-point-volume', 'expect: mount-point-volume jobs[0].container_properties.mount_points[0]',
     simple('mpv', 'mount_points: [{source_volume: v, container_path: /data}]')),
    ('volume-both-kinds', 'expect: volume-kind jobs[0].container_properties.volumes[0]',
     simple('vk', 'volumes: [{name: v, host: {source_path: /tmp}, efs_volume_configuration: {file_system_id: fs-1}}]')),
    ('volume-name-bad', 'expect: volume-kind jobs[0].container_properties.volumes[0]',
     simple('vn', 'volumes: [{name: "my vol", host: {source_path: /tmp}}]')),
    ('efs-access-point-root', 'expect: efs-access-point jobs[0].container_properties.volumes[0]',
     simple('ap', 'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1, '
                  'root_directory: /data, transit_encryption: ENABLED, '
                  'authorization_config: {access_point_id: fsap-1}}}]')),
    ('efs-access-point-root-ok', 'expect: valid',
     simple('ap-ok', 'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1, '
                     'root_directory: /, transit_encryption: ENABLED, '
                     'authorization_config: {access_point_id: fsap-1}}}]')),
    ('efs-access-point-transit', 'expect: efs-access-point jobs[0].container_properties.volumes[0]',
     simple('apt', 'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1, '
                   'authorization_config: {access_point_id: fsap-1}}}]')),
    ('efs-iam-no-role', 'expect: efs-iam jobs[0].container_properties.volumes[0]',
     simple('iam', 'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1, '
                   'transit_encryption: ENABLED, authorization_config: {iam: ENABLED}}}]')),
    ('efs-iam-ok', 'expect: valid',
     simple('iam-ok', 'job_role_arn: "%s"' % ROLE,
            'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1, '
            'transit_encryption: ENABLED, authorization_config: {iam: ENABLED}}}]')),
    ('efs-transit-enum', 'expect: efs-transit jobs[0].container_properties.volumes[0]',
     simple('te', 'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1, '
                  'transit_encryption: "yes"}}]')),
    ('efs-port-range', 'expect: efs-port jobs[0].container_properties.volumes[0]',
     simple('port', 'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1, '
                    'transit_encryption: ENABLED, transit_encryption_port: 65536}}]')),
    ('efs-port-edge-ok', 'expect: valid',
     simple('port-ok', 'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1, '
                       'transit_encryption: ENABLED, transit_encryption_port: 65535}}]')),
    ('user-bad', 'expect: user jobs[0].container_properties.user', simple('u', 'user: "a:b:c"')),
    ('user-ok', 'expect: valid', simple('u-ok', 'user: "1000:1000"')),
    ('node-ranges-nested-ok', 'expect: valid', multinode('nest', 4, ['0:3', '1:1'])),
    ('node-ranges-overlap', 'expect: node-overlap jobs[0].node_properties.node_range_properties[1].target_nodes',
     multinode('overlap', 4, ['0:2', '1:3'])),
    ('node-ranges-gap', 'expect: node-coverage jobs[0].node_properties.node_range_properties',
     multinode('gap', 4, ['0:1', '3:3'])),
    ('node-target-beyond', 'expect: node-target-format jobs[0].node_properties.node_range_properties[0].target_nodes',
     multinode('beyond', 2, ['0:5'])),
    ('node-target-open-ok', 'expect: valid', multinode('open', 4, ['0:', ':0'])),
    ('node-groups-six', 'expect: node-groups jobs[0].node_properties.node_range_properties',
     multinode('six', 6, ['0', '1', '2', '3', '4', '5'])),
    ('node-max', 'expect: node-max jobs[0].node_properties.num_nodes', multinode('max', 1001, ['0:1000'])),
    ('node-main', 'expect: node-main jobs[0].node_properties.main_node',
     multinode('main', 2, ['0:1'], ['main_node: 2'])),
    ('retry-attempts-11', 'expect: retry-attempts jobs[0].retry_strategy.attempts', simple('r11', 'retry_attempts: 11')),
    ('retry-attempts-10-ok', 'expect: valid', simple('r10', 'retry_attempts: 10')),
    ('timeout-59', 'expect: timeout jobs[0].timeout.attempt_duration_seconds', simple('t59', 'timeout_seconds: 59')),
    ('timeout-60-ok', 'expect: valid', simple('t60', 'timeout_seconds: 60')),
    ('scheduling-priority', 'expect: scheduling-priority jobs[0].scheduling_priority',
     simple('sp', 'scheduling_priority: 10000')),
    ('scheduling-priority-ok', 'expect: valid', simple('sp-ok', 'scheduling_priority: 9999')),
    ('retry-exit-code-glob-ok', 'expect: valid',
     retry('eoe-ok', '{action: RETRY, on_exit_code: "1*"}',
           '{action: exit, on_status_reason: "Host EC2*", on_reason: "Out of memory*"}')),
    ('retry-exit-code-bad', 'expect: retry-exit-code jobs[0].retry_strategy.evaluate_on_exit[0]',
     retry('eoe-code', '{action: RETRY, on_exit_code: "1*2"}')),
    ('retry-reason-bad', 'expect: retry-reason jobs[0].retry_strategy.evaluate_on_exit[0]',
     retry('eoe-reason', '{action: EXIT, on_reason: "CannotPullContainerError: pull-failed"}')),
    ('retry-action-bad', 'expect: retry-action jobs[0].retry_strategy.evaluate_on_exit[0]',
     retry('eoe-action', '{action: RESTART, on_exit_code: "1"}')),
    ('retry-condition-none', 'expect: retry-condition jobs[0].retry_strategy.evaluate_on_exit[0]',
     retry('eoe-none', '{action: RETRY}')),
    ('retry-conditions-six', 'expect: retry-conditions-count jobs[0].retry_strategy.evaluate_on_exit',
     retry('eoe-six', *['{action: RETRY, on_exit_code: "%d"}' % i for i in range(6)])),
    ('retry-conditions-five-ok', 'expect: valid',
     retry('eoe-five', *['{action: RETRY, on_exit_code: "%d"}' % i for i in range(5)])),
    ('retry-conditions-no-attempts', 'expect: retry-conditions-attempts jobs[0].retry_strategy.attempts',
     retry('eoe-noatt', '{action: RETRY, on_exit_code: "1"}', template='simple-container')),
    ('duplicate-name', 'expect: duplicate-name jobs[1].name', simple('dup') + simple('dup')),
    ('duplicate-label', 'expect: duplicate-label jobs[1].label', simple('dup-a') + simple('dup_a')),
]


def main():
    for old in os.listdir(HERE):
        if old.endswith('.yaml'):
            os.remove(os.path.join(HERE, old))
    for name, expect, jobs in CASES:
        with open(os.path.join(HERE, name + '.yaml'), 'w') as f:
            f.write('# %s\njobs:\n%s' % (expect, jobs))


if __name__ == '__main__':
    main()
