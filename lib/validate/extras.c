/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The rules of the container settings beyond the everyday ones
 * (struct bg_container_extras): linux_parameters, log_configuration,
 * secrets, ulimits, ephemeral_storage, runtime_platform,
 * repository_credentials and instance_type (rules doc 2.4-2.6, rules
 * 31-38 and 51-58, 65). Enumerations are tables, declared once here.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/enums.h"
#include "validate/rules.h"

static bool
in_list(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		if (strcmp(v, list[i]) == 0) {
			return true;
		}
	}
	return false;
}

#define ALLOWED(list) bg__list_text(list, allowed, sizeof(allowed))

static bool
is_empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* An ARN of the given service ("arn:aws:ssm:..."), in any partition. */
static bool
is_service_arn(const char *s, const char *service)
{
	const char *p = strchr(s + 4, ':');
	size_t n = strlen(service);

	return p != NULL && strncmp(p + 1, service, n) == 0 && p[1 + n] == ':';
}

static void
check_secret_list(struct ctx *cx, const struct bg_secret *s, size_t n,
		  const char *base)
{
	char path[400];

	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s[%zu]", base, i);
		if (is_empty(s[i].name) || is_empty(s[i].value_from)) {
			bg__report(cx, R_SECRET, path,
				   "a secret needs both name and value_from "
				   "(the ARN of a Secrets Manager secret or "
				   "an SSM parameter)");
			continue;
		}
		bg__check_string(
			cx, R_SECRET, path, s[i].value_from,
			strncmp(s[i].value_from, "arn:", 4) != 0 ||
				is_service_arn(s[i].value_from,
					       "secretsmanager") ||
				is_service_arn(s[i].value_from, "ssm"),
			PLAN_IF("!startswith(@@, \"arn:\") || "
				"can(regex(\"^arn:[^:]*:(secretsmanager|ssm):\", "
				"@@))"),
			"value_from of secret '%s' must be a Secrets Manager "
			"secret ARN (arn:aws:secretsmanager:...), an SSM "
			"parameter ARN (arn:aws:ssm:...) or an SSM parameter "
			"name of the same Region; got '%.80s'",
			s[i].name, s[i].value_from);
	}
}

/* Secrets become environment variables: names are unique across both
 * lists and not reserved. */
static void
check_secrets(struct ctx *cx, const struct bg_container *c,
	      const char *base, bool in_task)
{
	const struct bg_container_extras *x = &c->extras;
	char path[400];

	bg__path_join(path, sizeof(path), base, "secrets");
	check_secret_list(cx, x->secrets, x->secret_count, path);
	for (size_t i = 0; i < x->secret_count; i++) {
		const char *name = x->secrets[i].name;
		if (is_empty(name)) {
			continue;
		}
		snprintf(path, sizeof(path), "%s.secrets[%zu]", base, i);
		bg__check_string(cx, R_ENV_RESERVED, path, name,
				 strncmp(name, "AWS_BATCH", 9) != 0,
				 PLAN_IF("!startswith(@@, \"AWS_BATCH\")"),
				 "secret '%s': environment names starting "
				 "with AWS_BATCH are reserved for AWS Batch",
				 name);
		if (bg_kvlist_get(&c->environment, name) != NULL) {
			bg__report(cx, R_ENV_DUPLICATE, path,
				   "secret '%s' is also set in environment; "
				   "a variable comes from one of them",
				   name);
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			if (x->secrets[j].name != NULL &&
			    strcmp(x->secrets[j].name, name) == 0) {
				bg__report(cx, R_ENV_DUPLICATE, path,
					   "secret '%s' is given twice (also "
					   "secrets[%zu])",
					   name, j);
				break;
			}
		}
	}
	/* The execution role fetches log secret options too (a task's
	 * containers share the task's: validate/ecs.c looks). */
	if (!in_task && (x->secret_count > 0 ||
	     (x->log_configuration != NULL &&
	      x->log_configuration->secret_option_count > 0)) &&
	    c->execution_role_arn == NULL) {
		bg__path_join(path, sizeof(path), base, "execution_role_arn");
		bg__report(cx, R_SECRET_EXECUTION_ROLE, path,
			   "%s fetched with the execution role; without "
			   "execution_role_arn the job fails to start",
			   x->secret_count > 0
				   ? "secrets are"
				   : "log_configuration.secret_options are");
	}
}

