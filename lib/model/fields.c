/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The spec format, declared once: every object and every key a spec
 * file or a template may write (see input/fields.h for what a row says
 * and why this is a table). Add a key here and the loader reads it, the
 * JSON Schema and docs/spec.md's table show it, and a job-level
 * shortcut locates its diagnostics.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "model/ecs.h"
#include "model/eks.h"
#include "model/fields.h"
#include "model/enums.h"

#define ROW(S, m, k, kd, ...) \
	{ .key = k, .kind = kd, .off = offsetof(S, m), __VA_ARGS__ }
#define STR(S, m, k, ...) ROW(S, m, k, BG_K_STR, __VA_ARGS__)
#define INT(S, m, k, ...) ROW(S, m, k, BG_K_INT, __VA_ARGS__)
#define BOOL(S, m, k, ...) ROW(S, m, k, BG_K_BOOL, __VA_ARGS__)
#define OBJ(S, m, k, o, ...) ROW(S, m, k, BG_K_OBJ, .sub = &(o), __VA_ARGS__)
/* An object written nested in specs whose members sit in the parent's
 * struct (network_configuration.assign_public_ip -> assign_public_ip). */
#define NEST(k, o, ...) \
	{ .key = k, .kind = BG_K_EMBED, .off = 0, .sub = &(o), __VA_ARGS__ }
#define LIST(S, m, n, k, kd, ...)                                       \
	ROW(S, m, k, kd, .count_off = offsetof(S, n), __VA_ARGS__)
#define OBJECT(id, S, d, rows)                                          \
	const struct bg__object id = { __COUNTER__, &#id[8], d, sizeof(S), \
				       rows, ARRAY_LENGTH(rows) }
#define LOCAL_OBJECT(id, S, d, rows)                                    \
	static const struct bg__object id = { __COUNTER__, &#id[8], d,      \
					      sizeof(S), rows,               \
					      ARRAY_LENGTH(rows) }

/* ---- volumes and mount points ---- */

static const struct bg__field efs_auth_rows[] = {
	STR(struct bg_efs_auth, access_point_id, "access_point_id",
	    .desc = "EFS access point ID (fsap-...); needs transit encryption"),
	STR(struct bg_efs_auth, iam, "iam", .enums = bg__enum_enabled_disabled,
	    .desc = "use the job's IAM role to mount; needs transit "
		    "encryption"),
};
LOCAL_OBJECT(bg__obj_efs_auth, struct bg_efs_auth,
	     "EFS authorization (authorizationConfig)", efs_auth_rows);

static const struct bg__field efs_rows[] = {
	STR(struct bg_efs, file_system_id, "file_system_id", .flags = BG_F_ALWAYS,
	    .desc = "EFS file system ID (fs-...); required"),
	STR(struct bg_efs, root_directory, "root_directory",
	    .desc = "directory of the file system to mount; default /"),
	STR(struct bg_efs, transit_encryption, "transit_encryption",
	    .enums = bg__enum_enabled_disabled,
	    .desc = "encrypt EFS traffic in transit"),
	INT(struct bg_efs, transit_encryption_port, "transit_encryption_port",
	    .desc = "port for encrypted EFS traffic (0 ... 65535)"),
	ROW(struct bg_efs, authorization, "authorization_config", BG_K_EMBED,
	    .sub = &bg__obj_efs_auth,
	    .desc = "access point and IAM authorization"),
};
LOCAL_OBJECT(bg__obj_efs, struct bg_efs,
	     "an EFS volume (efsVolumeConfiguration)", efs_rows);

static const struct bg__field host_rows[] = {
	STR(struct bg_volume, host_source_path, "source_path",
	    .desc = "path on the host; none: a Docker-managed volume"),
};
LOCAL_OBJECT(bg__obj_host, struct bg_volume, "a host volume", host_rows);

static const struct bg__field volume_rows[] = {
	STR(struct bg_volume, name, "name", .flags = BG_F_ALWAYS,
	    .desc = "volume name, referenced by mount points"),
	NEST("host", bg__obj_host,
	     .present = 1 + offsetof(struct bg_volume, has_host),
	     .desc = "a host path volume (EC2 only)"),
	OBJ(struct bg_volume, efs, "efs_volume_configuration", bg__obj_efs,
	    .desc = "an EFS file system volume"),
};
OBJECT(bg__obj_volume, struct bg_volume,
	     "a volume: a host path or an EFS file system", volume_rows);

static const struct bg__field mount_rows[] = {
	STR(struct bg_mount_point, source_volume, "source_volume",
	    .flags = BG_F_ALWAYS,
	    .desc = "name of a volume of the job"),
	STR(struct bg_mount_point, container_path, "container_path",
	    .flags = BG_F_ALWAYS,
	    .desc = "absolute path in the container"),
	ROW(struct bg_mount_point, read_only, "read_only", BG_K_FLAG,
	    .desc = "mount read-only"),
};
OBJECT(bg__obj_mount, struct bg_mount_point,
	     "a mount point of a volume", mount_rows);

/* ---- resources, network, Fargate ---- */

/* Read, checked and folded into vcpus, memory and gpus: no members. */
static const struct bg__field rr_rows[] = {
	{ .key = "type", .kind = BG_K_STR,
	  .flags = BG_F_REQUIRED | BG_F_KNOWN,
	  .enums = bg__enum_resource_types, .desc = "GPU, MEMORY or VCPU" },
	{ .key = "value", .kind = BG_K_STR, .flags = BG_F_REQUIRED,
	  .desc = "the amount, as text (\"0.25\", \"2048\")" },
};
LOCAL_OBJECT(bg__obj_rr, struct bg_kv, "a resource requirement", rr_rows);

static const struct bg__field network_rows[] = {
	STR(struct bg_container, assign_public_ip, "assign_public_ip",
	    .enums = bg__enum_enabled_disabled,
	    .desc = "give the Fargate task a public IP address"),
};
LOCAL_OBJECT(bg__obj_network, struct bg_container,
	     "Fargate network configuration", network_rows);

