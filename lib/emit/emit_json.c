/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Terraform JSON (.tf.json) output, built with cJSON.
 *
 * container_properties and node_properties are JSON-encoded strings
 * with the AWS API's camelCase keys, as the aws provider requires. Keys
 * are written in sorted order (the form the provider stores in state),
 * lists in a stable order, integers as integer literals, and resource
 * values as strings ("0.25", "16384"), so the same model always gives
 * the same bytes and plans show no spurious changes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "batchgen-int.h"

/* ================================================================== */
/* Small builders                                                      */
/* ================================================================== */

struct em {
	bool failed;
};

static cJSON *
add(struct em *em, cJSON *obj, const char *key, cJSON *item)
{
	if (item == NULL) {
		em->failed = true;
		return NULL;
	}
	if (cJSON_IsArray(obj)) {
		if (!cJSON_AddItemToArray(obj, item)) {
			cJSON_Delete(item);
			em->failed = true;
			return NULL;
		}
	} else if (!cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		em->failed = true;
		return NULL;
	}
	return item;
}

/* An integer literal, never through %g (no 1e+06, no 2048.0). */
static cJSON *
int_item(int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return cJSON_CreateRaw(buf);
}

/* A string Terraform reads as a template: escaped. */
static cJSON *
tf_string(const char *s)
{
	char *esc = bg_tf_escape(s);
	cJSON *item;

	if (esc == NULL) {
		return NULL;
	}
	item = cJSON_CreateString(esc);
	free(esc);
	return item;
}

static int
kv_cmp(const void *a, const void *b)
{
	const struct bg_kv *const *x = a;
	const struct bg_kv *const *y = b;

	return strcmp((*x)->key, (*y)->key);
}

/* The pairs of list, sorted by key (caller frees the array). */
static const struct bg_kv **
kv_sorted(const struct bg_kvlist *list)
{
	const struct bg_kv **v;

	v = calloc(list->count ? list->count : 1, sizeof(*v));
	if (v == NULL) {
		return NULL;
	}
	for (size_t i = 0; i < list->count; i++) {
		v[i] = &list->items[i];
	}
	qsort(v, list->count, sizeof(*v), kv_cmp);
	return v;
}

/* A Terraform map attribute (tags, parameters): keys sorted. */
static void
add_tf_map(struct em *em, cJSON *obj, const char *key,
	   const struct bg_kvlist *list)
{
	const struct bg_kv **v;
	cJSON *map;

	if (list->count == 0) {
		return;
	}
	v = kv_sorted(list);
	map = add(em, obj, key, cJSON_CreateObject());
	if (v == NULL || map == NULL) {
		em->failed = true;
		free(v);
		return;
	}
	for (size_t i = 0; i < list->count; i++) {
		char *k = bg_tf_escape(v[i]->key);
		if (k == NULL) {
			em->failed = true;
			break;
		}
		add(em, map, k, tf_string(v[i]->value ? v[i]->value : ""));
		free(k);
	}
	free(v);
}

/* ================================================================== */
/* Container properties (API camelCase, keys sorted)                   */
/* ================================================================== */

static void
add_resource(struct em *em, cJSON *list, const char *type, const char *value)
{
	cJSON *rr = add(em, list, NULL, cJSON_CreateObject());

	if (rr != NULL) {
		add(em, rr, "type", cJSON_CreateString(type));
		add(em, rr, "value", cJSON_CreateString(value));
	}
}

