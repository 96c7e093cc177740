/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Validation: every rule runs, every problem becomes one diagnostic
 * with its rule code and field path. The rules are one table, declared
 * once; `batchgen rules` and the README print that same table.
 *
 * Messages are the seed's where the seed is right. Where it is wrong
 * about AWS (integer-only vCPUs, IAM ARNs of the aws partition only, no
 * Fargate size table) the rules follow the AWS Batch API and the aws
 * provider 5.100.0 (shared reference: aws-batch-rules.md).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "validate/rules.h"

/* ================================================================== */
/* The rule table                                                      */
/* ================================================================== */


static const struct bg_rule_info rules[R__COUNT] = {
	/* Reading and the schema check (input/). */
	[R_IO] = { "io", "", BG_SEV_ERROR,
		   "an input is a regular file that can be read (else exit 3)" },
	[R_JSON_SYNTAX] = { "json-syntax", "", BG_SEV_ERROR,
			    "JSON input is well-formed, one value" },
	[R_YAML_SYNTAX] = { "yaml-syntax", "", BG_SEV_ERROR,
			    "YAML input is well-formed, one document" },
	[R_YAML_TOO_DEEP] = { "yaml-too-deep", "", BG_SEV_ERROR,
			      "YAML nests at most 64 levels" },
	[R_YAML_TOO_LARGE] = { "yaml-too-large", "", BG_SEV_ERROR,
			       "aliases expand to at most 100,000 more "
			       "values" },
	[R_YAML_TAG] = { "yaml-tag", "", BG_SEV_ERROR,
			 "YAML tags are !!str, !!int, !!bool, !!null, !!map "
			 "or !!seq" },
	[R_YAML_MERGE] = { "yaml-merge", "", BG_SEV_ERROR,
			   "a merge key (<<) takes a mapping or a list of "
			   "them" },
	[R_STRING_NUL] = { "string-nul", "", BG_SEV_ERROR,
			   "strings hold no NUL character" },
	[R_SCHEMA_EMPTY] = { "schema-empty", "", BG_SEV_ERROR,
			     "a spec or template is not empty" },
	[R_SCHEMA_TYPE] = { "schema-type", "", BG_SEV_ERROR,
			    "a value has the type of its field (numbers: "
			    "docs/spec.md)" },
	[R_SCHEMA_ENUM] = { "schema-enum", "", BG_SEV_ERROR,
			    "a value is one its field allows" },
	[R_SCHEMA_NULL] = { "schema-null", "", BG_SEV_ERROR,
			    "no null where a value is required" },
	[R_SCHEMA_UNKNOWN_KEY] = { "schema-unknown-key", "", BG_SEV_ERROR,
				   "every key is a known field" },
	[R_SCHEMA_DUPLICATE_KEY] = { "schema-duplicate-key", "",
				     BG_SEV_ERROR, "a field is given once" },
	[R_SCHEMA_MISSING_KEY] = { "schema-missing-key", "", BG_SEV_ERROR,
				   "required fields are given" },
	[R_SCHEMA_NESTING] = { "schema-nesting", "", BG_SEV_ERROR,
			       "fields nest at most 64 levels" },
	[R_SCHEMA_LOAD] = { "schema-load", "", BG_SEV_ERROR,
			    "the typed load agrees with the check (internal)" },
	[R_DUPLICATE_KEY] = { "duplicate-key", "", BG_SEV_ERROR,
			      "a key of tags, parameters or options is "
			      "given once" },
	[R_GIVEN_TWICE] = { "given-twice", "", BG_SEV_ERROR,
			    "a setting is given once (vcpus or "
			    "container_properties.vcpus)" },
	[R_RESOURCE_TYPE] = { "resource-type",
			      "container_properties.resource_requirements",
			      BG_SEV_ERROR,
			      "resource types are GPU, MEMORY, VCPU, each once" },
	[R_NUMBER_SPELLING] = { "number-spelling", "", BG_SEV_WARNING,
				"a number is written in its shortest form (1, "
				"not 1.0)" },
	[R_DEFAULTS_NAME] = { "defaults-name", "defaults", BG_SEV_ERROR,
			      "defaults hold no name or label" },
	/* Templates (template/). */
	[R_TEMPLATE_DIR] = { "template-dir", "", BG_SEV_ERROR,
			     "a template directory can be read (else exit 3)" },
	[R_TEMPLATE_UNKNOWN] = { "template-unknown", "template", BG_SEV_ERROR,
				 "a template exists and its extends chain is "
				 "whole" },
	[R_TEMPLATE_CYCLE] = { "template-cycle", "extends", BG_SEV_ERROR,
			       "extends has no cycle" },
	[R_TEMPLATE_DEPTH] = { "template-depth", "extends", BG_SEV_ERROR,
			       "a template has at most 31 ancestors" },
	[R_TEMPLATE_CONFLICT] = { BG_CODE_TEMPLATE_CONFLICT, "type",
				  BG_SEV_ERROR,
				  "a job's type and platform agree with its "
				  "template" },
	[R_TEMPLATE_OPTION] = { BG_CODE_TEMPLATE_OPTION, "", BG_SEV_ERROR,
				"options fit the template (no node settings "
				"on a container template)" },
	[R_TEMPLATE_SHADOW] = { "template-shadow", "", BG_SEV_NOTE,
				"a user template replaces one of the same "
				"name (-v)" },
	[R_SCAFFOLD] = { BG_CODE_SCAFFOLD, "", BG_SEV_NOTE,
			 "a missing image or role becomes an input "
			 "variable" },
	/* Validation. */
	[R_NAME_LENGTH] = { "name-length", "name", BG_SEV_ERROR,
			    "name is 1 to 128 characters" },
	[R_NAME_CHARSET] = { "name-charset", "name", BG_SEV_ERROR,
			     "name has only letters, digits, '-' and '_'" },
	[R_NAME_START] = { "name-start", "name", BG_SEV_ERROR,
			   "name starts with a letter or digit" },
	[R_LABEL] = { "label", "label", BG_SEV_ERROR,
		      "the Terraform label is an identifier" },
	[R_TYPE] = { "type", "type", BG_SEV_ERROR,
		     "type is container or multinode" },
	[R_TYPE_PROPERTIES] = { "type-properties", "type", BG_SEV_ERROR,
				"container jobs have container_properties, "
				"multinode jobs node_properties" },
	[R_PLATFORM_CAPABILITY] = { "platform-capability",
				    "platform_capabilities", BG_SEV_ERROR,
				    "platforms are EC2 or FARGATE" },
	[R_PLATFORM_COUNT] = { "platform-count", "platform_capabilities",
			       BG_SEV_ERROR,
			       "at most one platform capability" },
	[R_IMAGE] = { "image", "container_properties.image", BG_SEV_ERROR,
		      "a container has a non-empty image" },
	[R_RESOURCES_REQUIRED] = { "resources-required",
				   "container_properties", BG_SEV_ERROR,
				   "a container sets vCPUs and memory" },
	[R_VCPUS] = { "vcpus", "container_properties.vcpus", BG_SEV_ERROR,
		      "EC2 vCPUs are a whole number >= 1" },
	[R_MEMORY] = { "memory", "container_properties.memory", BG_SEV_ERROR,
		       "memory is a whole number of MiB, 4 or more" },
	[R_GPUS] = { "gpus", "container_properties.gpus", BG_SEV_ERROR,
		     "GPUs are a whole number >= 1" },
	[R_FARGATE_SIZE] = { "fargate-size", "container_properties.vcpus",
			     BG_SEV_ERROR,
			     "Fargate vCPU and memory form a valid pair" },
	[R_FARGATE_32_VCPU] = { "fargate-32-vcpu",
				"container_properties.vcpus", BG_SEV_WARNING,
				"32 vCPU on Fargate is newly documented" },
	[R_FARGATE_GPU] = { "fargate-gpu", "container_properties.gpus",
			    BG_SEV_ERROR, "no GPUs on Fargate" },
	[R_FARGATE_PRIVILEGED] = { "fargate-privileged",
				   "container_properties.privileged",
				   BG_SEV_ERROR,
				   "no privileged containers on Fargate" },
	[R_FARGATE_EXECUTION_ROLE] = {
		"fargate-execution-role",
		"container_properties.execution_role_arn", BG_SEV_ERROR,
		"Fargate jobs have an execution role" },
	[R_FARGATE_HOST_VOLUME] = { "fargate-host-volume",
				    "container_properties.volumes",
				    BG_SEV_ERROR,
				    "no host volumes on Fargate" },
	[R_FARGATE_MULTINODE] = { "fargate-multinode", "type", BG_SEV_ERROR,
				  "multinode jobs run on EC2 only" },
	[R_FARGATE_ONLY] = { "fargate-only", "container_properties",
			     BG_SEV_ERROR,
			     "network configuration and platform version "
			     "are for Fargate only" },
	[R_ASSIGN_PUBLIC_IP] = { "assign-public-ip",
				 "container_properties.network_configuration",
				 BG_SEV_ERROR,
				 "assign_public_ip is ENABLED or DISABLED" },
	[R_PLATFORM_VERSION] = {
		"platform-version",
		"container_properties.fargate_platform_configuration",
		BG_SEV_ERROR, "platform version is LATEST or X.Y.Z" },
	[R_ROLE_ARN] = { "role-arn", "container_properties.job_role_arn",
			 BG_SEV_ERROR,
			 "role ARNs are IAM role ARNs or Terraform "
			 "references" },
	[R_ENVIRONMENT] = { "environment", "container_properties.environment",
			    BG_SEV_ERROR,
			    "environment variables have a name and a value" },
	[R_MOUNT_POINT] = { "mount-point", "container_properties.mount_points",
			    BG_SEV_ERROR,
			    "mount points have a source volume and a path" },
	[R_MOUNT_POINT_VOLUME] = { "mount-point-volume",
				   "container_properties.mount_points",
				   BG_SEV_ERROR,
				   "mount points name a declared volume" },
	[R_VOLUME_NAME] = { "volume-name", "container_properties.volumes",
			    BG_SEV_ERROR, "volumes have a unique name" },
	[R_EFS_FILE_SYSTEM] = { "efs-file-system",
				"container_properties.volumes", BG_SEV_ERROR,
				"EFS volumes have a file system ID" },
	[R_NODE_MAIN] = { "node-main", "node_properties.main_node",
			  BG_SEV_ERROR, "0 <= main_node < num_nodes" },
	[R_NODE_NUM] = { "node-num", "node_properties.num_nodes",
			 BG_SEV_ERROR, "num_nodes is a positive number" },
	[R_NODE_RANGES] = { "node-ranges",
			    "node_properties.node_range_properties",
			    BG_SEV_ERROR, "multinode jobs have node ranges" },
	[R_NODE_TARGET] = { "node-target",
			    "node_properties.node_range_properties",
			    BG_SEV_ERROR, "node ranges have target_nodes" },
	[R_RETRY_ATTEMPTS] = { "retry-attempts", "retry_strategy.attempts",
			       BG_SEV_ERROR,
			       "retry attempts are 1 to 10" },
	[R_EOE_COUNT] = { "retry-conditions-count",
			  "retry_strategy.evaluate_on_exit", BG_SEV_ERROR,
			  "at most 5 evaluate_on_exit conditions" },
	[R_EOE_ATTEMPTS] = { "retry-conditions-attempts",
			     "retry_strategy.attempts", BG_SEV_ERROR,
			     "evaluate_on_exit needs attempts" },
	[R_EOE_ACTION] = { "retry-action",
			   "retry_strategy.evaluate_on_exit", BG_SEV_ERROR,
			   "the action is RETRY or EXIT" },
	[R_EOE_CONDITION] = { "retry-condition",
			      "retry_strategy.evaluate_on_exit",
			      BG_SEV_ERROR,
			      "each condition has on_exit_code, on_reason or "
			      "on_status_reason" },
	[R_EOE_EXIT_CODE] = { "retry-exit-code",
			      "retry_strategy.evaluate_on_exit",
			      BG_SEV_ERROR,
			      "on_exit_code is 1-512 digits, '*' only at the "
			      "end" },
	[R_EOE_REASON] = { "retry-reason", "retry_strategy.evaluate_on_exit",
			   BG_SEV_ERROR,
			   "on_reason/on_status_reason are 1-512 of letters, "
			   "digits, '.', ':', spaces, '*' only at the end" },
	[R_TIMEOUT] = { "timeout", "timeout.attempt_duration_seconds",
			BG_SEV_ERROR, "timeout is at least 60 seconds" },
	[R_IMAGE_FORMAT] = { "image-format", "container_properties.image",
			     BG_SEV_ERROR,
			     "image is at most 255 of [A-Za-z0-9-_:./#@]" },
	[R_TAGS_COUNT] = { "tags-count", "tags", BG_SEV_ERROR,
			   "at most 50 tags" },
	[R_TAG_KEY] = { "tag-key", "tags", BG_SEV_ERROR,
			"tag keys are 1 to 128 characters" },
	[R_TAG_VALUE] = { "tag-value", "tags", BG_SEV_ERROR,
			  "tag values are at most 256 characters" },
	[R_TAG_AWS_PREFIX] = { "tag-aws-prefix", "tags", BG_SEV_ERROR,
			       "tag keys and values do not start with aws:" },
	[R_PARAMETER_REF] = { "parameter-ref", "container_properties.command",
			      BG_SEV_WARNING,
			      "every Ref::name in the command has a default "
			      "in parameters" },
	[R_PARAMETER_UNUSED] = { "parameter-unused", "parameters",
				 BG_SEV_WARNING,
				 "every parameter is used as Ref::name in the "
				 "command" },
	[R_ENV_RESERVED] = { "env-reserved", "container_properties.environment",
			     BG_SEV_ERROR,
			     "environment names do not start with AWS_BATCH" },
	[R_ENV_DUPLICATE] = { "env-duplicate",
			      "container_properties.environment",
			      BG_SEV_ERROR,
			      "environment names are unique" },
	[R_ENV_EMPTY] = { "env-empty", "container_properties.environment",
			  BG_SEV_WARNING,
			  "environment values are not empty (AWS drops "
			  "them)" },
	[R_MOUNT_PATH] = { "mount-path", "container_properties.mount_points",
			   BG_SEV_ERROR,
			   "mount point container paths are absolute" },
	[R_VOLUME_KIND] = { "volume-kind", "container_properties.volumes",
			    BG_SEV_ERROR,
			    "a volume is a host volume or an EFS volume, not "
			    "both; names are 1-255 of [A-Za-z0-9_-]" },
	[R_EFS_TRANSIT] = { "efs-transit", "container_properties.volumes",
			    BG_SEV_ERROR,
			    "EFS transit encryption and IAM are ENABLED or "
			    "DISABLED" },
	[R_EFS_IAM] = { "efs-iam", "container_properties.volumes",
			BG_SEV_ERROR,
			"EFS IAM authorization needs transit encryption and "
			"a job role" },
	[R_EFS_ACCESS_POINT] = { "efs-access-point",
				 "container_properties.volumes", BG_SEV_ERROR,
				 "an EFS access point needs transit encryption "
				 "and root directory / (or none)" },
	[R_EFS_ROOT] = { "efs-root", "container_properties.volumes",
			 BG_SEV_ERROR,
			 "EFS root directory is at most 4096 characters" },
	[R_EFS_PORT] = { "efs-port", "container_properties.volumes",
			 BG_SEV_ERROR,
			 "EFS transit encryption port is 0 to 65535" },
	[R_FARGATE_EFS_VERSION] = {
		"fargate-efs-version",
		"container_properties.fargate_platform_configuration",
		BG_SEV_ERROR,
		"EFS on Fargate needs platform version 1.4.0 or later "
		"(LATEST is)" },
	[R_FARGATE_QUOTA] = { "fargate-quota", "container_properties.vcpus",
			      BG_SEV_WARNING,
			      "more than 6 Fargate vCPUs may exceed the "
			      "default quota" },
	[R_USER] = { "user", "container_properties.user", BG_SEV_ERROR,
		     "user is user, user:group, uid or uid:gid" },
	[R_NODE_MAX] = { "node-max", "node_properties.num_nodes", BG_SEV_ERROR,
			 "at most 1000 nodes" },
	[R_NODE_TARGET_FORMAT] = { "node-target-format",
				   "node_properties.node_range_properties",
				   BG_SEV_ERROR,
				   "target_nodes is N, N:M, N: or :M within "
				   "the nodes" },
	[R_NODE_COVERAGE] = { "node-coverage",
			      "node_properties.node_range_properties",
			      BG_SEV_ERROR,
			      "node ranges cover every node" },
	[R_NODE_OVERLAP] = { "node-overlap",
			     "node_properties.node_range_properties",
			     BG_SEV_ERROR,
			     "node ranges nest or are apart, never partly "
			     "overlap" },
	[R_NODE_GROUPS] = { "node-groups",
			    "node_properties.node_range_properties",
			    BG_SEV_ERROR, "at most 5 node ranges" },
	[R_SCHEDULING_PRIORITY] = { "scheduling-priority",
				    "scheduling_priority", BG_SEV_ERROR,
				    "scheduling priority is 0 to 9999" },
	[R_FARGATE_LINUX] = { "fargate-linux",
			      "container_properties.linux_parameters",
			      BG_SEV_ERROR,
			      "no devices, shared memory size, tmpfs or swap "
			      "on Fargate" },
	[R_FARGATE_ULIMITS] = { "fargate-ulimits",
				"container_properties.ulimits", BG_SEV_ERROR,
				"no ulimits on Fargate" },
	[R_FARGATE_LOG_DRIVER] = { "fargate-log-driver",
				   "container_properties.log_configuration",
				   BG_SEV_ERROR,
				   "Fargate logs go to awslogs or splunk" },
	[R_FARGATE_FEATURE] = { "fargate-feature", "container_properties",
				BG_SEV_WARNING,
				"ephemeral storage and runtime platform are "
				"for Fargate jobs" },
	[R_EPHEMERAL_STORAGE] = { "ephemeral-storage",
				  "container_properties.ephemeral_storage",
				  BG_SEV_ERROR,
				  "ephemeral storage is 21 to 200 GiB" },
	[R_RUNTIME_PLATFORM] = { "runtime-platform",
				 "container_properties.runtime_platform",
				 BG_SEV_ERROR,
				 "runtime platform names a known OS family and "
				 "CPU architecture" },
	[R_WINDOWS] = { "windows", "container_properties.runtime_platform",
			BG_SEV_ERROR,
			"Windows containers run on X86_64, without "
			"linux_parameters, privileged, user, ulimits, "
			"read-only root or EFS" },
	[R_LOG_DRIVER] = { "log-driver",
			   "container_properties.log_configuration",
			   BG_SEV_ERROR,
			   "a log configuration names one of the 8 log "
			   "drivers" },
	[R_LOG_FIRELENS] = { "log-firelens",
			     "container_properties.log_configuration",
			     BG_SEV_WARNING,
			     "awsfirelens needs a FireLens container, which "
			     "container properties cannot declare" },
	[R_SECRET] = { "secret", "container_properties.secrets",
		       BG_SEV_ERROR,
		       "secrets have a name and a Secrets Manager or SSM "
		       "value_from" },
	[R_SECRET_EXECUTION_ROLE] = {
		"secret-execution-role",
		"container_properties.execution_role_arn", BG_SEV_WARNING,
		"secrets are fetched with the execution role" },
	[R_ULIMIT] = { "ulimit", "container_properties.ulimits",
		       BG_SEV_ERROR,
		       "ulimits name a known limit, with soft <= hard" },
	[R_LINUX_SWAP] = { "linux-swap",
			   "container_properties.linux_parameters",
			   BG_SEV_ERROR,
			   "max_swap is 0 or more; swappiness is 0 to 100" },
	[R_SWAPPINESS_IGNORED] = { "swappiness-ignored",
				   "container_properties.linux_parameters",
				   BG_SEV_WARNING,
				   "swappiness takes effect with max_swap "
				   "only" },
	[R_SHARED_MEMORY] = { "shared-memory-size",
			      "container_properties.linux_parameters",
			      BG_SEV_ERROR,
			      "shared memory size is a positive number of "
			      "MiB" },
	[R_DEVICE] = { "device", "container_properties.linux_parameters",
		       BG_SEV_ERROR,
		       "devices have an absolute host path and READ, WRITE, "
		       "MKNOD permissions" },
	[R_TMPFS] = { "tmpfs", "container_properties.linux_parameters",
		      BG_SEV_ERROR,
		      "tmpfs mounts have an absolute path, a size and known "
		      "mount options" },
	[R_INSTANCE_TYPE] = { "instance-type",
			      "container_properties.instance_type",
			      BG_SEV_ERROR,
			      "instance_type is for node ranges of multinode "
			      "jobs only" },
	[R_NODE_INSTANCE_TYPE] = { "node-instance-type",
				   "node_properties.node_range_properties",
				   BG_SEV_ERROR,
				   "node ranges use one instance type" },
	[R_REPOSITORY_CREDENTIALS] = {
		"repository-credentials",
		"container_properties.repository_credentials", BG_SEV_ERROR,
		"repository credentials name a Secrets Manager secret" },
	[R_PROPAGATE_TAGS] = { "propagate-tags-count", "tags",
			       BG_SEV_WARNING,
			       "with propagate_tags, 50 tags leave none for "
			       "the job's own" },
	[R_FORCES_REPLACEMENT] = { "forces-replacement",
				   "retry_strategy.evaluate_on_exit",
				   BG_SEV_WARNING,
				   "-o over a .tf.json: a new name or "
				   "evaluate_on_exit replaces the definition" },
	[R_UNIQUE_NAME] = { "duplicate-name", "name", BG_SEV_ERROR,
			    "job names are unique in one output" },
	[R_UNIQUE_LABEL] = { "duplicate-label", "label", BG_SEV_ERROR,
			     "resource labels are unique in one output" },
};