static const struct bg__field fargate_rows[] = {
	STR(struct bg_container, platform_version, "platform_version",
	    .flag = "platform-version", .arg = "V",
	    .desc = "Fargate platform version: LATEST or X.Y.Z"),
};
LOCAL_OBJECT(bg__obj_fargate, struct bg_container,
	     "Fargate platform configuration", fargate_rows);

/* ---- linux parameters, logging, secrets, limits ---- */

static const struct bg__field device_rows[] = {
	STR(struct bg_device, host_path, "host_path", .flags = BG_F_ALWAYS,
	    .desc = "device path on the host; required"),
	STR(struct bg_device, container_path, "container_path",
	    .desc = "path in the container; default: the host path"),
	LIST(struct bg_device, permissions, permission_count, "permissions",
	     BG_K_STRS, .enums = bg__enum_device_permissions,
	     .desc = "READ, WRITE, MKNOD; none: all three"),
};
LOCAL_OBJECT(bg__obj_device, struct bg_device, "a host device",
	     device_rows);

static const struct bg__field tmpfs_rows[] = {
	STR(struct bg_tmpfs, container_path, "container_path",
	    .flags = BG_F_ALWAYS,
	    .desc = "absolute path in the container; required"),
	INT(struct bg_tmpfs, size, "size", .flags = BG_F_ALWAYS, .desc = "size in MiB; required"),
	LIST(struct bg_tmpfs, mount_options, mount_option_count,
	     "mount_options", BG_K_STRS, .enums = bg__enum_tmpfs_options,
	     .desc = "tmpfs mount options"),
};
LOCAL_OBJECT(bg__obj_tmpfs, struct bg_tmpfs, "a tmpfs mount", tmpfs_rows);

static const struct bg__field linux_rows[] = {
	LIST(struct bg_linux_parameters, devices, device_count, "devices",
	     BG_K_OBJS, .sub = &bg__obj_device,
	     .desc = "host devices (EC2 only)"),
	BOOL(struct bg_linux_parameters, init_process_enabled,
	     "init_process_enabled", .flag = "init-process",
	     .desc = "run an init process that reaps zombies"),
	INT(struct bg_linux_parameters, shared_memory_size,
	    "shared_memory_size", .flag = "shared-memory-size", .arg = "MIB",
	    .desc = "size of /dev/shm in MiB (EC2 only)"),
	LIST(struct bg_linux_parameters, tmpfs, tmpfs_count, "tmpfs",
	     BG_K_OBJS, .sub = &bg__obj_tmpfs,
	     .desc = "tmpfs mounts (EC2 only)"),
	INT(struct bg_linux_parameters, max_swap, "max_swap",
	    .desc = "swap in MiB; 0: none (EC2 only)"),
	INT(struct bg_linux_parameters, swappiness, "swappiness",
	    .desc = "0 ... 100; needs max_swap (EC2 only)"),
};
LOCAL_OBJECT(bg__obj_linux, struct bg_linux_parameters,
	     "Linux-specific container settings", linux_rows);

static const struct bg__field secret_rows[] = {
	STR(struct bg_secret, name, "name", .flags = BG_F_ALWAYS, .desc = "variable name"),
	STR(struct bg_secret, value_from, "value_from", .flags = BG_F_ALWAYS,
	    .desc = "ARN of a Secrets Manager secret or SSM parameter"),
};
LOCAL_OBJECT(bg__obj_secret, struct bg_secret,
	     "a secret from Secrets Manager or SSM Parameter Store",
	     secret_rows);

static const struct bg__field log_rows[] = {
	STR(struct bg_log_configuration, log_driver, "log_driver",
	    .flags = BG_F_ALWAYS, .flag = "log-driver", .arg = "DRIVER",
	    .enums = bg__enum_log_drivers,
	    .desc = "log driver; Fargate: awslogs or splunk"),
	ROW(struct bg_log_configuration, options, "options", BG_K_MAP,
	    .flag = "log-option", .arg = "KEY=VALUE",
	    .desc = "log driver options"),
	LIST(struct bg_log_configuration, secret_options, secret_option_count,
	     "secret_options", BG_K_OBJS, .flags = BG_F_SORTED,
	     .sub = &bg__obj_secret,
	     .desc = "driver options from secrets"),
};
LOCAL_OBJECT(bg__obj_log, struct bg_log_configuration,
	     "the container's logging", log_rows);

static const struct bg__field ulimit_rows[] = {
	STR(struct bg_ulimit, name, "name", .flags = BG_F_ALWAYS, .enums = bg__enum_ulimit_names,
	    .desc = "the limit"),
	INT(struct bg_ulimit, soft_limit, "soft_limit", .flags = BG_F_ALWAYS,
	    .desc = "soft limit; -1: unlimited"),
	INT(struct bg_ulimit, hard_limit, "hard_limit", .flags = BG_F_ALWAYS,
	    .desc = "hard limit; -1: unlimited"),
};
LOCAL_OBJECT(bg__obj_ulimit, struct bg_ulimit, "a ulimit (EC2 only)",
	     ulimit_rows);

#define X struct bg_container
static const struct bg__field ephemeral_rows[] = {
	INT(X, extras.ephemeral_storage, "size_in_gib", .api = "sizeInGiB",
	    .flag = "ephemeral-storage", .arg = "GIB",
	    .desc = "Fargate task storage in GiB, 21 ... 200"),
};
LOCAL_OBJECT(bg__obj_ephemeral, X, "Fargate ephemeral storage",
	     ephemeral_rows);

static const struct bg__field runtime_rows[] = {
	STR(X, extras.operating_system_family, "operating_system_family",
	    .enums = bg__enum_os_families,
	    .desc = "operating system of the Fargate task"),
	STR(X, extras.cpu_architecture, "cpu_architecture",
	    .flag = "cpu-architecture", .arg = "X86_64|ARM64",
	    .enums = bg__enum_cpu_architectures,
	    .desc = "CPU architecture of the Fargate task"),
};
LOCAL_OBJECT(bg__obj_runtime, X, "Fargate runtime platform", runtime_rows);

