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

struct plan {
	struct bg_kvlist *out;
	bool nomem;
};

/* Adds one precondition of rule id: the condition, and the message
 * (text) at path; both are taken (freed here). */
static void
add(struct plan *p, enum rule_id id, char *cond, const char *path,
    char *text)
{
	char *full = NULL;

	if (text != NULL) {
		full = bg__asprintf("%s: %s [%s]", path, text,
				    bg__rules[id].code);
	}
	if (cond == NULL || full == NULL ||
	    bg__kvlist_push(p->out, cond, full) != BG_OK) {
		p->nomem = true;
	}
	free(text);
	free(cond);
	free(full);
}

/* s as an HCL quoted template (expressions kept); NULL: no memory. */
static char *
quoted(const char *s)
{
	struct bg__buf b = { 0 };

	bg__hcl_quote_into(&b, s);
	return bg__buf_take(&b, NULL);
}

static void
name_checks(struct plan *p, const char *name)
{
	char *q = quoted(name);

	if (q == NULL) {
		p->nomem = true;
		return;
	}
	add(p, R_NAME_LENGTH,
	    bg__asprintf("length(%s) >= 1 && length(%s) <= 128", q, q), "name",
	    bg__asprintf("Job definition name must be between 1 and 128 "
			 "characters; got ${length(%s)}",
			 q));
	add(p, R_NAME_CHARSET,
	    bg__asprintf("can(regex(\"^[0-9A-Za-z_-]*$\", %s))", q), "name",
	    bg__asprintf("Job definition name can only contain letters, "
			 "numbers, hyphens, and underscores; got '%s'",
			 name));
	if (bg__tf_expr_len(name) > 0) {
		add(p, R_NAME_START,
		    bg__asprintf("can(regex(\"^[0-9A-Za-z]\", %s))", q),
		    "name",
		    bg__asprintf("Job definition name must start with a "
				 "letter or number; got '%s'",
				 name));
	}
	free(q);
}

enum bg_status
bg__plan_checks(const struct bg_jobdef *def, struct bg_kvlist *out)
{
	struct plan p = { out, false };

	if (bg__tf_has_expr(def->name)) {
		name_checks(&p, def->name);
	}
	return p.nomem ? BG_ERR_NOMEM : BG_OK;
}
