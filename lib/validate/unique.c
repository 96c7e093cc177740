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

struct unique_key {
	const char *key;
	size_t index;
};

static int
unique_cmp(const void *a, const void *b)
{
	const struct unique_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0) {
		return c;
	}
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Reports every job whose name (or label) an earlier job already has:
 * sort (key, index), then compare neighbours. */
static enum bg_status
check_unique(const struct bg_jobdef *const *defs, size_t n, bool labels,
	     bool across_files, struct bg_diags *diags)
{
	struct unique_key *keys;
	enum bg_status st = BG_OK;
	size_t first = 0;

	if (n < 2) {
		return BG_OK;
	}
	keys = calloc(n, sizeof(*keys));
	if (keys == NULL) {
		return BG_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		keys[i].key = labels ? defs[i]->label : defs[i]->name;
		keys[i].index = i;
	}
	qsort(keys, n, sizeof(*keys), unique_cmp);
	for (size_t i = 1; i < n && st != BG_ERR_NOMEM; i++) {
		const struct bg_jobdef *a, *b;
		enum bg_status added;
		char *path;
		if (strcmp(keys[i].key, keys[first].key) != 0) {
			first = i;
			continue;
		}
		a = defs[keys[first].index];
		b = defs[keys[i].index];
		if (across_files && a->origin.file != NULL &&
		    b->origin.file != NULL &&
		    strcmp(a->origin.file, b->origin.file) == 0) {
			continue; /* the spec loader reported it */
		}
		/* Two jobs with one name have one label too: say it once. */
		if (labels && strcmp(a->name, b->name) == 0) {
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
	free(keys);
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

