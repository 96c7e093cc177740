/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Regenerating over a previous output: Terraform replaces (destroys and
 * re-creates) an aws_batch_job_definition whose name or
 * retry_strategy.evaluate_on_exit changes (ForceNew; rules doc rule 75,
 * state cases Q and R), where any other change registers a new
 * revision. A replacement deregisters every revision of the name, so
 * queued jobs that use an old revision fail: say so before it happens.
 *
 * The previous output is read as Terraform JSON with cJSON; text that
 * is not (an HCL file, someone else's JSON) has nothing to compare.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "batchgen-int.h"

static const char *
str_item(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

static bool
same_str(const char *a, const char *b, bool nocase)
{
	if (a == NULL || b == NULL) {
		return a == b;
	}
	return nocase ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

/* What the check needs of one old resource, read once: its name and
 * evaluate_on_exit conditions, so that the parsed document is freed
 * before the jobs are built (bg__previous_read in the pipeline). */
struct old_res {
	char *label;
	bool object; /* the old value is an object */
	char *name;  /* its "name", when a string */
	size_t cond_count; /* items of retry_strategy.evaluate_on_exit */
	char **cond; /* four a condition (COND_KEYS); NULL: not a string */
};

static const char *const COND_KEYS[] = { "action", "on_exit_code",
					 "on_reason", "on_status_reason" };
#define NCOND (sizeof(COND_KEYS) / sizeof(COND_KEYS[0]))

struct bg__previous {
	struct bg__strindex labels; /* label -> items */
	struct old_res *items;
	size_t count;
};

void
bg__previous_destroy(struct bg__previous *p)
{
	if (p == NULL) {
		return;
	}
	for (size_t i = 0; i < p->count; i++) {
		struct old_res *r = &p->items[i];
		free(r->label);
		free(r->name);
		for (size_t k = 0; r->cond != NULL && k < r->cond_count * NCOND;
		     k++) {
			free(r->cond[k]);
		}
		free(r->cond);
	}
	bg__strindex_finish(&p->labels);
	free(p->items);
	free(p);
}

static bool
dup_item(const cJSON *obj, const char *key, char **out)
{
	const char *s = str_item(obj, key);

	*out = s != NULL ? strdup(s) : NULL;
	return s == NULL || *out != NULL;
}

/* Old resource res read into r; false when out of memory. */
static bool
read_res(const cJSON *res, struct old_res *r)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(res, "retry_strategy"),
		"evaluate_on_exit");
	const cJSON *e;
	size_t k = 0;

	r->object = cJSON_IsObject(res);
	if (!r->object) {
		return true; /* nothing to compare */
	}
	if (!dup_item(res, "name", &r->name)) {
		return false;
	}
	r->cond_count = cJSON_IsArray(list) ? (size_t)cJSON_GetArraySize(list)
					    : 0;
	if (r->cond_count == 0) {
		return true;
	}
	r->cond = calloc(r->cond_count * NCOND, sizeof(*r->cond));
	if (r->cond == NULL) {
		return false;
	}
	cJSON_ArrayForEach(e, list)
	{
		for (size_t c = 0; c < NCOND; c++) {
			if (!dup_item(e, COND_KEYS[c], &r->cond[k++])) {
				return false;
			}
		}
	}
	return true;
}

enum bg_status
bg__previous_read(const char *old, size_t len, struct bg__previous **out)
{
	struct bg__previous *p;
	cJSON *doc;
	const cJSON *resources, *r;
	size_t count = 0;
	enum bg_status st = BG_OK;

	*out = NULL;
	if (old == NULL && len > 0) {
		return BG_ERR_ARG;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		return BG_ERR_NOMEM;
	}
	doc = old != NULL ? cJSON_ParseWithLength(old, len) : NULL;
	resources = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(doc, "resource"),
		"aws_batch_job_definition");
	if (cJSON_IsObject(resources)) {
		cJSON_ArrayForEach(r, resources)
		{
			count++;
		}
		p->items = calloc(count + 1, sizeof(*p->items));
		st = p->items != NULL ? BG_OK : BG_ERR_NOMEM;
	}
	/* the old resources by label, once: a lookup per job in the
	 * object would be quadratic */
	for (r = p->items != NULL ? resources->child : NULL;
	     r != NULL && st == BG_OK; r = r->next) {
		struct old_res *o = &p->items[p->count];
		if (r->string == NULL) {
			continue;
		}
		p->count++;
		o->label = strdup(r->string);
		if (o->label == NULL || !read_res(r, o)) {
			st = BG_ERR_NOMEM;
		} else if (bg__strindex_put(&p->labels, o->label,
					    p->count - 1,
					    NULL) == BG_ERR_NOMEM) {
			st = BG_ERR_NOMEM; /* a label said twice: the first */
		}
	}
	cJSON_Delete(doc);
	if (st != BG_OK) {
		bg__previous_destroy(p);
		return st;
	}
	*out = p;
	return BG_OK;
}

