/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The job definition model: lifetimes, key/value lists, the seed's
 * queries (container/multinode, EC2/Fargate, estimated resources) and
 * its helpers (standard environment, volumes, mount points, GPUs).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ecs.h"
#include "model/eks.h"
#include "model/fields.h"

/* ================================================================== */
/* Optional values                                                     */
/* ================================================================== */

void
bg_kvlist_finish(struct bg_kvlist *list)
{
	if (list == NULL) {
		return;
	}
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].key);
		free(list->items[i].value);
	}
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

const char *
bg_kvlist_get(const struct bg_kvlist *list, const char *key)
{
	for (size_t i = 0; i < list->count; i++) {
		if (strcmp(list->items[i].key, key) == 0) {
			return list->items[i].value;
		}
	}
	return NULL;
}

/*
 * Appends a copy of key and value (value may be NULL). A list keeps no
 * capacity: it is count rounded up to a power of two, so the items
 * grow by doubling (every writer of a bg_kvlist goes through here).
 */
enum bg_status
bg__kvlist_push(struct bg_kvlist *list, const char *key, const char *value)
{
	bool failed = false;
	size_t n = list->count;
	struct bg_kv *items = list->items;

	if (n == 0 || (n & (n - 1)) == 0) {
		items = realloc(list->items, (n ? n * 2 : 1) * sizeof(*items));
		if (items == NULL) {
			return BG_ERR_NOMEM;
		}
		list->items = items;
	}
	items[n].key = bg__strdup(key, &failed);
	items[n].value = bg__strdup(value, &failed);
	if (failed) {
		free(items[n].key);
		free(items[n].value);
		return BG_ERR_NOMEM;
	}
	list->count++;
	return BG_OK;
}

enum bg_status
bg_kvlist_set(struct bg_kvlist *list, const char *key, const char *value)
{
	for (size_t i = 0; i < list->count; i++) {
		if (strcmp(list->items[i].key, key) == 0) {
			return bg__str_set(&list->items[i].value, value)
				       ? BG_OK
				       : BG_ERR_NOMEM;
		}
	}
	return bg__kvlist_push(list, key, value);
}

/* Sets every pair of src in dst (keep: only the keys dst lacks) in time
 * linear in both (src's keys are unique): an index of dst's keys
 * instead of a search per key, unless both lists are short (tags and
 * parameters of one job: a few keys each), where comparing every pair
 * costs less than building the index. */
enum bg_status
bg__kvlist_merge(struct bg_kvlist *dst, const struct bg_kvlist *src,
		 bool keep)
{
	struct bg__strindex index = { 0 };
	size_t dst_count = dst->count;
	enum bg_status st = BG_OK;

	if (src->count == 0) {
		return BG_OK;
	}
	if (dst_count <= 8 && src->count <= 8) {
		for (size_t i = 0; i < src->count && st == BG_OK; i++) {
			size_t at = 0;
			while (at < dst_count &&
			       strcmp(dst->items[at].key, src->items[i].key) !=
				       0) {
				at++;
			}
			if (at < dst_count) {
				st = keep || bg__str_set(&dst->items[at].value,
							 src->items[i].value)
					     ? BG_OK
					     : BG_ERR_NOMEM;
			} else {
				st = bg__kvlist_push(dst, src->items[i].key,
						     src->items[i].value);
			}
		}
		return st;
	}
	for (size_t i = 0; i < dst_count && st == BG_OK; i++) {
		st = bg__strindex_put(&index, dst->items[i].key, i, NULL);
		st = st == BG_ERR_ARG ? BG_OK : st;
	}
	for (size_t i = 0; i < src->count && st == BG_OK; i++) {
		size_t at;
		/* A key dst lacks goes in with no position; src's keys
		 * are unique, so it is never found again. */
		if (dst_count > 0 &&
		    bg__strindex_put(&index, src->items[i].key, SIZE_MAX,
				     &at) == BG_ERR_ARG) {
			st = keep || bg__str_set(&dst->items[at].value,
						 src->items[i].value)
				     ? BG_OK
				     : BG_ERR_NOMEM;
			continue;
		}
		st = bg__kvlist_push(dst, src->items[i].key,
				     src->items[i].value);
	}
	bg__strindex_finish(&index);
	return st;
}

enum bg_status
bg__kvlist_copy(struct bg_kvlist *dst, const struct bg_kvlist *src)
{
	bg_kvlist_finish(dst);
	for (size_t i = 0; i < src->count; i++) {
		enum bg_status st = bg__kvlist_push(dst, src->items[i].key,
						    src->items[i].value);
		if (st != BG_OK) {
			return st;
		}
	}
	return BG_OK;
}

/* ================================================================== */
/* Volumes and mount points                                            */
/* ================================================================== */