static const struct bg__field credentials_rows[] = {
	STR(X, extras.repository_credentials, "credentials_parameter",
	    .flag = "repository-credentials", .arg = "ARN",
	    .flags = BG_F_BLOCK, .desc = "ARN of the Secrets Manager secret with the registry "
		    "credentials"),
};
LOCAL_OBJECT(bg__obj_credentials, X, "private registry credentials",
	     credentials_rows);

/* ---- the container ---- */

/* The keys a container of an ECS task shares with container_properties:
 * S is the struct, P the path of its struct bg_container in it (empty,
 * or "c."; at offset 0, for the NEST rows). Declared once, written into
 * both tables. */
#define CONTAINER_KEYS(S, P)                                                \
	STR(S, P image, "image", .flags = BG_F_ALWAYS | BG_F_OFTEN,         \
	    .flag = "image",                                                 \
	    .arg = "IMAGE", .desc = "container image"),                      \
	LIST(S, P command, P command_count, "command", BG_K_STRS,            \
	     .flags = BG_F_OFTEN,                                            \
	     .desc = "command and arguments; may hold Ref::NAME"),           \
	ROW(S, P vcpus_milli, "vcpus", BG_K_NUM, .flags = BG_F_OFTEN,        \
	    .api = "", .flag = "vcpus",                                      \
	    .arg = "N", .desc = "vCPUs; fractions (0.25, 0.5) on Fargate"),  \
	INT(S, P memory, "memory", .flags = BG_F_OFTEN, .api = "",          \
	    .flag = "memory",                                                \
	    .arg = "MIB", .desc = "memory in MiB"),                          \
	INT(S, P gpus, "gpus", .api = "", .flag = "gpus", .arg = "N",        \
	    .desc = "physical GPUs (EC2 only)"),                             \
	ROW(S, P environment, "environment", BG_K_ENV, .flags = BG_F_OFTEN,  \
	    .flag = "env",                                                   \
	    .arg = "NAME=VALUE",                                             \
	    .desc = "environment variables (a map, or a list of "            \
		    "{name, value})"),                                       \
	LIST(S, P mount_points, P mount_point_count, "mount_points",         \
	     BG_K_OBJS, .sub = &bg__obj_mount,                               \
	     .desc = "where volumes are mounted"),                           \
	BOOL(S, P privileged, "privileged", .flag = "privileged",            \
	     .desc = "root on the host (EC2 only)"),                         \
	BOOL(S, P readonly_root_filesystem, "readonly_root_filesystem",      \
	     .flag = "readonly-root-filesystem",                             \
	     .desc = "mount the root file system read-only"),                \
	STR(S, P user, "user", .flag = "user", .arg = "USER",                \
	    .desc = "user name or UID to run as"),                           \
	OBJ(S, P extras.linux_parameters, "linux_parameters", bg__obj_linux, \
	    .flags = BG_F_MERGE,                                             \
	    .desc = "Linux settings: devices, tmpfs, swap, shared memory"),  \
	OBJ(S, P extras.log_configuration, "log_configuration", bg__obj_log, \
	    .desc = "log driver and its options"),                           \
	LIST(S, P extras.secrets, P extras.secret_count, "secrets",          \
	     BG_K_OBJS, .flags = BG_F_SORTED, .sub = &bg__obj_secret,        \
	     .desc = "environment variables from secrets"),                  \
	LIST(S, P extras.ulimits, P extras.ulimit_count, "ulimits",          \
	     BG_K_OBJS, .sub = &bg__obj_ulimit,                              \
	     .desc = "resource limits (EC2 only)"),                          \
	NEST("repository_credentials", bg__obj_credentials,                 \
	     .desc = "credentials for a private registry"),                  \
	{ .key = "resource_requirements", .kind = BG_K_RESOURCES,            \
	  .flags = BG_F_TREE, .sub = &bg__obj_rr,                            \
	  .desc = "vCPUs, memory and GPUs, as the API writes them" }

static const struct bg__field container_rows[] = {
	CONTAINER_KEYS(X, ),
	STR(X, job_role_arn, "job_role_arn", .flag = "job-role-arn",
	    .arg = "ARN",
	    .desc = "IAM role the job's code runs as"),
	STR(X, execution_role_arn, "execution_role_arn",
	    .flag = "execution-role-arn", .arg = "ARN",
	    .desc = "IAM role the agent pulls images and secrets with"),
	LIST(X, volumes, volume_count, "volumes", BG_K_OBJS,
	     .sub = &bg__obj_volume,
	     .desc = "host and EFS volumes"),
	NEST("ephemeral_storage", bg__obj_ephemeral, .desc = "Fargate task storage"),
	NEST("runtime_platform", bg__obj_runtime,
	     .desc = "Fargate operating system and CPU architecture"),
	BOOL(X, extras.enable_execute_command, "enable_execute_command",
	     .flag = "enable-execute-command",
	     .desc = "allow ECS Exec into the container"),
	STR(X, extras.instance_type, "instance_type", .flag = "instance-type",
	    .arg = "TYPE",
	    .desc = "instance type of a multinode range"),
	NEST("network_configuration", bg__obj_network,
	     .flags = BG_F_TREE | BG_F_FARGATE,
	     .desc = "Fargate networking"),
	NEST("fargate_platform_configuration", bg__obj_fargate,
	     .flags = BG_F_TREE | BG_F_FARGATE,
	     .desc = "Fargate platform version"),
};
OBJECT(bg__obj_container, X, "container properties", container_rows);
#undef X

/* ---- ECS: an ecs_properties task (model/ecs.h) ---- */

static const struct bg__field ecs_dependency_rows[] = {
	STR(struct bg_ecs_dependency, container_name, "container_name",
	    .flags = BG_F_REQUIRED | BG_F_NONEMPTY,
	    .desc = "a container of the task"),
	STR(struct bg_ecs_dependency, condition, "condition",
	    .flags = BG_F_REQUIRED, .enums = bg__enum_ecs_conditions,
	    .desc = "START, COMPLETE or SUCCESS"),
};
LOCAL_OBJECT(bg__obj_ecs_dependency, struct bg_ecs_dependency,
	     "a container this one waits for", ecs_dependency_rows);

