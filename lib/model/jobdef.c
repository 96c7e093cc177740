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

#include "batchgen-int.h"

/* ================================================================== */
/* Optional values                                                     */
/* ================================================================== */

void
bg__opt_int_from(struct bg_opt_int *dst, const int64_t *src)
{
	if (src != NULL) {
		dst->set = true;
		dst->value = *src;
	}
}

void
bg__opt_bool_from(struct bg_opt_bool *dst, const bool *src)
{
	if (src != NULL) {
		dst->set = true;
		dst->value = *src;
	}
}

/* ================================================================== */
/* Key/value lists                                                     */
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

/* Sets every pair of src in dst in time linear in both (src's keys are
 * unique): an index of dst's keys instead of a search per key. */
enum bg_status
bg__kvlist_merge(struct bg_kvlist *dst, const struct bg_kvlist *src)
{
	struct bg__strindex index = { 0 };
	size_t dst_count = dst->count;
	enum bg_status st = BG_OK;

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
			st = bg__str_set(&dst->items[at].value,
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
	if (vol == NULL) {
		return;
	}
	free(vol->name);
	free(vol->host_source_path);
	if (vol->efs != NULL) {
		free(vol->efs->file_system_id);
		free(vol->efs->root_directory);
		free(vol->efs->transit_encryption);
		free(vol->efs->authorization.access_point_id);
		free(vol->efs->authorization.iam);
		free(vol->efs);
	}
	memset(vol, 0, sizeof(*vol));
}

enum bg_status
bg__volume_copy(struct bg_volume *dst, const struct bg_volume *src)
{
	bool failed = false;

	memset(dst, 0, sizeof(*dst));
	dst->name = bg__strdup(src->name, &failed);
	dst->has_host = src->has_host;
	dst->host_source_path = bg__strdup(src->host_source_path, &failed);
	if (src->efs != NULL) {
		dst->efs = calloc(1, sizeof(*dst->efs));
		if (dst->efs == NULL) {
			failed = true;
		} else {
			const struct bg_efs *e = src->efs;
			dst->efs->file_system_id =
				bg__strdup(e->file_system_id, &failed);
			dst->efs->root_directory =
				bg__strdup(e->root_directory, &failed);
			dst->efs->transit_encryption =
				bg__strdup(e->transit_encryption, &failed);
			dst->efs->transit_encryption_port =
				e->transit_encryption_port;
			dst->efs->authorization.access_point_id = bg__strdup(
				e->authorization.access_point_id, &failed);
			dst->efs->authorization.iam =
				bg__strdup(e->authorization.iam, &failed);
		}
	}
	if (failed) {
		bg_volume_finish(dst);
		return BG_ERR_NOMEM;
	}
	return BG_OK;
}

void
bg_mount_point_finish(struct bg_mount_point *mp)
{
	if (mp == NULL) {
		return;
	}
	free(mp->source_volume);
	free(mp->container_path);
	memset(mp, 0, sizeof(*mp));
}

enum bg_status
bg__mount_point_copy(struct bg_mount_point *dst,
		     const struct bg_mount_point *src)
{
	bool failed = false;

	dst->source_volume = bg__strdup(src->source_volume, &failed);
	dst->container_path = bg__strdup(src->container_path, &failed);
	dst->read_only = src->read_only;
	if (failed) {
		bg_mount_point_finish(dst);
		return BG_ERR_NOMEM;
	}
	return BG_OK;
}

static enum bg_status
volumes_copy(struct bg_volume **dst, size_t *dst_n,
	     const struct bg_volume *src, size_t n)
{
	struct bg_volume *v;

	*dst = NULL;
	*dst_n = 0;
	if (n == 0) {
		return BG_OK;
	}
	v = calloc(n, sizeof(*v));
	if (v == NULL) {
		return BG_ERR_NOMEM;
	}
	*dst = v;
	for (size_t i = 0; i < n; i++) {
		if (bg__volume_copy(&v[i], &src[i]) != BG_OK) {
			return BG_ERR_NOMEM;
		}
		*dst_n = i + 1;
	}
	return BG_OK;
}

static enum bg_status
mounts_copy(struct bg_mount_point **dst, size_t *dst_n,
	    const struct bg_mount_point *src, size_t n)
{
	struct bg_mount_point *m;

	*dst = NULL;
	*dst_n = 0;
	if (n == 0) {
		return BG_OK;
	}
	m = calloc(n, sizeof(*m));
	if (m == NULL) {
		return BG_ERR_NOMEM;
	}
	*dst = m;
	for (size_t i = 0; i < n; i++) {
		if (bg__mount_point_copy(&m[i], &src[i]) != BG_OK) {
			return BG_ERR_NOMEM;
		}
		*dst_n = i + 1;
	}
	return BG_OK;
}

static void
volumes_free(struct bg_volume *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bg_volume_finish(&v[i]);
	}
	free(v);
}

