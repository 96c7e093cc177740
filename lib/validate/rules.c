/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The rules table: every diagnostic code, with the field it concerns,
 * its severity and a one-line summary. `batchgen rules` and the README
 * print it; tests/check-codes.py holds the sources to it.
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


const struct bg_rule_info bg__rules[R__COUNT] = {
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
	return i < R__COUNT ? &bg__rules[i] : NULL;
}

