/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Internal: an ECS multi-container job (ecsProperties): one task of up
 * to ten containers. The provider takes it as a JSON string of the
 * API's camelCase keys; the spec format writes the same tree in
 * snake_case. The public header names the type only.
 *
 * A task's container is a struct bg_container (the keys it shares with
 * container_properties: image, command, resources, environment, log
 * configuration ...) with the ECS keys after it; the task keeps its
 * roles, volumes, network, runtime platform and storage in a struct
 * bg_container too. Both come first in their struct, so the field
 * tables of container_properties serve them unchanged (model/fields.c).
 */
#ifndef BG_MODEL_ECS_H
#define BG_MODEL_ECS_H

#include "batchgen-int.h"

struct bg_ecs_dependency {
	char *container_name;
	char *condition; /* START, COMPLETE or SUCCESS */
};

struct bg_ecs_firelens {
	char *type; /* fluentd or fluentbit */
	struct bg_kvlist options;
};

struct bg_ecs_container {
	struct bg_container c; /* first: see above */
	char *name;
	struct bg_opt_bool essential; /* AWS: true when not given */
	struct bg_ecs_dependency *depends_on;
	size_t depends_on_count;
	struct bg_ecs_firelens *firelens_configuration;
};

struct bg_ecs_task {
	/* first: execution_role_arn, job_role_arn (taskRoleArn),
	 * platform_version, assign_public_ip, volumes, ephemeral storage,
	 * runtime platform, enable_execute_command. */
	struct bg_container t;
	struct bg_ecs_container *containers;
	size_t container_count;
	char *ipc_mode;
	char *pid_mode;
};

struct bg_ecs_properties {
	struct bg_ecs_task *task_properties; /* AWS takes one */
	size_t task_property_count;
};

/* What the task's containers ask for together: the sum of their vCPUs,
 * memory and GPUs (the first task; zeros when there is none). */
void bg__ecs_totals(const struct bg_ecs_properties *e, int64_t *vcpus_milli,
		    int64_t *memory_mib, int64_t *gpus);

#endif /* BG_MODEL_ECS_H */
