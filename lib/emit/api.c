/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The AWS API's JSON of container and node properties (camelCase keys,
 * sorted; lists in a stable order; resource values as canonical
 * strings; integers as integer literals), as cJSON trees. Both output
 * formats write these trees: Terraform JSON as an encoded string, HCL as
 * jsonencode({...}) object syntax, so the two always say the same.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* ================================================================== */
/* Small builders                                                      */
/* ================================================================== */

cJSON *
bg__em_add(struct em *em, cJSON *obj, const char *key, cJSON *item)
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
cJSON *
bg__em_int(int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return cJSON_CreateRaw(buf);
}

static int
kv_cmp(const void *a, const void *b)
{
	const struct bg_kv *const *x = a;
	const struct bg_kv *const *y = b;

	return strcmp((*x)->key, (*y)->key);
}

/* The pairs of list, sorted by key (caller frees the array). */
const struct bg_kv **
bg__kv_sorted(const struct bg_kvlist *list)
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

/* ================================================================== */
/* Container properties (API camelCase, keys sorted)                   */
/* ================================================================== */

static void
add_strings(struct em *em, cJSON *obj, const char *key, char *const *v,
	    size_t n)
{
	cJSON *list;

	if (n == 0) {
		return;
	}
	list = bg__em_add(em, obj, key, cJSON_CreateArray());
	for (size_t i = 0; list != NULL && i < n; i++) {
		bg__em_add(em, list, NULL, cJSON_CreateString(v[i] ? v[i] : ""));
	}
}

static void
add_string(struct em *em, cJSON *obj, const char *key, const char *v)
{
	if (v != NULL) {
		bg__em_add(em, obj, key, cJSON_CreateString(v));
	}
}

static void
add_opt_int(struct em *em, cJSON *obj, const char *key,
	    const struct bg_opt_int *v)
{
	if (v->set) {
		bg__em_add(em, obj, key, bg__em_int(v->value));
	}
}

static void
add_opt_bool(struct em *em, cJSON *obj, const char *key,
	     const struct bg_opt_bool *v)
{
	if (v->set) {
		bg__em_add(em, obj, key, cJSON_CreateBool(v->value));
	}
}

static void
add_resource(struct em *em, cJSON *list, const char *type, const char *value)
{
	cJSON *rr = bg__em_add(em, list, NULL, cJSON_CreateObject());

	if (rr != NULL) {
		bg__em_add(em, rr, "type", cJSON_CreateString(type));
		bg__em_add(em, rr, "value", cJSON_CreateString(value));
	}
}

static void
add_volume(struct em *em, cJSON *list, const struct bg_volume *vol)
{
	cJSON *v = bg__em_add(em, list, NULL, cJSON_CreateObject());
	cJSON *efs;

	if (v == NULL) {
		return;
	}
	if (vol->efs != NULL) {
		const struct bg_efs *e = vol->efs;
		efs = bg__em_add(em, v, "efsVolumeConfiguration",
			  cJSON_CreateObject());
		if (efs == NULL) {
			return;
		}
		if (e->authorization.access_point_id != NULL ||
		    e->authorization.iam != NULL) {
			cJSON *auth = bg__em_add(em, efs, "authorizationConfig",
					  cJSON_CreateObject());
			if (auth != NULL) {
				add_string(em, auth, "accessPointId",
					   e->authorization.access_point_id);
				add_string(em, auth, "iam",
					   e->authorization.iam);
			}
		}
		bg__em_add(em, efs, "fileSystemId",
		    cJSON_CreateString(e->file_system_id ? e->file_system_id
							 : ""));
		add_string(em, efs, "rootDirectory", e->root_directory);
		add_string(em, efs, "transitEncryption", e->transit_encryption);
		add_opt_int(em, efs, "transitEncryptionPort",
			    &e->transit_encryption_port);
	}
	if (vol->has_host) {
		cJSON *host = bg__em_add(em, v, "host", cJSON_CreateObject());
		if (host != NULL) {
			add_string(em, host, "sourcePath",
				   vol->host_source_path);
		}
	}
	bg__em_add(em, v, "name", cJSON_CreateString(vol->name ? vol->name : ""));
}

static int
secret_cmp(const void *a, const void *b)
{
	const struct bg_secret *const *x = a;
	const struct bg_secret *const *y = b;

	return strcmp((*x)->name ? (*x)->name : "", (*y)->name ? (*y)->name : "");
}