static const char *const fargate_log_drivers[] = { "awslogs", "splunk",
						    NULL };

static void
check_log(struct ctx *cx, const struct bg_log_configuration *l,
	  const char *base, bool fargate, bool in_task)
{
	char path[400];
	char allowed[160];

	snprintf(path, sizeof(path), "%s.log_configuration.log_driver", base);
	if (!bg__check_string(cx, R_LOG_DRIVER, path, l->log_driver,
			      in_list(l->log_driver, bg__enum_log_drivers,
				      bg__enum_count(bg__enum_log_drivers)),
			      PLAN_IN(bg__enum_log_drivers),
			      "log_driver must be one of %s; got '%s'",
			      ALLOWED(bg__enum_log_drivers),
			      l->log_driver != NULL ? l->log_driver : "")) {
		/* reported */
	} else if (bg__tf_has_expr(l->log_driver)) {
		if (fargate) {
			bg__check_string(cx, R_FARGATE_LOG_DRIVER, path,
					 l->log_driver, true,
					 PLAN_IN(fargate_log_drivers),
					 "Fargate jobs log with awslogs or "
					 "splunk only; got '%s'",
					 l->log_driver);
		}
	} else if (fargate && strcmp(l->log_driver, "awslogs") != 0 &&
		   strcmp(l->log_driver, "splunk") != 0) {
		bg__report(cx, R_FARGATE_LOG_DRIVER, path,
			   "Fargate jobs log with awslogs or splunk only; "
			   "got '%s'",
			   l->log_driver);
	} else if (strcmp(l->log_driver, "awsfirelens") == 0 && !in_task) {
		/* in a task, ecs-firelens looks for its router */
		bg__report(cx, R_LOG_FIRELENS, path,
			   "awsfirelens routes logs through a FireLens "
			   "container, which only ecs_properties can "
			   "declare; this job's logs go nowhere");
	}
	snprintf(path, sizeof(path), "%s.log_configuration.secret_options",
		 base);
	check_secret_list(cx, l->secret_options, l->secret_option_count,
			  path);
}

/* A limit as HCL (an expression's inside, or the number) and as text
 * for a message (the expression as written). */
static char *
limit_hcl(const struct bg_opt_int *v)
{
	return v->expr != NULL ? bg__tf_expr_inner(v->expr)
			       : bg__asprintf("%lld", (long long)v->value);
}

static char *
limit_text(const struct bg_opt_int *v)
{
	return v->expr != NULL ? bg__asprintf("%s", v->expr)
			       : bg__asprintf("%lld", (long long)v->value);
}

/* soft <= hard at plan time (-1 is unlimited: above every number). */
static void
plan_ulimit_order(struct ctx *cx, const struct bg_ulimit *u, const char *path)
{
	char *s = limit_hcl(&u->soft_limit), *h = limit_hcl(&u->hard_limit);
	char *st = limit_text(&u->soft_limit);
	char *ht = limit_text(&u->hard_limit);

	bg__plan_add(cx, R_ULIMIT, path,
		     s != NULL && h != NULL
			     ? bg__asprintf("(%s) == -1 || ((%s) != -1 && "
					    "(%s) <= (%s))",
					    h, s, s, h)
			     : NULL,
		     st != NULL && ht != NULL
			     ? bg__asprintf("soft_limit (%s) must not exceed "
					    "hard_limit (%s)",
					    st, ht)
			     : NULL);
	free(s);
	free(h);
	free(st);
	free(ht);
}