static void
mounts_free(struct bg_mount_point *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bg_mount_point_finish(&m[i]);
	}
	free(m);
}

/* ================================================================== */
/* Containers and job definitions                                      */
/* ================================================================== */

static void
eoe_free(struct bg_evaluate_on_exit *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].action);
		free(e[i].on_exit_code);
		free(e[i].on_reason);
		free(e[i].on_status_reason);
	}
	free(e);
}

enum bg_status
bg__eoe_copy(struct bg_evaluate_on_exit **dst, size_t *dst_n,
	     const struct bg_evaluate_on_exit *src, size_t n)
{
	struct bg_evaluate_on_exit *e;
	bool failed = false;

	*dst = NULL;
	*dst_n = 0;
	if (n == 0) {
		return BG_OK;
	}
	e = calloc(n, sizeof(*e));
	if (e == NULL) {
		return BG_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		e[i].action = bg__strdup(src[i].action, &failed);
		e[i].on_exit_code = bg__strdup(src[i].on_exit_code, &failed);
		e[i].on_reason = bg__strdup(src[i].on_reason, &failed);
		e[i].on_status_reason =
			bg__strdup(src[i].on_status_reason, &failed);
	}
	if (failed) {
		eoe_free(e, n);
		return BG_ERR_NOMEM;
	}
	*dst = e;
	*dst_n = n;
	return BG_OK;
}

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
	free(c->image);
	bg__strv_free(c->command, c->command_count);
	free(c->job_role_arn);
	free(c->execution_role_arn);
	bg_kvlist_finish(&c->environment);
	mounts_free(c->mount_points, c->mount_point_count);
	volumes_free(c->volumes, c->volume_count);
	free(c->user);
	free(c->assign_public_ip);
	free(c->platform_version);
	bg__extras_finish(&c->extras);
	free(c);
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
	free(def->name);
	free(def->label);
	free(def->type);
	bg__strv_free(def->platform_capabilities,
		      def->platform_capability_count);
	bg_container_destroy(def->container);
	if (def->node_properties != NULL) {
		struct bg_node_properties *np = def->node_properties;
		for (size_t i = 0; i < np->range_count; i++) {
			free(np->ranges[i].target_nodes);
			bg_container_destroy(np->ranges[i].container);
		}
		free(np->ranges);
		free(np);
	}
	bg_kvlist_finish(&def->parameters);
	bg_kvlist_finish(&def->tags);
	free(def->origin.file);
	free(def->origin.path);
	eoe_free(def->evaluate_on_exit, def->evaluate_on_exit_count);
	for (size_t i = 0; i < def->variable_count; i++) {
		free(def->variables[i].name);
		free(def->variables[i].description);
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
	return def->platform_capability_count == 0 ||
	       has_capability(def, "EC2");
}

bool
bg_jobdef_supports_fargate(const struct bg_jobdef *def)
{
	return has_capability(def, "FARGATE");
}