static const struct bg__field ecs_firelens_rows[] = {
	STR(struct bg_ecs_firelens, type, "type", .flags = BG_F_REQUIRED,
	    .enums = bg__enum_ecs_firelens_types,
	    .desc = "fluentd or fluentbit"),
	ROW(struct bg_ecs_firelens, options, "options", BG_K_MAP,
	    .desc = "the log router's options"),
};
LOCAL_OBJECT(bg__obj_ecs_firelens, struct bg_ecs_firelens,
	     "a FireLens log router", ecs_firelens_rows);

#define E struct bg_ecs_container
static const struct bg__field ecs_container_rows[] = {
	STR(E, name, "name", .desc = "the container's name, unique in the task"),
	BOOL(E, essential, "essential",
	     .desc = "the job ends when it exits (default true)"),
	LIST(E, depends_on, depends_on_count, "depends_on", BG_K_OBJS,
	     .sub = &bg__obj_ecs_dependency,
	     .desc = "containers to wait for, and for what"),
	OBJ(E, firelens_configuration, "firelens_configuration",
	    bg__obj_ecs_firelens,
	    .desc = "make this container the task's log router"),
	CONTAINER_KEYS(E, c.),
};
#undef E
LOCAL_OBJECT(bg__obj_ecs_container, struct bg_ecs_container,
	     "a container of the task", ecs_container_rows);

#define T struct bg_ecs_task
static const struct bg__field ecs_task_rows[] = {
	LIST(T, containers, container_count, "containers", BG_K_OBJS,
	     .sub = &bg__obj_ecs_container,
	     .desc = "1 to 10 containers, at least one essential"),
	STR(T, t.execution_role_arn, "execution_role_arn",
	    .desc = "IAM role the agent pulls images and secrets with"),
	STR(T, t.job_role_arn, "task_role_arn",
	    .desc = "IAM role the containers' code runs as"),
	STR(T, t.platform_version, "platform_version",
	    .desc = "Fargate platform version: LATEST or X.Y.Z"),
	NEST("network_configuration", bg__obj_network,
	     .desc = "Fargate networking"),
	NEST("runtime_platform", bg__obj_runtime,
	     .desc = "operating system and CPU architecture"),
	NEST("ephemeral_storage", bg__obj_ephemeral,
	     .desc = "Fargate task storage"),
	LIST(T, t.volumes, t.volume_count, "volumes", BG_K_OBJS,
	     .sub = &bg__obj_volume,
	     .desc = "host and EFS volumes of the task"),
	STR(T, ipc_mode, "ipc_mode", .enums = bg__enum_ecs_ipc_modes,
	    .desc = "host, task or none (EC2 only)"),
	STR(T, pid_mode, "pid_mode", .enums = bg__enum_ecs_pid_modes,
	    .desc = "host or task"),
	BOOL(T, t.extras.enable_execute_command, "enable_execute_command",
	     .desc = "allow ECS Exec into the containers"),
};
#undef T
LOCAL_OBJECT(bg__obj_ecs_task, struct bg_ecs_task, "the task (taskProperties)",
	     ecs_task_rows);

static const struct bg__field ecs_rows[] = {
	LIST(struct bg_ecs_properties, task_properties, task_property_count,
	     "task_properties", BG_K_OBJS, .flags = BG_F_REQUIRED, .min = 1,
	     .sub = &bg__obj_ecs_task,
	     .desc = "the task: exactly one"),
};
OBJECT(bg__obj_ecs, struct bg_ecs_properties,
       "an ECS multi-container job (ecsProperties)", ecs_rows);

/* ---- multinode, retries, timeout ---- */

static const struct bg__field range_rows[] = {
	STR(struct bg_node_range_options, target_nodes, "target_nodes",
	    .desc = "nodes of the range: N, N:M, :M or N:"),
	OBJ(struct bg_node_range_options, container, "container",
	    bg__obj_container,
	    .desc = "the range's container, on top of the job's own"),
	OBJ(struct bg_node_range_options, ecs, "ecs_properties", bg__obj_ecs,
	    .desc = "the range's task of several containers, instead of "
		    "a container"),
};
OBJECT(bg__obj_range, struct bg_node_range_options, "a node range",
       range_rows);

/* ---- EKS: the eks_properties block (model/eks.h) ----
 * The spec keys are the provider's attributes; .api gives the
 * attribute where the spec says it otherwise. */

static const struct bg__field eks_resources_rows[] = {
	ROW(struct bg_eks_resources, limits, "limits", BG_K_MAP,
	    .desc = "cpu, memory (Mi), nvidia.com/gpu"),
	ROW(struct bg_eks_resources, requests, "requests", BG_K_MAP,
	    .desc = "cpu, memory (Mi), nvidia.com/gpu"),
};
LOCAL_OBJECT(bg__obj_eks_resources, struct bg_eks_resources,
	     "a container's resources", eks_resources_rows);

#define S struct bg_eks_security_context
static const struct bg__field eks_security_rows[] = {
	BOOL(S, privileged, "privileged", .desc = "a privileged container"),
	BOOL(S, read_only_root_file_system, "read_only_root_file_system",
	     .desc = "a read-only root file system"),
	BOOL(S, run_as_non_root, "run_as_non_root",
	     .desc = "refuse to run as root"),
	INT(S, run_as_user, "run_as_user", .desc = "user ID"),
	INT(S, run_as_group, "run_as_group", .desc = "group ID"),
};
#undef S
LOCAL_OBJECT(bg__obj_eks_security, struct bg_eks_security_context,
	     "a container's security context", eks_security_rows);

static const struct bg__field eks_mount_rows[] = {
	STR(struct bg_eks_volume_mount, name, "name", .flags = BG_F_REQUIRED,
	    .desc = "the volume's name"),
	STR(struct bg_eks_volume_mount, mount_path, "mount_path",
	    .flags = BG_F_REQUIRED, .desc = "absolute path in the container"),
	BOOL(struct bg_eks_volume_mount, read_only, "read_only",
	     .desc = "mount read-only"),
};
LOCAL_OBJECT(bg__obj_eks_mount, struct bg_eks_volume_mount,
	     "a volume mount", eks_mount_rows);