static void
check_ulimits(struct ctx *cx, const struct bg_container_extras *x,
	      const char *base, bool fargate)
{
	char path[400];
	char allowed[200];

	if (fargate && x->ulimit_count > 0) {
		bg__path_join(path, sizeof(path), base, "ulimits");
		bg__report(cx, R_FARGATE_ULIMITS, path,
			   "ulimits are not supported on Fargate");
	}
	for (size_t i = 0; i < x->ulimit_count; i++) {
		const struct bg_ulimit *u = &x->ulimits[i];
		const struct bg_opt_int *lim[2] = { &u->soft_limit,
						    &u->hard_limit };
		bool ok = true;
		snprintf(path, sizeof(path), "%s.ulimits[%zu]", base, i);
		bg__check_string(cx, R_ULIMIT, path, u->name,
				 in_list(u->name, bg__enum_ulimit_names,
					 bg__enum_count(bg__enum_ulimit_names)),
				 PLAN_IN(bg__enum_ulimit_names),
				 "ulimit name must be one of %s; got '%s'",
				 ALLOWED(bg__enum_ulimit_names),
				 u->name != NULL ? u->name : "");
		for (size_t k = 0; k < 2; k++) {
			const char *what = k == 0 ? "soft_limit" : "hard_limit";
			if (lim[k]->expr != NULL) {
				bg__plan_range(cx, R_ULIMIT, path,
					       lim[k]->expr, -1, INT32_MAX,
					       what, "");
			} else if (!lim[k]->set) {
				bg__report(cx, R_ULIMIT, path,
					   "ulimit needs %s (a whole number; "
					   "-1 for unlimited)",
					   what);
				ok = false;
			} else if (lim[k]->value < -1 ||
				   lim[k]->value > INT32_MAX) {
				bg__report(cx, R_ULIMIT, path,
					   "%s must be -1 (unlimited) to %d; "
					   "got %lld",
					   what, INT32_MAX,
					   (long long)lim[k]->value);
				ok = false;
			}
		}
		/* -1 is unlimited: above every number. */
		if (ok && (u->soft_limit.expr != NULL ||
			   u->hard_limit.expr != NULL)) {
			plan_ulimit_order(cx, u, path);
		} else if (ok && u->hard_limit.value != -1 &&
		    (u->soft_limit.value == -1 ||
		     u->soft_limit.value > u->hard_limit.value)) {
			bg__report(cx, R_ULIMIT, path,
				   "soft_limit (%lld) must not exceed "
				   "hard_limit (%lld)",
				   (long long)u->soft_limit.value,
				   (long long)u->hard_limit.value);
		}
	}
}

/* Each of v (n) is one of list, the first value that is not reported:
 * "FMT" with the list and the value (or the value and the list, when
 * value_first), and each value that holds an expression becomes a
 * precondition with the same message. */
static void
check_strv(struct ctx *cx, enum rule_id id, const char *path,
	   char *const *v, size_t n, const char *const *list,
	   const char *allowed, bool value_first, const char *fmt)
{
	bool reported = false;

	for (size_t i = 0; i < n; i++) {
		bool ok = reported ||
			  in_list(v[i], list, bg__enum_count(list));
		const char *a = value_first ? v[i] : allowed;
		const char *b = value_first ? allowed : v[i];
		if (!bg__check_string(cx, id, path, v[i], ok, PLAN_IN(list),
				      fmt, a, b)) {
			reported = true;
		}
	}
}

static void
check_devices(struct ctx *cx, const struct bg_linux_parameters *lp,
	      const char *base)
{
	char path[400];
	char allowed[64];

	for (size_t i = 0; i < lp->device_count; i++) {
		const struct bg_device *d = &lp->devices[i];
		snprintf(path, sizeof(path),
			 "%s.linux_parameters.devices[%zu]", base, i);
		bg__check_string(cx, R_DEVICE, path, d->host_path,
				 !is_empty(d->host_path) &&
					 d->host_path[0] == '/',
				 PLAN_RE("^/"),
				 "a device needs host_path, an absolute "
				 "path such as /dev/fuse; got '%s'",
				 d->host_path != NULL ? d->host_path : "");
		bg__check_absolute(cx, R_DEVICE, path, "container_path",
				   d->container_path);
		check_strv(cx, R_DEVICE, path, d->permissions,
			   d->permission_count, bg__enum_device_permissions,
			   ALLOWED(bg__enum_device_permissions), false,
			   "device permissions are %s; got '%s'");
	}
}