void
bg_volume_finish(struct bg_volume *vol)
{
	if (vol != NULL) {
		bg__object_finish(&bg__obj_volume, vol);
		memset(vol, 0, sizeof(*vol));
	}
}

void
bg_mount_point_finish(struct bg_mount_point *mp)
{
	if (mp != NULL) {
		bg__object_finish(&bg__obj_mount, mp);
		memset(mp, 0, sizeof(*mp));
	}
}

/* ================================================================== */
/* Containers and job definitions                                      */
/* ================================================================== */

struct bg_container *
bg_container_create(void)
{
	return calloc(1, sizeof(struct bg_container));
}

void
bg_container_destroy(struct bg_container *c)
{
	if (c == NULL) {
		return;
	}
	bg__object_finish(&bg__obj_container, c);
	free(c);
}

enum bg_status
bg__opt_int_copy(struct bg_opt_int *dst, const struct bg_opt_int *src)
{
	char *expr = NULL;

	if (!bg__given(*src)) {
		return BG_OK;
	}
	if (src->expr != NULL && (expr = strdup(src->expr)) == NULL) {
		return BG_ERR_NOMEM;
	}
	free(dst->expr);
	*dst = (struct bg_opt_int){ src->set, src->value, expr };
	return BG_OK;
}

enum bg_status
bg__opt_bool_copy(struct bg_opt_bool *dst, const struct bg_opt_bool *src)
{
	char *expr = NULL;

	if (!bg__given(*src)) {
		return BG_OK;
	}
	if (src->expr != NULL && (expr = strdup(src->expr)) == NULL) {
		return BG_ERR_NOMEM;
	}
	free(dst->expr);
	*dst = (struct bg_opt_bool){ src->set, src->value, expr };
	return BG_OK;
}

struct bg_jobdef *
bg_jobdef_create(void)
{
	return calloc(1, sizeof(struct bg_jobdef));
}

void
bg_jobdef_destroy(struct bg_jobdef *def)
{
	if (def == NULL) {
		return;
	}
	/* The resource's own values: name, type, platforms, parameters,
	 * tags and the optional values (retry and timeout, in blocks,
	 * below). */
	bg__object_finish(&bg__obj_resource, def);
	free(def->retry_attempts.expr);
	free(def->timeout_seconds.expr);
	free(def->label);
	bg_container_destroy(def->container);
	if (def->node_properties != NULL) {
		struct bg_node_properties *np = def->node_properties;
		for (size_t i = 0; i < np->range_count; i++) {
			free(np->ranges[i].target_nodes);
			bg_container_destroy(np->ranges[i].container);
			if (np->ranges[i].ecs != NULL) {
				bg__object_finish(&bg__obj_ecs,
						  np->ranges[i].ecs);
				free(np->ranges[i].ecs);
			}
		}
		free(np->ranges);
		free(np->num_nodes.expr);
		free(np->main_node.expr);
		free(np);
	}
	bg_kvlist_finish(&def->preconditions);
	if (def->eks_properties != NULL) {
		bg__object_finish(&bg__obj_eks, def->eks_properties);
		free(def->eks_properties);
	}
	if (def->ecs_properties != NULL) {
		bg__object_finish(&bg__obj_ecs, def->ecs_properties);
		free(def->ecs_properties);
	}
	free(def->origin.file);
	free(def->origin.path);
	for (size_t i = 0; i < def->evaluate_on_exit_count; i++) {
		bg__object_finish(&bg__obj_eoe, &def->evaluate_on_exit[i]);
	}
	free(def->evaluate_on_exit);
	for (size_t i = 0; i < def->variable_count; i++) {
		free(def->variables[i].name);
		free(def->variables[i].description);
		bg_kvlist_finish(&def->variables[i].validation);
	}
	free(def->variables);
	free(def);
}

enum bg_status
bg__jobdef_add_variable(struct bg_jobdef *def, const char *name,
			const char *description)
{
	bool failed = false;
	struct bg_variable *grown;

	grown = realloc(def->variables,
			(def->variable_count + 1) * sizeof(*grown));
	if (grown == NULL) {
		return BG_ERR_NOMEM;
	}
	def->variables = grown;
	memset(&grown[def->variable_count], 0, sizeof(*grown));
	grown[def->variable_count].name = bg__strdup(name, &failed);
	grown[def->variable_count].description =
		bg__strdup(description, &failed);
	if (failed) {
		free(grown[def->variable_count].name);
		free(grown[def->variable_count].description);
		return BG_ERR_NOMEM;
	}
	def->variable_count++;
	return BG_OK;
}

/* ================================================================== */
/* Queries                                                             */
/* ================================================================== */

bool
bg_jobdef_is_container_job(const struct bg_jobdef *def)
{
	return def->type == NULL || strcmp(def->type, "container") == 0;
}