#define C struct bg_eks_container
static const struct bg__field eks_container_rows[] = {
	STR(C, name, "name", .desc = "container name, unique in the pod"),
	STR(C, image, "image", .flags = BG_F_REQUIRED | BG_F_NONEMPTY,
	    .desc = "container image"),
	STR(C, image_pull_policy, "image_pull_policy",
	    .enums = bg__enum_eks_pull_policies,
	    .desc = "Always, IfNotPresent or Never"),
	LIST(C, command, command_count, "command", BG_K_STRS,
	     .desc = "the entrypoint"),
	LIST(C, args, arg_count, "args", BG_K_STRS,
	     .desc = "arguments to the entrypoint"),
	ROW(C, env, "env", BG_K_ENV,
	    .desc = "environment variables (a map, or a list of "
		    "{name, value})"),
	OBJ(C, resources, "resources", bg__obj_eks_resources,
	    .desc = "limits and requests"),
	OBJ(C, security_context, "security_context", bg__obj_eks_security,
	    .desc = "the security context"),
	LIST(C, volume_mounts, volume_mount_count, "volume_mounts",
	     BG_K_OBJS, .sub = &bg__obj_eks_mount,
	     .desc = "volumes of the pod mounted in the container"),
};
#undef C
LOCAL_OBJECT(bg__obj_eks_container, struct bg_eks_container,
	     "a container of the pod", eks_container_rows);

static const struct bg__field eks_empty_dir_rows[] = {
	STR(struct bg_eks_empty_dir, medium, "medium",
	    .flags = BG_F_CASEFOLD, .enums = bg__enum_eks_media,
	    .desc = "\"\" (the node's disk) or Memory"),
	STR(struct bg_eks_empty_dir, size_limit, "size_limit",
	    .flags = BG_F_REQUIRED | BG_F_NONEMPTY,
	    .desc = "a quantity, such as 1Gi"),
};
LOCAL_OBJECT(bg__obj_eks_empty_dir, struct bg_eks_empty_dir,
	     "an emptyDir volume", eks_empty_dir_rows);

static const struct bg__field eks_host_path_rows[] = {
	STR(struct bg_eks_host_path, path, "path",
	    .flags = BG_F_REQUIRED | BG_F_NONEMPTY,
	    .desc = "a path on the node"),
};
LOCAL_OBJECT(bg__obj_eks_host_path, struct bg_eks_host_path,
	     "a hostPath volume", eks_host_path_rows);

static const struct bg__field eks_secret_rows[] = {
	STR(struct bg_eks_secret, secret_name, "secret_name",
	    .flags = BG_F_REQUIRED | BG_F_NONEMPTY,
	    .desc = "a Kubernetes secret"),
	BOOL(struct bg_eks_secret, optional, "optional",
	     .desc = "the secret may be missing"),
};
LOCAL_OBJECT(bg__obj_eks_secret, struct bg_eks_secret, "a secret volume",
	     eks_secret_rows);

#define V struct bg_eks_volume
static const struct bg__field eks_volume_rows[] = {
	STR(V, name, "name", .flags = BG_F_REQUIRED,
	    .desc = "a DNS label, unique in the pod"),
	OBJ(V, empty_dir, "empty_dir", bg__obj_eks_empty_dir,
	    .desc = "scratch space for the pod"),
	OBJ(V, host_path, "host_path", bg__obj_eks_host_path,
	    .desc = "a path of the node"),
	OBJ(V, secret, "secret", bg__obj_eks_secret,
	    .desc = "a Kubernetes secret as files"),
};
#undef V
LOCAL_OBJECT(bg__obj_eks_volume, struct bg_eks_volume, "a volume of the pod",
	     eks_volume_rows);

static const struct bg__field eks_pull_secret_rows[] = {
	STR(struct bg_eks_pull_secret, name, "name",
	    .flags = BG_F_REQUIRED | BG_F_NONEMPTY,
	    .desc = "a Kubernetes secret"),
};
LOCAL_OBJECT(bg__obj_eks_pull_secret, struct bg_eks_pull_secret,
	     "an image pull secret", eks_pull_secret_rows);

static const struct bg__field eks_metadata_rows[] = {
	ROW(struct bg_eks_metadata, labels, "labels", BG_K_MAP,
	    .desc = "Kubernetes labels of the pod"),
};
LOCAL_OBJECT(bg__obj_eks_metadata, struct bg_eks_metadata,
	     "the pod's metadata", eks_metadata_rows);

#define P struct bg_eks_pod
static const struct bg__field eks_pod_rows[] = {
	LIST(P, containers, container_count, "containers", BG_K_OBJS,
	     .sub = &bg__obj_eks_container,
	     .desc = "1 to 10 containers (an EKS template makes one)"),
	LIST(P, init_containers, init_container_count, "init_containers",
	     BG_K_OBJS, .sub = &bg__obj_eks_container,
	     .desc = "at most 10 containers run first, in order"),
	STR(P, dns_policy, "dns_policy", .enums = bg__enum_eks_dns_policies,
	    .desc = "Default, ClusterFirst or ClusterFirstWithHostNet"),
	BOOL(P, host_network, "host_network",
	     .desc = "use the node's network (default true)"),
	LIST(P, image_pull_secrets, image_pull_secret_count,
	     "image_pull_secrets", BG_K_OBJS, .api = "image_pull_secret",
	     .sub = &bg__obj_eks_pull_secret,
	     .desc = "secrets for private registries"),
	OBJ(P, metadata, "metadata", bg__obj_eks_metadata,
	    .desc = "labels of the pod"),
	STR(P, service_account_name, "service_account_name",
	    .desc = "the pod's Kubernetes service account"),
	BOOL(P, share_process_namespace, "share_process_namespace",
	     .desc = "containers see each other's processes"),
	LIST(P, volumes, volume_count, "volumes", BG_K_OBJS,
	     .sub = &bg__obj_eks_volume,
	     .desc = "emptyDir, hostPath or secret volumes"),
};
#undef P
LOCAL_OBJECT(bg__obj_eks_pod, struct bg_eks_pod, "the pod (podProperties)",
	     eks_pod_rows);