/* Secrets sorted by name: the provider diffs the list in order, and a
 * name order is the one a reader expects (as for environment). */
static void
add_secrets(struct em *em, cJSON *obj, const char *key,
	    const struct bg_secret *s, size_t n)
{
	const struct bg_secret **v;
	cJSON *list;

	if (n == 0) {
		return;
	}
	v = calloc(n, sizeof(*v));
	list = bg__em_add(em, obj, key, cJSON_CreateArray());
	if (v == NULL || list == NULL) {
		em->failed = true;
		free(v);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		v[i] = &s[i];
	}
	qsort(v, n, sizeof(*v), secret_cmp);
	for (size_t i = 0; i < n; i++) {
		cJSON *e = bg__em_add(em, list, NULL, cJSON_CreateObject());
		if (e != NULL) {
			add_string(em, e, "name", v[i]->name ? v[i]->name : "");
			add_string(em, e, "valueFrom",
				   v[i]->value_from ? v[i]->value_from : "");
		}
	}
	free(v);
}

static void
add_linux_parameters(struct em *em, cJSON *o,
		     const struct bg_linux_parameters *lp)
{
	cJSON *l = bg__em_add(em, o, "linuxParameters", cJSON_CreateObject());
	cJSON *list;

	if (l == NULL) {
		return;
	}
	if (lp->device_count > 0) {
		list = bg__em_add(em, l, "devices", cJSON_CreateArray());
		for (size_t i = 0; list != NULL && i < lp->device_count; i++) {
			const struct bg_device *d = &lp->devices[i];
			cJSON *e = bg__em_add(em, list, NULL,
					      cJSON_CreateObject());
			if (e == NULL) {
				break;
			}
			add_string(em, e, "containerPath", d->container_path);
			add_string(em, e, "hostPath",
				   d->host_path ? d->host_path : "");
			add_strings(em, e, "permissions", d->permissions,
				    d->permission_count);
		}
	}
	add_opt_bool(em, l, "initProcessEnabled", &lp->init_process_enabled);
	add_opt_int(em, l, "maxSwap", &lp->max_swap);
	add_opt_int(em, l, "sharedMemorySize", &lp->shared_memory_size);
	add_opt_int(em, l, "swappiness", &lp->swappiness);
	if (lp->tmpfs_count > 0) {
		list = bg__em_add(em, l, "tmpfs", cJSON_CreateArray());
		for (size_t i = 0; list != NULL && i < lp->tmpfs_count; i++) {
			const struct bg_tmpfs *t = &lp->tmpfs[i];
			cJSON *e = bg__em_add(em, list, NULL,
					      cJSON_CreateObject());
			if (e == NULL) {
				break;
			}
			add_string(em, e, "containerPath",
				   t->container_path ? t->container_path : "");
			add_strings(em, e, "mountOptions", t->mount_options,
				    t->mount_option_count);
			bg__em_add(em, e, "size",
				   bg__em_int(t->size.set ? t->size.value : 0));
		}
	}
}

static void
add_log_configuration(struct em *em, cJSON *o,
		      const struct bg_log_configuration *lc)
{
	cJSON *l = bg__em_add(em, o, "logConfiguration", cJSON_CreateObject());

	if (l == NULL) {
		return;
	}
	add_string(em, l, "logDriver", lc->log_driver ? lc->log_driver : "");
	if (lc->options.count > 0) {
		const struct bg_kv **v = bg__kv_sorted(&lc->options);
		cJSON *opts = bg__em_add(em, l, "options", cJSON_CreateObject());
		for (size_t i = 0; v != NULL && opts != NULL &&
				   i < lc->options.count;
		     i++) {
			add_string(em, opts, v[i]->key,
				   v[i]->value ? v[i]->value : "");
		}
		if (v == NULL) {
			em->failed = true;
		}
		free(v);
	}
	add_secrets(em, l, "secretOptions", lc->secret_options,
		    lc->secret_option_count);
}