bool
bg_jobdef_is_multinode_job(const struct bg_jobdef *def)
{
	return def->type != NULL && strcmp(def->type, "multinode") == 0;
}

static bool
has_capability(const struct bg_jobdef *def, const char *cap)
{
	for (size_t i = 0; i < def->platform_capability_count; i++) {
		if (strcmp(def->platform_capabilities[i], cap) == 0) {
			return true;
		}
	}
	return false;
}

bool
bg_jobdef_supports_ec2(const struct bg_jobdef *def)
{
	/* An EKS job runs on its cluster, not on an ECS platform. */
	return def->eks_properties == NULL &&
	       (def->platform_capability_count == 0 ||
		has_capability(def, "EC2"));
}

bool
bg_jobdef_supports_fargate(const struct bg_jobdef *def)
{
	return has_capability(def, "FARGATE");
}

bool
bg_jobdef_has_retry_strategy(const struct bg_jobdef *def)
{
	return bg__given(def->retry_attempts);
}

bool
bg_jobdef_has_timeout(const struct bg_jobdef *def)
{
	return bg__given(def->timeout_seconds);
}

/* An ECS task's total of one resource (NULL: 0). */
static int64_t
task_total(const struct bg_ecs_properties *e, size_t offset)
{
	int64_t t[3];

	bg__ecs_totals(e, &t[0], &t[1], &t[2]);
	return offset == offsetof(struct bg_container, vcpus_milli) ? t[0]
	       : offset == offsetof(struct bg_container, memory)    ? t[1]
								    : t[2];
}

/* The largest value of one resource over the job's containers and
 * tasks; an EKS pod's total. */
static int64_t
estimate(const struct bg_jobdef *def, size_t offset)
{
	int64_t best = 0;
	const struct bg_opt_int *v;

	if (def->eks_properties != NULL) {
		int64_t t[3];
		bg__eks_totals(def->eks_properties, &t[0], &t[1], &t[2]);
		return offset == offsetof(struct bg_container, vcpus_milli) ? t[0]
		       : offset == offsetof(struct bg_container, memory)    ? t[1]
									    : t[2];
	}
	if (def->ecs_properties != NULL) {
		best = task_total(def->ecs_properties, offset);
	}
	if (def->container != NULL) {
		v = (const struct bg_opt_int *)((const char *)def->container +
						offset);
		if (v->set && v->value > best) {
			best = v->value;
		}
	}
	if (def->node_properties != NULL) {
		for (size_t i = 0; i < def->node_properties->range_count; i++) {
			const struct bg_container *c =
				def->node_properties->ranges[i].container;
			int64_t t = task_total(def->node_properties->ranges[i].ecs,
					       offset);
			best = t > best ? t : best;
			if (c == NULL) {
				continue;
			}
			v = (const struct bg_opt_int *)((const char *)c +
							offset);
			if (v->set && v->value > best) {
				best = v->value;
			}
		}
	}
	return best;
}

int64_t
bg_jobdef_estimated_memory_mib(const struct bg_jobdef *def)
{
	return estimate(def, offsetof(struct bg_container, memory));
}

int64_t
bg_jobdef_estimated_vcpus_milli(const struct bg_jobdef *def)
{
	return estimate(def, offsetof(struct bg_container, vcpus_milli));
}

int64_t
bg_jobdef_estimated_gpus(const struct bg_jobdef *def)
{
	return estimate(def, offsetof(struct bg_container, gpus));
}

static size_t
task_containers(const struct bg_ecs_properties *e)
{
	return e != NULL && e->task_property_count > 0
		       ? e->task_properties[0].container_count
		       : 0;
}

size_t
bg_jobdef_container_count(const struct bg_jobdef *def)
{
	size_t best = def->container != NULL ? 1 : 0;

	if (def->eks_properties != NULL &&
	    def->eks_properties->pod_properties != NULL) {
		best = def->eks_properties->pod_properties->container_count;
	}
	best = task_containers(def->ecs_properties) > best
		       ? task_containers(def->ecs_properties)
		       : best;
	for (size_t i = 0; def->node_properties != NULL &&
			   i < def->node_properties->range_count;
	     i++) {
		const struct bg_node_range *r = &def->node_properties->ranges[i];
		size_t n = r->container != NULL ? 1 : task_containers(r->ecs);
		best = n > best ? n : best;
	}
	return best;
}

/* ================================================================== */
/* vCPU numbers                                                        */
/* ================================================================== */