static const struct bg__field eks_rows[] = {
	OBJ(struct bg_eks_properties, pod_properties, "pod_properties",
	    bg__obj_eks_pod, .flags = BG_F_REQUIRED | BG_F_MERGE,
	    .desc = "the pod of an EKS job"),
};
OBJECT(bg__obj_eks, struct bg_eks_properties,
       "an EKS job's pod (eksProperties)", eks_rows);

#define J struct bg_job_options
static const struct bg__field nodes_rows[] = {
	INT(J, main_node, "main_node", .flag = "main-node", .arg = "N",
	    .desc = "index of the main node (multinode)"),
	INT(J, num_nodes, "num_nodes", .flag = "nodes", .arg = "N",
	    .desc = "number of nodes (multinode)"),
	LIST(J, node_ranges, node_range_count, "node_range_properties",
	     BG_K_OBJS, .sub = &bg__obj_range,
	     .desc = "node ranges and their containers"),
};
LOCAL_OBJECT(bg__obj_nodes, J, "multinode settings (nodeProperties)",
	     nodes_rows);

static const struct bg__field eoe_rows[] = {
	STR(struct bg_evaluate_on_exit, action, "action",
	    .flags = BG_F_REQUIRED | BG_F_CASEFOLD,
	    .enums = bg__enum_retry_actions,
	    .desc = "RETRY or EXIT (any case)"),
	STR(struct bg_evaluate_on_exit, on_exit_code, "on_exit_code",
	    .desc = "exit code pattern: digits, may end in *"),
	STR(struct bg_evaluate_on_exit, on_reason, "on_reason",
	    .desc = "reason pattern, may end in *"),
	STR(struct bg_evaluate_on_exit, on_status_reason, "on_status_reason",
	    .desc = "status reason pattern, may end in *"),
};
OBJECT(bg__obj_eoe, struct bg_evaluate_on_exit, "a retry condition",
	     eoe_rows);

static const struct bg__field retry_rows[] = {
	INT(J, retry_attempts, "attempts", .flag = "retry-attempts",
	    .arg = "N", .desc = "attempts, 1 ... 10"),
	LIST(J, evaluate_on_exit, evaluate_on_exit_count, "evaluate_on_exit",
	     BG_K_OBJS, .sub = &bg__obj_eoe,
	     .desc = "at most 5 conditions; needs attempts"),
};
LOCAL_OBJECT(bg__obj_retry, J, "the retry strategy", retry_rows);

static const struct bg__field timeout_rows[] = {
	INT(J, timeout_seconds, "attempt_duration_seconds", .flag = "timeout",
	    .arg = "SECONDS",
	    .desc = "seconds an attempt may run, at least 60"),
};
LOCAL_OBJECT(bg__obj_timeout, J, "the timeout", timeout_rows);

/* ---- a job ---- */

/* The job-level keys are shortcuts (same_as, and the container keys
 * inlined as an alias); the full tree's fields hold the members. */
static const struct bg__field job_options_rows[] = {
	{ .key = "", .kind = BG_K_INLINE, .flags = BG_F_ALIAS,
	  .off = offsetof(J, c), .sub = &bg__obj_container,
	  .desc = "the container keys, written at the job level" },
	STR(J, c.assign_public_ip, "assign_public_ip",
	    .enums = bg__enum_enabled_disabled,
	    .same_as =
		    "container_properties.network_configuration.assign_public_ip",
	    .desc = "give the Fargate task a public IP address"),
	STR(J, c.platform_version, "platform_version",
	    .same_as = "container_properties.fargate_platform_configuration."
		       "platform_version",
	    .desc = "Fargate platform version: LATEST or X.Y.Z"),
	INT(J, num_nodes, "num_nodes",
	    .same_as = "node_properties.num_nodes",
	    .desc = "number of nodes (multinode)"),
	INT(J, main_node, "main_node",
	    .same_as = "node_properties.main_node",
	    .desc = "index of the main node (multinode)"),
	INT(J, retry_attempts, "retry_attempts",
	    .same_as = "retry_strategy.attempts",
	    .desc = "attempts, 1 ... 10"),
	INT(J, timeout_seconds, "timeout_seconds",
	    .same_as = "timeout.attempt_duration_seconds",
	    .desc = "seconds per attempt, at least 60"),
	INT(J, scheduling_priority, "scheduling_priority",
	    .desc = "0 ... 9999"),
	LIST(J, platform_capabilities, platform_capability_count,
	     "platform_capabilities", BG_K_STRS, .flags = BG_F_KNOWN,
	     .enums = bg__enum_platforms,
	     .desc = "[EC2] or [FARGATE]"),
	BOOL(J, propagate_tags, "propagate_tags", .flag = "propagate-tags",
	     .desc = "copy the tags to the ECS tasks"),
	BOOL(J, deregister_on_new_revision, "deregister_on_new_revision",
	     .flag = "deregister-on-new-revision", .arg = "true|false",
	     .desc = "deregister the previous revision when terraform "
		     "registers a new one (default true)"),
	ROW(J, tags, "tags", BG_K_MAP, .flags = BG_F_OFTEN, .flag = "tag",
	    .arg = "KEY=VALUE", .desc = "tags of the job definition"),
	ROW(J, parameters, "parameters", BG_K_MAP, .flags = BG_F_OFTEN,
	    .flag = "parameter",
	    .arg = "KEY=VALUE",
	    .desc = "default values of Ref::NAME in the command"),
	ROW(J, c, "container_properties", BG_K_EMBED,
	    .sub = &bg__obj_container,
	    .desc = "the container, as the full tree"),
	NEST("node_properties", bg__obj_nodes,
	     .desc = "multinode settings, as the full tree"),
	OBJ(J, ecs, "ecs_properties", bg__obj_ecs,
	    .desc = "an ECS multi-container job: its task, as the full tree "
		    "(without a template)"),
	OBJ(J, eks, "eks_properties", bg__obj_eks, .flags = BG_F_MERGE,
	    .desc = "an EKS job: its pod, as the full tree (with an EKS "
		    "template: the pod's settings beyond its container)"),
	NEST("retry_strategy", bg__obj_retry,
	     .desc = "the retry strategy, as the full tree"),
	NEST("timeout", bg__obj_timeout,
	     .desc = "the timeout, as the full tree"),
};
OBJECT(bg__obj_job_options, J,
       "a job's options: what a template default can say",
       job_options_rows);