size_t
bg_rule_count(void)
{
	return R__COUNT;
}

const struct bg_rule_info *
bg_rule_get(size_t i)
{
	return i < R__COUNT ? &rules[i] : NULL;
}

/* ================================================================== */
/* Fargate sizes (AWS Batch API, SDK 3.1138.0)                         */
/* ================================================================== */

struct fargate_size {
	int64_t vcpus_milli;
	int64_t min, max, step; /* MiB */
	const int64_t *list;    /* explicit values instead of a range */
	size_t list_count;
};

static const int64_t quarter_vcpu[] = { 512, 1024, 2048 };
static const int64_t thirty_two_vcpu[] = { 61440, 122880, 249856 };

static const struct fargate_size fargate_sizes[] = {
	{ 250, 0, 0, 0, quarter_vcpu, ARRAY_LENGTH(quarter_vcpu) },
	{ 500, 1024, 4096, 1024, NULL, 0 },
	{ 1000, 2048, 8192, 1024, NULL, 0 },
	{ 2000, 4096, 16384, 1024, NULL, 0 },
	{ 4000, 8192, 30720, 1024, NULL, 0 },
	{ 8000, 16384, 61440, 4096, NULL, 0 },
	{ 16000, 32768, 122880, 8192, NULL, 0 },
	{ 32000, 0, 0, 0, thirty_two_vcpu, ARRAY_LENGTH(thirty_two_vcpu) },
};

