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


POD = 'jobs[0].eks_properties.pod_properties'
CONTAINER_OK = (
    '- name: main\n'
    '            image: "public.ecr.aws/amazonlinux/amazonlinux:2"\n'
    '            image_pull_policy: IfNotPresent\n'
    '            command: [sleep, "60"]\n'
    '            resources: {limits: {cpu: "1", memory: 1024Mi}, requests: {cpu: 500m, memory: 1024Mi}}\n'
    '            volume_mounts: [{name: scratch, mount_path: /scratch}]\n'
    '            env: {STAGE: test}')


def eks(name, *containers, volumes=(), pod=(), extra=()):
    """An EKS job: containers are YAML list items (lines), indented
    under pod_properties.containers; CONTAINER_OK adds its volume."""
    lines = list(extra) + ['eks_properties:', '  pod_properties:'] + \
        ['    %s' % p for p in pod] + ['    containers:'] + \
        ['      %s' % c for c in containers]
    if containers and containers[0] is CONTAINER_OK:
        volumes = list(volumes) + ['- {name: scratch, empty_dir: {medium: Memory, size_limit: 64Mi}}']
    if volumes:
        lines += ['    volumes:'] + ['      %s' % v for v in volumes]
    return job(name, lines, None)


TASK = 'jobs[0].ecs_properties.task_properties[0]'
MAIN = '- {name: main, image: "app:1", vcpus: 1, memory: 2048}'
SIDE = '- {name: side, image: "side:1", essential: false, vcpus: 1, memory: 512}'


def ecs(name, *containers, task=(), extra=()):
    """An ECS multi-container job: containers are YAML list items
    (lines) of the one task; task adds the task's own keys."""
    lines = list(extra) + ['ecs_properties:', '  task_properties:', '    - containers:'] + \
        ['        %s' % c for c in containers] + ['      %s' % t for t in task]
    return job(name, lines, None)