static const struct bg__field job_rows[] = {
	STR(J, name, "name", .flags = BG_F_OFTEN, .flag = "name",
	    .arg = "NAME",
	    .desc = "job definition name; default: the template's"),
	STR(J, label, "label", .flag = "label", .arg = "LABEL",
	    .desc = "Terraform resource label; default: from the name"),
	STR(J, template, "template", .flags = BG_F_OFTEN, .api = "",
	    .desc = "a built-in or user template; none: the job as written"),
	STR(J, type, "type", .flags = BG_F_KNOWN, .enums = bg__enum_job_types,
	    .desc = "container or multinode; must agree with the template"),
	{ .key = "", .kind = BG_K_INLINE, .off = 0,
	  .sub = &bg__obj_job_options, .desc = "the job's options" },
};
OBJECT(bg__obj_job, J, "a job definition", job_rows);
#undef J

/* ---- the Terraform resource ---- */

#define R struct bg_jobdef
static const struct bg__field resource_rows[] = {
	STR(R, name, "name", .flags = BG_F_HEAD | BG_F_ALWAYS,
	    .desc = "job definition name"),
	STR(R, type, "type", .flags = BG_F_HEAD, .dflt = "container",
	    .desc = "container or multinode"),
	LIST(R, platform_capabilities, platform_capability_count,
	     "platform_capabilities", BG_K_STRS, .flags = BG_F_HEAD,
	     .desc = "EC2 or FARGATE"),
	ROW(R, parameters, "parameters", BG_K_MAP,
	    .desc = "default values of Ref::NAME in the command"),
	BOOL(R, propagate_tags, "propagate_tags",
	     .desc = "copy the tags to the ECS tasks"),
	INT(R, scheduling_priority, "scheduling_priority",
	    .desc = "0 ... 9999"),
	ROW(R, tags, "tags", BG_K_MAP, .desc = "tags of the job definition"),
	BOOL(R, deregister_on_new_revision, "deregister_on_new_revision",
	     .desc = "deregister the previous revision"),
};
#undef R
OBJECT(bg__obj_resource, struct bg_jobdef,
       "the values of an aws_batch_job_definition resource",
       resource_rows);

/* ---- documents ---- */

static const struct bg__field spec_rows[] = {
	OBJ(struct bg__spec_doc, defaults, "defaults", bg__obj_job,
	    .desc = "settings merged under every job"),
	LIST(struct bg__spec_doc, jobs, jobs_count, "jobs", BG_K_OBJS,
	     .flags = BG_F_REQUIRED | BG_F_BOXED, .min = 1,
	     .sub = &bg__obj_job, .desc = "the job definitions"),
};
OBJECT(bg__obj_spec, struct bg__spec_doc, "a batchgen spec file",
       spec_rows);

#define T struct bg__template_doc
static const struct bg__field template_rows[] = {
	STR(T, name, "name", .flags = BG_F_REQUIRED | BG_F_NONEMPTY,
	    .desc = "template name"),
	STR(T, description, "description", .desc = "one line"),
	STR(T, extends, "extends", .flags = BG_F_NONEMPTY,
	    .desc = "the template this one builds on"),
	STR(T, type, "type", .flags = BG_F_NONEMPTY,
	    .desc = "container or multinode"),
	STR(T, platform, "platform", .flags = BG_F_NONEMPTY,
	    .desc = "the platform the template fixes: EC2 or FARGATE"),
	OBJ(T, defaults, "defaults", bg__obj_job_options,
	    .desc = "the template's defaults"),
};
#undef T
OBJECT(bg__obj_template, struct bg__template_doc,
       "a batchgen template file", template_rows);

/* ================================================================== */
/* Walks                                                               */
/* ================================================================== */

static bool
each(const struct bg__object *o, uint32_t base, bool inlined,
     bool (*fn)(const struct bg__field *, uint32_t, void *), void *ctx)
{
	for (size_t i = 0; i < o->count; i++) {
		const struct bg__field *f = &o->fields[i];
		if (f->kind == BG_K_INLINE) {
			if (!each(f->sub, base + f->off, true, fn, ctx)) {
				return false;
			}
		} else if (!(inlined && (f->flags & BG_F_TREE)) &&
			   !fn(f, base + f->off, ctx)) {
			return false;
		}
	}
	return true;
}

bool
bg__object_each(const struct bg__object *o,
		bool (*fn)(const struct bg__field *, uint32_t, void *),
		void *ctx)
{
	return each(o, 0, false, fn, ctx);
}

/* ================================================================== */
/* Lookup tables, built once                                           */
/* ================================================================== */

/* Each object's spec keys (inlined ones spread out) sorted for bsearch,
 * and each row's API key: the walks look them up for every key of every
 * job, so a linear search and a camelCase conversion each time cost a
 * tenth of a render. */
#define MAX_OBJECTS 64
#define MAX_ENTRIES 640
#define MAX_ROWS 48

struct entry {
	const char *key;
	const struct bg__field *f;
	uint32_t off;
	bool via_alias;
};

static struct {
	struct entry *entries;
	size_t count;
	const char *api[MAX_ROWS];
	uint8_t order[MAX_ROWS]; /* rows by API key */
	bool built;
} indexes[MAX_OBJECTS];
static const char *const *sorting; /* api keys, for order_cmp */
static struct entry pool[MAX_ENTRIES];
/* Every object's entries by (object, key), open addressing: a pool
 * index + 1, 0 empty. bg__object_field is called for every key of
 * every job; a binary search cost about five string compares. */