static const struct fargate_size *
fargate_size_find(int64_t vcpus_milli)
{
	for (size_t i = 0; i < ARRAY_LENGTH(fargate_sizes); i++) {
		if (fargate_sizes[i].vcpus_milli == vcpus_milli) {
			return &fargate_sizes[i];
		}
	}
	return NULL;
}

bool
bg__fargate_size_ok(int64_t vcpus_milli, int64_t memory)
{
	const struct fargate_size *s = fargate_size_find(vcpus_milli);

	if (s == NULL) {
		return false;
	}
	if (s->list != NULL) {
		for (size_t i = 0; i < s->list_count; i++) {
			if (s->list[i] == memory) {
				return true;
			}
		}
		return false;
	}
	return memory >= s->min && memory <= s->max &&
	       (memory - s->min) % s->step == 0;
}

bool
bg__fargate_memory_text(int64_t vcpus_milli, char *buf, size_t size)
{
	const struct fargate_size *s = fargate_size_find(vcpus_milli);
	size_t used = 0;

	if (s == NULL) {
		return false;
	}
	if (s->list == NULL) {
		snprintf(buf, size, "%lld-%lld MiB in %lld MiB steps",
			 (long long)s->min, (long long)s->max,
			 (long long)s->step);
		return true;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < s->list_count && used < size; i++) {
		const char *sep = i == 0			? ""
				  : i + 1 == s->list_count ? " or "
							   : ", ";
		int n = snprintf(buf + used, size - used, "%s%lld", sep,
				 (long long)s->list[i]);
		if (n < 0) {
			break;
		}
		used += (size_t)n;
	}
	if (used < size) {
		snprintf(buf + used, size - used, " MiB");
	}
	return true;
}

/* ================================================================== */
/* Reporting                                                           */
/* ================================================================== */

void
bg__report(struct ctx *cx, enum rule_id id, const char *path,
	   const char *fmt, ...)
{
	char msg[1024];
	char *full;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (cx->prefix != NULL && cx->prefix[0] != '\0') {
		full = bg__asprintf("%s%s%s", cx->prefix,
				    path[0] != '\0' ? "." : "", path);
	} else {
		full = bg__asprintf("%s", path);
	}
	if (full == NULL ||
	    bg_diags_add(cx->diags, rules[id].severity, rules[id].code, NULL,
			 0, 0, full, "%s", msg) != BG_OK) {
		cx->nomem = true;
	}
	free(full);
}

/* ================================================================== */
/* Checks                                                              */
/* ================================================================== */

bool
bg__check_range(struct ctx *cx, enum rule_id id, const char *path,
		const struct bg_opt_int *v, int64_t lo, int64_t hi,
		const char *what, const char *unit)
{
	if (!v->set || (v->value >= lo && v->value <= hi)) {
		return true;
	}
	bg__report(cx, id, path, "%s must be between %lld and %lld%s%s; got %lld",
		   what, (long long)lo, (long long)hi, unit[0] ? " " : "", unit,
		   (long long)v->value);
	return false;
}