static void
add_volume(struct em *em, cJSON *list, const struct bg_volume *vol)
{
	cJSON *v = add(em, list, NULL, cJSON_CreateObject());
	cJSON *efs;

	if (v == NULL) {
		return;
	}
	if (vol->efs != NULL) {
		const struct bg_efs *e = vol->efs;
		efs = add(em, v, "efsVolumeConfiguration",
			  cJSON_CreateObject());
		if (efs == NULL) {
			return;
		}
		if (e->authorization.access_point_id != NULL ||
		    e->authorization.iam != NULL) {
			cJSON *auth = add(em, efs, "authorizationConfig",
					  cJSON_CreateObject());
			if (auth != NULL &&
			    e->authorization.access_point_id != NULL) {
				add(em, auth, "accessPointId",
				    cJSON_CreateString(
					    e->authorization.access_point_id));
			}
			if (auth != NULL && e->authorization.iam != NULL) {
				add(em, auth, "iam",
				    cJSON_CreateString(e->authorization.iam));
			}
		}
		add(em, efs, "fileSystemId",
		    cJSON_CreateString(e->file_system_id ? e->file_system_id
							 : ""));
		if (e->root_directory != NULL) {
			add(em, efs, "rootDirectory",
			    cJSON_CreateString(e->root_directory));
		}
		if (e->transit_encryption != NULL) {
			add(em, efs, "transitEncryption",
			    cJSON_CreateString(e->transit_encryption));
		}
		if (e->transit_encryption_port.set) {
			add(em, efs, "transitEncryptionPort",
			    int_item(e->transit_encryption_port.value));
		}
	}
	if (vol->has_host) {
		cJSON *host = add(em, v, "host", cJSON_CreateObject());
		if (host != NULL && vol->host_source_path != NULL) {
			add(em, host, "sourcePath",
			    cJSON_CreateString(vol->host_source_path));
		}
	}
	add(em, v, "name", cJSON_CreateString(vol->name ? vol->name : ""));
}

static cJSON *
container_json(struct em *em, const struct bg_container *c, bool fargate)
{
	cJSON *o = cJSON_CreateObject();
	char buf[32];

	if (o == NULL) {
		em->failed = true;
		return NULL;
	}
	if (c->command_count > 0) {
		cJSON *cmd = add(em, o, "command", cJSON_CreateArray());
		for (size_t i = 0; cmd != NULL && i < c->command_count; i++) {
			add(em, cmd, NULL, cJSON_CreateString(c->command[i]));
		}
	}
	if (c->environment.count > 0) {
		const struct bg_kv **v = kv_sorted(&c->environment);
		cJSON *env = add(em, o, "environment", cJSON_CreateArray());
		for (size_t i = 0; v != NULL && env != NULL &&
				   i < c->environment.count;
		     i++) {
			cJSON *e = add(em, env, NULL, cJSON_CreateObject());
			if (e != NULL) {
				add(em, e, "name",
				    cJSON_CreateString(v[i]->key));
				add(em, e, "value",
				    cJSON_CreateString(v[i]->value ? v[i]->value
								   : ""));
			}
		}
		if (v == NULL) {
			em->failed = true;
		}
		free(v);
	}
	if (c->execution_role_arn != NULL) {
		add(em, o, "executionRoleArn",
		    cJSON_CreateString(c->execution_role_arn));
	}
	if (fargate && c->platform_version != NULL) {
		cJSON *fpc = add(em, o, "fargatePlatformConfiguration",
				 cJSON_CreateObject());
		if (fpc != NULL) {
			add(em, fpc, "platformVersion",
			    cJSON_CreateString(c->platform_version));
		}
	}
	add(em, o, "image", cJSON_CreateString(c->image ? c->image : ""));
	if (c->job_role_arn != NULL) {
		add(em, o, "jobRoleArn", cJSON_CreateString(c->job_role_arn));
	}
	if (c->mount_point_count > 0) {
		cJSON *mps = add(em, o, "mountPoints", cJSON_CreateArray());
		for (size_t i = 0; mps != NULL && i < c->mount_point_count;
		     i++) {
			const struct bg_mount_point *mp = &c->mount_points[i];
			cJSON *m = add(em, mps, NULL, cJSON_CreateObject());
			if (m == NULL) {
				break;
			}
			add(em, m, "containerPath",
			    cJSON_CreateString(mp->container_path
						       ? mp->container_path
						       : ""));
			add(em, m, "readOnly", cJSON_CreateBool(mp->read_only));
			add(em, m, "sourceVolume",
			    cJSON_CreateString(mp->source_volume
						       ? mp->source_volume
						       : ""));
		}
	}
	if (fargate && c->assign_public_ip != NULL) {
		cJSON *net = add(em, o, "networkConfiguration",
				 cJSON_CreateObject());
		if (net != NULL) {
			add(em, net, "assignPublicIp",
			    cJSON_CreateString(c->assign_public_ip));
		}
	}
	if (c->privileged.set) {
		add(em, o, "privileged", cJSON_CreateBool(c->privileged.value));
	}
	if (c->readonly_root_filesystem.set) {
		add(em, o, "readonlyRootFilesystem",
		    cJSON_CreateBool(c->readonly_root_filesystem.value));
	}
	/* Sorted by type (GPU, MEMORY, VCPU): a stable order, since the
	 * provider diffs this list in order. */
	if (c->gpus.set || c->memory.set || c->vcpus_milli.set) {
		cJSON *rrs = add(em, o, "resourceRequirements",
				 cJSON_CreateArray());
		if (rrs != NULL && c->gpus.set) {
			snprintf(buf, sizeof(buf), "%lld",
				 (long long)c->gpus.value);
			add_resource(em, rrs, "GPU", buf);
		}
		if (rrs != NULL && c->memory.set) {
			snprintf(buf, sizeof(buf), "%lld",
				 (long long)c->memory.value);
			add_resource(em, rrs, "MEMORY", buf);
		}
		if (rrs != NULL && c->vcpus_milli.set) {
			bg_vcpus_format(c->vcpus_milli.value, buf,
					sizeof(buf));
			add_resource(em, rrs, "VCPU", buf);
		}
	}
	if (c->user != NULL) {
		add(em, o, "user", cJSON_CreateString(c->user));
	}
	if (c->volume_count > 0) {
		cJSON *vols = add(em, o, "volumes", cJSON_CreateArray());
		for (size_t i = 0; vols != NULL && i < c->volume_count; i++) {
			add_volume(em, vols, &c->volumes[i]);
		}
	}
	return o;
}

