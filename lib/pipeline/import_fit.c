/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * import --as-templates: each imported job (its full attribute tree)
 * written as a template and only what differs from it, when one fits.
 *
 * For each template T: T rendered under the job's name, read back by
 * the Terraform JSON importer, is T's own full tree; the job minus
 * every value equal to T's (member by member, then, if that renders
 * differently, key by key) with `template: T` is the candidate. A
 * candidate is taken only when it renders to the same bytes as the job
 * itself, so what it says is what the job says; of those, the one with
 * the fewest values left wins (the first template in name order on a
 * tie). A job no template shortens stays the full tree.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "input/import.h"
#include "pipeline/import_fit.h"
#include "pipeline/import_steps.h"

/* The Terraform JSON of a spec holding job alone; NULL when the spec
 * has an error (or memory ran out). */
static char *
render(const struct bg_template_set *set, const cJSON *job)
{
	cJSON *spec = cJSON_CreateObject();
	cJSON *jobs = spec != NULL ? cJSON_AddArrayToObject(spec, "jobs")
				   : NULL;
	cJSON *copy = cJSON_Duplicate(job, true);
	struct bg_diags *diags = bg_diags_create();
	struct bg_spec *s = NULL;
	char *text = NULL, *out = NULL;

	if (jobs != NULL && copy != NULL) {
		cJSON_AddItemToArray(jobs, copy);
		copy = NULL;
		text = cJSON_PrintUnformatted(spec);
	}
	if (text != NULL && diags != NULL &&
	    bg_spec_load_buffer(text, strlen(text), "fit", set, &s, diags) ==
		    BG_OK &&
	    bg_diags_count_severity(diags, BG_SEV_ERROR) == 0 &&
	    bg_spec_job_count(s) == 1) {
		const struct bg_jobdef *def = bg_spec_job(s, 0);
		if (bg_emit(&def, 1, BG_FORMAT_JSON, &out, NULL) != BG_OK) {
			out = NULL;
		}
	}
	bg_spec_destroy(s);
	bg_diags_destroy(diags);
	cJSON_free(text);
	cJSON_Delete(copy);
	cJSON_Delete(spec);
	return out;
}

/* The value at path ("a.b[0].c") of job, or NULL. */
static const cJSON *
at(const cJSON *job, const char *path)
{
	char key[64];

	while (job != NULL && *path != '\0') {
		size_t n = strcspn(path, ".[");
		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		job = cJSON_GetObjectItemCaseSensitive(job, key);
		path += n;
		if (*path == '[') {
			job = cJSON_GetArrayItem(job, atoi(path + 1));
			path = strchr(path, ']') + 1;
		}
		if (*path == '.') {
			path++;
		}
	}
	return job;
}

/* The options a template leaves to the user, and would make input
 * variables without: where a job has them, and a placeholder. */
static const struct {
	const char *option;
	const char *paths[3];
	const char *placeholder;
} given[] = {
	{ "image",
	  { "container_properties.image",
	    "eks_properties.pod_properties.containers[0].image",
	    "ecs_properties.task_properties[0].containers[0].image" },
	  "batchgen-fit/placeholder:0" },
	{ "execution_role_arn",
	  { "container_properties.execution_role_arn",
	    "ecs_properties.task_properties[0].execution_role_arn", NULL },
	  "arn:aws:iam::000000000000:role/batchgen-fit-placeholder" },
};

/* The template options a candidate starts from: the job's own image
 * and execution role (own), or placeholders for them (a variable in a
 * JSON attribute cannot be imported back; the job's values then differ
 * from the placeholders and stay). NULL: the job has none of its own. */
static cJSON *
start_options(const cJSON *job, bool own)
{
	cJSON *o = cJSON_CreateObject();
	size_t n = 0;

	for (size_t i = 0; o != NULL && i < ARRAY_LENGTH(given); i++) {
		const cJSON *v = NULL;
		for (size_t p = 0; v == NULL && p < 3 && given[i].paths[p];
		     p++) {
			v = at(job, given[i].paths[p]);
		}
		if (own && cJSON_IsString(v)) {
			cJSON_AddItemToObject(o, given[i].option,
					      cJSON_Duplicate(v, true));
			n++;
		} else if (!own) {
			cJSON_AddStringToObject(o, given[i].option,
						given[i].placeholder);
			n++;
		}
	}
	if (n == 0) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* A spec job of template name: the job's name and label, the
 * template, and options (may be NULL). */
static cJSON *
head(const cJSON *job, const char *name, const cJSON *options)
{
	cJSON *h = cJSON_CreateObject();
	const cJSON *label = cJSON_GetObjectItemCaseSensitive(job, "label");
	const cJSON *o;

	if (h == NULL) {
		return NULL;
	}
	cJSON_AddItemToObject(
		h, "name",
		cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(job, "name"),
				true));
	if (label != NULL) {
		cJSON_AddItemToObject(h, "label", cJSON_Duplicate(label, true));
	}
	cJSON_AddStringToObject(h, "template", name);
	cJSON_ArrayForEach(o, options)
	{
		cJSON_AddItemToObject(h, o->string, cJSON_Duplicate(o, true));
	}
	return h;
}

/* Template name's own full tree under the job's name and label and
 * with options, read back from its rendering; NULL when it does not
 * render alone. */