static void
check_name(struct ctx *cx, const char *name)
{
	size_t len = name != NULL ? strlen(name) : 0;

	if (len < 1 || len > 128) {
		bg__report(cx, R_NAME_LENGTH, "name",
		       "Job definition name must be between 1 and 128 "
		       "characters; got %zu",
		       len);
	}
	if (len == 0) {
		return;
	}
	for (size_t i = 0, chars = 0; i < len; i++) {
		if ((name[i] & 0xc0) != 0x80) {
			chars++; /* positions count characters, not bytes */
		}
		if (!bg__is_alnum(name[i]) && name[i] != '-' && name[i] != '_') {
			/* Quote the whole character: one byte of a UTF-8
			 * sequence would not be text. */
			size_t n = 1;
			while (i + n < len && n < 4 &&
			       (name[i + n] & 0xc0) == 0x80 &&
			       (name[i] & 0xc0) == 0xc0) {
				n++;
			}
			bg__report(cx, R_NAME_CHARSET, "name",
			       "Job definition name can only contain "
			       "letters, numbers, hyphens, and underscores; "
			       "'%s' has '%.*s' at position %zu",
			       name, (int)n, name + i, chars);
			break;
		}
	}
	if (!bg__is_alnum(name[0])) {
		bg__report(cx, R_NAME_START, "name",
		       "Job definition name must start with a letter or "
		       "number; got '%s'",
		       name);
	}
}

static void
check_label(struct ctx *cx, const char *label)
{
	if (!bg__is_tf_identifier(label)) {
		bg__report(cx, R_LABEL, "label",
		       "Terraform label must start with a letter or '_' and "
		       "hold only letters, digits, '_' and '-'; got '%s'",
		       label != NULL ? label : "");
	}
}

/* arn:PARTITION:iam::ACCOUNT:role/NAME, for every partition (aws,
 * aws-cn, aws-us-gov, aws-iso...); NAME may hold a path. */
static bool
is_role_arn(const char *arn)
{
	const char *p = arn;
	int digits = 0;

	if (strncmp(p, "arn:aws", 7) != 0) {
		return false;
	}
	p += 7;
	while (*p == '-') { /* partition suffixes: -cn, -us-gov, -iso-b */
		p++;
		if (!(*p >= 'a' && *p <= 'z')) {
			return false;
		}
		while (*p >= 'a' && *p <= 'z') {
			p++;
		}
	}
	if (strncmp(p, ":iam::", 6) != 0) {
		return false;
	}
	for (p += 6; *p >= '0' && *p <= '9'; p++) {
		digits++;
	}
	if (digits != 12 || strncmp(p, ":role/", 6) != 0) {
		return false;
	}
	p += 6;
	if (*p == '\0') {
		return false;
	}
	for (; *p != '\0'; p++) {
		if (!bg__is_alnum(*p) && strchr("+=,.@_/-", *p) == NULL) {
			return false;
		}
	}
	return true;
}

static void
check_role(struct ctx *cx, const char *arn, const char *path,
	   const char *what)
{
	if (arn == NULL || bg__is_tf_reference(arn)) {
		return;
	}
	if (!is_role_arn(arn)) {
		bg__report(cx, R_ROLE_ARN, path,
		       "%s ARN must be a valid IAM role ARN "
		       "(arn:PARTITION:iam::ACCOUNT:role/NAME) or a Terraform "
		       "reference such as ${aws_iam_role.job.arn}; got '%s'",
		       what, arn);
	}
}

static bool
is_platform_version(const char *v)
{
	int dots = 0;
	bool digit = false;

	if (strcmp(v, "LATEST") == 0) {
		return true;
	}
	for (const char *p = v; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			digit = true;
		} else if (*p == '.' && digit) {
			dots++;
			digit = false;
		} else {
			return false;
		}
	}
	return dots == 2 && digit;
}

static void
check_resources(struct ctx *cx, const struct bg_container *c,
		const char *base, bool fargate)
{
	char path[256];
	char v[32];
	char allowed[128];

	snprintf(path, sizeof(path), "%s.vcpus", base);
	if (!c->vcpus_milli.set || !c->memory.set) {
		bg__report(cx, R_RESOURCES_REQUIRED, base,
		       "Container properties must set %s (AWS rejects the "
		       "job otherwise)",
		       !c->vcpus_milli.set && !c->memory.set ? "vcpus and memory"
		       : !c->vcpus_milli.set		     ? "vcpus"
							     : "memory");
	}
	if (c->vcpus_milli.set) {
		bg_vcpus_format(c->vcpus_milli.value, v, sizeof(v));
		if (c->vcpus_milli.value <= 0) {
			bg__report(cx, R_VCPUS, path,
			       "vCPUs must be a positive integer; got %s", v);
		} else if (!fargate && (c->vcpus_milli.value % 1000 != 0 ||
					c->vcpus_milli.value >
						(int64_t)INT32_MAX * 1000)) {
			bg__report(cx, R_VCPUS, path,
			       "vCPUs must be a positive integer; got %s "
			       "(fractional vCPUs are for Fargate only)",
			       v);
		} else if (fargate &&
			   fargate_size_find(c->vcpus_milli.value) == NULL) {
			bg__report(cx, R_FARGATE_SIZE, path,
			       "Fargate vCPUs must be one of 0.25, 0.5, 1, "
			       "2, 4, 8, 16 (or 32); got %s",
			       v);
		}
	}
	snprintf(path, sizeof(path), "%s.memory", base);
	if (c->memory.set) {
		if (c->memory.value <= 0) {
			bg__report(cx, R_MEMORY, path,
			       "Memory must be a positive integer (MB); "
			       "got %lld",
			       (long long)c->memory.value);
		} else if (c->memory.value < 4 ||
			   c->memory.value > INT32_MAX) {
			bg__report(cx, R_MEMORY, path,
			       "Memory must be between 4 and %d MiB; got "
			       "%lld",
			       INT32_MAX, (long long)c->memory.value);
		}
	}
	if (fargate && c->vcpus_milli.set && c->memory.set &&
	    c->memory.value > 0 &&
	    fargate_size_find(c->vcpus_milli.value) != NULL) {
		if (!bg__fargate_size_ok(c->vcpus_milli.value,
					 c->memory.value)) {
			bg__fargate_memory_text(c->vcpus_milli.value, allowed,
						sizeof(allowed));
			bg__report(cx, R_FARGATE_SIZE, path,
			       "Fargate %s vCPU takes %s; got %lld", v,
			       allowed, (long long)c->memory.value);
		} else if (c->vcpus_milli.value == 32000) {
			bg__report(cx, R_FARGATE_32_VCPU, path,
			       "32 vCPU on Fargate is documented only by "
			       "the newest AWS SDK; check that your region "
			       "offers it");
		}
	}
	snprintf(path, sizeof(path), "%s.gpus", base);
	if (c->gpus.set) {
		if (c->gpus.value <= 0 || c->gpus.value > INT32_MAX) {
			bg__report(cx, R_GPUS, path,
			       "GPUs must be a positive integer; got %lld",
			       (long long)c->gpus.value);
		} else if (fargate) {
			bg__report(cx, R_FARGATE_GPU, path,
			       "GPU resources are not supported on Fargate; "
			       "use EC2 for GPU jobs");
		}
	}
}

static bool
has_prefix_nocase(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++) {
		char a = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		if (a != *prefix) {
			return false;
		}
	}
	return true;
}

/* Image names: at most 255 of [A-Za-z0-9-_:./#@] (a Terraform
 * reference is checked by Terraform instead). */
static void
check_image(struct ctx *cx, const char *image, const char *path)
{
	size_t len;

	if (image == NULL || image[0] == '\0' || strstr(image, "${") != NULL) {
		return;
	}
	len = strlen(image);
	if (len > 255) {
		bg__report(cx, R_IMAGE_FORMAT, path,
		       "image must be at most 255 characters; got %zu", len);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (!bg__is_alnum(image[i]) && strchr("-_:./#@", image[i]) == NULL) {
			bg__report(cx, R_IMAGE_FORMAT, path,
			       "image may hold letters, digits and - _ : . / "
			       "# @ only; '%s' has '%c' at position %zu",
			       image, image[i], i + 1);
			return;
		}
	}
}

/* "BASE.LIST[I]" in buf: formatted only when a report needs it, since
 * the checks run over every item of every job. */
static const char *
item_path(char *buf, size_t size, const char *base, const char *list,
	  size_t i)
{
	snprintf(buf, size, "%s.%s[%zu]", base, list, i);
	return buf;
}