bool
bg_jobdef_has_retry_strategy(const struct bg_jobdef *def)
{
	return def->retry_attempts.set;
}

bool
bg_jobdef_has_timeout(const struct bg_jobdef *def)
{
	return def->timeout_seconds.set;
}

/* The largest value of one resource over the job's containers. */
static int64_t
estimate(const struct bg_jobdef *def, size_t offset)
{
	int64_t best = 0;
	const struct bg_opt_int *v;

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

/* ================================================================== */
/* vCPU numbers                                                        */
/* ================================================================== */

void
bg_vcpus_format(int64_t milli, char *buf, size_t size)
{
	/* Unsigned, so that INT64_MIN has a magnitude too. */
	uint64_t mag = milli < 0 ? 0 - (uint64_t)milli : (uint64_t)milli;
	unsigned long long whole = mag / 1000;
	unsigned frac = (unsigned)(mag % 1000);
	const char *sign = milli < 0 ? "-" : "";

	if (frac == 0) {
		snprintf(buf, size, "%s%llu", sign, whole);
	} else if (frac % 100 == 0) {
		snprintf(buf, size, "%s%llu.%u", sign, whole, frac / 100);
	} else if (frac % 10 == 0) {
		snprintf(buf, size, "%s%llu.%02u", sign, whole, frac / 10);
	} else {
		snprintf(buf, size, "%s%llu.%03u", sign, whole, frac);
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

static void
ranges_free(struct bg_node_range_options *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].target_nodes);
		bg_job_options_finish(r[i].container);
		free(r[i].container);
	}
	free(r);
}

