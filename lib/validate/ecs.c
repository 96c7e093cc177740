/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The rules of an ECS multi-container job's task (rules doc section
 * 1.10, provider reference section 4.2): one task, 1 to 10 containers
 * of which one is essential, their names and dependencies, FireLens,
 * and the task's settings. Each container's own keys, and the task's
 * roles, volumes and platform, go through the container rules
 * (validate/container.c) as they do in container_properties.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ecs.h"
#include "model/enums.h"
#include "validate/rules.h"

#define CASE_ONLY "the API takes them in this case only"

/* Whether container c is essential: true, false, or unknown (an
 * expression) as -1. AWS takes a container without the key as
 * essential. */
static int
essential(const struct bg_ecs_container *c)
{
	if (c->essential.expr != NULL) {
		return -1;
	}
	return !c->essential.set || c->essential.value;
}

static const struct bg_ecs_container *
find(const struct bg_ecs_task *task, const char *name)
{
	for (size_t i = 0; i < task->container_count; i++) {
		if (task->containers[i].name != NULL &&
		    strcmp(task->containers[i].name, name) == 0) {
			return &task->containers[i];
		}
	}
	return NULL;
}

static bool
is_container_name(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++) {
		if (!bg__is_alnum(s[i]) && s[i] != '-' && s[i] != '_') {
			return false;
		}
	}
	return n >= 1 && n <= 255;
}

static void
check_names(struct ctx *cx, const struct bg_ecs_task *task, const char *base)
{
	char path[400];

	for (size_t i = 0; i < task->container_count; i++) {
		const struct bg_ecs_container *c = &task->containers[i];
		snprintf(path, sizeof(path), "%s.containers[%zu].name", base, i);
		if (c->name == NULL) {
			if (task->container_count > 1) {
				bg__report(cx, R_ECS_CONTAINER_NAME, path,
					   "container %zu has no name: in a task "
					   "of several containers each needs "
					   "one, for dependsOn and the job's "
					   "logs",
					   i);
			}
			continue;
		}
		if (!bg__check_string(cx, R_ECS_CONTAINER_NAME, path, c->name,
				      is_container_name(c->name),
				      PLAN_RE("^[A-Za-z0-9_-]{1,255}$"),
				      "container name must be 1 to 255 letters, "
				      "digits, - and _; got '%.80s'",
				      c->name)) {
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			if (task->containers[j].name != NULL &&
			    strcmp(task->containers[j].name, c->name) == 0) {
				bg__report(cx, R_ECS_CONTAINER_NAME, path,
					   "container name '%.80s' is used twice "
					   "(containers[%zu])",
					   c->name, j);
				break;
			}
		}
	}
}

/* A container name from an expression names a container of the task,
 * checked at plan time. */
static void
plan_depends_on(struct ctx *cx, const struct bg_ecs_task *task,
		const char *name, const char *path)
{
	struct bg__buf b = { 0 };
	char *q = bg__plan_quoted(name);

	size_t named = 0;

	bg__buf_puts(&b, "contains([");
	for (size_t i = 0; i < task->container_count; i++) {
		const char *n = task->containers[i].name;
		char *qn = n != NULL ? bg__plan_quoted(n) : NULL;
		if (n != NULL) {
			bg__buf_printf(&b, "%s%s", named++ ? ", " : "",
				       qn != NULL ? qn : "");
			b.failed |= qn == NULL;
		}
		free(qn);
	}
	bg__buf_printf(&b, "], %s)", q != NULL ? q : "");
	b.failed |= q == NULL;
	free(q);
	bg__plan_add(cx, R_ECS_DEPENDS_ON, path, bg__buf_take(&b, NULL),
		     bg__asprintf("depends on '%s', which is no container "
				  "of the task",
				  name));
}

/* dependsOn: another container of the task; COMPLETE and SUCCESS only
 * on one that is not essential (AWS refuses the definition). */
