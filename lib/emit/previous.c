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

/* The conditions of old resource res equal def's. */
static bool
same_conditions(const cJSON *res, const struct bg_jobdef *def)
{
	const cJSON *rs = cJSON_GetObjectItemCaseSensitive(res,
							   "retry_strategy");
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(rs,
							     "evaluate_on_exit");
	size_t n = cJSON_IsArray(list) ? (size_t)cJSON_GetArraySize(list) : 0;
	size_t i = 0;
	const cJSON *e;

	if (n != def->evaluate_on_exit_count) {
		return false;
	}
	cJSON_ArrayForEach(e, list)
	{
		const struct bg_evaluate_on_exit *c = &def->evaluate_on_exit[i++];
		if (!same_str(str_item(e, "action"), c->action, true) ||
		    !same_str(str_item(e, "on_exit_code"), c->on_exit_code,
			      false) ||
		    !same_str(str_item(e, "on_reason"), c->on_reason, false) ||
		    !same_str(str_item(e, "on_status_reason"),
			      c->on_status_reason, false)) {
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
bg_check_replacement(const char *old, size_t len,
		     const struct bg_jobdef *const *defs, size_t n,
		     struct bg_diags *diags)
{
	cJSON *doc;
	const cJSON *resources;
	const cJSON **items = NULL;
	struct bg__strindex labels = { 0 };
	enum bg_status st = BG_OK;

	if (diags == NULL || (old == NULL && len > 0) ||
	    (defs == NULL && n > 0)) {
		return BG_ERR_ARG;
	}
	doc = old != NULL ? cJSON_ParseWithLength(old, len) : NULL;
	resources = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(doc, "resource"),
		"aws_batch_job_definition");
	/* the old resources by label, once: a lookup per job in the
	 * object would be quadratic */
	if (cJSON_IsObject(resources)) {
		size_t count = 0;
		const cJSON *r;
		cJSON_ArrayForEach(r, resources)
		{
			count++;
		}
		items = calloc(count + 1, sizeof(*items));
		count = 0;
		cJSON_ArrayForEach(r, resources)
		{
			if (items == NULL || r->string == NULL) {
				continue;
			}
			items[count] = r;
			if (bg__strindex_put(&labels, r->string, count, NULL) ==
			    BG_ERR_NOMEM) {
				st = BG_ERR_NOMEM;
			}
			count++;
		}
		st = items == NULL ? BG_ERR_NOMEM : st;
	}
	for (size_t i = 0; items != NULL && i < n && st == BG_OK; i++) {
		const struct bg_jobdef *def = defs[i];
		size_t at;
		const cJSON *res = bg__strindex_get(&labels, def->label, &at)
					   ? items[at]
					   : NULL;
		const char *name = str_item(res, "name");
		if (!cJSON_IsObject(res)) {
			continue; /* a new resource */
		}
		if (name != NULL && strcmp(name, def->name) != 0) {
			st = warn(diags, def, "name",
				  "the name changes from '%s' to '%s': "
				  "terraform replaces "
				  "aws_batch_job_definition.%s and "
				  "deregisters every revision of '%s'",
				  name, def->name, def->label, name);
		} else if (!same_conditions(res, def)) {
			st = warn(diags, def, "retry_strategy.evaluate_on_exit",
				  "evaluate_on_exit changes: terraform "
				  "replaces aws_batch_job_definition.%s "
				  "instead of registering a new revision, and "
				  "deregisters every revision of '%s'",
				  def->label, def->name);
		}
	}
	bg__strindex_finish(&labels);
	free(items);
	cJSON_Delete(doc);
	return st;
}
