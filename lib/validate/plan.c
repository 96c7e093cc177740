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

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate/rules.h"

void
bg__plan_add(struct ctx *cx, enum rule_id id, const char *path, char *cond,
	     char *text)
{
	char *full = NULL;

	if (cond != NULL && !bg__tf_cond_refers(cond)) {
		/* "${upper("x")}": Terraform computes it, but a condition
		 * on it refers to nothing, which terraform refuses. */
		if (strcmp(cx->refused, path) != 0) {
			bg__report(cx, R_EXPR_UNSUPPORTED, path,
				   "this value's Terraform expressions refer "
				   "to no variable, local, resource or data "
				   "source, so its rules cannot be checked at "
				   "plan time (terraform refuses a condition "
				   "that refers to nothing); write the value "
				   "itself");
			snprintf(cx->refused, sizeof(cx->refused), "%s", path);
		}
		free(text);
		free(cond);
		return;
	}
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

	/* "${var.n}" alone has the type of its value in HCL: make it the
	 * string AWS is given */
	if (bg__tf_is_expr(s)) {
		char *inner = bg__tf_expr_inner(s);
		bg__buf_printf(&b, "tostring(%s)", inner != NULL ? inner : "");
		b.failed |= inner == NULL;
		free(inner);
	} else {
		bg__hcl_quote_into(&b, s);
	}
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
bg__plan_length(struct ctx *cx, enum rule_id id, const char *path,
		const char *s, size_t lo, size_t hi, const char *what)
{
	char *q = bg__plan_quoted(s);

	if (q == NULL) {
		cx->nomem = true;
		return;
	}
	/* AWS counts code points; length() counts grapheme clusters */
	bg__plan_add(cx, id, path,
		     lo > 0 ? bg__asprintf("length(regexall(\"(?s).\", %s)) "
					   ">= %zu && length(regexall(\"(?s)."
					   "\", %s)) <= %zu",
					   q, lo, q, hi)
			    : bg__asprintf("length(regexall(\"(?s).\", %s)) "
					   "<= %zu",
					   q, hi),
		     bg__asprintf("%s; got ${length(regexall(\"(?s).\", "
				  "%s))}",
				  what, q));
	free(q);
}

void
bg__plan_name(struct ctx *cx, const char *name)
{
	char *q = bg__plan_quoted(name);

	if (q == NULL) {
		cx->nomem = true;
		return;
	}
	bg__plan_length(cx, R_NAME_LENGTH, "name", name, 1, 128,
			"Job definition name must be between 1 and 128 "
			"characters");
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
	/* A whole number in range, whether the value is a number or a
	 * string holding one ("2" from a string variable is 2 to AWS);
	 * anything else is false, not an error of the condition. */
	bg__plan_add(cx, id, path,
		     bg__asprintf("try(tonumber(%s) >= %lld && tonumber(%s) "
				  "<= %lld && floor(tonumber(%s)) == "
				  "tonumber(%s), false)",
				  e, (long long)lo, e, (long long)hi, e, e),
		     bg__asprintf("%s must be a whole number between %lld and "
				  "%lld%s%s; got %s",
				  what, (long long)lo, (long long)hi,
				  unit[0] ? " " : "", unit, expr));
	free(e);
}

char *
bg__plan_subst(const char *cond, const char *a, const char *b)
{
	struct bg__buf b2 = { 0 };
	const char *at;

	while ((at = strchr(cond, '@')) != NULL) {
		bg__buf_putn(&b2, cond, (size_t)(at - cond));
		if (at[1] == '@' || (at[1] == '2' && b != NULL)) {
			bg__buf_puts(&b2, at[1] == '@' ? a : b);
			cond = at + 2;
		} else {
			bg__buf_putc(&b2, '@');
			cond = at + 1;
		}
	}
	bg__buf_puts(&b2, cond);
	return bg__buf_take(&b2, NULL);
}

/* A value for a condition: an HCL quoted template, or null. */
static char *
quoted_or_null(const char *s)
{
	return s != NULL ? bg__plan_quoted(s) : bg__asprintf("null");
}

void
bg__plan_pair(struct ctx *cx, enum rule_id id, const char *path,
	      const char *cond, const char *a, const char *b, char *text)
{
	char *qa = quoted_or_null(a), *qb = quoted_or_null(b);

	bg__plan_add(cx, id, path,
		     qa != NULL && qb != NULL ? bg__plan_subst(cond, qa, qb)
					      : NULL,
		     text);
	free(qa);
	free(qb);
}

const char *
bg__list_text(const char *const *list, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; list[i] != NULL && used < size; i++) {
		int k = snprintf(buf + used, size - used, "%s%s",
				 i > 0 ? ", " : "", list[i]);
		if (k < 0) {
			break;
		}
		used += (size_t)k;
	}
	return buf;
}

void
bg__check_enum(struct ctx *cx, enum rule_id id, const char *path,
	       const char *v, const char *const *list, const char *why)
{
	char allowed[200];
	bool ok = false;

	for (size_t i = 0; list[i] != NULL; i++) {
		ok = ok || strcmp(v, list[i]) == 0;
	}
	bg__check_string(cx, id, path, v, ok, PLAN_IN(list),
			 "'%s' is not one of %s%s%s%s", v,
			 bg__list_text(list, allowed, sizeof(allowed)),
			 why != NULL ? " (" : "", why != NULL ? why : "",
			 why != NULL ? ")" : "");
}

bool
bg__check_absolute(struct ctx *cx, enum rule_id id, const char *path,
		   const char *what, const char *v)
{
	return bg__check_string(cx, id, path, v, v == NULL || v[0] == '/',
				PLAN_RE("^/"),
				"%s must be an absolute path; got '%s'", what,
				v != NULL ? v : "");
}

/* The condition of form on the quoted value q. */
static char *
form_cond(struct bg__plan_form form, const char *q)
{
	struct bg__buf b = { 0 };

	if (form.re != NULL) {
		return bg__plan_regex(form.re, q);
	}
	if (form.cond != NULL) {
		return bg__plan_subst(form.cond, q, NULL);
	}
	bg__buf_printf(&b, "contains([");
	for (size_t i = 0; form.in != NULL && form.in[i] != NULL; i++) {
		bg__buf_printf(&b, "%s\"%s\"", i > 0 ? ", " : "",
			       form.in[i]);
	}
	bg__buf_printf(&b, "], %s)", q);
	return bg__buf_take(&b, NULL);
}

bool
bg__check_string(struct ctx *cx, enum rule_id id, const char *path,
		 const char *s, bool ok, struct bg__plan_form form,
		 const char *fmt, ...)
{
	va_list ap;
	char *q, *text;

	if (s == NULL || !bg__tf_has_expr(s)) {
		if (!ok) {
			va_start(ap, fmt);
			bg__vreport(cx, id, path, fmt, ap);
			va_end(ap);
		}
		return ok;
	}
	if (cx->plan == NULL) {
		return true;
	}
	q = bg__plan_quoted(s);
	va_start(ap, fmt);
	text = bg__vasprintf(fmt, ap);
	va_end(ap);
	bg__plan_add(cx, id, path, q != NULL ? form_cond(form, q) : NULL,
		     text);
	free(q);
	return true;
}