void
bg_vcpus_format(int64_t milli, char *buf, size_t size)
{
	/* Unsigned, so that INT64_MIN has a magnitude too. */
	uint64_t mag = milli < 0 ? 0 - (uint64_t)milli : (uint64_t)milli;
	unsigned frac = (unsigned)(mag % 1000);
	char text[32];
	size_t n;

	/* The whole part (below 2^63 / 1000) with its sign, then the
	 * thousandths without trailing zeros: written by hand, as
	 * "%s%llu.%03u" would (snprintf's format parsing cost a thousand
	 * instructions a job). */
	text[0] = '-';
	bg__int_text(text + (milli < 0), (int64_t)(mag / 1000));
	n = strlen(text);
	if (frac != 0) {
		text[n++] = '.';
		text[n++] = (char)('0' + frac / 100);
		frac %= 100;
		if (frac != 0) {
			text[n++] = (char)('0' + frac / 10);
			frac %= 10;
			if (frac != 0) {
				text[n++] = (char)('0' + frac);
			}
		}
	}
	text[n] = '\0';
	/* Cut to size as snprintf cuts. */
	if (size > 0) {
		n = n < size - 1 ? n : size - 1;
		memcpy(buf, text, n);
		buf[n] = '\0';
	}
}

enum bg_status
bg_vcpus_parse(const char *text, int64_t *milli)
{
	int64_t v;

	if (text == NULL || text[0] == '-' ||
	    bg_number_parse(text, 3, &v, NULL, NULL) != BG_OK) {
		return BG_ERR_ARG;
	}
	*milli = v;
	return BG_OK;
}

/* ================================================================== */
/* Job options                                                         */
/* ================================================================== */

void
bg_job_options_finish(struct bg_job_options *o)
{
	if (o != NULL) {
		bg__object_finish(&bg__obj_job, o);
		memset(o, 0, sizeof(*o));
	}
}

enum bg_status
bg__job_options_overlay(struct bg_job_options *dst,
			const struct bg_job_options *src)
{
	return bg__object_merge(&bg__obj_job, dst, src);
}

/* ================================================================== */
/* Helpers                                                             */
/* ================================================================== */

enum bg_status
bg_standard_environment(struct bg_kvlist *env, const char *region)
{
	enum bg_status st;

	st = bg_kvlist_set(env, "AWS_DEFAULT_REGION",
			   region != NULL ? region : "us-east-1");
	if (st == BG_OK) {
		st = bg_kvlist_set(env, "BATCH_JOB_ID", "${AWS_BATCH_JOB_ID}");
	}
	if (st == BG_OK) {
		st = bg_kvlist_set(env, "BATCH_JOB_ATTEMPT",
				   "${AWS_BATCH_JOB_ATTEMPT}");
	}
	return st;
}

enum bg_status
bg_efs_volume(struct bg_volume *vol, const char *name,
	      const char *file_system_id, const char *root_directory,
	      const char *transit_encryption, const char *access_point_id,
	      const char *iam)
{
	bool failed = false;

	memset(vol, 0, sizeof(*vol));
	vol->efs = calloc(1, sizeof(*vol->efs));
	if (vol->efs == NULL) {
		return BG_ERR_NOMEM;
	}
	vol->name = bg__strdup(name, &failed);
	vol->efs->file_system_id = bg__strdup(file_system_id, &failed);
	vol->efs->root_directory = bg__strdup(
		root_directory != NULL ? root_directory : "/", &failed);
	vol->efs->transit_encryption = bg__strdup(
		transit_encryption != NULL ? transit_encryption : "ENABLED",
		&failed);
	vol->efs->authorization.access_point_id =
		bg__strdup(access_point_id, &failed);
	vol->efs->authorization.iam = bg__strdup(iam, &failed);
	if (failed) {
		bg_volume_finish(vol);
		return BG_ERR_NOMEM;
	}
	return BG_OK;
}

enum bg_status
bg_host_volume(struct bg_volume *vol, const char *name, const char *host_path)
{
	bool failed = false;

	memset(vol, 0, sizeof(*vol));
	vol->name = bg__strdup(name, &failed);
	vol->has_host = true;
	vol->host_source_path = bg__strdup(host_path, &failed);
	if (failed) {
		bg_volume_finish(vol);
		return BG_ERR_NOMEM;
	}
	return BG_OK;
}

enum bg_status
bg_standard_mount_point(struct bg_mount_point *mp, const char *volume,
			const char *container_path, bool read_only)
{
	struct bg_mount_point src = {
		.source_volume = (char *)volume,
		.container_path = (char *)container_path,
		.read_only = read_only,
	};

	memset(mp, 0, sizeof(*mp));
	if (bg__object_merge(&bg__obj_mount, mp, &src) != BG_OK) {
		bg_mount_point_finish(mp);
		return BG_ERR_NOMEM;
	}
	return BG_OK;
}

void
bg_gpu_resource_requirement(struct bg_container *c, int64_t count)
{
	c->gpus.set = true;
	c->gpus.value = count;
}