static void
check_environment(struct ctx *cx, const struct bg_container *c,
		  const char *base)
{
	char path[300];
	struct bg__strindex seen = { 0 };

	for (size_t i = 0; i < c->environment.count; i++) {
		const struct bg_kv *kv = &c->environment.items[i];
		size_t j;
		if (kv->key == NULL || kv->key[0] == '\0' ||
		    kv->value == NULL) {
			item_path(path, sizeof(path), base, "environment", i);
			bg__report(cx, R_ENVIRONMENT, path,
			       "Environment variable %zu must have 'name' "
			       "and 'value' fields",
			       i);
			continue;
		}
		if (strncmp(kv->key, "AWS_BATCH", 9) == 0) {
			item_path(path, sizeof(path), base, "environment", i);
			bg__report(cx, R_ENV_RESERVED, path,
			       "environment variable '%s': names starting "
			       "with AWS_BATCH are reserved for AWS Batch",
			       kv->key);
		}
		switch (bg__strindex_put(&seen, kv->key, i, &j)) {
		case BG_OK:
			break;
		case BG_ERR_ARG:
			item_path(path, sizeof(path), base, "environment", i);
			bg__report(cx, R_ENV_DUPLICATE, path,
				   "environment variable '%s' is set twice "
				   "(also environment[%zu])",
				   kv->key, j);
			break;
		default:
			cx->nomem = true;
			break;
		}
		if (kv->value[0] == '\0') {
			item_path(path, sizeof(path), base, "environment", i);
			bg__report(cx, R_ENV_EMPTY, path,
			       "environment variable '%s' is empty: AWS Batch "
			       "drops empty values (the variable will not "
			       "be set)",
			       kv->key);
		}
	}
	bg__strindex_finish(&seen);
}

static bool
enabled_or_disabled(const char *v)
{
	return strcmp(v, "ENABLED") == 0 || strcmp(v, "DISABLED") == 0;
}

static void
check_efs(struct ctx *cx, const struct bg_container *c,
	  const struct bg_efs *e, const char *path)
{
	bool transit = e->transit_encryption != NULL &&
		       strcmp(e->transit_encryption, "ENABLED") == 0;
	bool iam = e->authorization.iam != NULL &&
		   strcmp(e->authorization.iam, "ENABLED") == 0;

	if (e->transit_encryption != NULL &&
	    !enabled_or_disabled(e->transit_encryption)) {
		bg__report(cx, R_EFS_TRANSIT, path,
		       "transit_encryption must be ENABLED or DISABLED; got "
		       "'%s'",
		       e->transit_encryption);
	}
	if (e->authorization.iam != NULL &&
	    !enabled_or_disabled(e->authorization.iam)) {
		bg__report(cx, R_EFS_TRANSIT, path,
		       "authorization_config.iam must be ENABLED or "
		       "DISABLED; got '%s'",
		       e->authorization.iam);
	}
	if (iam && !transit) {
		bg__report(cx, R_EFS_IAM, path,
		       "EFS IAM authorization needs transit_encryption "
		       "ENABLED");
	}
	if (iam && c->job_role_arn == NULL) {
		bg__report(cx, R_EFS_IAM, path,
		       "EFS IAM authorization needs a job_role_arn (the role "
		       "EFS authorizes)");
	}
	if (e->authorization.access_point_id != NULL) {
		if (!transit) {
			bg__report(cx, R_EFS_ACCESS_POINT, path,
			       "an EFS access point needs transit_encryption "
			       "ENABLED");
		}
		if (e->root_directory != NULL &&
		    strcmp(e->root_directory, "/") != 0) {
			bg__report(cx, R_EFS_ACCESS_POINT, path,
			       "with an EFS access point, root_directory must "
			       "be / or absent (the access point sets it); "
			       "got '%s'",
			       e->root_directory);
		}
	}
	if (e->root_directory != NULL && strlen(e->root_directory) > 4096) {
		bg__report(cx, R_EFS_ROOT, path,
		       "root_directory must be at most 4096 characters; got "
		       "%zu",
		       strlen(e->root_directory));
	}
	bg__check_range(cx, R_EFS_PORT, path, &e->transit_encryption_port, 0,
			65535, "transit_encryption_port", "");
}

/* Whether a Fargate platform version can mount EFS: 1.4.0 or later.
 * LATEST (given, or by default when absent) has been Linux platform
 * 1.4.0 since March 2021, so only an explicit older version cannot. */
static bool
version_mounts_efs(const char *v)
{
	int major = 0, minor = 0;

	if (v == NULL || strcmp(v, "LATEST") == 0) {
		return true;
	}
	return sscanf(v, "%d.%d", &major, &minor) == 2 &&
	       (major > 1 || (major == 1 && minor >= 4));
}

/* user, user:group, uid, uid:gid, user:gid, uid:group. */
static void
check_user(struct ctx *cx, const char *user, const char *path)
{
	int parts = 1;
	bool empty_part = user[0] == '\0';

	for (const char *p = user; *p != '\0'; p++) {
		if (*p == ':') {
			parts++;
			empty_part = empty_part || p[1] == '\0' || p == user;
		} else if (!bg__is_alnum(*p) && strchr("_.-", *p) == NULL) {
			empty_part = true;
		}
	}
	if (parts > 2 || empty_part) {
		bg__report(cx, R_USER, path,
		       "user must be user, user:group, uid or uid:gid (names "
		       "of letters, digits, _ . -); got '%s'",
		       user);
	}
}

static void
check_volumes(struct ctx *cx, const struct bg_container *c, const char *base,
	      bool fargate)
{
	char path[256];

	for (size_t i = 0; i < c->volume_count; i++) {
		const struct bg_volume *vol = &c->volumes[i];
		snprintf(path, sizeof(path), "%s.volumes[%zu]", base, i);
		if (vol->name == NULL || vol->name[0] == '\0') {
			bg__report(cx, R_VOLUME_NAME, path,
			       "Volume %zu must have a 'name' field", i);
		} else {
			for (size_t j = 0; j < i; j++) {
				if (c->volumes[j].name != NULL &&
				    strcmp(c->volumes[j].name, vol->name) ==
					    0) {
					bg__report(cx, R_VOLUME_NAME, path,
					       "Volume name '%s' is used "
					       "twice (volumes[%zu])",
					       vol->name, j);
					break;
				}
			}
		}
		if (vol->efs != NULL && (vol->efs->file_system_id == NULL ||
					 vol->efs->file_system_id[0] == '\0')) {
			bg__report(cx, R_EFS_FILE_SYSTEM, path,
			       "EFS volume %zu must have a file_system_id", i);
		}
		if (vol->efs != NULL && vol->has_host) {
			bg__report(cx, R_VOLUME_KIND, path,
			       "volume '%s' is both a host and an EFS volume; "
			       "give one of host, efs_volume_configuration",
			       vol->name ? vol->name : "");
		}
		if (vol->name != NULL && vol->name[0] != '\0') {
			size_t len = strlen(vol->name);
			bool ok = len <= 255;
			for (size_t k = 0; ok && k < len; k++) {
				ok = bg__is_alnum(vol->name[k]) ||
				     vol->name[k] == '-' || vol->name[k] == '_';
			}
			if (!ok) {
				bg__report(cx, R_VOLUME_KIND, path,
				       "volume name must be 1 to 255 letters, "
				       "digits, - and _; got '%s'",
				       vol->name);
			}
		}
		if (vol->efs != NULL) {
			check_efs(cx, c, vol->efs, path);
			if (fargate &&
			    !version_mounts_efs(c->platform_version)) {
				bg__report(cx, R_FARGATE_EFS_VERSION, path,
				       "EFS volumes on Fargate need "
				       "platform_version 1.4.0 or later (or "
				       "LATEST); got %s",
				       c->platform_version);
			}
		}
		if (fargate && vol->has_host) {
			bg__report(cx, R_FARGATE_HOST_VOLUME, path,
			       "Host volumes are not supported on Fargate; "
			       "use an EFS volume");
		}
	}
	for (size_t i = 0; i < c->mount_point_count; i++) {
		const struct bg_mount_point *mp = &c->mount_points[i];
		bool found = false;
		snprintf(path, sizeof(path), "%s.mount_points[%zu]", base, i);
		if (mp->source_volume == NULL || mp->source_volume[0] == '\0') {
			bg__report(cx, R_MOUNT_POINT, path,
			       "Mount point %zu must include non-empty "
			       "'source_volume'",
			       i);
		}
		if (mp->container_path == NULL ||
		    mp->container_path[0] == '\0') {
			bg__report(cx, R_MOUNT_POINT, path,
			       "Mount point %zu must include non-empty "
			       "'container_path'",
			       i);
		}
		if (mp->container_path != NULL &&
		    mp->container_path[0] != '\0' &&
		    mp->container_path[0] != '/') {
			bg__report(cx, R_MOUNT_PATH, path,
			       "container_path must be an absolute path; got "
			       "'%s'",
			       mp->container_path);
		}
		if (mp->source_volume == NULL || mp->source_volume[0] == '\0') {
			continue;
		}
		for (size_t j = 0; j < c->volume_count; j++) {
			if (c->volumes[j].name != NULL &&
			    strcmp(c->volumes[j].name, mp->source_volume) ==
				    0) {
				found = true;
			}
		}
		if (!found) {
			bg__report(cx, R_MOUNT_POINT_VOLUME, path,
			       "Mount point %zu refers to volume '%s', which "
			       "is not declared in volumes",
			       i, mp->source_volume);
		}
	}
}

