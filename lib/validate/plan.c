/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Rules that travel to plan time. A value that holds a Terraform
 * expression is known only when terraform plans; what the offline
 * checks could not see becomes a precondition of the resource
 * (lifecycle { precondition { condition, error_message } }) that
 * carries the same message and rule code, so `terraform plan` fails the
 * way `batchgen validate` would have. Each entry is a pair: the
 * condition, an HCL expression; the message, a template string in
 * which the value's own expressions are kept (the emitters escape the
 * rest).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "validate/rules.h"

void
bg__plan_add(struct ctx *cx, enum rule_id id, const char *path, char *cond,
	     char *text)
{
	char *full = NULL;

	if (text != NULL) {
		full = bg__asprintf("%s: %s [%s]", path, text,
				    bg__rules[id].code);
	}
	if (cx->plan != NULL &&
	    (cond == NULL || full == NULL ||
	     bg__kvlist_push(cx->plan, cond, full) != BG_OK)) {
		cx->nomem = true;
	}
	free(text);
	free(cond);
	free(full);
}

char *
bg__plan_quoted(const char *s)
{
	struct bg__buf b = { 0 };

	bg__hcl_quote_into(&b, s);
	return bg__buf_take(&b, NULL);
}

char *
bg__plan_regex(const char *re, const char *quoted)
{
	return quoted != NULL ? bg__asprintf("can(regex(\"%s\", %s))", re,
					     quoted)
			      : NULL;
}

void
bg__plan_name(struct ctx *cx, const char *name)
{
	char *q = bg__plan_quoted(name);

	if (q == NULL) {
		cx->nomem = true;
		return;
	}
	bg__plan_add(cx, R_NAME_LENGTH, "name",
		     bg__asprintf("length(%s) >= 1 && length(%s) <= 128", q,
				  q),
		     bg__asprintf("Job definition name must be between 1 and "
				  "128 characters; got ${length(%s)}",
				  q));
	bg__plan_add(cx, R_NAME_CHARSET, "name",
		     bg__plan_regex("^[0-9A-Za-z_-]*$", q),
		     bg__asprintf("Job definition name can only contain "
				  "letters, numbers, hyphens, and "
				  "underscores; got '%s'",
				  name));
	if (bg__tf_expr_len(name) > 0) {
		bg__plan_add(cx, R_NAME_START, "name",
			     bg__plan_regex("^[0-9A-Za-z]", q),
			     bg__asprintf("Job definition name must start "
					  "with a letter or number; got '%s'",
					  name));
	}
	free(q);
}

void
bg__plan_range(struct ctx *cx, enum rule_id id, const char *path,
	       const char *expr, int64_t lo, int64_t hi, const char *what,
	       const char *unit)
{
	char *e = bg__tf_expr_inner(expr);

	if (e == NULL) {
		cx->nomem = true;
		return;
	}
	bg__plan_add(cx, id, path,
		     bg__asprintf("(%s) >= %lld && (%s) <= %lld", e,
				  (long long)lo, e, (long long)hi),
		     bg__asprintf("%s must be between %lld and %lld%s%s; got "
				  "%s",
				  what, (long long)lo, (long long)hi,
				  unit[0] ? " " : "", unit, expr));
	free(e);
}