static void
add_ulimits(struct em *em, cJSON *o, const struct bg_ulimit *u, size_t n)
{
	cJSON *list;

	if (n == 0) {
		return;
	}
	list = bg__em_add(em, o, "ulimits", cJSON_CreateArray());
	for (size_t i = 0; list != NULL && i < n; i++) {
		cJSON *e = bg__em_add(em, list, NULL, cJSON_CreateObject());
		if (e == NULL) {
			break;
		}
		bg__em_add(em, e, "hardLimit",
			   bg__em_int(u[i].hard_limit.set ? u[i].hard_limit.value
							  : 0));
		add_string(em, e, "name", u[i].name ? u[i].name : "");
		bg__em_add(em, e, "softLimit",
			   bg__em_int(u[i].soft_limit.set ? u[i].soft_limit.value
							  : 0));
	}
}

/* Keys are added in sorted order, the order the provider stores. */
cJSON *
bg__api_container(struct em *em, const struct bg_container *c, bool fargate)
{
	const struct bg_container_extras *x = &c->extras;
	cJSON *o = cJSON_CreateObject();
	char buf[32];

	if (o == NULL) {
		em->failed = true;
		return NULL;
	}
	if (c->command_count > 0) {
		cJSON *cmd = bg__em_add(em, o, "command", cJSON_CreateArray());
		for (size_t i = 0; cmd != NULL && i < c->command_count; i++) {
			bg__em_add(em, cmd, NULL, cJSON_CreateString(c->command[i]));
		}
	}
	add_opt_bool(em, o, "enableExecuteCommand", &x->enable_execute_command);
	if (c->environment.count > 0) {
		const struct bg_kv **v = bg__kv_sorted(&c->environment);
		cJSON *env = bg__em_add(em, o, "environment", cJSON_CreateArray());
		for (size_t i = 0; v != NULL && env != NULL &&
				   i < c->environment.count;
		     i++) {
			cJSON *e = bg__em_add(em, env, NULL, cJSON_CreateObject());
			if (e != NULL) {
				bg__em_add(em, e, "name",
				    cJSON_CreateString(v[i]->key));
				bg__em_add(em, e, "value",
				    cJSON_CreateString(v[i]->value ? v[i]->value
								   : ""));
			}
		}
		if (v == NULL) {
			em->failed = true;
		}
		free(v);
	}
	if (x->ephemeral_storage.set) {
		cJSON *es = bg__em_add(em, o, "ephemeralStorage",
				       cJSON_CreateObject());
		if (es != NULL) {
			add_opt_int(em, es, "sizeInGiB", &x->ephemeral_storage);
		}
	}
	add_string(em, o, "executionRoleArn", c->execution_role_arn);
	if (fargate && c->platform_version != NULL) {
		cJSON *fpc = bg__em_add(em, o, "fargatePlatformConfiguration",
				 cJSON_CreateObject());
		if (fpc != NULL) {
			bg__em_add(em, fpc, "platformVersion",
			    cJSON_CreateString(c->platform_version));
		}
	}
	bg__em_add(em, o, "image", cJSON_CreateString(c->image ? c->image : ""));
	add_string(em, o, "instanceType", x->instance_type);
	add_string(em, o, "jobRoleArn", c->job_role_arn);
	if (x->linux_parameters != NULL) {
		add_linux_parameters(em, o, x->linux_parameters);
	}
	if (x->log_configuration != NULL) {
		add_log_configuration(em, o, x->log_configuration);
	}
	if (c->mount_point_count > 0) {
		cJSON *mps = bg__em_add(em, o, "mountPoints", cJSON_CreateArray());
		for (size_t i = 0; mps != NULL && i < c->mount_point_count;
		     i++) {
			const struct bg_mount_point *mp = &c->mount_points[i];
			cJSON *m = bg__em_add(em, mps, NULL, cJSON_CreateObject());
			if (m == NULL) {
				break;
			}
			bg__em_add(em, m, "containerPath",
			    cJSON_CreateString(mp->container_path
						       ? mp->container_path
						       : ""));
			bg__em_add(em, m, "readOnly", cJSON_CreateBool(mp->read_only));
			bg__em_add(em, m, "sourceVolume",
			    cJSON_CreateString(mp->source_volume
						       ? mp->source_volume
						       : ""));
		}
	}
	if (fargate && c->assign_public_ip != NULL) {
		cJSON *net = bg__em_add(em, o, "networkConfiguration",
				 cJSON_CreateObject());
		if (net != NULL) {
			bg__em_add(em, net, "assignPublicIp",
			    cJSON_CreateString(c->assign_public_ip));
		}
	}
	add_opt_bool(em, o, "privileged", &c->privileged);
	add_opt_bool(em, o, "readonlyRootFilesystem",
		     &c->readonly_root_filesystem);
	if (x->repository_credentials != NULL) {
		cJSON *rc = bg__em_add(em, o, "repositoryCredentials",
				       cJSON_CreateObject());
		if (rc != NULL) {
			add_string(em, rc, "credentialsParameter",
				   x->repository_credentials);
		}
	}
	/* Sorted by type (GPU, MEMORY, VCPU): a stable order, since the
	 * provider diffs this list in order. */
	if (c->gpus.set || c->memory.set || c->vcpus_milli.set) {
		cJSON *rrs = bg__em_add(em, o, "resourceRequirements",
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
	if (x->operating_system_family != NULL || x->cpu_architecture != NULL) {
		cJSON *rp = bg__em_add(em, o, "runtimePlatform",
				       cJSON_CreateObject());
		if (rp != NULL) {
			add_string(em, rp, "cpuArchitecture",
				   x->cpu_architecture);
			add_string(em, rp, "operatingSystemFamily",
				   x->operating_system_family);
		}
	}
	add_secrets(em, o, "secrets", x->secrets, x->secret_count);
	add_ulimits(em, o, x->ulimits, x->ulimit_count);
	add_string(em, o, "user", c->user);
	if (c->volume_count > 0) {
		cJSON *vols = bg__em_add(em, o, "volumes", cJSON_CreateArray());
		for (size_t i = 0; vols != NULL && i < c->volume_count; i++) {
			add_volume(em, vols, &c->volumes[i]);
		}
	}
	return o;
}

cJSON *
bg__api_node_properties(struct em *em, const struct bg_node_properties *np,
		     bool fargate)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *ranges;

	if (o == NULL) {
		em->failed = true;
		return NULL;
	}
	bg__em_add(em, o, "mainNode",
	    bg__em_int(np->main_node.set ? np->main_node.value : 0));
	ranges = bg__em_add(em, o, "nodeRangeProperties", cJSON_CreateArray());
	for (size_t i = 0; ranges != NULL && i < np->range_count; i++) {
		const struct bg_node_range *r = &np->ranges[i];
		cJSON *ro = bg__em_add(em, ranges, NULL, cJSON_CreateObject());
		if (ro == NULL) {
			break;
		}
		if (r->container != NULL) {
			bg__em_add(em, ro, "container",
			    bg__api_container(em, r->container, fargate));
		}
		bg__em_add(em, ro, "targetNodes",
		    cJSON_CreateString(r->target_nodes ? r->target_nodes
						       : ""));
	}
	bg__em_add(em, o, "numNodes",
	    bg__em_int(np->num_nodes.set ? np->num_nodes.value : 0));
	return o;
}


cJSON *
bg__api_retry(struct em *em, const struct bg_jobdef *def)
{
	cJSON *rs;
	cJSON *list;

	if (!def->retry_attempts.set && def->evaluate_on_exit_count == 0) {
		return NULL;
	}
	rs = cJSON_CreateObject();
	if (rs == NULL) {
		em->failed = true;
		return NULL;
	}
	add_opt_int(em, rs, "attempts", &def->retry_attempts);
	if (def->evaluate_on_exit_count == 0) {
		return rs;
	}
	list = bg__em_add(em, rs, "evaluate_on_exit", cJSON_CreateArray());
	for (size_t i = 0; list != NULL && i < def->evaluate_on_exit_count;
	     i++) {
		const struct bg_evaluate_on_exit *e = &def->evaluate_on_exit[i];
		cJSON *o = bg__em_add(em, list, NULL, cJSON_CreateObject());
		char action[16] = "";
		if (o == NULL) {
			break;
		}
		for (size_t k = 0; e->action != NULL && e->action[k] != '\0' &&
				   k + 1 < sizeof(action);
		     k++) {
			char c = e->action[k];
			action[k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
							 : c;
			action[k + 1] = '\0';
		}
		bg__em_add(em, o, "action", cJSON_CreateString(action));
		add_string(em, o, "on_exit_code", e->on_exit_code);
		add_string(em, o, "on_reason", e->on_reason);
		add_string(em, o, "on_status_reason", e->on_status_reason);
	}
	return rs;
}