def ecs_fargate(name, *containers, task=(), extra=()):
    return ecs(name, *containers, task=['execution_role_arn: %s' % EXEC] + list(task),
               extra=['platform_capabilities: [FARGATE]'] + list(extra))


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
    # Names with Terraform expressions: the literal text is checked
    # offline, the rest at plan time (terraform.workspace needs no
    # declaration: "default" when planned).
    ('name-expr-charset-bad', 'expect: name-charset jobs[0].name',
     simple('"${terraform.workspace}!etl"')),
    ('name-expr-start-bad', 'expect: name-start jobs[0].name',
     simple('"-etl-${terraform.workspace}"')),
    ('name-expr-ok', 'expect: valid', simple('"${terraform.workspace}-etl"')),
    ('name-expr-label-bad', 'expect: label jobs[0].label',
     simple('"${terraform.workspace}"')),
    # A node count from an expression: what the ranges need of it
    # travels to plan time, unless no count can satisfy them.
    ('expr-num-nodes-ok', 'expect: valid',
     job('mpi', ['image: "mpi:1"', 'num_nodes: "${terraform.workspace == \\"prod\\" ? 8 : 2}"'],
         'multinode')),
    ('expr-num-nodes-ranges-ok', 'expect: valid',
     job('mpi-ranges', ['image: "mpi:1"', 'num_nodes: "${terraform.workspace == \\"prod\\" ? 8 : 4}"',
                        'main_node: "${length(terraform.workspace) - 7}"',
                        'node_properties:', '  node_range_properties:',
                        '    - {target_nodes: "0"}', '    - {target_nodes: "1:"}'],
         'multinode')),
    ('expr-num-nodes-gap', 'expect: node-coverage jobs[0].node_properties.node_range_properties',
     job('mpi-gap', ['image: "mpi:1"', 'num_nodes: "${terraform.workspace == \\"prod\\" ? 8 : 6}"',
                     'node_properties:', '  node_range_properties:',
                     '    - {target_nodes: "0:1"}', '    - {target_nodes: "3:5"}'],
         'multinode')),
    ('expr-numbers-ok', 'expect: valid',
     simple('expr-numbers', 'retry_attempts: "${length(terraform.workspace) > 3 ? 3 : 1}"',
            'memory: "${length(terraform.workspace) * 256}"')),
    # Enum and pattern rules on strings from expressions hold at plan
    # time; the type, the platform and a resource type stay offline.
    ('expr-strings-ok', 'expect: valid',
     simple('expr-strings',
            'log_configuration: {log_driver: "${terraform.workspace == \\"default\\" ? \\"awslogs\\" : \\"syslog\\"}"}',
            'user: "${terraform.workspace}"',
            'ulimits: [{name: "${lower(terraform.workspace) == \\"default\\" ? \\"nofile\\" : \\"nproc\\"}", soft_limit: 1024, hard_limit: 4096}]',
            'mount_points: [{source_volume: data, container_path: "/mnt/${terraform.workspace}"}]',
            'volumes: [{name: data, host: {source_path: /data}}]')),
    # A constant expression (a call that refers to nothing): terraform
    # refuses a precondition on it, so batchgen does too.
    ('expr-constant-memory', 'expect: expr-unsupported jobs[0].container_properties.memory',
     simple('const', 'memory: "${max(512, 1024)}"')),
    ('expr-constant-name', 'expect: expr-unsupported jobs[0].name',
     simple('"${upper(\\"etl\\")}"', 'label: etl')),
    # Not on Fargate at all: an expression is no way around it.
    ('expr-fargate-linux', 'expect: fargate-linux jobs[0].container_properties.linux_parameters.shared_memory_size',
     fargate('fl', '1', 2048, ['linux_parameters: {shared_memory_size: "${length(terraform.workspace) * 8}"}'])),
    ('expr-unsupported-type', 'expect: expr-unsupported jobs[0].type',
     job('t', ['type: "${terraform.workspace}"',
               'container_properties: {image: "app:1", vcpus: 1, memory: 512}'], None)),
    ('expr-unsupported-platform', 'expect: expr-unsupported jobs[0].platform_capabilities[0]',
     job('p', ['image: "app:1"', 'platform_capabilities: ["${upper(terraform.workspace)}"]',
               'vcpus: 1', 'memory: 512'], None)),
    ('expr-unsupported-resource-type',
     'expect: expr-unsupported jobs[0].container_properties.resource_requirements[2]',
     job('r', ['container_properties:',
               '  image: "app:1"',
               '  resource_requirements: [{type: VCPU, value: "1"}, {type: MEMORY, value: "512"},',
               '    {type: "${upper(terraform.workspace)}", value: "1"}]'], None)),
    ('name-expr-label-ok', 'expect: valid',
     simple('"${upper(terraform.workspace)}"', 'label: per_workspace')),
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
    # LATEST has meant Linux platform 1.4.0 since March 2021: only an
    # explicit older version is refused.
    ('fargate-efs-130', 'expect: fargate-efs-version jobs[0].container_properties.volumes[0]',
     fargate('fefs', '1', 2048, ['platform_version: "1.3.0"',
                                  'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1}}]'])),
    ('fargate-efs-latest-ok', 'expect: valid',
     fargate('fefs-latest', '1', 2048, ['volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1}}]'])),
    ('fargate-efs-no-version-ok', 'expect: valid',
     job('fefs-none', ['type: container', 'platform_capabilities: [FARGATE]',
                       'container_properties: {image: "app:1", vcpus: 1, memory: 2048, '
                       'execution_role_arn: "%s", volumes: [{name: d, efs_volume_configuration: '
                       '{file_system_id: fs-1}}]}' % EXEC], None)),
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
    # Container settings beyond the everyday ones (rules 31-38, 51-58, 65).
    ('fargate-linux', 'expect: fargate-linux jobs[0].container_properties.linux_parameters.shared_memory_size',
     fargate('fl', '1', 2048, ['linux_parameters: {shared_memory_size: 64}'])),
    ('fargate-linux-init-ok', 'expect: valid',
     fargate('fl-ok', '1', 2048, ['linux_parameters: {init_process_enabled: true}'])),
    ('fargate-ulimits', 'expect: fargate-ulimits jobs[0].container_properties.ulimits',
     fargate('fu', '1', 2048, ['ulimits: [{name: nofile, soft_limit: 1024, hard_limit: 4096}]'])),
    ('fargate-log-driver', 'expect: fargate-log-driver jobs[0].container_properties.log_configuration.log_driver',
     fargate('fld', '1', 2048, ['log_configuration: {log_driver: fluentd}'])),
    ('fargate-log-awslogs-ok', 'expect: valid',
     fargate('fld-ok', '1', 2048, ['log_configuration: {log_driver: awslogs, options: '
                                   '{awslogs-group: /batch/app, awslogs-region: eu-west-1}}'])),
    ('fargate-feature-ec2', 'warn: fargate-feature jobs[0].container_properties.ephemeral_storage.size_in_gib',
     simple('ff', 'ephemeral_storage: {size_in_gib: 30}')),
    ('ephemeral-storage-201', 'expect: ephemeral-storage jobs[0].container_properties.ephemeral_storage.size_in_gib',
     fargate('es', '1', 2048, ['ephemeral_storage: {size_in_gib: 201}'])),
    ('ephemeral-storage-20', 'expect: ephemeral-storage jobs[0].container_properties.ephemeral_storage.size_in_gib',
     fargate('es20', '1', 2048, ['ephemeral_storage: {size_in_gib: 20}'])),
    ('ephemeral-storage-21-ok', 'expect: valid',
     fargate('es21', '1', 2048, ['ephemeral_storage: {size_in_gib: 21}'])),
    ('ephemeral-storage-200-ok', 'expect: valid',
     fargate('es200', '1', 2048, ['ephemeral_storage: {size_in_gib: 200}'])),
    ('runtime-platform-case', 'expect: runtime-platform jobs[0].container_properties.runtime_platform.cpu_architecture',
     fargate('rp', '1', 2048, ['runtime_platform: {cpu_architecture: arm64}'])),
    ('runtime-platform-arm-ok', 'expect: valid',
     fargate('rp-ok', '1', 2048, ['runtime_platform: {operating_system_family: LINUX, cpu_architecture: ARM64}'])),
    ('windows-arm', 'expect: windows jobs[0].container_properties.runtime_platform.cpu_architecture',
     fargate('win', '1', 2048, ['runtime_platform: {operating_system_family: WINDOWS_SERVER_2022_CORE, '
                                'cpu_architecture: ARM64}'])),
    ('windows-user', 'expect: windows jobs[0].container_properties.user',
     fargate('win-user', '1', 2048, ['user: app',
                                     'runtime_platform: {operating_system_family: WINDOWS_SERVER_2022_CORE}'])),
    ('windows-ok', 'expect: valid',
     fargate('win-ok', '1', 2048, ['runtime_platform: {operating_system_family: WINDOWS_SERVER_2019_FULL, '
                                   'cpu_architecture: X86_64}'])),
    ('log-driver-unknown', 'expect: log-driver jobs[0].container_properties.log_configuration.log_driver',
     simple('ld', 'log_configuration: {log_driver: cloudwatch}')),
    ('log-driver-missing', 'expect: log-driver jobs[0].container_properties.log_configuration.log_driver',
     simple('ldm', 'log_configuration: {options: {tag: app}}')),
    ('log-driver-ok', 'expect: valid',
     simple('ld-ok', 'log_configuration: {log_driver: json-file, options: {max-size: 10m, max-file: "3"}}')),
    # Option keys that are HCL keywords or not identifiers: the HCL
    # output must mean the same keys (the terraform test compares plans).
    ('log-options-keywords-ok', 'expect: valid',
     simple('lk-ok', 'log_configuration: {log_driver: json-file, options: '
                     '{"null": a, "true": b, "for": c, "var": d, "a.b": e, "1x": f}}')),
    ('log-firelens', 'warn: log-firelens jobs[0].container_properties.log_configuration.log_driver',
     simple('lf', 'log_configuration: {log_driver: awsfirelens}')),
    ('log-secret-option', 'expect: secret jobs[0].container_properties.log_configuration.secret_options[0]',
     simple('lso', 'execution_role_arn: %s' % EXEC,
            'log_configuration: {log_driver: splunk, secret_options: [{name: splunk-token}]}')),
    ('secret-missing-value', 'expect: secret jobs[0].container_properties.secrets[0]',
     simple('sm', 'execution_role_arn: %s' % EXEC, 'secrets: [{name: DB_PASSWORD}]')),
    ('secret-wrong-service', 'expect: secret jobs[0].container_properties.secrets[0]',
     simple('sw', 'execution_role_arn: %s' % EXEC,
            'secrets: [{name: DB_PASSWORD, value_from: "arn:aws:s3:::bucket/pw"}]')),
    ('secret-ok', 'expect: valid',
     simple('s-ok', 'execution_role_arn: %s' % EXEC,
            'secrets: [{name: DB_PASSWORD, value_from: '
            '"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}, '
            '{name: API_KEY, value_from: api-key}]')),
    ('secret-env-duplicate', 'expect: env-duplicate jobs[0].container_properties.secrets[0]',
     simple('sd', 'execution_role_arn: %s' % EXEC, 'environment: {DB_PASSWORD: x}',
            'secrets: [{name: DB_PASSWORD, value_from: db-password}]')),
    ('secret-reserved', 'expect: env-reserved jobs[0].container_properties.secrets[0]',
     simple('sr', 'execution_role_arn: %s' % EXEC,
            'secrets: [{name: AWS_BATCH_TOKEN, value_from: token}]')),
    ('secret-execution-role', 'warn: secret-execution-role jobs[0].container_properties.execution_role_arn',
     simple('se', 'secrets: [{name: DB_PASSWORD, value_from: db-password}]')),
    # The execution role fetches log secret options too.
    ('secret-execution-role-log', 'warn: secret-execution-role jobs[0].container_properties.execution_role_arn',
     simple('sel', 'log_configuration: {log_driver: splunk, options: {splunk-url: "https://s:8088"}, '
                   'secret_options: [{name: splunk-token, value_from: splunk-token}]}')),
    ('ulimit-name', 'expect: ulimit jobs[0].container_properties.ulimits[0]',
     simple('un', 'ulimits: [{name: files, soft_limit: 1024, hard_limit: 4096}]')),
    ('ulimit-soft-above-hard', 'expect: ulimit jobs[0].container_properties.ulimits[0]',
     simple('us', 'ulimits: [{name: nofile, soft_limit: 8192, hard_limit: 4096}]')),
    ('ulimit-missing-hard', 'expect: ulimit jobs[0].container_properties.ulimits[0]',
     simple('uh', 'ulimits: [{name: nofile, soft_limit: 1024}]')),
    ('ulimit-ok', 'expect: valid',
     simple('ulim-ok', 'ulimits: [{name: memlock, soft_limit: -1, hard_limit: -1}, '
                    '{name: nofile, soft_limit: 4096, hard_limit: 4096}]')),
    ('linux-swappiness-101', 'expect: linux-swap jobs[0].container_properties.linux_parameters.swappiness',
     simple('sw101', 'linux_parameters: {max_swap: 1024, swappiness: 101}')),
    ('linux-max-swap-negative', 'expect: linux-swap jobs[0].container_properties.linux_parameters.max_swap',
     simple('msn', 'linux_parameters: {max_swap: -1}')),
    ('linux-swap-edges-ok', 'expect: valid',
     simple('swap-ok', 'linux_parameters: {max_swap: 0, swappiness: 100}')),
    ('swappiness-ignored', 'warn: swappiness-ignored jobs[0].container_properties.linux_parameters.swappiness',
     simple('swi', 'linux_parameters: {swappiness: 10}')),
    ('shared-memory-zero', 'expect: shared-memory-size jobs[0].container_properties.linux_parameters.shared_memory_size',
     simple('shm0', 'linux_parameters: {shared_memory_size: 0}')),
    ('device-relative', 'expect: device jobs[0].container_properties.linux_parameters.devices[0]',
     simple('dr', 'linux_parameters: {devices: [{host_path: dev/fuse}]}')),
    ('device-permission-case', 'expect: device jobs[0].container_properties.linux_parameters.devices[0]',
     simple('dp', 'linux_parameters: {devices: [{host_path: /dev/fuse, permissions: [read]}]}')),
    ('device-ok', 'expect: valid',
     simple('d-ok', 'linux_parameters: {init_process_enabled: true, shared_memory_size: 1, devices: '
                    '[{host_path: /dev/fuse, container_path: /dev/fuse, permissions: [READ, WRITE, MKNOD]}]}')),
    ('tmpfs-no-size', 'expect: tmpfs jobs[0].container_properties.linux_parameters.tmpfs[0]',
     simple('tn', 'linux_parameters: {tmpfs: [{container_path: /scratch}]}')),
    ('tmpfs-option', 'expect: tmpfs jobs[0].container_properties.linux_parameters.tmpfs[0]',
     simple('to', 'linux_parameters: {tmpfs: [{container_path: /scratch, size: 64, mount_options: [fast]}]}')),
    ('tmpfs-ok', 'expect: valid',
     simple('t-ok', 'linux_parameters: {tmpfs: [{container_path: /scratch, size: 64, '
                    'mount_options: [rw, noexec, nosuid, mpol]}]}')),
    ('instance-type-single', 'expect: instance-type jobs[0].container_properties.instance_type',
     simple('its', 'instance_type: c5.large')),
    ('node-instance-types', 'expect: node-instance-type '
     'jobs[0].node_properties.node_range_properties[1].container.instance_type',
     job('nit', ['image: "mpi:1"', 'num_nodes: 2', 'node_properties:', '  node_range_properties:',
                 '    - {target_nodes: "0", container: {instance_type: c5.large}}',
                 '    - {target_nodes: "1", container: {instance_type: c5.xlarge}}'], 'multinode')),
    ('node-instance-type-ok', 'expect: valid',
     multinode('nit-ok', 2, ['0:1'], ['instance_type: p4d.24xlarge'])),
    ('repository-credentials-empty', 'expect: repository-credentials '
     'jobs[0].container_properties.repository_credentials.credentials_parameter',
     simple('rc', 'repository_credentials: {}')),
    ('repository-credentials-ssm', 'expect: repository-credentials '
     'jobs[0].container_properties.repository_credentials.credentials_parameter',
     simple('rcs', 'repository_credentials: {credentials_parameter: '
                   '"arn:aws:ssm:eu-west-1:123456789012:parameter/reg"}')),
    ('repository-credentials-ok', 'expect: valid',
     simple('rc-ok', 'repository_credentials: {credentials_parameter: '
                     '"arn:aws:secretsmanager:eu-west-1:123456789012:secret:reg-AbCdEf"}')),
    ('propagate-tags-50', 'warn: propagate-tags-count jobs[0].tags',
     simple('pt50', 'propagate_tags: true', *tags(50))),
    ('propagate-tags-49-ok', 'expect: valid', simple('pt49', 'propagate_tags: true', *tags(49))),
    ('keep-revisions', 'note: keep-revisions jobs[0].deregister_on_new_revision',
     simple('kr', 'deregister_on_new_revision: false')),
    ('keep-revisions-true-ok', 'expect: valid',
     simple('kr-ok', 'deregister_on_new_revision: true')),
    # Rules that had unit tests only: each also fails from a spec.
    ('type-unknown', 'expect: type jobs[0].type',
     job('ty', ['type: batch', 'image: "app:1"', 'vcpus: 1', 'memory: 512'], None)),
    ('type-container-ok', 'expect: valid',
     job('ty-ok', ['type: container', 'image: "app:1"', 'vcpus: 1', 'memory: 512'], None)),
    ('type-properties-nodes-on-container', 'expect: type-properties jobs[0].node_properties',
     job('tp', ['type: container', 'image: "app:1"', 'vcpus: 1', 'memory: 512', 'num_nodes: 2'], None)),
    ('image-empty', 'expect: image jobs[0].container_properties.image', job('ie', ['image: ""'])),
    ('resources-required', 'expect: resources-required jobs[0].container_properties',
     job('rr', ['image: "app:1"', 'memory: 512'], None)),
    ('resources-given-ok', 'expect: valid', job('rr-ok', ['image: "app:1"', 'vcpus: 1', 'memory: 512'], None)),
    ('gpus-zero', 'expect: gpus jobs[0].container_properties.gpus', simple('g0', 'gpus: 0')),
    ('gpus-one-ok', 'expect: valid', simple('g1', 'gpus: 1')),
    ('fargate-32-vcpu', 'warn: fargate-32-vcpu jobs[0].container_properties.memory',
     fargate('f32', '32', 61440)),
    ('assign-public-ip-bad', 'expect: assign-public-ip '
     'jobs[0].container_properties.network_configuration.assign_public_ip',
     fargate('apip', '1', 2048, ['assign_public_ip: "YES"'])),
    ('assign-public-ip-ok', 'expect: valid',
     fargate('apip-ok', '1', 2048, ['assign_public_ip: ENABLED'])),
    ('platform-version-bad', 'expect: platform-version '
     'jobs[0].container_properties.fargate_platform_configuration.platform_version',
     fargate('pv', '1', 2048, ['platform_version: v1'])),
    ('environment-no-value', 'expect: environment jobs[0].container_properties.environment[0]',
     simple('ev', 'environment: [{name: A}]')),
    ('mount-point-no-volume', 'expect: mount-point jobs[0].container_properties.mount_points[0]',
     simple('mpn', 'mount_points: [{container_path: /data}]')),
    ('mount-point-ok', 'expect: valid',
     simple('mp-ok', 'volumes: [{name: v, host: {source_path: /a}}, {name: w, host: {source_path: /b}}]',
            'mount_points: [{source_volume: v, container_path: /data, read_only: true}, '
            '{source_volume: w, container_path: /scratch}]')),
    ('volume-name-twice', 'expect: volume-name jobs[0].container_properties.volumes[1]',
     simple('vt', 'volumes: [{name: v, host: {source_path: /a}}, {name: v, host: {source_path: /b}}]')),
    ('efs-file-system-missing', 'expect: efs-file-system jobs[0].container_properties.volumes[0]',
     simple('efsm', 'volumes: [{name: d, efs_volume_configuration: {root_directory: /}}]')),
    ('efs-root-4097', 'expect: efs-root jobs[0].container_properties.volumes[0]',
     simple('er', 'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1, '
                  'root_directory: "/%s"}}]' % ('r' * 4096))),
    ('efs-root-4096-ok', 'expect: valid',
     simple('er-ok', 'volumes: [{name: d, efs_volume_configuration: {file_system_id: fs-1, '
                     'root_directory: "/%s"}}]' % ('r' * 4095))),
    ('node-num-zero', 'expect: node-num jobs[0].node_properties.num_nodes',
     multinode('nn', 0, ['0'])),
    ('node-num-one-ok', 'expect: valid', multinode('nn-ok', 1, ['0'])),
    ('node-target-missing', 'expect: node-target jobs[0].node_properties.node_range_properties[0]',
     job('nt', ['image: "mpi:1"', 'num_nodes: 1', 'node_properties:', '  node_range_properties:',
                '    - {container: {vcpus: 2}}'], 'multinode')),
    ('duplicate-name', 'expect: duplicate-name jobs[1].name', simple('dup') + simple('dup')),
    ('duplicate-label', 'expect: duplicate-label jobs[1].label', simple('dup-a') + simple('dup_a')),
    # EKS jobs: the pod as the full tree (no template).
    ('eks-ok', 'expect: valid', eks('eks-ok', CONTAINER_OK)),
    ('eks-containers-many', 'expect: eks-containers %s.containers' % POD,
     eks('eks-many', *['- {name: c%d, image: "app:1"}' % i for i in range(11)])),
    ('eks-container-name-twice', 'expect: eks-container-name %s.containers[1]' % POD,
     eks('eks-twice', '- {image: "app:1"}', '- {image: "app:2"}')),
    ('eks-resources-memory-unequal',
     'expect: eks-resources %s.containers[0].resources.limits.memory' % POD,
     eks('eks-mem', '- image: "app:1"',
         '  resources: {limits: {memory: 2048Mi}, requests: {memory: 1024Mi}}')),
    ('eks-resources-gpu-unequal',
     'expect: eks-resources %s.containers[0].resources.limits.nvidia.com/gpu' % POD,
     eks('eks-gpu', '- image: "app:1"',
         '  resources: {limits: {nvidia.com/gpu: "2"}, requests: {nvidia.com/gpu: "1"}}')),
    ('eks-resources-cpu-step',
     'expect: eks-resources %s.containers[0].resources.requests.cpu' % POD,
     eks('eks-cpu', '- image: "app:1"', '  resources: {requests: {cpu: "0.3"}}')),
    ('eks-resources-cpu-below',
     'expect: eks-resources %s.containers[0].resources.limits.cpu' % POD,
     eks('eks-cpu-below', '- image: "app:1"',
         '  resources: {limits: {cpu: 500m}, requests: {cpu: "1"}}')),
    ('eks-resources-memory-gi',
     'expect: eks-resources %s.containers[0].resources.limits.memory' % POD,
     eks('eks-gi', '- image: "app:1"', '  resources: {limits: {memory: 1Gi}}')),
    ('eks-resources-key',
     'expect: eks-resources %s.containers[0].resources.limits.gpu' % POD,
     eks('eks-key', '- image: "app:1"', '  resources: {limits: {gpu: "1"}}')),
    ('eks-resources-ok', 'expect: valid',
     eks('eks-res-ok', '- image: "app:1"',
         '  resources: {limits: {cpu: "2", memory: 4096Mi, nvidia.com/gpu: "1"},',
         '              requests: {cpu: 250m, memory: 4096Mi, nvidia.com/gpu: "1"}}')),
    ('eks-volume-two-sources', 'expect: eks-volume %s.volumes[0]' % POD,
     eks('eks-vol2', '- image: "app:1"',
         volumes=['- {name: data, host_path: {path: /data}, empty_dir: {size_limit: 1Gi}}'])),
    ('eks-volume-name', 'expect: eks-volume %s.volumes[0]' % POD,
     eks('eks-volname', '- image: "app:1"', volumes=['- {name: Data, host_path: {path: /data}}'])),
    ('eks-volume-mount-undeclared',
     'expect: eks-volume-mount %s.containers[0].volume_mounts[0]' % POD,
     eks('eks-mount', '- image: "app:1"', '  volume_mounts: [{name: scratch, mount_path: /scratch}]')),
    ('eks-volume-mount-relative',
     'expect: eks-volume-mount %s.containers[0].volume_mounts[0]' % POD,
     eks('eks-mount-rel', '- image: "app:1"', '  volume_mounts: [{name: data, mount_path: data}]',
         volumes=['- {name: data, host_path: {path: /data}}'])),
    ('eks-env-reserved', 'expect: env-reserved %s.containers[0].env[0]' % POD,
     eks('eks-env', '- image: "app:1"', '  env: {AWS_BATCH_X: "1"}')),
    ('eks-platform', 'expect: eks-kind jobs[0].platform_capabilities',
     eks('eks-platform', '- image: "app:1"', extra=['platform_capabilities: [EC2]'])),
    ('eks-multinode', 'expect: eks-kind jobs[0].type',
     eks('eks-mn', '- image: "app:1"', extra=['type: multinode'])),
    ('eks-container-settings', 'expect: eks-kind jobs[0].container_properties',
     eks('eks-image', '- image: "app:1"', extra=['vcpus: 2'])),
    # The EKS templates: a pod of one container from the options.
    ('eks-template-ok', 'expect: valid',
     job('eks-tpl-ok', ['image: "app:1"', 'vcpus: 2', 'memory: 4096', 'gpus: 1',
                        'environment: {STAGE: test}',
                        'eks_properties:', '  pod_properties:',
                        '    service_account_name: batch',
                        '    volumes: [{name: scratch, empty_dir: {size_limit: 1Gi}}]'],
         'eks-gpu')),
    ('eks-template-privileged', 'expect: eks-kind jobs[0].container_properties',
     job('eks-tpl-priv', ['image: "app:1"', 'privileged: true'], 'eks-container')),
    # Found by fuzz-spec: the user's containers freed the template's.
    ('eks-template-containers', 'expect: eks-kind jobs[0].eks_properties.pod_properties.containers',
     job('eks-tpl-cont', ['image: "app:1"', 'eks_properties:', '  pod_properties:',
                          '    containers: [{image: "other:1"}]'], 'eks-container')),
    # Ref:: in an init container's args uses the parameter too.
    ('eks-parameter-init-ok', 'expect: valid',
     eks('eks-ref', '- {name: main, image: "app:1"}',
         pod=['init_containers: [{name: fetch, image: "app:1", args: ["Ref::day"]}]'],
         extra=['parameters: {day: "2026-01-01"}'])),
    ('eks-template', 'expect: template-option jobs[0].eks_properties',
     eks('eks-tpl', '- image: "app:1"', extra=['template: simple-container'])),
    # Fields of the API that the provider 5.100 cannot write.
    ('eks-namespace', 'expect: eks-unsupported %s.metadata.namespace' % POD,
     eks('eks-ns', '- image: "app:1"', pod=['metadata: {namespace: batch-jobs}'])),
    ('eks-sub-path',
     'expect: eks-unsupported %s.containers[0].volume_mounts[0].sub_path' % POD,
     eks('eks-subpath', '- image: "app:1"',
         '  volume_mounts: [{name: data, mount_path: /data, sub_path: a}]',
         volumes=['- {name: data, host_path: {path: /data}}'])),
    ('eks-pull-policy-case',
     'expect: eks-enum %s.containers[0].image_pull_policy' % POD,
     eks('eks-pull', '- {image: "app:1", image_pull_policy: always}')),
    ('eks-medium', 'expect: eks-enum %s.volumes[0].empty_dir.medium' % POD,
     eks('eks-medium', '- image: "app:1"',
         volumes=['- {name: tmp, empty_dir: {medium: tmpfs, size_limit: 64Mi}}'])),
    ('eks-medium-case-ok', 'expect: valid',
     eks('eks-medium-ok', '- image: "app:1"',
         volumes=['- {name: tmp, empty_dir: {medium: memory, size_limit: 64Mi}}'])),
    ('eks-pull-secret-name', 'expect: eks-secret-name %s.image_pull_secrets[0].name' % POD,
     eks('eks-pull-secret', '- image: "app:1"', pod=['image_pull_secrets: [{name: Registry_Creds}]'])),
    ('eks-secret-volume-name', 'expect: eks-secret-name %s.volumes[0].secret.secret_name' % POD,
     eks('eks-secret-vol', '- image: "app:1"',
         volumes=['- {name: creds, secret: {secret_name: db.Creds}}'])),
    ('eks-secret-name-ok', 'expect: valid',
     eks('eks-secret-ok', '- image: "app:1"', pod=['image_pull_secrets: [{name: registry-creds}]'],
         volumes=['- {name: creds, secret: {secret_name: db.creds-2, optional: true}}'])),
    ('eks-dns-policy-case', 'expect: eks-enum %s.dns_policy' % POD,
     eks('eks-dns', '- image: "app:1"', pod=['dns_policy: clusterfirst'])),

    # ECS multi-container jobs (ecs_properties).
    ('ecs-ok', 'expect: valid',
     ecs('ecs-ok', '- name: main', '  image: "app:1"', '  vcpus: 2', '  memory: 4096',
         '  command: [run, "Ref::day"]', '  environment: {STAGE: test}',
         '  mount_points: [{source_volume: scratch, container_path: /scratch}]',
         '  depends_on: [{container_name: side, condition: START}]',
         '  log_configuration: {log_driver: awslogs, options: {awslogs-group: jobs}}',
         '  ulimits: [{name: nofile, soft_limit: 1024, hard_limit: 4096}]',
         SIDE,
         task=['task_role_arn: %s' % ROLE, 'volumes: [{name: scratch, host: {source_path: /tmp}}]',
               'ipc_mode: task', 'pid_mode: task'],
         extra=['parameters: {day: "2026-01-01"}'])),
    ('ecs-fargate-ok', 'expect: valid',
     ecs_fargate('ecs-fg-ok', '- {name: main, image: "app:1", vcpus: 0.5, memory: 1024}',
                 '- {name: side, image: "side:1", essential: false, vcpus: 0.5, memory: 1024}',
                 task=['platform_version: LATEST', 'network_configuration: {assign_public_ip: ENABLED}',
                       'runtime_platform: {operating_system_family: LINUX, cpu_architecture: ARM64}',
                       'ephemeral_storage: {size_in_gib: 50}', 'enable_execute_command: true'])),
    ('ecs-single-unnamed-ok', 'expect: valid',
     ecs('ecs-one', '- {image: "app:1", vcpus: 1, memory: 2048}')),
    ('ecs-task-two', 'expect: ecs-task jobs[0].ecs_properties.task_properties',
     job('ecs-two', ['ecs_properties:', '  task_properties:',
                     '    - containers: [{image: "app:1", vcpus: 1, memory: 2048}]',
                     '    - containers: [{image: "app:1", vcpus: 1, memory: 2048}]'], None)),
    ('ecs-containers-many', 'expect: ecs-containers %s.containers' % TASK,
     ecs('ecs-many', *['- {name: c%d, image: "app:1", vcpus: 1, memory: 512}' % i
                       for i in range(11)])),
    ('ecs-containers-ten-ok', 'expect: valid',
     ecs('ecs-ten', *['- {name: c%d, image: "app:1", vcpus: 1, memory: 512}' % i
                      for i in range(10)])),
    ('ecs-no-essential', 'expect: ecs-containers %s.containers' % TASK,
     ecs('ecs-noess', MAIN.replace('}', ', essential: false}'), SIDE)),
    ('ecs-container-name-twice', 'expect: ecs-container-name %s.containers[1].name' % TASK,
     ecs('ecs-twice', MAIN, SIDE.replace('name: side', 'name: main'))),
    ('ecs-container-name-missing', 'expect: ecs-container-name %s.containers[1].name' % TASK,
     ecs('ecs-noname', MAIN, SIDE.replace('name: side, ', ''))),
    ('ecs-container-name-charset', 'expect: ecs-container-name %s.containers[0].name' % TASK,
     ecs('ecs-charset', MAIN.replace('name: main', 'name: main.1'))),
    ('ecs-depends-on-unknown', 'expect: ecs-depends-on %s.containers[0].depends_on[0]' % TASK,
     ecs('ecs-dep-unknown', MAIN.replace('}', ', depends_on: [{container_name: nope, condition: START}]}'),
         SIDE)),
    ('ecs-depends-on-essential', 'expect: ecs-depends-on %s.containers[0].depends_on[0]' % TASK,
     ecs('ecs-dep-ess', MAIN.replace('}', ', depends_on: [{container_name: side, condition: SUCCESS}]}'),
         SIDE.replace('essential: false', 'essential: true'))),
    ('ecs-depends-on-complete-ok', 'expect: valid',
     ecs('ecs-dep-ok', MAIN.replace('}', ', depends_on: [{container_name: side, condition: COMPLETE}]}'),
         SIDE)),
    ('ecs-condition-case', 'expect: ecs-enum %s.containers[0].depends_on[0].condition' % TASK,
     ecs('ecs-cond', MAIN.replace('}', ', depends_on: [{container_name: side, condition: start}]}'),
         SIDE)),
    ('ecs-ipc-mode-case', 'expect: ecs-enum %s.ipc_mode' % TASK,
     ecs('ecs-ipc', MAIN, task=['ipc_mode: Host'])),
    ('ecs-fargate-ipc', 'expect: ecs-fargate-mode %s.ipc_mode' % TASK,
     ecs_fargate('ecs-fg-ipc', '- {name: main, image: "app:1", vcpus: 1, memory: 2048}',
                 task=['ipc_mode: task'])),
    ('ecs-fargate-pid-ok', 'expect: valid',
     ecs_fargate('ecs-fg-pid', '- {name: main, image: "app:1", vcpus: 1, memory: 2048}',
                 task=['pid_mode: task'])),
    ('ecs-firelens-type', 'expect: ecs-enum %s.containers[1].firelens_configuration.type' % TASK,
     ecs('ecs-fl-type', MAIN, SIDE.replace('}', ', firelens_configuration: {type: FluentBit}}'))),
    ('ecs-firelens-missing', 'expect: ecs-firelens %s.containers' % TASK,
     ecs('ecs-fl-missing', MAIN.replace('}', ', log_configuration: {log_driver: awsfirelens}}'), SIDE)),
    ('ecs-firelens-ok', 'expect: valid',
     ecs('ecs-fl-ok', MAIN.replace('}', ', log_configuration: {log_driver: awsfirelens, '
                                        'options: {Name: cloudwatch_logs, region: us-east-1}}}'),
         SIDE.replace('}', ', firelens_configuration: {type: fluentbit, '
                           'options: {enable-ecs-log-metadata: "true"}}}'))),
    ('ecs-resources-none', 'expect: ecs-resources %s.containers' % TASK,
     ecs('ecs-nores', '- {name: main, image: "app:1"}', '- {name: side, image: "side:1", essential: false}')),
    ('ecs-fargate-size', 'expect: ecs-resources %s.containers' % TASK,
     ecs_fargate('ecs-fg-size', '- {name: main, image: "app:1", vcpus: 1, memory: 512}',
                 '- {name: side, image: "side:1", essential: false, vcpus: 1, memory: 512}')),
    ('ecs-mount-undeclared', 'expect: ecs-mount-point %s.containers[0].mount_points[0]' % TASK,
     ecs('ecs-mount', MAIN.replace('}', ', mount_points: [{source_volume: data, container_path: /data}]}'))),
    ('ecs-env-reserved', 'expect: env-reserved %s.containers[0].environment[0]' % TASK,
     ecs('ecs-env', MAIN.replace('}', ', environment: {AWS_BATCH_X: "1"}}'))),
    ('ecs-privileged-fargate', 'expect: fargate-privileged %s.containers[0].privileged' % TASK,
     ecs_fargate('ecs-fg-priv', '- {name: main, image: "app:1", vcpus: 1, memory: 2048, privileged: true}')),
    ('ecs-task-role-bad', 'expect: role-arn %s.task_role_arn' % TASK,
     ecs('ecs-role', MAIN, task=['task_role_arn: "arn:aws:iam::my-role"'])),
    ('ecs-task-role-name', 'warn: role-name %s.task_role_arn' % TASK,
     ecs('ecs-role-name', MAIN, task=['task_role_arn: BatchJobRole'])),
    ('ecs-network-ec2', 'expect: fargate-only %s.network_configuration.assign_public_ip' % TASK,
     ecs('ecs-net', MAIN, task=['network_configuration: {assign_public_ip: ENABLED}'])),
    ('ecs-fargate-execution-role', 'expect: fargate-execution-role %s.execution_role_arn' % TASK,
     ecs('ecs-fg-exec', '- {name: main, image: "app:1", vcpus: 1, memory: 2048}',
         extra=['platform_capabilities: [FARGATE]'])),
    ('ecs-secret-execution-role', 'warn: secret-execution-role %s.execution_role_arn' % TASK,
     ecs('ecs-secret', MAIN.replace('}', ', secrets: [{name: A, value_from: '
                                        '"arn:aws:ssm:us-east-1:123456789012:parameter/a"}]}'))),
    ('ecs-secret-execution-role-ok', 'expect: valid',
     ecs('ecs-secret-ok', MAIN.replace('}', ', secrets: [{name: A, value_from: '
                                           '"arn:aws:ssm:us-east-1:123456789012:parameter/a"}]}'),
         task=['execution_role_arn: %s' % EXEC])),
    ('ecs-network-mode', 'expect: ecs-unsupported %s.network_mode' % TASK,
     ecs('ecs-netmode', MAIN, task=['network_mode: host'])),
    ('ecs-stop-timeout', 'expect: ecs-unsupported %s.containers[0].stop_timeout' % TASK,
     ecs('ecs-stop', MAIN.replace('}', ', stop_timeout: 30}'))),
    ('ecs-container-settings', 'expect: ecs-kind jobs[0].container_properties',
     ecs('ecs-image', MAIN, extra=['vcpus: 2'])),
    ('ecs-multinode', 'expect: ecs-kind jobs[0].ecs_properties',
     ecs('ecs-mn', MAIN, extra=['type: multinode'])),
    ('ecs-template', 'expect: template-option jobs[0].ecs_properties',
     ecs('ecs-tpl', MAIN, extra=['template: simple-container'])),
    # The ECS template: the options make the main container of its task.
    ('ecs-template-ok', 'expect: valid',
     job('ecs-tpl-ok', ['image: "app:1"', 'vcpus: 2', 'memory: 4096', 'command: [run]',
                        'environment: {STAGE: test}', 'job_role_arn: %s' % ROLE,
                        'log_configuration: {log_driver: awsfirelens, options: '
                        '{Name: cloudwatch_logs, region: us-east-1, '
                        'log_group_name: /batch/jobs, auto_create_group: "true"}}'],
         'ecs-sidecar')),
    ('ecs-template-storage', 'expect: ecs-kind jobs[0].container_properties',
     job('ecs-tpl-storage', ['image: "app:1"', 'ephemeral_storage: {size_in_gib: 30}'], 'ecs-sidecar')),
    # volumes belong to the task: refused before they reach the main
    # container (whose table would not free them)
    ('ecs-template-volumes', 'expect: ecs-kind jobs[0].container_properties',
     job('ecs-tpl-volumes', ['image: "app:1"', 'volumes: [{name: scratch, host: {source_path: /tmp}}]',
                             'mount_points: [{source_volume: scratch, container_path: /scratch}]'],
         'ecs-sidecar')),
    ('ecs-range', 'warn: ecs-range-update jobs[0].node_properties.node_range_properties[0].ecs_properties',
     job('ecs-range', ['type: multinode', 'num_nodes: 2', 'node_properties:',
                       '  node_range_properties:', '    - target_nodes: "0:"',
                       '      ecs_properties:', '        task_properties:',
                       '          - containers:',
                       '              - {name: a, image: "app:1", vcpus: 1, memory: 2048}',
                       '              - {name: b, image: "app:1", essential: false, vcpus: 1, memory: 512}'],
         None)),
    ('ecs-range-both', 'expect: ecs-kind jobs[0].node_properties',
     job('ecs-range-both', ['type: multinode', 'num_nodes: 2', 'node_properties:',
                            '  node_range_properties:', '    - target_nodes: "0:"',
                            '      container: {image: "app:1", vcpus: 1, memory: 2048}',
                            '      ecs_properties:', '        task_properties:',
                            '          - containers: [{image: "app:1", vcpus: 1, memory: 2048}]'],
         None)),
    ('ecs-range-container-settings', 'expect: ecs-kind jobs[0].container_properties',
     job('ecs-range-img', ['type: multinode', 'num_nodes: 2', 'image: "app:1"', 'node_properties:',
                           '  node_range_properties:', '    - target_nodes: "0:"',
                           '      ecs_properties:', '        task_properties:',
                           '          - containers: [{image: "app:1", vcpus: 1, memory: 2048}]'],
         None)),

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