static void
check_depends_on(struct ctx *cx, const struct bg_ecs_task *task,
		 const struct bg_ecs_container *c, const char *cbase)
{
	char path[480];

	for (size_t i = 0; i < c->depends_on_count; i++) {
		const struct bg_ecs_dependency *d = &c->depends_on[i];
		const struct bg_ecs_container *target;
		snprintf(path, sizeof(path), "%.400s.depends_on[%zu]", cbase, i);
		if (d->condition != NULL) {
			char cpath[500];
			snprintf(cpath, sizeof(cpath), "%s.condition", path);
			bg__check_enum(cx, R_ECS_ENUM, cpath, d->condition,
				       bg__enum_ecs_conditions, CASE_ONLY);
		}
		if (d->container_name != NULL &&
		    bg__tf_has_expr(d->container_name)) {
			plan_depends_on(cx, task, d->container_name, path);
			continue;
		}
		if (d->container_name == NULL) {
			continue;
		}
		target = find(task, d->container_name);
		if (target == NULL) {
			bg__report(cx, R_ECS_DEPENDS_ON, path,
				   "depends on '%.80s', which is no container of "
				   "the task",
				   d->container_name);
		} else if (target == c) {
			bg__report(cx, R_ECS_DEPENDS_ON, path,
				   "container '%.80s' depends on itself",
				   d->container_name);
		} else if (d->condition != NULL &&
			   (strcmp(d->condition, "COMPLETE") == 0 ||
			    strcmp(d->condition, "SUCCESS") == 0) &&
			   essential(target) == 1) {
			bg__report(cx, R_ECS_DEPENDS_ON, path,
				   "%s waits for '%.80s' to exit, but it is "
				   "essential (the job ends when it does); use "
				   "START, or set essential: false on it",
				   d->condition, d->container_name);
		}
	}
}

/* The task's vCPUs and memory, summed over its containers; on Fargate,
 * the totals are one of Fargate's sizes. */
static void
check_totals(struct ctx *cx, const struct bg_ecs_properties *e,
	     const char *base, bool fargate)
{
	const struct bg_ecs_task *task = &e->task_properties[0];
	int64_t vcpus, memory, gpus;
	bool exprs = false;
	char path[400];

	for (size_t i = 0; i < task->container_count; i++) {
		const struct bg_container *c = &task->containers[i].c;
		exprs = exprs || c->vcpus_milli.expr != NULL ||
			c->memory.expr != NULL;
	}
	if (exprs) {
		return; /* each is checked alone; the sum at apply */
	}
	bg__ecs_totals(e, &vcpus, &memory, &gpus);
	bg__path_join(path, sizeof(path), base, "containers");
	if (vcpus == 0 || memory == 0) {
		bg__report(cx, R_ECS_RESOURCES, path,
			   "the task's containers set no %s: give the "
			   "containers vcpus and memory (AWS rejects the job "
			   "otherwise)",
			   vcpus == 0 && memory == 0 ? "vcpus and memory"
			   : vcpus == 0		     ? "vcpus"
						     : "memory");
	} else if (fargate && !bg__fargate_size_ok(vcpus, memory)) {
		char v[32], allowed[128] = "";
		bg_vcpus_format(vcpus, v, sizeof(v));
		if (!bg__fargate_memory_text(vcpus, allowed, sizeof(allowed))) {
			snprintf(allowed, sizeof(allowed),
				 "no memory: Fargate's vCPUs are 0.25, 0.5, "
				 "1, 2, 4, 8, 16 (or 32)");
		}
		bg__report(cx, R_ECS_RESOURCES, path,
			   "on Fargate the task's total is a Fargate size: "
			   "%s vCPU takes %s; the containers add up to %lld "
			   "MiB",
			   v, allowed, (long long)memory);
	}
}

