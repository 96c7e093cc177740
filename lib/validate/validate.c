/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Validation: every rule runs, every problem becomes one diagnostic
 * with its rule code and field path. The rules are one table, declared
 * once; `batchgen rules` and docs/rules.md print that same table.
 *
 * Messages are the seed's where the seed is right. Where it is wrong
 * about AWS (integer-only vCPUs, IAM ARNs of the aws partition only, no
 * Fargate size table) the rules follow the AWS Batch API and the aws
 * provider 5.100.0 (shared reference: aws-batch-rules.md).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "validate/rules.h"

/* ================================================================== */
/* Reporting                                                           */
/* ================================================================== */

void
bg__vreport(struct ctx *cx, enum rule_id id, const char *path,
	    const char *fmt, va_list ap)
{
	char msg[1024];
	char *full;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (cx->prefix != NULL && cx->prefix[0] != '\0') {
		full = bg__asprintf("%s%s%s", cx->prefix,
				    path[0] != '\0' ? "." : "", path);
	} else {
		full = bg__asprintf("%s", path);
	}
	if (full == NULL ||
	    bg_diags_add(cx->diags, bg__rules[id].severity, bg__rules[id].code, NULL,
			 0, 0, full, "%s", msg) != BG_OK) {
		cx->nomem = true;
	}
	free(full);
}

void
bg__report(struct ctx *cx, enum rule_id id, const char *path,
	   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bg__vreport(cx, id, path, fmt, ap);
	va_end(ap);
}

/* ================================================================== */
/* Shared checks                                                              */
/* ================================================================== */

bool
bg__check_range(struct ctx *cx, enum rule_id id, const char *path,
		const struct bg_opt_int *v, int64_t lo, int64_t hi,
		const char *what, const char *unit)
{
	if (v->expr != NULL) {
		bg__plan_range(cx, id, path, v->expr, lo, hi, what, unit);
		return true;
	}
	if (!v->set || (v->value >= lo && v->value <= hi)) {
		return true;
	}
	bg__report(cx, id, path, "%s must be between %lld and %lld%s%s; got %lld",
		   what, (long long)lo, (long long)hi, unit[0] ? " " : "", unit,
		   (long long)v->value);
	return false;
}

/* Every rule on def; preconditions to cx->plan when it is set. */
static enum bg_status
check(struct ctx *cx, const struct bg_jobdef *def)
{
	size_t before;

	if (def == NULL || cx->diags == NULL) {
		return BG_ERR_ARG;
	}
	before = bg_diags_count_severity(cx->diags, BG_SEV_ERROR);
	bg__check_jobdef(cx, def);
	if (cx->nomem) {
		return BG_ERR_NOMEM;
	}
	return bg_diags_count_severity(cx->diags, BG_SEV_ERROR) > before
		       ? BG_ERR_INVALID
		       : BG_OK;
}

/* The declared variable that cond reads, when it reads nothing else. */
static struct bg_variable *
sole_variable(struct bg_jobdef *def, const char *cond)
{
	const char *name;
	size_t n = bg__tf_cond_var(cond, &name);

	for (size_t i = 0; n > 0 && i < def->variable_count; i++) {
		if (strlen(def->variables[i].name) == n &&
		    memcmp(def->variables[i].name, name, n) == 0) {
			return &def->variables[i];
		}
	}
	return NULL;
}

/* A rule on an input variable batchgen declared goes to the variable
 * (validation: terraform names the variable, before planning); the
 * others stay preconditions of the resource. */
static enum bg_status
bind_validations(struct bg_jobdef *def, struct bg_kvlist *rules)
{
	enum bg_status st = BG_OK;

	for (size_t i = 0; i < rules->count && st == BG_OK; i++) {
		const struct bg_kv *kv = &rules->items[i];
		struct bg_variable *v = sole_variable(def, kv->key);
		st = bg__kvlist_push(v != NULL ? &v->validation
					       : &def->preconditions,
				     kv->key, kv->value);
	}
	return st;
}

enum bg_status
bg_validate(const struct bg_jobdef *def, const char *path_prefix,
	    struct bg_diags *diags)
{
	struct ctx cx = { .prefix = path_prefix, .diags = diags };

	return check(&cx, def);
}

enum bg_status
bg__validate_plan(struct bg_jobdef *def, const char *path_prefix,
		  struct bg_diags *diags)
{
	struct bg_kvlist rules = { 0 };
	struct ctx cx = { .prefix = path_prefix, .diags = diags,
			  .plan = &rules };
	enum bg_status st = check(&cx, def);

	if (st != BG_ERR_ARG && st != BG_ERR_NOMEM &&
	    bind_validations(def, &rules) != BG_OK) {
		st = BG_ERR_NOMEM;
	}
	bg_kvlist_finish(&rules);
	return st;
}