static void
check_container(struct ctx *cx, const struct bg_container *c,
		const char *base, bool fargate, bool in_range)
{
	char path[256];

	/* Paths are formatted where they can be needed: this runs for
	 * every container of every job. */
	if (c->image == NULL || c->image[0] == '\0') {
		snprintf(path, sizeof(path), "%s.image", base);
		bg__report(cx, R_IMAGE, path,
		       "Container properties must include a non-empty "
		       "'image' field");
	} else if (strstr(c->image, "${") == NULL) {
		snprintf(path, sizeof(path), "%s.image", base);
		check_image(cx, c->image, path);
	}
	if (c->user != NULL) {
		snprintf(path, sizeof(path), "%s.user", base);
		check_user(cx, c->user, path);
	}
	if (fargate && c->vcpus_milli.set && c->vcpus_milli.value > 6000 &&
	    fargate_size_find(c->vcpus_milli.value) != NULL) {
		char v[24];
		bg_vcpus_format(c->vcpus_milli.value, v, sizeof(v));
		snprintf(path, sizeof(path), "%s.vcpus", base);
		bg__report(cx, R_FARGATE_QUOTA, path,
		       "%s Fargate vCPUs exceed the default account quota of "
		       "6 On-Demand vCPUs: the job may wait in RUNNABLE "
		       "until the quota is raised",
		       v);
	}
	check_resources(cx, c, base, fargate);
	if (c->job_role_arn != NULL) {
		snprintf(path, sizeof(path), "%s.job_role_arn", base);
		check_role(cx, c->job_role_arn, path, "Job role");
	}
	if (c->execution_role_arn != NULL || fargate) {
		snprintf(path, sizeof(path), "%s.execution_role_arn", base);
		check_role(cx, c->execution_role_arn, path, "Execution role");
	}
	if (fargate && c->execution_role_arn == NULL) {
		bg__report(cx, R_FARGATE_EXECUTION_ROLE, path,
		       "Fargate jobs require an execution role ARN "
		       "(execution_role_arn)");
	}
	if (fargate && c->privileged.set && c->privileged.value) {
		snprintf(path, sizeof(path), "%s.privileged", base);
		bg__report(cx, R_FARGATE_PRIVILEGED, path,
		       "Privileged containers are not supported on Fargate");
	}
	if (c->assign_public_ip != NULL) {
		snprintf(path, sizeof(path),
			 "%s.network_configuration.assign_public_ip", base);
		if (!fargate) {
			bg__report(cx, R_FARGATE_ONLY, path,
			       "assign_public_ip is for Fargate jobs only; "
			       "EC2 jobs must not set a network "
			       "configuration");
		} else if (strcmp(c->assign_public_ip, "ENABLED") != 0 &&
			   strcmp(c->assign_public_ip, "DISABLED") != 0) {
			bg__report(cx, R_ASSIGN_PUBLIC_IP, path,
			       "assign_public_ip must be ENABLED or "
			       "DISABLED; got '%s'",
			       c->assign_public_ip);
		}
	}
	if (c->platform_version != NULL) {
		snprintf(path, sizeof(path),
			 "%s.fargate_platform_configuration.platform_version",
			 base);
		if (!fargate) {
			bg__report(cx, R_FARGATE_ONLY, path,
			       "platform_version is for Fargate jobs only; "
			       "EC2 jobs must not set it");
		} else if (!is_platform_version(c->platform_version)) {
			bg__report(cx, R_PLATFORM_VERSION, path,
			       "platform_version must be LATEST or a version "
			       "such as 1.4.0; got '%s'",
			       c->platform_version);
		}
	}
	check_environment(cx, c, base);
	check_volumes(cx, c, base, fargate);
	bg__check_extras(cx, c, base, fargate, in_range);
}

/* Parses target_nodes ("N", "N:M", "N:", ":M") into [*lo, *hi]. */
static bool
parse_target(const char *t, int64_t nodes, int64_t *lo, int64_t *hi)
{
	const char *colon = strchr(t, ':');
	char a[24] = "", b[24] = "";

	if (colon == NULL) {
		return bg__parse_int(t, lo) && *lo >= 0 && (*hi = *lo, true);
	}
	if ((size_t)(colon - t) >= sizeof(a) || strlen(colon + 1) >= sizeof(b)) {
		return false;
	}
	memcpy(a, t, (size_t)(colon - t));
	strcpy(b, colon + 1);
	if (a[0] == '\0' && b[0] == '\0') {
		return false;
	}
	*lo = 0;
	*hi = nodes - 1;
	if ((a[0] != '\0' && (!bg__parse_int(a, lo) || *lo < 0)) ||
	    (b[0] != '\0' && (!bg__parse_int(b, hi) || *hi < 0))) {
		return false;
	}
	return *lo <= *hi;
}

/* Node ranges: valid targets within the nodes, covering all of them,
 * nested or apart (a partial overlap is undefined). */
static void
check_node_ranges(struct ctx *cx, const struct bg_node_properties *np)
{
	int64_t lo[5], hi[5];
	bool ok[5] = { false };
	size_t n = np->range_count < 5 ? np->range_count : 5;
	int64_t nodes = np->num_nodes.set ? np->num_nodes.value : 0;
	char path[128];
	bool all_ok = nodes > 0 && nodes <= 1000;

	for (size_t i = 0; i < n; i++) {
		const char *t = np->ranges[i].target_nodes;
		snprintf(path, sizeof(path),
			 "node_properties.node_range_properties[%zu]"
			 ".target_nodes",
			 i);
		if (t == NULL) {
			all_ok = false;
			continue;
		}
		ok[i] = parse_target(t, nodes, &lo[i], &hi[i]);
		if (!ok[i]) {
			bg__report(cx, R_NODE_TARGET_FORMAT, path,
			       "target_nodes must be N, N:M (N <= M), N: or "
			       ":M; got '%s'",
			       t);
		} else if (nodes > 0 && hi[i] >= nodes) {
			bg__report(cx, R_NODE_TARGET_FORMAT, path,
			       "target_nodes '%s' reaches node %lld, but the "
			       "nodes are 0 to %lld",
			       t, (long long)hi[i], (long long)(nodes - 1));
			ok[i] = false;
		}
		all_ok = all_ok && ok[i];
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < i; j++) {
			bool apart = hi[i] < lo[j] || hi[j] < lo[i];
			bool nested = (lo[i] >= lo[j] && hi[i] <= hi[j]) ||
				      (lo[j] >= lo[i] && hi[j] <= hi[i]);
			if (ok[i] && ok[j] && !apart && !nested) {
				snprintf(path, sizeof(path),
					 "node_properties.node_range_"
					 "properties[%zu].target_nodes",
					 i);
				bg__report(cx, R_NODE_OVERLAP, path,
				       "target_nodes '%s' partly overlaps "
				       "'%s' (range %zu): ranges must nest or "
				       "be apart",
				       np->ranges[i].target_nodes,
				       np->ranges[j].target_nodes, j);
			}
		}
	}
	if (all_ok && n == np->range_count) {
		for (int64_t node = 0; node < nodes; node++) {
			bool covered = false;
			for (size_t i = 0; i < n && !covered; i++) {
				covered = lo[i] <= node && node <= hi[i];
			}
			if (!covered) {
				bg__report(cx, R_NODE_COVERAGE,
				       "node_properties.node_range_properties",
				       "node %lld is in no node range: the "
				       "ranges must cover nodes 0 to %lld",
				       (long long)node, (long long)(nodes - 1));
				break;
			}
		}
	}
}