#define KEY_SLOTS 2048
_Static_assert(KEY_SLOTS >= 2 * MAX_ENTRIES, "the key index half full");
static uint16_t key_slots[KEY_SLOTS];
static const struct bg__keyslots keys_of_pool = {
	key_slots, KEY_SLOTS, pool, sizeof(pool[0]), offsetof(struct entry, key)
};
static char api_text[MAX_OBJECTS][MAX_ROWS][40];
static size_t pool_used;
static once_flag tables_once = ONCE_FLAG_INIT;

static void
spread(const struct bg__object *o, uint32_t base, bool inlined, bool alias,
       size_t *n)
{
	for (size_t i = 0; i < o->count; i++) {
		const struct bg__field *f = &o->fields[i];
		if (f->kind == BG_K_INLINE) {
			spread(f->sub, base + f->off, true,
			       alias || (f->flags & BG_F_ALIAS), n);
		} else if (!(inlined && (f->flags & BG_F_TREE)) &&
			   pool_used < MAX_ENTRIES) {
			pool[pool_used++] = (struct entry){ f->key, f, base + f->off,
							    alias };
			(*n)++;
		}
	}
}

/* The entry of object id with key, or NULL. */
static const struct entry *
entry_of(unsigned id, const char *key)
{
	size_t lo = (size_t)(indexes[id].entries - pool);
	size_t at = bg__keyslots_find(&keys_of_pool, id, lo,
				      lo + indexes[id].count, key);

	return at != SIZE_MAX ? &pool[at] : NULL;
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key,
		      ((const struct entry *)b)->key);
}

static void camel(const struct bg__field *f, char *buf, size_t size);

static int
order_cmp(const void *a, const void *b)
{
	return strcmp(sorting[*(const uint8_t *)a],
		      sorting[*(const uint8_t *)b]);
}

static void
build(const struct bg__object *o)
{
	size_t n = 0;

	if (o->id >= MAX_OBJECTS || indexes[o->id].built) {
		return;
	}
	indexes[o->id].built = true;
	indexes[o->id].entries = &pool[pool_used];
	spread(o, 0, false, false, &n);
	indexes[o->id].count = n;
	/* The first of equal keys wins, as in table order. */
	qsort(indexes[o->id].entries, n, sizeof(struct entry), entry_cmp);
	bg__keyslots_put(&keys_of_pool, o->id,
			 (size_t)(indexes[o->id].entries - pool),
			 (size_t)(indexes[o->id].entries - pool) + n);
	for (size_t i = 0; i < o->count && i < MAX_ROWS; i++) {
		camel(&o->fields[i], api_text[o->id][i], 40);
		indexes[o->id].api[i] = o->fields[i].api != NULL
						? o->fields[i].api
						: api_text[o->id][i];
		indexes[o->id].order[i] = (uint8_t)i;
	}
	sorting = indexes[o->id].api;
	qsort(indexes[o->id].order, o->count < MAX_ROWS ? o->count : MAX_ROWS,
	      1, order_cmp);
	for (size_t i = 0; i < o->count; i++) {
		if (o->fields[i].sub != NULL) {
			build(o->fields[i].sub);
		}
	}
}

static void
build_all(void)
{
	build(&bg__obj_spec);
	build(&bg__obj_template);
	build(&bg__obj_resource);
}

const struct bg__field *
bg__object_field(const struct bg__object *o, const char *key, uint32_t *off,
		 bool *via_alias)
{
	const struct entry *e;

	call_once(&tables_once, build_all);
	if (via_alias != NULL) {
		*via_alias = false;
	}
	if (o->id >= MAX_OBJECTS || !indexes[o->id].built) {
		return NULL;
	}
	e = entry_of(o->id, key);
	if (e == NULL) {
		return NULL;
	}
	if (off != NULL) {
		*off = e->off;
	}
	if (via_alias != NULL) {
		*via_alias = e->via_alias;
	}
	return e->f;
}

static void
camel(const struct bg__field *f, char *buf, size_t size)
{
	bg__camel_case(f->key, buf, size);
}

void
bg__camel_case(const char *key, char *buf, size_t size)
{
	size_t n = 0;
	bool up = false;

	for (const char *p = key; *p != '\0' && n + 1 < size; p++) {
		if (*p == '_') {
			up = true;
			continue;
		}
		buf[n++] = up ? (char)toupper((unsigned char)*p) : *p;
		up = false;
	}
	buf[n] = '\0';
}

const uint8_t *
bg__api_order(const struct bg__object *o)
{
	call_once(&tables_once, build_all);
	return o->id < MAX_OBJECTS && indexes[o->id].built
		       ? indexes[o->id].order
		       : NULL;
}

const char *const *
bg__api_keys(const struct bg__object *o)
{
	call_once(&tables_once, build_all);
	return o->id < MAX_OBJECTS && o->count <= MAX_ROWS &&
			       indexes[o->id].built
		       ? indexes[o->id].api
		       : NULL;
}

const char *
bg__api_key(const struct bg__object *o, size_t i)
{
	const char *const *keys = bg__api_keys(o);

	return keys != NULL && i < o->count ? keys[i] : "";
}

const char *
bg__shortcut_path(const char *tree, size_t i, char *buf, size_t size)
{
	static const char cp[] = "container_properties.";
	size_t k = 0;

	/* Candidates: each same_as row that prefixes tree, then the
	 * container keys written at the job level. */
	for (size_t r = 0; r < bg__obj_job_options.count; r++) {
		const struct bg__field *f = &bg__obj_job_options.fields[r];
		size_t n = f->same_as != NULL ? strlen(f->same_as) : 0;
		if (n == 0 || strncmp(tree, f->same_as, n) != 0 ||
		    (tree[n] != '\0' && tree[n] != '.' && tree[n] != '[')) {
			continue;
		}
		if (k++ == i) {
			snprintf(buf, size, "%s%s", f->key, tree + n);
			return buf;
		}
	}
	if (strncmp(tree, cp, sizeof(cp) - 1) == 0 && k == i) {
		snprintf(buf, size, "%s", tree + sizeof(cp) - 1);
		return buf;
	}
	return NULL;
}
