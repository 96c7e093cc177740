/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Internal to validation: the rule ids (the table itself is in
 * validate.c), the reporting context, and checks shared by the files
 * of this folder.
 */
#ifndef BG_VALIDATE_RULES_H
#define BG_VALIDATE_RULES_H

#include "batchgen-int.h"

enum rule_id {
	/* Reading, schema, templates: reported by their own stages with
	 * these codes (tests/check-codes.py keeps the two in step). */
	R_IO,
	R_JSON_SYNTAX,
	R_YAML_SYNTAX,
	R_YAML_TOO_DEEP,
	R_YAML_TOO_LARGE,
	R_YAML_TAG,
	R_YAML_MERGE,
	R_STRING_NUL,
	R_SCHEMA_EMPTY,
	R_SCHEMA_TYPE,
	R_SCHEMA_ENUM,
	R_SCHEMA_NULL,
	R_SCHEMA_UNKNOWN_KEY,
	R_SCHEMA_DUPLICATE_KEY,
	R_SCHEMA_MISSING_KEY,
	R_SCHEMA_NESTING,
	R_SCHEMA_LOAD,
	R_DUPLICATE_KEY,
	R_GIVEN_TWICE,
	R_RESOURCE_TYPE,
	R_NUMBER_SPELLING,
	R_DEFAULTS_NAME,
	R_TEMPLATE_DIR,
	R_TEMPLATE_UNKNOWN,
	R_TEMPLATE_CYCLE,
	R_TEMPLATE_DEPTH,
	R_TEMPLATE_CONFLICT,
	R_TEMPLATE_OPTION,
	R_TEMPLATE_SHADOW,
	R_SCAFFOLD,
	/* Validation. */
	R_NAME_LENGTH,
	R_NAME_CHARSET,
	R_NAME_START,
	R_LABEL,
	R_TYPE,
	R_TYPE_PROPERTIES,
	R_PLATFORM_CAPABILITY,
	R_PLATFORM_COUNT,
	R_IMAGE,
	R_RESOURCES_REQUIRED,
	R_VCPUS,
	R_MEMORY,
	R_GPUS,
	R_FARGATE_SIZE,
	R_FARGATE_32_VCPU,
	R_FARGATE_GPU,
	R_FARGATE_PRIVILEGED,
	R_FARGATE_EXECUTION_ROLE,
	R_FARGATE_HOST_VOLUME,
	R_FARGATE_MULTINODE,
	R_FARGATE_ONLY,
	R_ASSIGN_PUBLIC_IP,
	R_PLATFORM_VERSION,
	R_ROLE_ARN,
	R_ENVIRONMENT,
	R_MOUNT_POINT,
	R_MOUNT_POINT_VOLUME,
	R_VOLUME_NAME,
	R_EFS_FILE_SYSTEM,
	R_NODE_MAIN,
	R_NODE_NUM,
	R_NODE_RANGES,
	R_NODE_TARGET,
	R_RETRY_ATTEMPTS,
	R_EOE_COUNT,
	R_EOE_ATTEMPTS,
	R_EOE_ACTION,
	R_EOE_CONDITION,
	R_EOE_EXIT_CODE,
	R_EOE_REASON,
	R_TIMEOUT,
	R_IMAGE_FORMAT,
	R_TAGS_COUNT,
	R_TAG_KEY,
	R_TAG_VALUE,
	R_TAG_AWS_PREFIX,
	R_PARAMETER_REF,
	R_PARAMETER_UNUSED,
	R_ENV_RESERVED,
	R_ENV_DUPLICATE,
	R_ENV_EMPTY,
	R_MOUNT_PATH,
	R_VOLUME_KIND,
	R_EFS_TRANSIT,
	R_EFS_IAM,
	R_EFS_ACCESS_POINT,
	R_EFS_ROOT,
	R_EFS_PORT,
	R_FARGATE_EFS_VERSION,
	R_FARGATE_QUOTA,
	R_USER,
	R_NODE_MAX,
	R_NODE_TARGET_FORMAT,
	R_NODE_COVERAGE,
	R_NODE_OVERLAP,
	R_NODE_GROUPS,
	R_SCHEDULING_PRIORITY,
	R_FARGATE_LINUX,
	R_FARGATE_ULIMITS,
	R_FARGATE_LOG_DRIVER,
	R_FARGATE_FEATURE,
	R_EPHEMERAL_STORAGE,
	R_RUNTIME_PLATFORM,
	R_WINDOWS,
	R_LOG_DRIVER,
	R_LOG_FIRELENS,
	R_SECRET,
	R_SECRET_EXECUTION_ROLE,
	R_ULIMIT,
	R_LINUX_SWAP,
	R_SWAPPINESS_IGNORED,
	R_SHARED_MEMORY,
	R_DEVICE,
	R_TMPFS,
	R_INSTANCE_TYPE,
	R_NODE_INSTANCE_TYPE,
	R_REPOSITORY_CREDENTIALS,
	R_PROPAGATE_TAGS,
	R_FORCES_REPLACEMENT,
	R_UNIQUE_NAME,
	R_UNIQUE_LABEL,
	R__COUNT
};

struct ctx {
	const char *prefix; /* "jobs[2]" or NULL */
	struct bg_diags *diags;
	bool nomem;
};

/* Adds the diagnostic of rule id at path (under cx->prefix). */
void bg__report(struct ctx *cx, enum rule_id id, const char *path,
		const char *fmt, ...) BG_PRINTF(4, 5);

/* When v is given and outside lo ... hi: reports "WHAT must be between
 * LO and HI[ UNIT]; got V" (rule id at path). @return false then. */
bool bg__check_range(struct ctx *cx, enum rule_id id, const char *path,
		     const struct bg_opt_int *v, int64_t lo, int64_t hi,
		     const char *what, const char *unit);

/* The letters and digits of ASCII. */
static inline bool
bg__is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* A whole-value Terraform reference such as ${var.x}. */
static inline bool
bg__is_tf_reference(const char *s)
{
	size_t n = bg__tf_reference_len(s);

	return n > 0 && s[n] == '\0';
}

/* The rules table (validate/rules.c). */
extern const struct bg_rule_info bg__rules[R__COUNT];

/* A job definition through every area (validate/job.c); a container
 * (validate/container.c): base is its field path; in_range: a node
 * range's container. */
void bg__check_jobdef(struct ctx *cx, const struct bg_jobdef *def);
void bg__check_container(struct ctx *cx, const struct bg_container *c,
			 const char *base, bool fargate, bool in_range);

/* The checks of struct bg_container_extras (validate/extras.c). base
 * is the container's field path; in_range: a node range's container. */
void bg__check_extras(struct ctx *cx, const struct bg_container *c,
		      const char *base, bool fargate, bool in_range);

/* Node ranges use one instance type (validate/extras.c). */
void bg__check_instance_types(struct ctx *cx,
			      const struct bg_node_properties *np);

#endif