static void
check_nodes(struct ctx *cx, const struct bg_node_properties *np,
	    bool fargate)
{
	char path[256];

	if (!np->main_node.set || np->main_node.value < 0) {
		bg__report(cx, R_NODE_MAIN, "node_properties.main_node",
		       "Node properties must include a non-negative "
		       "main_node index");
	} else if (np->num_nodes.set && np->num_nodes.value > 0 &&
		   np->main_node.value >= np->num_nodes.value) {
		bg__report(cx, R_NODE_MAIN, "node_properties.main_node",
		       "main_node must be less than num_nodes (%lld); got "
		       "%lld",
		       (long long)np->num_nodes.value,
		       (long long)np->main_node.value);
	}
	if (!np->num_nodes.set || np->num_nodes.value <= 0 ||
	    np->num_nodes.value > INT32_MAX) {
		bg__report(cx, R_NODE_NUM, "node_properties.num_nodes",
		       "Node properties must include a positive num_nodes "
		       "value");
	}
	if (!np->has_ranges) {
		bg__report(cx, R_NODE_RANGES, "node_properties.node_range_properties",
		       "Node properties must include node_range_properties "
		       "array");
		return;
	}
	if (np->num_nodes.set && np->num_nodes.value > 1000) {
		bg__report(cx, R_NODE_MAX, "node_properties.num_nodes",
		       "at most 1000 nodes are allowed (an ECS limit that AWS "
		       "can raise); got %lld",
		       (long long)np->num_nodes.value);
	}
	if (np->range_count > 5) {
		bg__report(cx, R_NODE_GROUPS, "node_properties.node_range_properties",
		       "at most 5 node ranges are allowed; got %zu",
		       np->range_count);
	}
	check_node_ranges(cx, np);
	bg__check_instance_types(cx, np);
	for (size_t i = 0; i < np->range_count; i++) {
		const struct bg_node_range *r = &np->ranges[i];
		snprintf(path, sizeof(path),
			 "node_properties.node_range_properties[%zu]", i);
		if (r->target_nodes == NULL) {
			bg__report(cx, R_NODE_TARGET, path,
			       "Node range property %zu must include "
			       "target_nodes string",
			       i);
		}
		if (r->container != NULL) {
			char base[300];
			snprintf(base, sizeof(base), "%s.container", path);
			check_container(cx, r->container, base, fargate, true);
		}
	}
}

/* Tags: at most 50; keys 1-128 and values at most 256 characters;
 * neither starts with aws: (any case). */
static void
check_tags(struct ctx *cx, const struct bg_kvlist *tags)
{
	char path[300];

	if (tags->count > 50) {
		bg__report(cx, R_TAGS_COUNT, "tags",
		       "at most 50 tags are allowed; got %zu", tags->count);
	}
	for (size_t i = 0; i < tags->count; i++) {
		const char *k = tags->items[i].key;
		const char *v = tags->items[i].value ? tags->items[i].value : "";
		size_t klen = strlen(k), vlen = strlen(v);
		bool aws = has_prefix_nocase(k, "aws:") ||
			   has_prefix_nocase(v, "aws:");
		if ((klen >= 1 && klen <= 128) && vlen <= 256 && !aws) {
			continue; /* the usual case: no path to format */
		}
		snprintf(path, sizeof(path), "tags.%.200s", k);
		if (strlen(k) < 1 || strlen(k) > 128) {
			bg__report(cx, R_TAG_KEY, path,
			       "tag keys must be 1 to 128 characters; got %zu",
			       strlen(k));
		}
		if (strlen(v) > 256) {
			bg__report(cx, R_TAG_VALUE, path,
			       "tag values must be at most 256 characters; got "
			       "%zu",
			       strlen(v));
		}
		if (aws) {
			bg__report(cx, R_TAG_AWS_PREFIX, path,
			       "tag keys and values starting with 'aws:' are "
			       "reserved for AWS");
		}
	}
}

static bool
command_refers(const struct bg_container *c, const char *name)
{
	for (size_t i = 0; c != NULL && i < c->command_count; i++) {
		if (strncmp(c->command[i], "Ref::", 5) == 0 &&
		    strcmp(c->command[i] + 5, name) == 0) {
			return true;
		}
	}
	return false;
}

static int
str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Ref::name in a command and the parameters that give defaults. */
static void
check_parameters(struct ctx *cx, const struct bg_jobdef *def)
{
	const struct bg_container *cs[8];
	size_t n = 0;
	char path[300];

	if (def->container != NULL) {
		cs[n++] = def->container;
	}
	for (size_t i = 0; def->node_properties != NULL &&
			   i < def->node_properties->range_count && n < 8;
	     i++) {
		if (def->node_properties->ranges[i].container != NULL) {
			cs[n++] = def->node_properties->ranges[i].container;
		}
	}
	/* One warning per job, naming every parameter without a default
	 * (a job may well take all of them at submit time), at the first. */
	const char **missing = NULL;
	size_t nmissing = 0, cap = 0;
	for (size_t k = 0; k < n; k++) {
		for (size_t i = 0; i < cs[k]->command_count; i++) {
			const char *arg = cs[k]->command[i];
			const char **grown;
			if (strncmp(arg, "Ref::", 5) != 0 || arg[5] == '\0' ||
			    bg_kvlist_get(&def->parameters, arg + 5) != NULL) {
				continue;
			}
			if (nmissing == 0) {
				snprintf(path, sizeof(path), "%s.command[%zu]",
					 def->container != NULL
						 ? "container_properties"
						 : "node_properties",
					 i);
			}
			if (nmissing == cap) {
				cap = cap ? cap * 2 : 8;
				grown = realloc(missing, cap * sizeof(*grown));
				if (grown == NULL) {
					cx->nomem = true;
					free(missing);
					return;
				}
				missing = grown;
			}
			missing[nmissing++] = arg + 5;
		}
	}
	if (nmissing > 0) {
		struct bg__buf names = { 0 };
		size_t unique = 0;
		qsort(missing, nmissing, sizeof(*missing), str_ptr_cmp);
		for (size_t i = 0; i < nmissing; i++) {
			if (i > 0 && strcmp(missing[i], missing[i - 1]) == 0) {
				continue;
			}
			bg__buf_printf(&names, "%s%s", unique++ ? ", " : "",
				       missing[i]);
		}
		bg__report(cx, R_PARAMETER_REF, path,
			   "%zu Ref:: parameter%s without a default in "
			   "parameters (%s): every SubmitJob must give %s, or "
			   "the command gets the text Ref::NAME",
			   unique, unique == 1 ? "" : "s",
			   names.data != NULL ? names.data : "",
			   unique == 1 ? "it" : "them");
		cx->nomem = cx->nomem || names.failed;
		bg__buf_finish(&names);
	}
	free(missing);
	for (size_t i = 0; i < def->parameters.count; i++) {
		const char *name = def->parameters.items[i].key;
		bool used = false;
		for (size_t k = 0; k < n && !used; k++) {
			used = command_refers(cs[k], name);
		}
		if (!used) {
			snprintf(path, sizeof(path), "parameters.%.200s", name);
			bg__report(cx, R_PARAMETER_UNUSED, path,
			       "parameter '%s' is not used: no command "
			       "argument is Ref::%s",
			       name, name);
		}
	}
}

/* A glob of allowed characters with '*' only at the end, 1-512 long. */
static bool
is_retry_pattern(const char *s, bool digits_only)
{
	size_t len = strlen(s);

	if (len < 1 || len > 512) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool ok = (c >= '0' && c <= '9') ||
			  (!digits_only && (bg__is_alnum(c) || c == '.' ||
					    c == ':' || c == ' ' || c == '\t'));
		if (c == '*' && i + 1 == len) {
			ok = true;
		}
		if (!ok) {
			return false;
		}
	}
	return true;
}

static void
check_retry_conditions(struct ctx *cx, const struct bg_jobdef *def)
{
	char path[128];

	if (def->evaluate_on_exit_count == 0) {
		return;
	}
	if (def->evaluate_on_exit_count > 5) {
		bg__report(cx, R_EOE_COUNT, "retry_strategy.evaluate_on_exit",
		       "at most 5 evaluate_on_exit conditions are allowed; "
		       "got %zu",
		       def->evaluate_on_exit_count);
	}
	if (!def->retry_attempts.set) {
		bg__report(cx, R_EOE_ATTEMPTS, "retry_strategy.attempts",
		       "evaluate_on_exit needs retry_strategy.attempts (1 to "
		       "10): AWS rejects conditions without it");
	}
	for (size_t i = 0; i < def->evaluate_on_exit_count; i++) {
		const struct bg_evaluate_on_exit *e = &def->evaluate_on_exit[i];
		snprintf(path, sizeof(path),
			 "retry_strategy.evaluate_on_exit[%zu]", i);
		if (e->action == NULL || (strcasecmp(e->action, "RETRY") != 0 &&
					  strcasecmp(e->action, "EXIT") != 0)) {
			bg__report(cx, R_EOE_ACTION, path,
			       "action must be RETRY or EXIT; got '%s'",
			       e->action != NULL ? e->action : "");
		}
		if (e->on_exit_code == NULL && e->on_reason == NULL &&
		    e->on_status_reason == NULL) {
			bg__report(cx, R_EOE_CONDITION, path,
			       "give on_exit_code, on_reason or "
			       "on_status_reason: a condition without one is "
			       "undefined");
		}
		if (e->on_exit_code != NULL &&
		    !is_retry_pattern(e->on_exit_code, true)) {
			bg__report(cx, R_EOE_EXIT_CODE, path,
			       "on_exit_code must be 1 to 512 digits, with "
			       "'*' only at the end (\"1*\"); got '%.60s'",
			       e->on_exit_code);
		}
		if (e->on_reason != NULL &&
		    !is_retry_pattern(e->on_reason, false)) {
			bg__report(cx, R_EOE_REASON, path,
			       "on_reason may hold letters, digits, '.', ':' "
			       "and spaces, with '*' only at the end (1 to "
			       "512 characters); got '%.60s'",
			       e->on_reason);
		}
		if (e->on_status_reason != NULL &&
		    !is_retry_pattern(e->on_status_reason, false)) {
			bg__report(cx, R_EOE_REASON, path,
			       "on_status_reason may hold letters, digits, "
			       "'.', ':' and spaces, with '*' only at the end "
			       "(1 to 512 characters); got '%.60s'",
			       e->on_status_reason);
		}
	}
}