static cJSON *
template_tree(const struct bg_template_set *set, const char *name,
	      const cJSON *job, const cJSON *options)
{
	cJSON *t = head(job, name, options);
	struct bg__import imp = { .jobs = cJSON_CreateArray() };
	struct bg_diags *diags = bg_diags_create();
	struct bg__ydoc doc;
	cJSON *tree = NULL;
	char *text;

	if (t == NULL || imp.jobs == NULL || diags == NULL) {
		goto out;
	}
	text = render(set, t);
	if (text != NULL &&
	    bg__ydoc_read(&doc, text, strlen(text), true, "fit", diags) ==
		    BG_OK) {
		if (bg__import_document(&doc, "fit", false, &imp, diags) ==
			    BG_OK &&
		    cJSON_GetArraySize(imp.jobs) == 1) {
			tree = cJSON_DetachItemFromArray(imp.jobs, 0);
		}
		bg__ydoc_finish(&doc);
	}
	free(text);
out:
	cJSON_Delete(t);
	bg__import_finish(&imp);
	bg_diags_destroy(diags);
	return tree;
}

static size_t
leaves(const cJSON *v)
{
	size_t n = 0;
	const cJSON *c;

	if (!cJSON_IsObject(v) && !cJSON_IsArray(v)) {
		return 1;
	}
	cJSON_ArrayForEach(c, v)
	{
		n += leaves(c);
	}
	return n;
}

/* What of job (an object) differs from base: deep, member by member
 * in objects; lists and values whole. */
static cJSON *
minus(const cJSON *job, const cJSON *base, bool deep)
{
	cJSON *out = cJSON_CreateObject();
	const cJSON *c;

	cJSON_ArrayForEach(c, job)
	{
		const cJSON *b = cJSON_GetObjectItemCaseSensitive(base,
								  c->string);
		cJSON *d;
		if (b != NULL && cJSON_Compare(c, b, true)) {
			continue;
		}
		if (deep && b != NULL && cJSON_IsObject(c) &&
		    cJSON_IsObject(b)) {
			d = minus(c, b, true);
			if (d != NULL && d->child == NULL) {
				cJSON_Delete(d);
				continue;
			}
		} else {
			d = cJSON_Duplicate(c, true);
		}
		if (out != NULL && d != NULL) {
			cJSON_AddItemToObject(out, c->string, d);
		} else {
			cJSON_Delete(d);
		}
	}
	return out;
}

/* Job written as template name: its name and label, the template, the
 * options the tree was made with (none: placeholders), then what
 * differs from tree. */
static cJSON *
candidate(const cJSON *job, const cJSON *tree, const char *name,
	  const cJSON *options, bool deep)
{
	cJSON *c = head(job, name, options);
	cJSON *rest = minus(job, tree, deep);
	cJSON *item;

	if (c == NULL || rest == NULL) {
		cJSON_Delete(c);
		cJSON_Delete(rest);
		return NULL;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(rest, "name");
	cJSON_DeleteItemFromObjectCaseSensitive(rest, "label");
	while ((item = rest->child) != NULL) {
		cJSON_DetachItemViaPointer(rest, item);
		cJSON_AddItemToObject(c, item->string, item);
	}
	cJSON_Delete(rest);
	return c;
}

/* The candidates of template name from options (own: the job's own
 * values, written in the candidate; else placeholders, not), deep then
 * shallow: the first that renders as want, when shorter than *best. */
static void
fit(const struct bg_template_set *set, const cJSON *job, const char *want,
    const char *name, const cJSON *options, bool own, cJSON **best,
    const char **best_name, size_t *best_leaves)
{
	cJSON *tree = options != NULL
			      ? template_tree(set, name, job, options)
			      : NULL;

	for (int deep = 1; tree != NULL && deep >= 0; deep--) {
		cJSON *c = candidate(job, tree, name, own ? options : NULL,
				     deep);
		char *got = c != NULL ? render(set, c) : NULL;
		/* name, template: what the full tree has not */
		size_t n = c != NULL ? leaves(c) - 2 : SIZE_MAX;
		bool same = got != NULL && strcmp(got, want) == 0;
		free(got);
		if (same && n < *best_leaves) {
			cJSON_Delete(*best);
			*best = c;
			*best_name = name;
			*best_leaves = n;
			break;
		}
		cJSON_Delete(c);
		if (same) {
			break;
		}
	}
	cJSON_Delete(tree);
}

enum bg_status
bg__import_fit(const struct bg_template_set *set, cJSON *jobs,
	       struct bg_diags *notes)
{
	size_t templates = bg_template_set_count(set);
	size_t j = 0;

	for (cJSON *job = jobs->child, *next; job != NULL; job = next, j++) {
		char *want = render(set, job);
		cJSON *best = NULL;
		const char *best_name = NULL;
		size_t best_leaves = leaves(job) - 1; /* without the name */
		/* the job's own values, then placeholders */
		cJSON *opts[2] = { start_options(job, true),
				   start_options(job, false) };

		next = job->next; /* job may be replaced */
		for (size_t t = 0; want != NULL && t < templates; t++) {
			struct bg_template_info info;
			if (bg_template_info(set, t, &info) != BG_OK) {
				continue;
			}
			for (int k = 0; k < 2; k++) {
				fit(set, job, want, info.name, opts[k], k == 0,
				    &best, &best_name, &best_leaves);
			}
		}
		cJSON_Delete(opts[0]);
		cJSON_Delete(opts[1]);
		if (best != NULL) {
			char path[32];
			snprintf(path, sizeof(path), "jobs[%zu]", j);
			if (bg_diags_add(notes, BG_SEV_NOTE, "import-template",
					 NULL, 0, 0, path,
					 "written as the template %s and the "
					 "%zu values that differ from it (%zu "
					 "in the full tree): it renders to the "
					 "same bytes",
					 best_name, best_leaves,
					 leaves(job) - 1) != BG_OK) {
				free(want);
				cJSON_Delete(best);
				return BG_ERR_NOMEM;
			}
			cJSON_ReplaceItemViaPointer(jobs, job, best);
		}
		free(want);
	}
	return BG_OK;
}