static cJSON *
node_properties_json(struct em *em, const struct bg_node_properties *np,
		     bool fargate)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *ranges;

	if (o == NULL) {
		em->failed = true;
		return NULL;
	}
	add(em, o, "mainNode",
	    int_item(np->main_node.set ? np->main_node.value : 0));
	ranges = add(em, o, "nodeRangeProperties", cJSON_CreateArray());
	for (size_t i = 0; ranges != NULL && i < np->range_count; i++) {
		const struct bg_node_range *r = &np->ranges[i];
		cJSON *ro = add(em, ranges, NULL, cJSON_CreateObject());
		if (ro == NULL) {
			break;
		}
		if (r->container != NULL) {
			add(em, ro, "container",
			    container_json(em, r->container, fargate));
		}
		add(em, ro, "targetNodes",
		    cJSON_CreateString(r->target_nodes ? r->target_nodes
						       : ""));
	}
	add(em, o, "numNodes",
	    int_item(np->num_nodes.set ? np->num_nodes.value : 0));
	return o;
}

/* A JSON value as an escaped Terraform string attribute. */
static void
add_encoded(struct em *em, cJSON *res, const char *key, cJSON *value)
{
	char *text;

	if (value == NULL) {
		em->failed = true;
		return;
	}
	text = cJSON_PrintUnformatted(value);
	cJSON_Delete(value);
	if (text == NULL) {
		em->failed = true;
		return;
	}
	add(em, res, key, tf_string(text));
	cJSON_free(text);
}

/* ================================================================== */
/* The document                                                        */
/* ================================================================== */

static void
add_resource_block(struct em *em, cJSON *parent, const struct bg_jobdef *def)
{
	bool fargate = bg_jobdef_supports_fargate(def);
	cJSON *res = add(em, parent, def->label, cJSON_CreateObject());

	if (res == NULL) {
		return;
	}
	add(em, res, "name", tf_string(def->name ? def->name : ""));
	add(em, res, "type",
	    tf_string(def->type != NULL ? def->type : "container"));
	if (def->platform_capability_count > 0) {
		cJSON *pc = add(em, res, "platform_capabilities",
				cJSON_CreateArray());
		for (size_t i = 0;
		     pc != NULL && i < def->platform_capability_count; i++) {
			add(em, pc, NULL,
			    tf_string(def->platform_capabilities[i]));
		}
	}
	if (def->container != NULL) {
		add_encoded(em, res, "container_properties",
			    container_json(em, def->container, fargate));
	}
	if (def->node_properties != NULL) {
		add_encoded(em, res, "node_properties",
			    node_properties_json(em, def->node_properties,
						 fargate));
	}
	add_tf_map(em, res, "parameters", &def->parameters);
	if (def->propagate_tags.set) {
		add(em, res, "propagate_tags",
		    cJSON_CreateBool(def->propagate_tags.value));
	}
	if (def->retry_attempts.set) {
		cJSON *rs = add(em, res, "retry_strategy",
				cJSON_CreateObject());
		if (rs != NULL) {
			add(em, rs, "attempts",
			    int_item(def->retry_attempts.value));
		}
	}
	if (def->scheduling_priority.set) {
		add(em, res, "scheduling_priority",
		    int_item(def->scheduling_priority.value));
	}
	add_tf_map(em, res, "tags", &def->tags);
	if (def->timeout_seconds.set) {
		cJSON *to = add(em, res, "timeout", cJSON_CreateObject());
		if (to != NULL) {
			add(em, to, "attempt_duration_seconds",
			    int_item(def->timeout_seconds.value));
		}
	}
}