static void
check_task(struct ctx *cx, const struct bg_ecs_properties *e,
	   const char *base, bool fargate, bool in_range)
{
	const struct bg_ecs_task *task = &e->task_properties[0];
	char path[400];
	char tbase[320];
	size_t essentials = 0, unknown = 0, routers = 0;
	bool firelens_logs = false, secrets = false;

	snprintf(tbase, sizeof(tbase), "%s.task_properties[0]", base);
	snprintf(path, sizeof(path), "%s.containers", tbase);
	if (task->container_count == 0 || task->container_count > 10) {
		bg__report(cx, R_ECS_CONTAINERS, path,
			   "a task has 1 to 10 containers; got %zu",
			   task->container_count);
	}
	if (task->ipc_mode != NULL) {
		snprintf(path, sizeof(path), "%s.ipc_mode", tbase);
		bg__check_enum(cx, R_ECS_ENUM, path, task->ipc_mode,
			       bg__enum_ecs_ipc_modes, CASE_ONLY);
		if (fargate) {
			bg__report(cx, R_ECS_FARGATE_MODE, path,
				   "ipc_mode is not for Fargate tasks");
		}
	}
	if (task->pid_mode != NULL) {
		snprintf(path, sizeof(path), "%s.pid_mode", tbase);
		bg__check_enum(cx, R_ECS_ENUM, path, task->pid_mode,
			       bg__enum_ecs_pid_modes, CASE_ONLY);
		if (fargate && strcmp(task->pid_mode, "host") == 0) {
			bg__report(cx, R_ECS_FARGATE_MODE, path,
				   "pid_mode host is not for Fargate tasks "
				   "(task is)");
		}
	}
	/* The task's own keys: roles, volumes, network, platform. */
	bg__check_container(cx, &task->t, tbase, fargate, in_range,
			    BG_CV_ECS_TASK);
	check_names(cx, task, tbase);
	for (size_t i = 0; i < task->container_count; i++) {
		const struct bg_ecs_container *c = &task->containers[i];
		const struct bg_log_configuration *log =
			c->c.extras.log_configuration;
		char cbase[360];
		snprintf(cbase, sizeof(cbase), "%s.containers[%zu]", tbase, i);
		bg__check_container(cx, &c->c, cbase, fargate, in_range,
				    BG_CV_ECS_CONTAINER);
		secrets = secrets || c->c.extras.secret_count > 0 ||
			  (log != NULL && log->secret_option_count > 0);
		check_depends_on(cx, task, c, cbase);
		essentials += essential(c) == 1;
		unknown += essential(c) == -1;
		if (c->firelens_configuration != NULL) {
			routers++;
			if (c->firelens_configuration->type != NULL) {
				snprintf(path, sizeof(path),
					 "%s.firelens_configuration.type",
					 cbase);
				bg__check_enum(cx, R_ECS_ENUM, path,
					       c->firelens_configuration->type,
					       bg__enum_ecs_firelens_types,
					       CASE_ONLY);
			}
		}
		firelens_logs = firelens_logs ||
				(log != NULL && log->log_driver != NULL &&
				 strcmp(log->log_driver, "awsfirelens") == 0);
		for (size_t m = 0; m < c->c.mount_point_count; m++) {
			const char *v = c->c.mount_points[m].source_volume;
			bool found = false;
			for (size_t k = 0; v != NULL && k < task->t.volume_count;
			     k++) {
				found = found || (task->t.volumes[k].name != NULL &&
						  strcmp(task->t.volumes[k].name,
							 v) == 0);
			}
			if (v != NULL && v[0] != '\0' && !found) {
				snprintf(path, sizeof(path),
					 "%s.mount_points[%zu]", cbase, m);
				bg__report(cx, R_ECS_TASK_MOUNT, path,
					   "mount point %zu names volume "
					   "'%.80s', which the task does not "
					   "declare (task_properties[0]."
					   "volumes)",
					   m, v);
			}
		}
	}
	snprintf(path, sizeof(path), "%s.containers", tbase);
	if (task->container_count > 0 && essentials == 0 && unknown == 0) {
		bg__report(cx, R_ECS_CONTAINERS, path,
			   "no container of the task is essential: at least "
			   "one must be (essential: true, or not given)");
	}
	if (secrets && task->t.execution_role_arn == NULL) {
		snprintf(path, sizeof(path), "%s.execution_role_arn", tbase);
		bg__report(cx, R_SECRET_EXECUTION_ROLE, path,
			   "the task's containers read secrets, which are "
			   "fetched with the task's execution role; without "
			   "execution_role_arn the job fails to start");
	}
	snprintf(path, sizeof(path), "%s.containers", tbase);
	if (routers > 1) {
		bg__report(cx, R_ECS_FIRELENS, path,
			   "%zu containers have firelens_configuration; a "
			   "task has one log router",
			   routers);
	} else if (firelens_logs && routers == 0) {
		bg__report(cx, R_ECS_FIRELENS, path,
			   "a container logs with awsfirelens, but no "
			   "container of the task is its log router "
			   "(firelens_configuration)");
	}
	if (task->container_count > 0) {
		check_totals(cx, e, tbase, fargate);
	}
}

void
bg__check_ecs(struct ctx *cx, const struct bg_ecs_properties *e,
	      const char *base, bool fargate, bool in_range)
{
	char path[400];

	bg__path_join(path, sizeof(path), base, "task_properties");
	if (e->task_property_count != 1) {
		bg__report(cx, R_ECS_TASK, path,
			   "an ECS job has exactly one task; got %zu",
			   e->task_property_count);
	}
	if (e->task_property_count > 0) {
		check_task(cx, e, base, fargate, in_range);
	}
}

bool
bg__ecs_refers(const struct bg_ecs_properties *e, const char *name)
{
	for (size_t t = 0; e != NULL && t < e->task_property_count; t++) {
		const struct bg_ecs_task *task = &e->task_properties[t];
		for (size_t i = 0; i < task->container_count; i++) {
			const struct bg_container *c = &task->containers[i].c;
			for (size_t k = 0; k < c->command_count; k++) {
				if (strncmp(c->command[k], "Ref::", 5) == 0 &&
				    strcmp(c->command[k] + 5, name) == 0) {
					return true;
				}
			}
		}
	}
	return false;
}