static void
check_tmpfs(struct ctx *cx, const struct bg_linux_parameters *lp,
	    const char *base)
{
	char path[400];
	char allowed[512];

	for (size_t i = 0; i < lp->tmpfs_count; i++) {
		const struct bg_tmpfs *t = &lp->tmpfs[i];
		snprintf(path, sizeof(path), "%s.linux_parameters.tmpfs[%zu]",
			 base, i);
		bg__check_string(cx, R_TMPFS, path, t->container_path,
				 !is_empty(t->container_path) &&
					 t->container_path[0] == '/',
				 PLAN_RE("^/"),
				 "a tmpfs mount needs container_path, an "
				 "absolute path; got '%s'",
				 t->container_path != NULL ? t->container_path
							   : "");
		if (t->size.expr != NULL) {
			bg__plan_range(cx, R_TMPFS, path, t->size.expr, 1,
				       INT32_MAX, "tmpfs size", "MiB");
		} else if (!t->size.set || t->size.value < 1 ||
			   t->size.value > INT32_MAX) {
			bg__report(cx, R_TMPFS, path,
				   "a tmpfs mount needs size, 1 to %d MiB%s",
				   INT32_MAX, t->size.set ? "" : "; none given");
		}
		check_strv(cx, R_TMPFS, path, t->mount_options,
			   t->mount_option_count, bg__enum_tmpfs_options,
			   ALLOWED(bg__enum_tmpfs_options), true,
			   "tmpfs mount option '%s' is not one of %s");
	}
}

static void
check_linux(struct ctx *cx, const struct bg_linux_parameters *lp,
	    const char *base, bool fargate)
{
	char path[400];
	const struct {
		const char *name;
		bool given;
	} not_on_fargate[] = {
		{ "devices", lp->device_count > 0 },
		{ "shared_memory_size", bg__given(lp->shared_memory_size) },
		{ "tmpfs", lp->tmpfs_count > 0 },
		{ "max_swap", bg__given(lp->max_swap) },
		{ "swappiness", bg__given(lp->swappiness) },
	};

	for (size_t i = 0; fargate && i < ARRAY_LENGTH(not_on_fargate); i++) {
		if (!not_on_fargate[i].given) {
			continue;
		}
		snprintf(path, sizeof(path), "%s.linux_parameters.%s", base,
			 not_on_fargate[i].name);
		bg__report(cx, R_FARGATE_LINUX, path,
			   "%s is not supported on Fargate (of "
			   "linux_parameters, Fargate takes "
			   "init_process_enabled only)",
			   not_on_fargate[i].name);
	}
	check_devices(cx, lp, base);
	check_tmpfs(cx, lp, base);
	snprintf(path, sizeof(path), "%s.linux_parameters.shared_memory_size",
		 base);
	bg__check_range(cx, R_SHARED_MEMORY, path, &lp->shared_memory_size, 1,
			INT32_MAX, "shared_memory_size", "MiB");
	snprintf(path, sizeof(path), "%s.linux_parameters.max_swap", base);
	bg__check_range(cx, R_LINUX_SWAP, path, &lp->max_swap, 0, INT32_MAX,
			"max_swap (0: no swap)", "MiB");
	snprintf(path, sizeof(path), "%s.linux_parameters.swappiness", base);
	if (bg__check_range(cx, R_LINUX_SWAP, path, &lp->swappiness, 0, 100,
			    "swappiness", "") &&
	    bg__given(lp->swappiness) && !bg__given(lp->max_swap)) {
		bg__report(cx, R_SWAPPINESS_IGNORED, path,
			   "swappiness is ignored unless max_swap is set");
	}
}

/* what is not supported for Windows containers, and os is Windows (or
 * an expression: then at plan time). */
static void
not_windows(struct ctx *cx, const char *path, const char *os,
	    const char *what)
{
	bg__check_string(cx, R_WINDOWS, path, os, false,
			 PLAN_IF("!startswith(@@, \"WINDOWS_\")"),
			 "%s %s not supported for Windows containers (%s)",
			 what, strcmp(what, "EFS volumes") == 0 ? "are" : "is",
			 os);
}

/* The same, for a boolean setting from an expression (true: what is
 * not supported). */
