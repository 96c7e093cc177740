/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Names and labels used once across every job of a run.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "validate/rules.h"

/* Reports every job whose name (or label) an earlier job already has,
 * against the first job that has it, in the order of the jobs: one
 * pass over an index of the keys (a sort touched each key about log n
 * times, each a string apart in memory). */
static enum bg_status
check_unique(const struct bg_jobdef *const *defs, size_t n, bool labels,
	     bool across_files, struct bg_diags *diags)
{
	struct bg__strindex seen = { 0 };
	enum bg_status st = BG_OK;

	for (size_t i = 0; i < n && st != BG_ERR_NOMEM; i++) {
		const struct bg_jobdef *a, *b = defs[i];
		const char *key = labels ? b->label : b->name;
		enum bg_status added;
		size_t first = 0;
		char *path;
		if (key == NULL) {
			continue;
		}
		added = bg__strindex_put(&seen, key, i, &first);
		if (added == BG_ERR_NOMEM) {
			st = added;
			break;
		}
		if (added == BG_OK) {
			continue;
		}
		a = defs[first];
		if (across_files && a->origin.file != NULL &&
		    b->origin.file != NULL &&
		    strcmp(a->origin.file, b->origin.file) == 0) {
			continue; /* the spec loader reported it */
		}
		/* Two jobs with one name have one label too: say it once. */
		if (labels && a->name != NULL && b->name != NULL &&
		    strcmp(a->name, b->name) == 0) {
			continue;
		}
		path = bg__asprintf("%s%s%s", b->origin.path ? b->origin.path : "",
				    b->origin.path ? "." : "",
				    labels ? "label" : "name");
		if (path == NULL) {
			added = BG_ERR_NOMEM;
		} else if (labels) {
			added = bg_diags_add(
				diags, BG_SEV_ERROR, bg__rules[R_UNIQUE_LABEL].code,
				b->origin.file, b->origin.line,
				b->origin.column, path,
				"Terraform label '%s' of job '%s' is also the "
				"label of job '%s'; set 'label' to tell them "
				"apart",
				b->label, b->name, a->name);
		} else {
			added = bg_diags_add(
				diags, BG_SEV_ERROR, bg__rules[R_UNIQUE_NAME].code,
				b->origin.file, b->origin.line,
				b->origin.column, path,
				"job name '%s' is used twice; first at %s:%u "
				"(%s)",
				b->name, a->origin.file ? a->origin.file : "-",
				a->origin.line,
				a->origin.path ? a->origin.path : "-");
		}
		free(path);
		st = added != BG_OK ? BG_ERR_NOMEM : BG_ERR_INVALID;
	}
	bg__strindex_finish(&seen);
	return st;
}

enum bg_status
bg__validate_unique(const struct bg_jobdef *const *defs, size_t n,
		    bool across_files, struct bg_diags *diags)
{
	enum bg_status names =
		check_unique(defs, n, false, across_files, diags);
	enum bg_status labels =
		names == BG_ERR_NOMEM
			? names
			: check_unique(defs, n, true, across_files, diags);

	if (names == BG_ERR_NOMEM || labels == BG_ERR_NOMEM) {
		return BG_ERR_NOMEM;
	}
	return names != BG_OK ? names : labels;
}

enum bg_status
bg_validate_unique(const struct bg_jobdef *const *defs, size_t n,
		   struct bg_diags *diags)
{
	return bg__validate_unique(defs, n, true, diags);
}

