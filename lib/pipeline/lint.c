/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Lint: the job definitions of one file, checked where they are.
 *
 *   the file:    bg__read_file, bg__ydoc_read (input/)
 *   a spec:      bg__spec_load with the review (validate/review.c):
 *                every diagnostic at its line in the spec
 *   otherwise:   import's steps (pipeline/import.c): the definitions
 *                as spec jobs and where each path came from, the spec
 *                text, bg__spec_load with the review, and each
 *                diagnostic moved to its source line
 *
 * Nothing is written. Import's notes on how it writes a spec are not
 * findings about the definitions, and are left out; its errors (a
 * definition it cannot read) are kept.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "pipeline/import_steps.h"

/* A spec: a mapping with jobs, and none of the keys import reads. */
static bool
is_spec(struct bg__ydoc *doc)
{
	struct bg__ynode *root = bg__ydoc_root(doc);

	return root != NULL && root->type == BG_Y_MAP &&
	       bg__ynode_get(doc, root, "jobs") != NULL &&
	       bg__ynode_get(doc, root, "Resources") == NULL &&
	       bg__ynode_get(doc, root, "resource") == NULL;
}

static size_t
spec_jobs(struct bg__ydoc *doc)
{
	struct bg__ynode *jobs = bg__ynode_get(doc, bg__ydoc_root(doc), "jobs");

	return jobs != NULL && jobs->type == BG_Y_SEQ ? jobs->len : 1;
}

/* Import's diagnostics of from that lint keeps: not its notes and
 * warnings on writing the spec (codes import-...). */
static enum bg_status
keep_findings(const struct bg_diags *from, struct bg_diags *to)
{
	for (size_t i = 0; i < bg_diags_count(from); i++) {
		const struct bg_diag *d = bg_diags_get(from, i);
		if (d->severity != BG_SEV_ERROR &&
		    strncmp(d->code, "import-", 7) == 0) {
			continue;
		}
		if (bg_diags_add(to, d->severity, d->code, d->file, d->line,
				 d->column, d->path, "%s",
				 d->message) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}

/* Whether from says only that the file holds no definition. */
static bool
holds_none(const struct bg__import *imp, const struct bg_diags *from)
{
	if (imp->job_count > 0) {
		return false;
	}
	for (size_t i = 0; i < bg_diags_count(from); i++) {
		const struct bg_diag *d = bg_diags_get(from, i);
		if (d->severity == BG_SEV_ERROR &&
		    strcmp(d->code, "import-shape") != 0) {
			return false;
		}
	}
	return true;
}

/* The definitions import reads in doc, linted. */
static enum bg_status
lint_imported(const struct bg_template_set *set, struct bg__ydoc *doc,
	      const char *file, size_t *jobs, struct bg_diags *diags)
{
	struct bg__import imp = { .jobs = cJSON_CreateArray() };
	struct bg_diags *read = bg_diags_create(), *checked = NULL;
	struct bg_spec *spec = NULL;
	const char **origins = NULL;
	char *text = NULL;
	size_t len = 0;
	enum bg_status st = imp.jobs != NULL && read != NULL ? BG_OK
							     : BG_ERR_NOMEM;
	enum bg_status got = BG_OK;

	if (st == BG_OK) {
		got = bg__import_parsed(doc, file, false, &imp, read);
		st = got == BG_ERR_NOMEM || imp.nomem ? BG_ERR_NOMEM : BG_OK;
	}
	if (st == BG_OK && holds_none(&imp, read)) {
		goto done; /* nothing to lint: not an error */
	}
	*jobs = imp.job_count;
	st = st == BG_OK ? keep_findings(read, diags) : st;
	if (st == BG_OK && imp.job_count > 0) {
		origins = calloc(imp.origins.count + 1, sizeof(*origins));
		for (size_t i = 0; origins != NULL && i < imp.origins.count;
		     i++) {
			origins[i] = imp.origins.items[i].key;
		}
		text = origins != NULL ? bg__spec_text(imp.jobs, origins, "",
						       true, &len)
				       : NULL;
		checked = bg_diags_create();
		st = text != NULL && checked != NULL ? BG_OK : BG_ERR_NOMEM;
	}
	if (st == BG_OK && text != NULL) {
		if (bg__spec_load(text, len, file, set, true, &spec, checked) ==
		    BG_ERR_NOMEM) {
			st = BG_ERR_NOMEM;
		} else {
			st = bg__import_relocate(&imp, checked, true, diags);
		}
	}
done:
	bg_spec_destroy(spec);
	bg_diags_destroy(checked);
	bg_diags_destroy(read);
	free(text);
	free(origins);
	cJSON_Delete(imp.jobs);
	bg_kvlist_finish(&imp.where);
	bg_kvlist_finish(&imp.origins);
	return st;
}

enum bg_status
bg_lint_file(const struct bg_template_set *set, const char *file,
	     size_t *jobs, struct bg_diags *diags)
{
	char *buf = NULL;
	size_t len = 0, none = 0;
	struct bg__ydoc doc;
	struct bg_spec *spec = NULL;
	enum bg_status st;

	if (set == NULL || file == NULL || diags == NULL) {
		return BG_ERR_ARG;
	}
	jobs = jobs != NULL ? jobs : &none;
	*jobs = 0;
	st = bg__read_file(file, &buf, &len, diags);
	if (st != BG_OK) {
		return st;
	}
	st = bg__ydoc_read(&doc, buf, len, bg__import_is_json(file, buf), file,
			   diags);
	if (st != BG_OK) {
		free(buf);
		return st;
	}
	if (is_spec(&doc)) {
		*jobs = spec_jobs(&doc);
		st = bg__spec_load(buf, len, file, set, true, &spec, diags);
		bg_spec_destroy(spec);
		st = st == BG_ERR_NOMEM ? st : BG_OK;
	} else {
		st = lint_imported(set, &doc, file, jobs, diags);
	}
	bg__ydoc_finish(&doc);
	free(buf);
	return st;
}