/* The conditions of old resource r equal def's. */
static bool
same_conditions(const struct old_res *r, const struct bg_jobdef *def)
{
	if (r->cond_count != def->evaluate_on_exit_count) {
		return false;
	}
	for (size_t i = 0; i < r->cond_count; i++) {
		const struct bg_evaluate_on_exit *c = &def->evaluate_on_exit[i];
		char *const *o = &r->cond[i * NCOND];
		if (!same_str(o[0], c->action, true) ||
		    !same_str(o[1], c->on_exit_code, false) ||
		    !same_str(o[2], c->on_reason, false) ||
		    !same_str(o[3], c->on_status_reason, false)) {
			return false;
		}
	}
	return true;
}

static enum bg_status
warn(struct bg_diags *diags, const struct bg_jobdef *def, const char *field,
     const char *fmt, ...) BG_PRINTF(4, 5);

/* A warning at the job's origin (its file, line and field path). */
static enum bg_status
warn(struct bg_diags *diags, const struct bg_jobdef *def, const char *field,
     const char *fmt, ...)
{
	char msg[1024];
	char path[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), "%s%s%s",
		 def->origin.path != NULL ? def->origin.path : "",
		 def->origin.path != NULL ? "." : "", field);
	return bg_diags_add(diags, BG_SEV_WARNING, "forces-replacement",
			    def->origin.file, def->origin.line,
			    def->origin.column, path, "%s", msg);
}

enum bg_status
bg__previous_check(const struct bg__previous *p,
		   const struct bg_jobdef *const *defs, size_t n,
		   struct bg_diags *diags)
{
	enum bg_status st = BG_OK;

	for (size_t i = 0; p != NULL && p->items != NULL && i < n && st == BG_OK;
	     i++) {
		const struct bg_jobdef *def = defs[i];
		size_t at;
		const struct old_res *res =
			bg__strindex_get(&p->labels, def->label, &at)
				? &p->items[at]
				: NULL;
		if (res == NULL || !res->object) {
			continue; /* a new resource */
		}
		if (res->name != NULL && strcmp(res->name, def->name) != 0) {
			st = warn(diags, def, "name",
				  "the name changes from '%s' to '%s': "
				  "terraform replaces "
				  "aws_batch_job_definition.%s and "
				  "deregisters every revision of '%s'",
				  res->name, def->name, def->label, res->name);
		} else if (!same_conditions(res, def)) {
			st = warn(diags, def, "retry_strategy.evaluate_on_exit",
				  "evaluate_on_exit changes: terraform "
				  "replaces aws_batch_job_definition.%s "
				  "instead of registering a new revision, and "
				  "deregisters every revision of '%s'",
				  def->label, def->name);
		}
	}
	return st;
}

enum bg_status
bg_check_replacement(const char *old, size_t len,
		     const struct bg_jobdef *const *defs, size_t n,
		     struct bg_diags *diags)
{
	struct bg__previous *p = NULL;
	enum bg_status st;

	if (diags == NULL || (old == NULL && len > 0) ||
	    (defs == NULL && n > 0)) {
		return BG_ERR_ARG;
	}
	st = bg__previous_read(old, len, &p);
	if (st == BG_OK) {
		st = bg__previous_check(p, defs, n, diags);
	}
	bg__previous_destroy(p);
	return st;
}