static bool
is_fargate(const struct bg_jobdef *def)
{
	return bg_jobdef_supports_fargate(def);
}

static void
check_platforms(struct ctx *cx, const struct bg_jobdef *def)
{
	char path[64];

	for (size_t i = 0; i < def->platform_capability_count; i++) {
		const char *p = def->platform_capabilities[i];
		snprintf(path, sizeof(path), "platform_capabilities[%zu]", i);
		if (strcmp(p, "EC2") != 0 && strcmp(p, "FARGATE") != 0) {
			bg__report(cx, R_PLATFORM_CAPABILITY, path,
			       "Invalid platform capability '%s'. Valid: "
			       "EC2, FARGATE",
			       p);
		}
	}
	if (def->platform_capability_count > 1) {
		bg__report(cx, R_PLATFORM_COUNT, "platform_capabilities",
		       "Platform capabilities must hold one platform, EC2 "
		       "or FARGATE; got %zu",
		       def->platform_capability_count);
	}
}

static void
check_jobdef(struct ctx *cx, const struct bg_jobdef *def)
{
	bool fargate = is_fargate(def);
	bool multinode = bg_jobdef_is_multinode_job(def);

	check_name(cx, def->name);
	check_label(cx, def->label);
	if (def->type != NULL && strcmp(def->type, "container") != 0 &&
	    strcmp(def->type, "multinode") != 0) {
		bg__report(cx, R_TYPE, "type",
		       "Job type must be 'container' or 'multinode'; got '%s'",
		       def->type);
	}
	check_platforms(cx, def);
	if (multinode && def->container != NULL) {
		bg__report(cx, R_TYPE_PROPERTIES, "container_properties",
		       "Multi-node jobs take node_properties, not "
		       "container_properties");
	}
	if (!multinode && def->node_properties != NULL) {
		bg__report(cx, R_TYPE_PROPERTIES, "node_properties",
		       "Container jobs take container_properties, not "
		       "node_properties");
	}
	if (multinode && def->node_properties == NULL) {
		bg__report(cx, R_TYPE_PROPERTIES, "node_properties",
		       "Multi-node jobs must include node_properties");
	}
	if (!multinode && def->container == NULL) {
		bg__report(cx, R_TYPE_PROPERTIES, "container_properties",
		       "Container jobs must include container_properties");
	}
	if (multinode && fargate) {
		bg__report(cx, R_FARGATE_MULTINODE, "platform_capabilities",
		       "Multi-node jobs run on EC2 only; FARGATE is not "
		       "supported");
	}
	if (def->container != NULL) {
		check_container(cx, def->container, "container_properties",
				fargate, false);
	}
	check_tags(cx, &def->tags);
	if (def->propagate_tags.set && def->propagate_tags.value &&
	    def->tags.count == 50) {
		bg__report(cx, R_PROPAGATE_TAGS, "tags",
			   "propagate_tags copies these 50 tags to each job's "
			   "task, and a task takes at most 50: a job "
			   "submitted with any tag of its own goes FAILED");
	}
	check_parameters(cx, def);
	if (def->node_properties != NULL) {
		check_nodes(cx, def->node_properties, fargate);
	}
	bg__check_range(cx, R_RETRY_ATTEMPTS, "retry_strategy.attempts",
			&def->retry_attempts, 1, 10, "Retry attempts", "");
	check_retry_conditions(cx, def);
	if (def->timeout_seconds.set && (def->timeout_seconds.value < 60 ||
					 def->timeout_seconds.value >
						 INT32_MAX)) {
		bg__report(cx, R_TIMEOUT, "timeout.attempt_duration_seconds",
		       def->timeout_seconds.value < 60
			       ? "Timeout duration must be at least 60 "
				 "seconds; got %lld"
			       : "Timeout duration must be at most "
				 "2147483647 seconds; got %lld",
		       (long long)def->timeout_seconds.value);
	}
	bg__check_range(cx, R_SCHEDULING_PRIORITY, "scheduling_priority",
			&def->scheduling_priority, 0, 9999,
			"Scheduling priority", "");
}

struct unique_key {
	const char *key;
	size_t index;
};

static int
unique_cmp(const void *a, const void *b)
{
	const struct unique_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0) {
		return c;
	}
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Reports every job whose name (or label) an earlier job already has:
 * sort (key, index), then compare neighbours. */
static enum bg_status
check_unique(const struct bg_jobdef *const *defs, size_t n, bool labels,
	     bool across_files, struct bg_diags *diags)
{
	struct unique_key *keys;
	enum bg_status st = BG_OK;
	size_t first = 0;

	if (n < 2) {
		return BG_OK;
	}
	keys = calloc(n, sizeof(*keys));
	if (keys == NULL) {
		return BG_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		keys[i].key = labels ? defs[i]->label : defs[i]->name;
		keys[i].index = i;
	}
	qsort(keys, n, sizeof(*keys), unique_cmp);
	for (size_t i = 1; i < n && st != BG_ERR_NOMEM; i++) {
		const struct bg_jobdef *a, *b;
		enum bg_status added;
		char *path;
		if (strcmp(keys[i].key, keys[first].key) != 0) {
			first = i;
			continue;
		}
		a = defs[keys[first].index];
		b = defs[keys[i].index];
		if (across_files && a->origin.file != NULL &&
		    b->origin.file != NULL &&
		    strcmp(a->origin.file, b->origin.file) == 0) {
			continue; /* the spec loader reported it */
		}
		/* Two jobs with one name have one label too: say it once. */
		if (labels && strcmp(a->name, b->name) == 0) {
			continue;
		}
		path = bg__asprintf("%s%s%s", b->origin.path ? b->origin.path : "",
				    b->origin.path ? "." : "",
				    labels ? "label" : "name");
		if (path == NULL) {
			added = BG_ERR_NOMEM;
		} else if (labels) {
			added = bg_diags_add(
				diags, BG_SEV_ERROR, rules[R_UNIQUE_LABEL].code,
				b->origin.file, b->origin.line,
				b->origin.column, path,
				"Terraform label '%s' of job '%s' is also the "
				"label of job '%s'; set 'label' to tell them "
				"apart",
				b->label, b->name, a->name);
		} else {
			added = bg_diags_add(
				diags, BG_SEV_ERROR, rules[R_UNIQUE_NAME].code,
				b->origin.file, b->origin.line,
				b->origin.column, path,
				"job name '%s' is used twice; first at %s:%u",
				b->name, a->origin.file ? a->origin.file : "-",
				a->origin.line);
		}
		free(path);
		st = added != BG_OK ? BG_ERR_NOMEM : BG_ERR_INVALID;
	}
	free(keys);
	return st;
}

enum bg_status
bg__validate_unique(const struct bg_jobdef *const *defs, size_t n,
		    bool across_files, struct bg_diags *diags)
{
	enum bg_status names =
		check_unique(defs, n, false, across_files, diags);
	enum bg_status labels =
		names == BG_ERR_NOMEM
			? names
			: check_unique(defs, n, true, across_files, diags);

	if (names == BG_ERR_NOMEM || labels == BG_ERR_NOMEM) {
		return BG_ERR_NOMEM;
	}
	return names != BG_OK ? names : labels;
}

enum bg_status
bg_validate_unique(const struct bg_jobdef *const *defs, size_t n,
		   struct bg_diags *diags)
{
	return bg__validate_unique(defs, n, true, diags);
}

enum bg_status
bg_validate(const struct bg_jobdef *def, const char *path_prefix,
	    struct bg_diags *diags)
{
	struct ctx cx = { .prefix = path_prefix, .diags = diags };
	size_t before = bg_diags_count_severity(diags, BG_SEV_ERROR);

	if (def == NULL || diags == NULL) {
		return BG_ERR_ARG;
	}
	check_jobdef(&cx, def);
	if (cx.nomem) {
		return BG_ERR_NOMEM;
	}
	return bg_diags_count_severity(diags, BG_SEV_ERROR) > before
		       ? BG_ERR_INVALID
		       : BG_OK;
}