/* Appends cJSON's formatted text to b: cJSON indents with tabs and
 * writes ":\t"; make that two spaces per level (plus `depth` levels, for
 * a value nested in the document) and ": ". Strings never hold a raw
 * tab (cJSON escapes it), so every tab in the text is layout. */
static void
append_reindented(struct bg__buf *b, const char *text, unsigned depth)
{
	const char *p = text;

	while (*p != '\0') {
		size_t run = strcspn(p, "\t\n");
		bg__buf_putn(b, p, run);
		p += run;
		if (*p == '\t') {
			bg__buf_putc(b, ' ');
			p++;
		} else if (*p == '\n') {
			bg__buf_putc(b, '\n');
			p++;
			for (unsigned i = 0; i < depth; i++) {
				bg__buf_puts(b, "  ");
			}
			while (*p == '\t') {
				bg__buf_puts(b, "  ");
				p++;
			}
		}
	}
}

/* Appends a formatted value under `"key": ` at nesting depth. */
static bool
append_member(struct bg__buf *b, const char *key, cJSON *value,
	      unsigned depth, bool last)
{
	cJSON *k = cJSON_CreateString(key);
	char *ktext = k != NULL ? cJSON_PrintUnformatted(k) : NULL;
	char *vtext = value != NULL ? cJSON_Print(value) : NULL;
	bool ok = ktext != NULL && vtext != NULL;

	if (ok) {
		for (unsigned i = 0; i < depth; i++) {
			bg__buf_puts(b, "  ");
		}
		bg__buf_puts(b, ktext);
		bg__buf_puts(b, ": ");
		append_reindented(b, vtext, depth);
		bg__buf_puts(b, last ? "\n" : ",\n");
	}
	cJSON_free(ktext);
	cJSON_free(vtext);
	cJSON_Delete(k);
	return ok;
}

enum bg_status
bg__emit_json(const struct bg_jobdef *const *defs, size_t n, char **out,
	      size_t *len)
{
	struct em em = { 0 };
	struct bg__buf b = { 0 };
	cJSON *vars = NULL;

	/* Input variables first: a reader sees what to supply. */
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < defs[i]->variable_count; j++) {
			const struct bg_variable *v = &defs[i]->variables[j];
			cJSON *var;
			if (vars == NULL) {
				vars = cJSON_CreateObject();
			}
			if (vars == NULL) {
				return BG_ERR_NOMEM;
			}
			var = add(&em, vars, v->name, cJSON_CreateObject());
			if (var != NULL) {
				add(&em, var, "description",
				    tf_string(v->description));
				add(&em, var, "type",
				    cJSON_CreateString("string"));
			}
		}
	}
	bg__buf_puts(&b, "{\n");
	if (vars != NULL) {
		em.failed |= !append_member(&b, "variable", vars, 1, false);
		cJSON_Delete(vars);
	}
	bg__buf_puts(&b, "  \"resource\": {\n"
			 "    \"aws_batch_job_definition\": {");
	bg__buf_puts(&b, n > 0 ? "\n" : "}\n");
	/* One resource at a time: memory stays that of one resource. */
	for (size_t i = 0; i < n && !em.failed && !b.failed; i++) {
		cJSON *res = cJSON_CreateObject();
		if (res == NULL) {
			em.failed = true;
			break;
		}
		add_resource_block(&em, res, defs[i]);
		if (!em.failed) {
			cJSON *body = cJSON_GetObjectItemCaseSensitive(
				res, defs[i]->label);
			em.failed |= !append_member(&b, defs[i]->label, body, 3,
						    i + 1 == n);
		}
		cJSON_Delete(res);
	}
	if (n > 0) {
		bg__buf_puts(&b, "    }\n");
	}
	bg__buf_puts(&b, "  }\n}\n");
	if (em.failed) {
		bg__buf_finish(&b);
		return BG_ERR_NOMEM;
	}
	*out = bg__buf_take(&b, len);
	return *out != NULL ? BG_OK : BG_ERR_NOMEM;
}
