/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Validation: every rule runs, every problem becomes one diagnostic
 * with its rule code and field path. The rules are one table, declared
 * once; `batchgen rules` and the README print that same table.
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

enum bg_status
bg_validate(const struct bg_jobdef *def, const char *path_prefix,
	    struct bg_diags *diags)
{
	return bg__validate_plan(def, path_prefix, diags, NULL);
}

enum bg_status
bg__validate_plan(const struct bg_jobdef *def, const char *path_prefix,
		  struct bg_diags *diags, struct bg_kvlist *plan)
{
	struct ctx cx = { .prefix = path_prefix, .diags = diags, .plan = plan };
	size_t before = bg_diags_count_severity(diags, BG_SEV_ERROR);

	if (def == NULL || diags == NULL) {
		return BG_ERR_ARG;
	}
	bg__check_jobdef(&cx, def);
	if (cx.nomem) {
		return BG_ERR_NOMEM;
	}
	return bg_diags_count_severity(diags, BG_SEV_ERROR) > before
		       ? BG_ERR_INVALID
		       : BG_OK;
}