static void
not_windows_if(struct ctx *cx, const char *path, const char *os,
	       const char *what, const char *expr)
{
	char *e = bg__tf_expr_inner(expr), *q = bg__plan_quoted(os);

	bg__plan_add(cx, R_WINDOWS, path,
		     e != NULL && q != NULL
			     ? bg__asprintf("!startswith(%s, \"WINDOWS_\") || "
					    "!(%s)",
					    q, e)
			     : NULL,
		     bg__asprintf("%s is not supported for Windows containers "
				  "(%s)",
				  what, os));
	free(e);
	free(q);
}

static void
check_runtime_platform(struct ctx *cx, const struct bg_container *c,
		       const char *base)
{
	const struct bg_container_extras *x = &c->extras;
	char path[400];
	char allowed[200];
	const char *os = x->operating_system_family;
	const char *arch = x->cpu_architecture;
	bool windows;

	snprintf(path, sizeof(path),
		 "%s.runtime_platform.operating_system_family", base);
	bg__check_string(cx, R_RUNTIME_PLATFORM, path, os,
			 os == NULL || in_list(os, bg__enum_os_families,
					       bg__enum_count(bg__enum_os_families)),
			 PLAN_IN(bg__enum_os_families),
			 "operating_system_family must be one of %s; got "
			 "'%s'",
			 ALLOWED(bg__enum_os_families), os != NULL ? os : "");
	snprintf(path, sizeof(path), "%s.runtime_platform.cpu_architecture",
		 base);
	bg__check_string(cx, R_RUNTIME_PLATFORM, path, arch,
			 arch == NULL ||
				 in_list(arch, bg__enum_cpu_architectures,
					 bg__enum_count(bg__enum_cpu_architectures)),
			 PLAN_IN(bg__enum_cpu_architectures),
			 "cpu_architecture must be one of %s; got '%s'",
			 ALLOWED(bg__enum_cpu_architectures),
			 arch != NULL ? arch : "");
	/* An operating system from an expression may be Windows: its rules
	 * hold "unless it is not Windows" at plan time. */
	windows = os != NULL && (bg__tf_has_expr(os) ||
				 strncmp(os, "WINDOWS_", 8) == 0);
	if (!windows) {
		return;
	}
	if (arch != NULL && (bg__tf_has_expr(os) || bg__tf_has_expr(arch))) {
		bg__plan_pair(cx, R_WINDOWS, path,
			      "!startswith(@@, \"WINDOWS_\") || @2 == \"X86_64\"",
			      os, arch,
			      bg__asprintf("Windows containers run on X86_64 "
					   "only; got '%s'",
					   arch));
	} else if (arch != NULL && strcmp(arch, "X86_64") != 0) {
		bg__report(cx, R_WINDOWS, path,
			   "Windows containers run on X86_64 only; got '%s'",
			   arch);
	}
	for (size_t i = 0; i < c->volume_count; i++) {
		if (c->volumes[i].efs != NULL) {
			snprintf(path, sizeof(path), "%s.volumes[%zu]", base, i);
			not_windows(cx, path, os, "EFS volumes");
		}
	}
	{
		/* expr: a boolean known at plan time (true: not here). */
		const struct {
			const char *name;
			bool given;
			const char *expr;
		} not_on_windows[] = {
			{ "linux_parameters", x->linux_parameters != NULL,
			  NULL },
			{ "privileged", c->privileged.set && c->privileged.value,
			  c->privileged.expr },
			{ "user", c->user != NULL, NULL },
			{ "ulimits", x->ulimit_count > 0, NULL },
			{ "readonly_root_filesystem",
			  c->readonly_root_filesystem.set &&
				  c->readonly_root_filesystem.value,
			  c->readonly_root_filesystem.expr },
		};
		for (size_t i = 0; i < ARRAY_LENGTH(not_on_windows); i++) {
			snprintf(path, sizeof(path), "%s.%s", base,
				 not_on_windows[i].name);
			if (not_on_windows[i].expr != NULL) {
				not_windows_if(cx, path, os,
					       not_on_windows[i].name,
					       not_on_windows[i].expr);
			} else if (not_on_windows[i].given) {
				not_windows(cx, path, os,
					    not_on_windows[i].name);
			}
		}
	}
}

