/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The seed's resource analysis of job definitions, as JSON for scripts
 * (`batchgen describe --json`): type, platforms, estimated resources
 * (per node for multinode jobs), retry strategy, timeout, volumes and
 * mount points.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

static const struct bg_container *
first_container(const struct bg_jobdef *def)
{
	if (def->container != NULL) {
		return def->container;
	}
	if (def->node_properties != NULL) {
		for (size_t i = 0; i < def->node_properties->range_count; i++) {
			if (def->node_properties->ranges[i].container != NULL) {
				return def->node_properties->ranges[i].container;
			}
		}
	}
	return NULL;
}

static cJSON *
describe_one(struct em *em, const struct bg_jobdef *def)
{
	cJSON *o = cJSON_CreateObject();
	const struct bg_container *c = first_container(def);
	char vcpus[32];
	cJSON *platforms, *vols, *mounts;

	if (o == NULL) {
		em->failed = true;
		return NULL;
	}
	bg__em_add(em, o, "name", cJSON_CreateString(def->name));
	bg__em_add(em, o, "label", cJSON_CreateString(def->label));
	bg__em_add(em, o, "type",
		   cJSON_CreateString(bg_jobdef_is_multinode_job(def)
					      ? "multinode"
					      : "container"));
	platforms = bg__em_add(em, o, "platforms", cJSON_CreateObject());
	if (platforms != NULL) {
		bg__em_add(em, platforms, "ec2",
			   cJSON_CreateBool(bg_jobdef_supports_ec2(def)));
		bg__em_add(em, platforms, "fargate",
			   cJSON_CreateBool(bg_jobdef_supports_fargate(def)));
		bg__em_add(em, platforms, "eks",
			   cJSON_CreateBool(def->eks_properties != NULL));
		bg__em_add(em, platforms, "ecs_task",
			   cJSON_CreateBool(def->ecs_properties != NULL));
	}
	bg_vcpus_format(bg_jobdef_estimated_vcpus_milli(def), vcpus,
			sizeof(vcpus));
	bg__em_add(em, o, "vcpus", cJSON_CreateString(vcpus));
	bg__em_add(em, o, "memory_mib",
		   bg__em_int(bg_jobdef_estimated_memory_mib(def)));
	bg__em_add(em, o, "gpus", bg__em_int(bg_jobdef_estimated_gpus(def)));
	bg__em_add(em, o, "containers",
		   bg__em_int((int64_t)bg_jobdef_container_count(def)));
	if (def->node_properties != NULL) {
		bg__em_add(em, o, "per_node", cJSON_CreateBool(true));
		const struct bg_node_properties *np = def->node_properties;
		/* A value known only at plan time is its expression. */
		bg__em_add(em, o, "nodes",
			   np->num_nodes.expr != NULL
				   ? cJSON_CreateString(np->num_nodes.expr)
				   : bg__em_int(np->num_nodes.value));
		bg__em_add(em, o, "main_node",
			   np->main_node.expr != NULL
				   ? cJSON_CreateString(np->main_node.expr)
				   : bg__em_int(np->main_node.value));
	}
	/* A value known only at plan time is its expression, as text. */
	if (c != NULL && c->vcpus_milli.expr != NULL) {
		cJSON_ReplaceItemInObjectCaseSensitive(
			o, "vcpus", cJSON_CreateString(c->vcpus_milli.expr));
	}
	if (c != NULL && c->memory.expr != NULL) {
		cJSON_ReplaceItemInObjectCaseSensitive(
			o, "memory_mib", cJSON_CreateString(c->memory.expr));
	}
	if (c != NULL && c->gpus.expr != NULL) {
		cJSON_ReplaceItemInObjectCaseSensitive(
			o, "gpus", cJSON_CreateString(c->gpus.expr));
	}
	if (def->retry_attempts.expr != NULL) {
		bg__em_add(em, o, "retry_attempts",
			   cJSON_CreateString(def->retry_attempts.expr));
	} else if (bg_jobdef_has_retry_strategy(def)) {
		bg__em_add(em, o, "retry_attempts",
			   bg__em_int(def->retry_attempts.value));
	} else {
		bg__em_add(em, o, "retry_attempts", cJSON_CreateNull());
	}
	if (def->timeout_seconds.expr != NULL) {
		bg__em_add(em, o, "timeout_seconds",
			   cJSON_CreateString(def->timeout_seconds.expr));
	} else if (bg_jobdef_has_timeout(def)) {
		bg__em_add(em, o, "timeout_seconds",
			   bg__em_int(def->timeout_seconds.value));
	} else {
		bg__em_add(em, o, "timeout_seconds", cJSON_CreateNull());
	}
	vols = bg__em_add(em, o, "volumes", cJSON_CreateArray());
	mounts = bg__em_add(em, o, "mount_points", cJSON_CreateArray());
	for (size_t i = 0; c != NULL && vols != NULL && i < c->volume_count;
	     i++) {
		const struct bg_volume *v = &c->volumes[i];
		cJSON *vo = bg__em_add(em, vols, NULL, cJSON_CreateObject());
		if (vo == NULL) {
			break;
		}
		bg__em_add(em, vo, "name",
			   cJSON_CreateString(v->name ? v->name : ""));
		bg__em_add(em, vo, "kind",
			   cJSON_CreateString(v->efs != NULL ? "efs" : "host"));
		if (v->efs != NULL) {
			bg__em_add(em, vo, "file_system_id",
				   cJSON_CreateString(v->efs->file_system_id
							      ? v->efs->file_system_id
							      : ""));
		} else if (v->host_source_path != NULL) {
			bg__em_add(em, vo, "source_path",
				   cJSON_CreateString(v->host_source_path));
		}
	}
	for (size_t i = 0;
	     c != NULL && mounts != NULL && i < c->mount_point_count; i++) {
		const struct bg_mount_point *m = &c->mount_points[i];
		cJSON *mo = bg__em_add(em, mounts, NULL, cJSON_CreateObject());
		if (mo == NULL) {
			break;
		}
		bg__em_add(em, mo, "source_volume",
			   cJSON_CreateString(m->source_volume
						      ? m->source_volume
						      : ""));
		bg__em_add(em, mo, "container_path",
			   cJSON_CreateString(m->container_path
						      ? m->container_path
						      : ""));
		bg__em_add(em, mo, "read_only", cJSON_CreateBool(m->read_only));
	}
	return o;
}

enum bg_status
bg_describe_json(const struct bg_jobdef *const *defs, size_t n, char **out,
		 size_t *len)
{
	struct em em = { 0 };
	cJSON *arr;
	struct bg__buf b = { 0 };

	if (out == NULL || *out != NULL || (defs == NULL && n > 0)) {
		return BG_ERR_ARG;
	}
	arr = cJSON_CreateArray();
	if (arr == NULL) {
		return BG_ERR_NOMEM;
	}
	for (size_t i = 0; i < n && !em.failed; i++) {
		bg__em_add(&em, arr, NULL, describe_one(&em, defs[i]));
	}
	if (!em.failed) {
		bg__json_put(&b, arr, 0);
		bg__buf_putc(&b, '\n');
	}
	cJSON_Delete(arr);
	if (em.failed) {
		bg__buf_finish(&b);
		return BG_ERR_NOMEM;
	}
	*out = bg__buf_take(&b, len);
	return *out != NULL ? BG_OK : BG_ERR_NOMEM;
}
