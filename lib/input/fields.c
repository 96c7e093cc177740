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
#include <stddef.h>
#include <string.h>

#include "input/fields.h"
#include "model/enums.h"

#define ROW(S, m, k, kd, ...) \
	{ .key = k, .kind = kd, .off = offsetof(S, m), __VA_ARGS__ }
#define STR(S, m, k, ...) ROW(S, m, k, BG_K_STR, __VA_ARGS__)
#define INT(S, m, k, ...) ROW(S, m, k, BG_K_INT, __VA_ARGS__)
#define BOOL(S, m, k, ...) ROW(S, m, k, BG_K_BOOL, __VA_ARGS__)
#define OBJ(S, m, k, o, ...) ROW(S, m, k, BG_K_OBJ, .sub = &(o), __VA_ARGS__)
#define LIST(S, m, k, kd, ...)                                          \
	ROW(S, m, k, kd, .count_off = offsetof(S, m##_count), __VA_ARGS__)
#define FREE(k, kd, ...) { .key = k, .kind = kd, __VA_ARGS__ }
#define OBJECT(id, S, d, rows)                                          \
	const struct bg__object id = { #id + 8, d, sizeof(S), rows,     \
				       ARRAY_LENGTH(rows) }
#define LOCAL_OBJECT(id, S, d, rows)                                    \
	static const struct bg__object id = { #id + 8, d, sizeof(S), rows, \
					      ARRAY_LENGTH(rows) }

/* ---- volumes and mount points ---- */

static const struct bg__field efs_auth_rows[] = {
	STR(struct raw_efs_auth, access_point_id, "access_point_id",
	    .desc = "EFS access point ID (fsap-...); needs transit encryption"),
	STR(struct raw_efs_auth, iam, "iam", .enums = bg__enum_enabled_disabled,
	    .desc = "use the job's IAM role to mount; needs transit "
		    "encryption"),
};
LOCAL_OBJECT(bg__obj_efs_auth, struct raw_efs_auth,
	     "EFS authorization (authorizationConfig)", efs_auth_rows);

static const struct bg__field efs_rows[] = {
	STR(struct raw_efs, file_system_id, "file_system_id",
	    .desc = "EFS file system ID (fs-...); required"),
	STR(struct raw_efs, root_directory, "root_directory",
	    .desc = "directory of the file system to mount; default /"),
	STR(struct raw_efs, transit_encryption, "transit_encryption",
	    .enums = bg__enum_enabled_disabled,
	    .desc = "encrypt EFS traffic in transit"),
	INT(struct raw_efs, transit_encryption_port,
	    "transit_encryption_port",
	    .desc = "port for encrypted EFS traffic (0 ... 65535)"),
	OBJ(struct raw_efs, authorization_config, "authorization_config",
	    bg__obj_efs_auth, .desc = "access point and IAM authorization"),
};
LOCAL_OBJECT(bg__obj_efs, struct raw_efs,
	     "an EFS volume (efsVolumeConfiguration)", efs_rows);

static const struct bg__field host_rows[] = {
	STR(struct raw_host, source_path, "source_path",
	    .desc = "path on the host; none: a Docker-managed volume"),
};
LOCAL_OBJECT(bg__obj_host, struct raw_host, "a host volume", host_rows);

static const struct bg__field volume_rows[] = {
	STR(struct raw_volume, name, "name",
	    .desc = "volume name, referenced by mount points"),
	OBJ(struct raw_volume, host, "host", bg__obj_host,
	    .desc = "a host path volume (EC2 only)"),
	OBJ(struct raw_volume, efs_volume_configuration,
	    "efs_volume_configuration", bg__obj_efs,
	    .desc = "an EFS file system volume"),
};
LOCAL_OBJECT(bg__obj_volume, struct raw_volume,
	     "a volume: a host path or an EFS file system", volume_rows);

static const struct bg__field mount_rows[] = {
	STR(struct raw_mount, source_volume, "source_volume",
	    .desc = "name of a volume of the job"),
	STR(struct raw_mount, container_path, "container_path",
	    .desc = "absolute path in the container"),
	BOOL(struct raw_mount, read_only, "read_only",
	     .desc = "mount read-only"),
};
LOCAL_OBJECT(bg__obj_mount, struct raw_mount, "a mount point of a volume",
	     mount_rows);

/* ---- resources, network, Fargate ---- */

static const struct bg__field rr_rows[] = {
	STR(struct raw_rr, type, "type", .flags = BG_F_REQUIRED,
	    .enums = bg__enum_resource_types, .desc = "GPU, MEMORY or VCPU"),
	STR(struct raw_rr, value, "value", .flags = BG_F_REQUIRED,
	    .desc = "the amount, as text (\"0.25\", \"2048\")"),
};
LOCAL_OBJECT(bg__obj_rr, struct raw_rr, "a resource requirement", rr_rows);

static const struct bg__field network_rows[] = {
	STR(struct raw_network, assign_public_ip, "assign_public_ip",
	    .enums = bg__enum_enabled_disabled,
	    .desc = "give the Fargate task a public IP address"),
};
LOCAL_OBJECT(bg__obj_network, struct raw_network,
	     "Fargate network configuration", network_rows);

static const struct bg__field fargate_rows[] = {
	STR(struct raw_fargate, platform_version, "platform_version",
	    .desc = "Fargate platform version: LATEST or X.Y.Z"),
};
LOCAL_OBJECT(bg__obj_fargate, struct raw_fargate,
	     "Fargate platform configuration", fargate_rows);

/* ---- linux parameters, logging, secrets, limits ---- */

static const struct bg__field device_rows[] = {
	STR(struct raw_device, host_path, "host_path",
	    .desc = "device path on the host; required"),
	STR(struct raw_device, container_path, "container_path",
	    .desc = "path in the container; default: the host path"),
	LIST(struct raw_device, permissions, "permissions", BG_K_STRS,
	     .enums = bg__enum_device_permissions,
	     .desc = "READ, WRITE, MKNOD; none: all three"),
};
LOCAL_OBJECT(bg__obj_device, struct raw_device, "a host device",
	     device_rows);

static const struct bg__field tmpfs_rows[] = {
	STR(struct raw_tmpfs, container_path, "container_path",
	    .desc = "absolute path in the container; required"),
	INT(struct raw_tmpfs, size, "size", .desc = "size in MiB; required"),
	LIST(struct raw_tmpfs, mount_options, "mount_options", BG_K_STRS,
	     .enums = bg__enum_tmpfs_options,
	     .desc = "tmpfs mount options"),
};
LOCAL_OBJECT(bg__obj_tmpfs, struct raw_tmpfs, "a tmpfs mount", tmpfs_rows);

static const struct bg__field linux_rows[] = {
	LIST(struct raw_linux, devices, "devices", BG_K_OBJS,
	     .sub = &bg__obj_device, .desc = "host devices (EC2 only)"),
	BOOL(struct raw_linux, init_process_enabled, "init_process_enabled",
	     .desc = "run an init process that reaps zombies"),
	INT(struct raw_linux, shared_memory_size, "shared_memory_size",
	    .desc = "size of /dev/shm in MiB (EC2 only)"),
	LIST(struct raw_linux, tmpfs, "tmpfs", BG_K_OBJS,
	     .sub = &bg__obj_tmpfs, .desc = "tmpfs mounts (EC2 only)"),
	INT(struct raw_linux, max_swap, "max_swap",
	    .desc = "swap in MiB; 0: none (EC2 only)"),
	INT(struct raw_linux, swappiness, "swappiness",
	    .desc = "0 ... 100; needs max_swap (EC2 only)"),
};
LOCAL_OBJECT(bg__obj_linux, struct raw_linux,
	     "Linux-specific container settings", linux_rows);

static const struct bg__field secret_rows[] = {
	STR(struct raw_secret, name, "name", .desc = "variable name"),
	STR(struct raw_secret, value_from, "value_from",
	    .desc = "ARN of a Secrets Manager secret or SSM parameter"),
};
LOCAL_OBJECT(bg__obj_secret, struct raw_secret,
	     "a secret from Secrets Manager or SSM Parameter Store",
	     secret_rows);

static const struct bg__field log_rows[] = {
	STR(struct raw_log, log_driver, "log_driver",
	    .enums = bg__enum_log_drivers,
	    .desc = "log driver; Fargate: awslogs or splunk"),
	FREE("options", BG_K_MAP, .desc = "driver options (a map of text)"),
	LIST(struct raw_log, secret_options, "secret_options", BG_K_OBJS,
	     .sub = &bg__obj_secret, .desc = "driver options from secrets"),
};
LOCAL_OBJECT(bg__obj_log, struct raw_log, "the container's logging",
	     log_rows);

static const struct bg__field ulimit_rows[] = {
	STR(struct raw_ulimit, name, "name", .enums = bg__enum_ulimit_names,
	    .desc = "the limit"),
	INT(struct raw_ulimit, soft_limit, "soft_limit",
	    .desc = "soft limit; -1: unlimited"),
	INT(struct raw_ulimit, hard_limit, "hard_limit",
	    .desc = "hard limit; -1: unlimited"),
};
LOCAL_OBJECT(bg__obj_ulimit, struct raw_ulimit, "a ulimit (EC2 only)",
	     ulimit_rows);

static const struct bg__field ephemeral_rows[] = {
	INT(struct raw_ephemeral, size_in_gib, "size_in_gib", .api = "sizeInGiB",
	    .desc = "GiB, 21 ... 200"),
};
LOCAL_OBJECT(bg__obj_ephemeral, struct raw_ephemeral,
	     "Fargate ephemeral storage", ephemeral_rows);

static const struct bg__field runtime_rows[] = {
	STR(struct raw_runtime, operating_system_family,
	    "operating_system_family", .enums = bg__enum_os_families,
	    .desc = "operating system of the Fargate task"),
	STR(struct raw_runtime, cpu_architecture, "cpu_architecture",
	    .enums = bg__enum_cpu_architectures,
	    .desc = "CPU architecture of the Fargate task"),
};
LOCAL_OBJECT(bg__obj_runtime, struct raw_runtime,
	     "Fargate runtime platform", runtime_rows);

static const struct bg__field credentials_rows[] = {
	STR(struct raw_credentials, credentials_parameter,
	    "credentials_parameter",
	    .desc = "ARN of the Secrets Manager secret with the registry "
		    "credentials"),
};
LOCAL_OBJECT(bg__obj_credentials, struct raw_credentials,
	     "private registry credentials", credentials_rows);

/* ---- the container ---- */

#define C struct raw_container
static const struct bg__field container_rows[] = {
	STR(C, image, "image", .flag = "image",
	    .desc = "container image"),
	LIST(C, command, "command", BG_K_STRS, .flag = "command",
	     .desc = "command and arguments; may hold Ref::NAME"),
	ROW(C, vcpus, "vcpus", BG_K_NUM, .api = "", .flag = "vcpus",
	    .desc = "vCPUs; fractions (0.25, 0.5) on Fargate"),
	INT(C, memory, "memory", .api = "", .flag = "memory",
	    .desc = "memory in MiB"),
	INT(C, gpus, "gpus", .api = "", .flag = "gpus",
	    .desc = "physical GPUs (EC2 only)"),
	STR(C, job_role_arn, "job_role_arn", .flag = "job-role-arn",
	    .desc = "IAM role the job's code runs as"),
	STR(C, execution_role_arn, "execution_role_arn",
	    .flag = "execution-role-arn",
	    .desc = "IAM role the agent pulls images and secrets with"),
	FREE("environment", BG_K_ENV, .flag = "env",
	     .desc = "environment variables: a map, or a list of "
		     "{name, value}"),
	LIST(C, mount_points, "mount_points", BG_K_OBJS,
	     .sub = &bg__obj_mount, .flag = "mount",
	     .desc = "where volumes are mounted"),
	LIST(C, volumes, "volumes", BG_K_OBJS, .sub = &bg__obj_volume,
	     .flag = "efs-volume",
	     .desc = "host and EFS volumes"),
	BOOL(C, privileged, "privileged", .flag = "privileged",
	     .desc = "root on the host (EC2 only)"),
	BOOL(C, readonly_root_filesystem, "readonly_root_filesystem",
	     .flag = "readonly-root-filesystem",
	     .desc = "mount the root file system read-only"),
	STR(C, user, "user", .flag = "user",
	    .desc = "user name or UID to run as"),
	OBJ(C, linux_parameters, "linux_parameters", bg__obj_linux,
	    .flag = "shared-memory-size",
	    .desc = "Linux settings: devices, tmpfs, swap, shared memory"),
	OBJ(C, log_configuration, "log_configuration", bg__obj_log,
	    .flag = "log-driver",
	    .desc = "log driver and its options"),
	LIST(C, secrets, "secrets", BG_K_OBJS, .sub = &bg__obj_secret,
	     .flag = "secret",
	     .desc = "environment variables from secrets"),
	LIST(C, ulimits, "ulimits", BG_K_OBJS, .sub = &bg__obj_ulimit,
	     .flag = "ulimit", .desc = "resource limits (EC2 only)"),
	OBJ(C, ephemeral_storage, "ephemeral_storage", bg__obj_ephemeral,
	    .flag = "ephemeral-storage",
	    .desc = "Fargate task storage"),
	OBJ(C, runtime_platform, "runtime_platform", bg__obj_runtime,
	    .flag = "cpu-architecture",
	    .desc = "Fargate operating system and CPU architecture"),
	OBJ(C, repository_credentials, "repository_credentials",
	    bg__obj_credentials, .flag = "repository-credentials",
	    .desc = "credentials for a private registry"),
	BOOL(C, enable_execute_command, "enable_execute_command",
	     .flag = "enable-execute-command",
	     .desc = "allow ECS Exec into the container"),
	STR(C, instance_type, "instance_type", .flag = "instance-type",
	    .desc = "instance type of a multinode range"),
	LIST(C, resource_requirements, "resource_requirements", BG_K_OBJS,
	     .flags = BG_F_TREE, .sub = &bg__obj_rr,
	     .desc = "vCPUs, memory and GPUs, as the API writes them"),
	OBJ(C, network_configuration, "network_configuration",
	    bg__obj_network, .flags = BG_F_TREE,
	    .desc = "Fargate networking"),
	OBJ(C, fargate_platform_configuration,
	    "fargate_platform_configuration", bg__obj_fargate,
	    .flags = BG_F_TREE, .desc = "Fargate platform version"),
};
#undef C
OBJECT(bg__obj_container, struct raw_container,
       "container properties", container_rows);

/* ---- multinode, retries, timeout ---- */

static const struct bg__field range_rows[] = {
	STR(struct raw_range, target_nodes, "target_nodes",
	    .desc = "nodes of the range: N, N:M, :M or N:"),
	OBJ(struct raw_range, container, "container", bg__obj_container,
	    .desc = "the range's container, on top of the job's own"),
};
LOCAL_OBJECT(bg__obj_range, struct raw_range, "a node range", range_rows);

static const struct bg__field nodes_rows[] = {
	INT(struct raw_nodes, main_node, "main_node",
	    .desc = "index of the main node"),
	INT(struct raw_nodes, num_nodes, "num_nodes",
	    .desc = "number of nodes"),
	LIST(struct raw_nodes, node_range_properties, "node_range_properties",
	     BG_K_OBJS, .sub = &bg__obj_range,
	     .desc = "node ranges and their containers"),
};
LOCAL_OBJECT(bg__obj_nodes, struct raw_nodes,
	     "multinode settings (nodeProperties)", nodes_rows);

static const struct bg__field eoe_rows[] = {
	STR(struct raw_eoe, action, "action",
	    .flags = BG_F_REQUIRED | BG_F_CASEFOLD, .enums = bg__enum_retry_actions,
	    .desc = "RETRY or EXIT (any case)"),
	STR(struct raw_eoe, on_exit_code, "on_exit_code",
	    .desc = "exit code pattern: digits, may end in *"),
	STR(struct raw_eoe, on_reason, "on_reason",
	    .desc = "reason pattern, may end in *"),
	STR(struct raw_eoe, on_status_reason, "on_status_reason",
	    .desc = "status reason pattern, may end in *"),
};
LOCAL_OBJECT(bg__obj_eoe, struct raw_eoe, "a retry condition", eoe_rows);

static const struct bg__field retry_rows[] = {
	INT(struct raw_retry, attempts, "attempts", .desc = "1 ... 10"),
	LIST(struct raw_retry, evaluate_on_exit, "evaluate_on_exit",
	     BG_K_OBJS, .sub = &bg__obj_eoe,
	     .desc = "at most 5 conditions; needs attempts"),
};
LOCAL_OBJECT(bg__obj_retry, struct raw_retry, "the retry strategy",
	     retry_rows);

static const struct bg__field timeout_rows[] = {
	INT(struct raw_timeout, attempt_duration_seconds,
	    "attempt_duration_seconds", .desc = "at least 60"),
};
LOCAL_OBJECT(bg__obj_timeout, struct raw_timeout, "the timeout",
	     timeout_rows);

/* ---- a job ---- */

#define J struct raw_job
static const struct bg__field job_options_rows[] = {
	{ .key = "", .kind = BG_K_INLINE, .off = offsetof(J, c),
	  .sub = &bg__obj_container,
	  .desc = "the container keys, written at the job level" },
	STR(J, assign_public_ip, "assign_public_ip",
	    .enums = bg__enum_enabled_disabled, .flag = "assign-public-ip",
	    .same_as =
		    "container_properties.network_configuration.assign_public_ip",
	    .desc = "give the Fargate task a public IP address"),
	STR(J, platform_version, "platform_version",
	    .flag = "platform-version",
	    .same_as = "container_properties.fargate_platform_configuration."
		       "platform_version",
	    .desc = "Fargate platform version: LATEST or X.Y.Z"),
	INT(J, num_nodes, "num_nodes", .flag = "nodes",
	    .same_as = "node_properties.num_nodes",
	    .desc = "number of nodes (multinode)"),
	INT(J, main_node, "main_node", .flag = "main-node",
	    .same_as = "node_properties.main_node",
	    .desc = "index of the main node (multinode)"),
	INT(J, retry_attempts, "retry_attempts", .flag = "retry-attempts",
	    .same_as = "retry_strategy.attempts",
	    .desc = "attempts, 1 ... 10"),
	INT(J, timeout_seconds, "timeout_seconds", .flag = "timeout",
	    .same_as = "timeout.attempt_duration_seconds",
	    .desc = "seconds per attempt, at least 60"),
	INT(J, scheduling_priority, "scheduling_priority",
	    .desc = "0 ... 9999"),
	LIST(J, platform_capabilities, "platform_capabilities", BG_K_STRS,
	     .enums = bg__enum_platforms, .flag = "platform",
	     .desc = "[EC2] or [FARGATE]"),
	BOOL(J, propagate_tags, "propagate_tags", .flag = "propagate-tags",
	     .desc = "copy the tags to the ECS tasks"),
	FREE("tags", BG_K_MAP, .flag = "tag", .desc = "tags (a map of text)"),
	FREE("parameters", BG_K_MAP, .flag = "parameter",
	     .desc = "default values of Ref::NAME (a map of text)"),
	OBJ(J, container_properties, "container_properties",
	    bg__obj_container, .desc = "the container, as the full tree"),
	OBJ(J, node_properties, "node_properties", bg__obj_nodes,
	    .desc = "multinode settings, as the full tree"),
	OBJ(J, retry_strategy, "retry_strategy", bg__obj_retry,
	    .desc = "the retry strategy, as the full tree"),
	OBJ(J, timeout, "timeout", bg__obj_timeout,
	    .desc = "the timeout, as the full tree"),
};
OBJECT(bg__obj_job_options, struct raw_job,
       "a job's options: what a template default can say",
       job_options_rows);

static const struct bg__field job_rows[] = {
	STR(J, name, "name", .flag = "name",
	    .desc = "job definition name; default: the template's"),
	STR(J, label, "label", .flag = "label",
	    .desc = "Terraform resource label; default: from the name"),
	STR(J, template, "template", .api = "",
	    .desc = "a built-in or user template; none: the job as written"),
	STR(J, type, "type", .enums = bg__enum_job_types,
	    .desc = "container or multinode; must agree with the template"),
	{ .key = "", .kind = BG_K_INLINE, .off = 0,
	  .sub = &bg__obj_job_options, .desc = "the job's options" },
};
#undef J
OBJECT(bg__obj_job, struct raw_job, "a job definition", job_rows);

/* ---- documents ---- */

static const struct bg__field spec_rows[] = {
	OBJ(struct raw_spec, defaults, "defaults", bg__obj_job,
	    .desc = "settings merged under every job"),
	LIST(struct raw_spec, jobs, "jobs", BG_K_OBJS,
	     .flags = BG_F_REQUIRED, .min = 1, .sub = &bg__obj_job,
	     .desc = "the job definitions"),
};
OBJECT(bg__obj_spec, struct raw_spec, "a batchgen spec file", spec_rows);

#define T struct raw_template
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
OBJECT(bg__obj_template, struct raw_template, "a batchgen template file",
       template_rows);

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

struct find {
	const char *key;
	const struct bg__field *found;
};

static bool
find_key(const struct bg__field *f, uint32_t off, void *ctx)
{
	struct find *fd = ctx;

	(void)off;
	if (strcmp(f->key, fd->key) == 0) {
		fd->found = f;
		return false;
	}
	return true;
}

const struct bg__field *
bg__object_field(const struct bg__object *o, const char *key)
{
	struct find fd = { key, NULL };

	bg__object_each(o, find_key, &fd);
	return fd.found;
}

const char *
bg__field_api_key(const struct bg__field *f, char *buf, size_t size)
{
	size_t n = 0;
	bool up = false;

	if (f->api != NULL) {
		return f->api;
	}
	for (const char *p = f->key; *p != '\0' && n + 1 < size; p++) {
		if (*p == '_') {
			up = true;
			continue;
		}
		buf[n++] = up ? (char)toupper((unsigned char)*p) : *p;
		up = false;
	}
	buf[n] = '\0';
	return buf;
}
