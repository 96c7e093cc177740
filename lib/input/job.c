/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * What a user says about one job, as written: the libcyaml schema of a
 * job's options (the seed's snake_case names, as template options and
 * as the full attribute tree) and their conversion into struct
 * bg_job_options. Spec files (a spec's jobs and defaults) and
 * templates (their defaults) both read jobs through this one schema,
 * so a field added here is settable in both.
 *
 * A job's template options and its attribute tree say the same things
 * in two ways (`vcpus` or `container_properties.vcpus`, `retry_attempts`
 * or `retry_strategy.attempts`); both become one struct bg_job_options,
 * and saying one thing both ways is an error.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "input/job.h"


/* The keys and their libcyaml schema: input/fields.c. */

const struct bg__free_field bg__job_free_fields[] = {
	{ "environment", bg__ynode_to_env },
	{ "parameters", bg__ynode_to_kvlist },
	{ "tags", bg__ynode_to_kvlist },
	{ "options", bg__ynode_to_kvlist },
	{ NULL, NULL },
};

/* ================================================================== */
/* Conversion: raw document -> job options                             */
/* ================================================================== */


static void
conv_report(struct bg__conv *cv, enum bg_severity sev, const char *path,
	    const char *code, const char *fmt, va_list ap)
{
	char msg[512];
	bool exact;
	struct bg__ynode *n = bg__ynode_at(cv->doc, path, &exact);

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (sev == BG_SEV_ERROR) {
		cv->failed = true;
	}
	if (bg_diags_add(cv->diags, sev, code, cv->doc->file,
			 bg__ynode_line(n), bg__ynode_column(n), path, "%s",
			 msg) != BG_OK) {
		cv->nomem = true;
	}
}

void
bg__conv_error(struct bg__conv *cv, const char *path, const char *code,
	   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conv_report(cv, BG_SEV_ERROR, path, code, fmt, ap);
	va_end(ap);
}

void
bg__conv_warning(struct bg__conv *cv, const char *path, const char *code,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conv_report(cv, BG_SEV_WARNING, path, code, fmt, ap);
	va_end(ap);
}

static char *
dup(struct bg__conv *cv, const char *s)
{
	bool failed = false;
	char *copy = bg__strdup(s, &failed);

	if (failed) {
		cv->nomem = true;
	}
	return copy;
}

static void
set_vcpus(struct bg__conv *cv, struct bg_opt_int *dst, const char *text,
	  const char *path)
{
	const char *why = NULL;
	bool respelled = false;

	if (text == NULL) {
		return;
	}
	if (bg_number_parse(text, 3, &dst->value, &respelled, &why) !=
	    BG_OK) {
		bg__conv_error(cv, path, "schema-type",
			       "'%.60s' is not a number of vCPUs (such as 1, "
			       "2 or 0.25): %s",
			       text, why);
		return;
	}
	if (respelled) {
		char canon[32];
		bg_vcpus_format(dst->value, canon, sizeof(canon));
		bg__conv_warning(cv, path, "number-spelling",
				 "vCPUs '%.60s' are written as '%s': AWS "
				 "stores the shortest form (terraform would "
				 "show a change on every plan) and refuses "
				 "'%.60s' on EC2",
				 text, canon, text);
	}
	dst->set = true;
}

/* A zeroed array of n elements (NULL for none); *count is n, or 0 when
 * out of memory (then cv says so). */
static void *
alloc_n(struct bg__conv *cv, unsigned n, size_t size, size_t *count)
{
	void *p = n > 0 ? calloc(n, size) : NULL;

	if (n > 0 && p == NULL) {
		cv->nomem = true;
	}
	*count = p != NULL ? n : 0;
	return p;
}

static void
volumes_from_raw(struct bg__conv *cv, struct bg_job_options *o,
		 const struct raw_volume *v, unsigned n)
{
	o->volumes = alloc_n(cv, n, sizeof(*o->volumes), &o->volume_count);
	for (size_t i = 0; i < o->volume_count; i++) {
		struct bg_volume *vol = &o->volumes[i];
		vol->name = dup(cv, v[i].name);
		if (v[i].host != NULL) {
			vol->has_host = true;
			vol->host_source_path = dup(cv, v[i].host->source_path);
		}
		if (v[i].efs_volume_configuration != NULL) {
			const struct raw_efs *e = v[i].efs_volume_configuration;
			vol->efs = calloc(1, sizeof(*vol->efs));
			if (vol->efs == NULL) {
				cv->nomem = true;
				return;
			}
			vol->efs->file_system_id = dup(cv, e->file_system_id);
			vol->efs->root_directory = dup(cv, e->root_directory);
			vol->efs->transit_encryption =
				dup(cv, e->transit_encryption);
			bg__opt_int_from(&vol->efs->transit_encryption_port,
				e->transit_encryption_port);
			if (e->authorization_config != NULL) {
				vol->efs->authorization.access_point_id = dup(
					cv,
					e->authorization_config->access_point_id);
				vol->efs->authorization.iam =
					dup(cv, e->authorization_config->iam);
			}
		}
	}
}

static void
mounts_from_raw(struct bg__conv *cv, struct bg_job_options *o,
		const struct raw_mount *m, unsigned n)
{
	o->mount_points =
		alloc_n(cv, n, sizeof(*o->mount_points), &o->mount_point_count);
	for (size_t i = 0; i < o->mount_point_count; i++) {
		o->mount_points[i].source_volume = dup(cv, m[i].source_volume);
		o->mount_points[i].container_path =
			dup(cv, m[i].container_path);
		o->mount_points[i].read_only =
			m[i].read_only != NULL && *m[i].read_only;
	}
}

/* resource_requirements: {type: VCPU|MEMORY|GPU, value: "N"}. */
static void
resources_from_raw(struct bg__conv *cv, struct bg_job_options *o,
		   const struct raw_container *c, const char *base)
{
	char path[512];

	for (unsigned i = 0; i < c->resource_requirements_count; i++) {
		const struct raw_rr *rr = &c->resource_requirements[i];
		struct bg_opt_int *dst = NULL;
		const char *why = NULL;
		int64_t v;

		snprintf(path, sizeof(path), "%s.resource_requirements[%u]",
			 base, i);
		if (strcmp(rr->type, "VCPU") == 0) {
			dst = &o->vcpus_milli;
		} else if (strcmp(rr->type, "MEMORY") == 0) {
			dst = &o->memory;
		} else if (strcmp(rr->type, "GPU") == 0) {
			dst = &o->gpus;
		} else {
			bg__conv_error(cv, path, "resource-type",
				   "resource type '%.40s' is not one of GPU, "
				   "MEMORY, VCPU",
				   rr->type);
			continue;
		}
		if (dst->set) {
			bg__conv_error(cv, path, "resource-type",
				   "%s is given more than once", rr->type);
			continue;
		}
		if (dst == &o->vcpus_milli) {
			char vpath[560];
			snprintf(vpath, sizeof(vpath), "%s.value", path);
			set_vcpus(cv, dst, rr->value, vpath);
		} else if (bg_number_parse(rr->value, 0, &v, NULL, &why) ==
			   BG_OK) {
			dst->set = true;
			dst->value = v;
		} else {
			bg__conv_error(cv, path, "schema-type",
				   "%s value '%.40s' is not a whole number: %s",
				   rr->type, rr->value, why);
		}
	}
}

static struct bg_secret *
secrets_from_raw(struct bg__conv *cv, const struct raw_secret *r, unsigned n,
		 size_t *count)
{
	struct bg_secret *v = alloc_n(cv, n, sizeof(*v), count);

	for (size_t i = 0; i < *count; i++) {
		v[i].name = dup(cv, r[i].name);
		v[i].value_from = dup(cv, r[i].value_from);
	}
	return v;
}

static void
linux_from_raw(struct bg__conv *cv, struct bg_container_extras *x,
	       const struct raw_linux *r)
{
	struct bg_linux_parameters *lp = calloc(1, sizeof(*lp));

	if (lp == NULL) {
		cv->nomem = true;
		return;
	}
	x->linux_parameters = lp;
	bg__opt_bool_from(&lp->init_process_enabled, r->init_process_enabled);
	bg__opt_int_from(&lp->shared_memory_size, r->shared_memory_size);
	bg__opt_int_from(&lp->max_swap, r->max_swap);
	bg__opt_int_from(&lp->swappiness, r->swappiness);
	lp->devices = alloc_n(cv, r->devices_count, sizeof(*lp->devices),
			      &lp->device_count);
	for (size_t i = 0; i < lp->device_count; i++) {
		const struct raw_device *d = &r->devices[i];
		struct bg_device *o = &lp->devices[i];
		o->host_path = dup(cv, d->host_path);
		o->container_path = dup(cv, d->container_path);
		o->permissions = bg__strv_dup(d->permissions,
					      d->permissions_count, &cv->nomem);
		o->permission_count =
			o->permissions != NULL ? d->permissions_count : 0;
	}
	lp->tmpfs = alloc_n(cv, r->tmpfs_count, sizeof(*lp->tmpfs),
			    &lp->tmpfs_count);
	for (size_t i = 0; i < lp->tmpfs_count; i++) {
		const struct raw_tmpfs *t = &r->tmpfs[i];
		struct bg_tmpfs *o = &lp->tmpfs[i];
		o->container_path = dup(cv, t->container_path);
		bg__opt_int_from(&o->size, t->size);
		o->mount_options =
			bg__strv_dup(t->mount_options, t->mount_options_count,
				     &cv->nomem);
		o->mount_option_count =
			o->mount_options != NULL ? t->mount_options_count : 0;
	}
}

/* The settings of struct bg_container_extras. dot_base is the
 * container's field path followed by '.' ("jobs[0].",
 * "defaults.container_properties."), or empty. */
static void
extras_from_raw(struct bg__conv *cv, struct bg_container_extras *x,
		const struct raw_container *c, const char *dot_base)
{
	if (c->linux_parameters != NULL) {
		linux_from_raw(cv, x, c->linux_parameters);
	}
	if (c->log_configuration != NULL) {
		const struct raw_log *r = c->log_configuration;
		struct bg_log_configuration *l = calloc(1, sizeof(*l));
		char path[600];
		if (l == NULL) {
			cv->nomem = true;
			return;
		}
		x->log_configuration = l;
		l->log_driver = dup(cv, r->log_driver);
		l->secret_options =
			secrets_from_raw(cv, r->secret_options,
					 r->secret_options_count,
					 &l->secret_option_count);
		snprintf(path, sizeof(path), "%slog_configuration.options",
			 dot_base);
		if (bg__ynode_to_kvlist(cv->doc, bg__ynode_exact(cv->doc, path),
					path, &l->options,
					NULL) == BG_ERR_NOMEM) {
			cv->nomem = true;
		}
	}
	x->secrets = secrets_from_raw(cv, c->secrets, c->secrets_count,
				      &x->secret_count);
	x->ulimits = alloc_n(cv, c->ulimits_count, sizeof(*x->ulimits),
			     &x->ulimit_count);
	for (size_t i = 0; i < x->ulimit_count; i++) {
		x->ulimits[i].name = dup(cv, c->ulimits[i].name);
		bg__opt_int_from(&x->ulimits[i].soft_limit,
				 c->ulimits[i].soft_limit);
		bg__opt_int_from(&x->ulimits[i].hard_limit,
				 c->ulimits[i].hard_limit);
	}
	if (c->ephemeral_storage != NULL) {
		bg__opt_int_from(&x->ephemeral_storage,
				 c->ephemeral_storage->size_in_gib);
	}
	if (c->runtime_platform != NULL) {
		x->operating_system_family =
			dup(cv, c->runtime_platform->operating_system_family);
		x->cpu_architecture =
			dup(cv, c->runtime_platform->cpu_architecture);
	}
	if (c->repository_credentials != NULL) {
		/* An empty block is a missing parameter: say so. */
		const char *param =
			c->repository_credentials->credentials_parameter;
		x->repository_credentials = dup(cv, param ? param : "");
	}
	bg__opt_bool_from(&x->enable_execute_command,
			  c->enable_execute_command);
	x->instance_type = dup(cv, c->instance_type);
}

/* The container part: shared by job level, container_properties and
 * node range containers. base is the field path of the container. */
static void
container_from_raw(struct bg__conv *cv, struct bg_job_options *o,
		   const struct raw_container *c, const char *base)
{
	char path[512];

	o->image = dup(cv, c->image);
	o->command = bg__strv_dup(c->command, c->command_count, &cv->nomem);
	o->command_count = o->command != NULL ? c->command_count : 0;
	snprintf(path, sizeof(path), "%s%svcpus", base, base[0] ? "." : "");
	set_vcpus(cv, &o->vcpus_milli, c->vcpus, path);
	bg__opt_int_from(&o->memory, c->memory);
	bg__opt_int_from(&o->gpus, c->gpus);
	o->job_role_arn = dup(cv, c->job_role_arn);
	o->execution_role_arn = dup(cv, c->execution_role_arn);
	mounts_from_raw(cv, o, c->mount_points, c->mount_points_count);
	volumes_from_raw(cv, o, c->volumes, c->volumes_count);
	bg__opt_bool_from(&o->privileged, c->privileged);
	bg__opt_bool_from(&o->readonly_root_filesystem,
			  c->readonly_root_filesystem);
	o->user = dup(cv, c->user);
	if (c->network_configuration != NULL) {
		o->assign_public_ip =
			dup(cv, c->network_configuration->assign_public_ip);
	}
	if (c->fargate_platform_configuration != NULL) {
		o->platform_version = dup(
			cv, c->fargate_platform_configuration->platform_version);
	}
	if (c->resource_requirements_count > 0) {
		struct bg_job_options rr = { 0 };
		resources_from_raw(cv, &rr, c, base);
		if (rr.vcpus_milli.set && o->vcpus_milli.set) {
			bg__conv_error(cv, path, "given-twice",
				   "vCPUs are given both as vcpus and in "
				   "resource_requirements");
		}
		if (rr.memory.set && o->memory.set) {
			bg__conv_error(cv, path, "given-twice",
				   "memory is given both as memory and in "
				   "resource_requirements");
		}
		if (rr.gpus.set && o->gpus.set) {
			bg__conv_error(cv, path, "given-twice",
				   "GPUs are given both as gpus and in "
				   "resource_requirements");
		}
		if (bg__job_options_overlay(o, &rr) != BG_OK) {
			cv->nomem = true;
		}
		bg_job_options_finish(&rr);
	}
	snprintf(path, sizeof(path), "%s%s", base, base[0] ? "." : "");
	extras_from_raw(cv, &o->extras, c, path);
	snprintf(path, sizeof(path), "%s%senvironment", base,
		 base[0] ? "." : "");
	if (bg__ynode_to_env(cv->doc, bg__ynode_exact(cv->doc, path),
			     path, &o->environment, NULL) == BG_ERR_NOMEM) {
		cv->nomem = true;
	}
}

/* Fields set in both a and b: "said twice" errors at path b_base. */
static void
check_twice(struct bg__conv *cv, const struct bg_job_options *a,
	    const struct bg_job_options *b, const char *a_base,
	    const char *b_base)
{
	static const struct {
		const char *a, *b;
		size_t off;
		int kind; /* 0 string, 1 int, 2 bool, 3 count, 4 pointer */
	} fields[] = {
#define F(a, b, m, k) { a, b, offsetof(struct bg_job_options, m), k }
		F("image", "image", image, 0),
		F("command", "command", command_count, 3),
		F("vcpus", "vcpus", vcpus_milli, 1),
		F("memory", "memory", memory, 1),
		F("gpus", "gpus", gpus, 1),
		F("job_role_arn", "job_role_arn", job_role_arn, 0),
		F("execution_role_arn", "execution_role_arn",
		  execution_role_arn, 0),
		F("mount_points", "mount_points", mount_point_count, 3),
		F("volumes", "volumes", volume_count, 3),
		F("privileged", "privileged", privileged, 2),
		F("readonly_root_filesystem", "readonly_root_filesystem",
		  readonly_root_filesystem, 2),
		F("user", "user", user, 0),
		F("environment", "environment", environment.count, 3),
		F("linux_parameters", "linux_parameters",
		  extras.linux_parameters, 4),
		F("log_configuration", "log_configuration",
		  extras.log_configuration, 4),
		F("secrets", "secrets", extras.secret_count, 3),
		F("ulimits", "ulimits", extras.ulimit_count, 3),
		F("ephemeral_storage.size_in_gib", "ephemeral_storage.size_in_gib",
		  extras.ephemeral_storage, 1),
		F("runtime_platform.operating_system_family",
		  "runtime_platform.operating_system_family",
		  extras.operating_system_family, 0),
		F("runtime_platform.cpu_architecture",
		  "runtime_platform.cpu_architecture",
		  extras.cpu_architecture, 0),
		F("repository_credentials.credentials_parameter",
		  "repository_credentials.credentials_parameter",
		  extras.repository_credentials, 0),
		F("enable_execute_command", "enable_execute_command",
		  extras.enable_execute_command, 2),
		F("instance_type", "instance_type", extras.instance_type, 0),
		F("assign_public_ip", "network_configuration.assign_public_ip",
		  assign_public_ip, 0),
		F("platform_version",
		  "fargate_platform_configuration.platform_version",
		  platform_version, 0),
		F("num_nodes", "num_nodes", num_nodes, 1),
		F("main_node", "main_node", main_node, 1),
		F("retry_attempts", "attempts", retry_attempts, 1),
		F("timeout_seconds", "attempt_duration_seconds",
		  timeout_seconds, 1),
#undef F
	};
	char path[512];

	for (size_t i = 0; i < ARRAY_LENGTH(fields); i++) {
		const char *pa = (const char *)a + fields[i].off;
		const char *pb = (const char *)b + fields[i].off;
		bool both;
		switch (fields[i].kind) {
		case 0:
			both = *(char *const *)pa && *(char *const *)pb;
			break;
		case 1:
			both = ((const struct bg_opt_int *)pa)->set &&
			       ((const struct bg_opt_int *)pb)->set;
			break;
		case 2:
			both = ((const struct bg_opt_bool *)pa)->set &&
			       ((const struct bg_opt_bool *)pb)->set;
			break;
		case 3:
			both = *(const size_t *)pa && *(const size_t *)pb;
			break;
		default:
			both = *(void *const *)pa && *(void *const *)pb;
			break;
		}
		if (both) {
			snprintf(path, sizeof(path), "%s.%s", b_base,
				 fields[i].b);
			bg__conv_error(cv, path, "given-twice",
				   "'%s' says what '%s.%s' already says; "
				   "give it once",
				   path, a_base, fields[i].a);
		}
	}
}

/* Converts one raw job (or the defaults) at field path base. */
void
bg__job_from_raw(struct bg__conv *cv, struct bg_job_options *o,
	     const struct raw_job *r, const char *base)
{
	char path[512];

	o->name = dup(cv, r->name);
	o->label = dup(cv, r->label);
	o->type = dup(cv, r->type);
	container_from_raw(cv, o, &r->c, base);
	o->assign_public_ip = dup(cv, r->assign_public_ip);
	o->platform_version = dup(cv, r->platform_version);
	bg__opt_int_from(&o->num_nodes, r->num_nodes);
	bg__opt_int_from(&o->main_node, r->main_node);
	bg__opt_int_from(&o->retry_attempts, r->retry_attempts);
	bg__opt_int_from(&o->timeout_seconds, r->timeout_seconds);
	bg__opt_int_from(&o->scheduling_priority, r->scheduling_priority);
	bg__opt_bool_from(&o->propagate_tags, r->propagate_tags);
	o->platform_capabilities =
		bg__strv_dup(r->platform_capabilities,
			     r->platform_capabilities_count, &cv->nomem);
	o->platform_capability_count = o->platform_capabilities != NULL
					       ? r->platform_capabilities_count
					       : 0;
	snprintf(path, sizeof(path), "%s.tags", base);
	if (bg__ynode_to_kvlist(cv->doc, bg__ynode_exact(cv->doc, path),
				path, &o->tags, NULL) == BG_ERR_NOMEM) {
		cv->nomem = true;
	}
	snprintf(path, sizeof(path), "%s.parameters", base);
	if (bg__ynode_to_kvlist(cv->doc, bg__ynode_exact(cv->doc, path),
				path, &o->parameters, NULL) == BG_ERR_NOMEM) {
		cv->nomem = true;
	}

	/* The attribute tree says the same things a second way. */
	if (r->container_properties != NULL) {
		struct bg_job_options cp = { 0 };
		snprintf(path, sizeof(path), "%s.container_properties", base);
		container_from_raw(cv, &cp, r->container_properties, path);
		check_twice(cv, o, &cp, base, path);
		if (bg__job_options_overlay(o, &cp) != BG_OK) {
			cv->nomem = true;
		}
		bg_job_options_finish(&cp);
	}
	if (r->retry_strategy != NULL || r->timeout != NULL ||
	    r->node_properties != NULL) {
		struct bg_job_options tree = { 0 };
		if (r->retry_strategy != NULL) {
			const struct raw_retry *rs = r->retry_strategy;
			bg__opt_int_from(&tree.retry_attempts, rs->attempts);
			tree.evaluate_on_exit =
				alloc_n(cv, rs->evaluate_on_exit_count,
					sizeof(*tree.evaluate_on_exit),
					&tree.evaluate_on_exit_count);
			for (size_t i = 0; i < tree.evaluate_on_exit_count;
			     i++) {
				const struct raw_eoe *e =
					&rs->evaluate_on_exit[i];
				tree.evaluate_on_exit[i].action =
					dup(cv, e->action);
				tree.evaluate_on_exit[i].on_exit_code =
					dup(cv, e->on_exit_code);
				tree.evaluate_on_exit[i].on_reason =
					dup(cv, e->on_reason);
				tree.evaluate_on_exit[i].on_status_reason =
					dup(cv, e->on_status_reason);
			}
		}
		if (r->timeout != NULL) {
			bg__opt_int_from(&tree.timeout_seconds,
				r->timeout->attempt_duration_seconds);
		}
		if (r->node_properties != NULL) {
			bg__opt_int_from(&tree.num_nodes,
					 r->node_properties->num_nodes);
			bg__opt_int_from(&tree.main_node,
					 r->node_properties->main_node);
		}
		snprintf(path, sizeof(path), "%s.%s", base,
			 r->retry_strategy != NULL ? "retry_strategy"
			 : r->timeout != NULL	   ? "timeout"
						   : "node_properties");
		check_twice(cv, o, &tree, base, path);
		if (bg__job_options_overlay(o, &tree) != BG_OK) {
			cv->nomem = true;
		}
		bg_job_options_finish(&tree);
	}
	if (r->node_properties != NULL &&
	    r->node_properties->node_range_properties_count > 0) {
		const struct raw_nodes *np = r->node_properties;
		o->node_ranges = alloc_n(cv, np->node_range_properties_count,
					 sizeof(*o->node_ranges),
					 &o->node_range_count);
		for (size_t i = 0; i < o->node_range_count; i++) {
			const struct raw_range *rr =
				&np->node_range_properties[i];
			o->node_ranges[i].target_nodes =
				dup(cv, rr->target_nodes);
			if (rr->container == NULL) {
				continue;
			}
			o->node_ranges[i].container =
				calloc(1, sizeof(*o->node_ranges[i].container));
			if (o->node_ranges[i].container == NULL) {
				cv->nomem = true;
				return;
			}
			snprintf(path, sizeof(path),
				 "%s.node_properties.node_range_properties[%zu]"
				 ".container",
				 base, i);
			container_from_raw(cv, o->node_ranges[i].container,
					   rr->container, path);
		}
	}
}