void
bg__check_extras(struct ctx *cx, const struct bg_container *c,
		 const char *base, bool fargate, bool in_range,
		 enum bg__cview view)
{
	const struct bg_container_extras *x = &c->extras;
	char path[400];

	if (x->linux_parameters != NULL) {
		check_linux(cx, x->linux_parameters, base, fargate);
	}
	if (x->log_configuration != NULL) {
		check_log(cx, x->log_configuration, base, fargate,
			  view == BG_CV_ECS_CONTAINER);
	}
	if (x->secret_count > 0 ||
	    (x->log_configuration != NULL &&
	     x->log_configuration->secret_option_count > 0)) {
		check_secrets(cx, c, base, view == BG_CV_ECS_CONTAINER);
	}
	check_ulimits(cx, x, base, fargate);
	if (x->operating_system_family != NULL || x->cpu_architecture != NULL) {
		check_runtime_platform(cx, c, base);
	}
	if (bg__given(x->ephemeral_storage)) {
		snprintf(path, sizeof(path), "%s.ephemeral_storage.size_in_gib",
			 base);
	}
	if (bg__check_range(cx, R_EPHEMERAL_STORAGE, path,
			    &x->ephemeral_storage, 21, 200, "ephemeral storage",
			    "GiB") &&
	    bg__given(x->ephemeral_storage) && !fargate) {
		bg__report(cx, R_FARGATE_FEATURE, path,
			   "ephemeral_storage sizes Fargate task storage; an "
			   "EC2 job's storage comes from its instance");
	}
	if (!fargate && (x->operating_system_family != NULL ||
			 x->cpu_architecture != NULL)) {
		bg__path_join(path, sizeof(path), base, "runtime_platform");
		bg__report(cx, R_FARGATE_FEATURE, path,
			   "runtime_platform describes Fargate tasks; an EC2 "
			   "job runs on its compute environment's instances");
	}
	if (x->repository_credentials != NULL) {
		snprintf(path, sizeof(path),
			 "%s.repository_credentials.credentials_parameter",
			 base);
	}
	if (x->repository_credentials != NULL) {
		const char *r = x->repository_credentials;
		bg__check_string(
			cx, R_REPOSITORY_CREDENTIALS, path, r,
			r[0] != '\0' && (strncmp(r, "arn:", 4) != 0 ||
					 is_service_arn(r, "secretsmanager")),
			PLAN_IF("length(@@) > 0 && (!startswith(@@, \"arn:\") "
				"|| can(regex(\"^arn:[^:]*:secretsmanager:\", "
				"@@)))"),
			"credentials_parameter must be the ARN of a Secrets "
			"Manager secret (arn:aws:secretsmanager:...) or the "
			"secret's name in the same Region; got '%.80s'",
			r);
	}
	if (x->instance_type != NULL) {
		bg__path_join(path, sizeof(path), base, "instance_type");
	}
	if (x->instance_type != NULL && !in_range) {
		bg__report(cx, R_INSTANCE_TYPE, path,
			   "instance_type is for the node ranges of "
			   "multinode jobs; a container job runs on its "
			   "compute environment's instance types");
	} else if (x->instance_type != NULL && x->instance_type[0] == '\0') {
		bg__report(cx, R_INSTANCE_TYPE, path,
			   "instance_type must not be empty");
	}
}

void
bg__check_instance_types(struct ctx *cx, const struct bg_node_properties *np)
{
	const char *first = NULL;
	size_t first_i = 0;
	char path[128];

	for (size_t i = 0; i < np->range_count; i++) {
		const struct bg_container *c = np->ranges[i].container;
		const char *t = c != NULL ? c->extras.instance_type : NULL;
		if (t == NULL) {
			continue;
		}
		if (first == NULL) {
			first = t;
			first_i = i;
		} else if (strcmp(first, t) != 0) {
			snprintf(path, sizeof(path),
				 "node_properties.node_range_properties[%zu]."
				 "container.instance_type",
				 i);
			bg__report(cx, R_NODE_INSTANCE_TYPE, path,
				   "all node ranges must use one instance "
				   "type; range %zu uses '%s', range %zu "
				   "'%s'",
				   first_i, first, i, t);
		}
	}
}