static enum bg_status
ranges_copy(struct bg_node_range_options **dst, size_t *dst_n,
	    const struct bg_node_range_options *src, size_t n)
{
	struct bg_node_range_options *r = calloc(n, sizeof(*r));
	bool failed = false;

	*dst = r;
	*dst_n = 0;
	if (r == NULL) {
		return BG_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		*dst_n = i + 1;
		r[i].target_nodes = bg__strdup(src[i].target_nodes, &failed);
		if (src[i].container != NULL) {
			r[i].container = calloc(1, sizeof(*r[i].container));
			if (r[i].container == NULL ||
			    bg__job_options_overlay(r[i].container,
						    src[i].container) != BG_OK) {
				failed = true;
			}
		}
		if (failed) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}

void
bg_job_options_finish(struct bg_job_options *o)
{
	if (o == NULL) {
		return;
	}
	free(o->name);
	free(o->label);
	free(o->type);
	free(o->image);
	bg__strv_free(o->command, o->command_count);
	free(o->job_role_arn);
	free(o->execution_role_arn);
	bg__strv_free(o->platform_capabilities,
		      o->platform_capability_count);
	free(o->assign_public_ip);
	free(o->platform_version);
	free(o->user);
	bg_kvlist_finish(&o->environment);
	bg_kvlist_finish(&o->tags);
	bg_kvlist_finish(&o->parameters);
	volumes_free(o->volumes, o->volume_count);
	mounts_free(o->mount_points, o->mount_point_count);
	ranges_free(o->node_ranges, o->node_range_count);
	eoe_free(o->evaluate_on_exit, o->evaluate_on_exit_count);
	bg__extras_finish(&o->extras);
	memset(o, 0, sizeof(*o));
}

#define OVERLAY_STR(f)                                                 \
	do {                                                           \
		if (src->f != NULL && !bg__str_set(&dst->f, src->f)) { \
			return BG_ERR_NOMEM;                           \
		}                                                      \
	} while (0)
#define OVERLAY_VAL(f)                     \
	do {                               \
		if (src->f.set) {          \
			dst->f = src->f;   \
		}                          \
	} while (0)

enum bg_status
bg__job_options_overlay(struct bg_job_options *dst,
			const struct bg_job_options *src)
{
	bool failed = false;

	OVERLAY_STR(name);
	OVERLAY_STR(label);
	OVERLAY_STR(type);
	OVERLAY_STR(image);
	OVERLAY_STR(job_role_arn);
	OVERLAY_STR(execution_role_arn);
	OVERLAY_STR(assign_public_ip);
	OVERLAY_STR(platform_version);
	OVERLAY_STR(user);
	OVERLAY_VAL(vcpus_milli);
	OVERLAY_VAL(memory);
	OVERLAY_VAL(gpus);
	OVERLAY_VAL(num_nodes);
	OVERLAY_VAL(main_node);
	OVERLAY_VAL(retry_attempts);
	OVERLAY_VAL(timeout_seconds);
	OVERLAY_VAL(privileged);
	OVERLAY_VAL(readonly_root_filesystem);
	OVERLAY_VAL(propagate_tags);
	OVERLAY_VAL(scheduling_priority);
	if (src->evaluate_on_exit_count > 0) {
		struct bg_evaluate_on_exit *e;
		size_t n;
		if (bg__eoe_copy(&e, &n, src->evaluate_on_exit,
				 src->evaluate_on_exit_count) != BG_OK) {
			return BG_ERR_NOMEM;
		}
		eoe_free(dst->evaluate_on_exit, dst->evaluate_on_exit_count);
		dst->evaluate_on_exit = e;
		dst->evaluate_on_exit_count = n;
	}
	if (src->node_range_count > 0) {
		struct bg_node_range_options *r;
		size_t n;
		if (ranges_copy(&r, &n, src->node_ranges,
				src->node_range_count) != BG_OK) {
			ranges_free(r, n);
			return BG_ERR_NOMEM;
		}
		ranges_free(dst->node_ranges, dst->node_range_count);
		dst->node_ranges = r;
		dst->node_range_count = n;
	}
	if (src->command_count > 0) {
		char **v = bg__strv_dup(src->command, src->command_count,
					&failed);
		if (failed) {
			bg__strv_free(v, src->command_count);
			return BG_ERR_NOMEM;
		}
		bg__strv_free(dst->command, dst->command_count);
		dst->command = v;
		dst->command_count = src->command_count;
	}
	if (src->platform_capability_count > 0) {
		char **v = bg__strv_dup(src->platform_capabilities,
					src->platform_capability_count,
					&failed);
		if (failed) {
			bg__strv_free(v, src->platform_capability_count);
			return BG_ERR_NOMEM;
		}
		bg__strv_free(dst->platform_capabilities,
			      dst->platform_capability_count);
		dst->platform_capabilities = v;
		dst->platform_capability_count =
			src->platform_capability_count;
	}
	if (bg__kvlist_merge(&dst->environment, &src->environment) != BG_OK ||
	    bg__kvlist_merge(&dst->tags, &src->tags) != BG_OK ||
	    bg__kvlist_merge(&dst->parameters, &src->parameters) != BG_OK) {
		return BG_ERR_NOMEM;
	}
	if (src->volume_count > 0) {
		struct bg_volume *v;
		size_t n;
		if (volumes_copy(&v, &n, src->volumes, src->volume_count) !=
		    BG_OK) {
			volumes_free(v, n);
			return BG_ERR_NOMEM;
		}
		volumes_free(dst->volumes, dst->volume_count);
		dst->volumes = v;
		dst->volume_count = n;
	}
	if (src->mount_point_count > 0) {
		struct bg_mount_point *m;
		size_t n;
		if (mounts_copy(&m, &n, src->mount_points,
				src->mount_point_count) != BG_OK) {
			mounts_free(m, n);
			return BG_ERR_NOMEM;
		}
		mounts_free(dst->mount_points, dst->mount_point_count);
		dst->mount_points = m;
		dst->mount_point_count = n;
	}
	return bg__extras_overlay(&dst->extras, &src->extras);
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
	return bg__mount_point_copy(mp, &src);
}

void
bg_gpu_resource_requirement(struct bg_container *c, int64_t count)
{
	c->gpus.set = true;
	c->gpus.value = count;
}
