/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Import: definitions that exist -> one spec, validated.
 *
 *   each file:   bg__read_file, bg__ydoc_read (input/), then
 *                bg__import_document: its definitions as spec jobs,
 *                and where each spec path came from
 *   the spec:    bg__spec_text (emit/spec.c)
 *   validation:  bg_spec_load_buffer on that text, as render loads a
 *                spec; each diagnostic moves to the source line of its
 *                field path (or of the nearest field above it)
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "input/import.h"
#include "pipeline/import_fit.h"
#include "pipeline/import_steps.h"

bool
bg__import_is_json(const char *file, const char *buf)
{
	while (*buf == ' ' || *buf == '\t' || *buf == '\r' || *buf == '\n') {
		buf++;
	}
	if (bg__ends_with(file, ".json")) {
		return true;
	}
	if (bg__ends_with(file, ".yaml") || bg__ends_with(file, ".yml")) {
		return false; /* flow YAML may start with '{' too */
	}
	return *buf == '{';
}

/* The source of spec path path: the entry of the longest path that
 * leads to it ("jobs[2].container_properties" for
 * "jobs[2].container_properties.vcpus"), as "LINE:COL:FILE". */
static const char *
source_of(const struct bg__import *imp, const struct bg__strindex *index,
	  const char *path)
{
	char buf[512];
	size_t n, at;

	if (path == NULL) {
		return NULL;
	}
	snprintf(buf, sizeof(buf), "%s", path);
	for (;;) {
		char *cut = NULL;
		if (bg__strindex_get(index, buf, &at)) {
			return imp->where.items[at].value;
		}
		n = strlen(buf);
		for (size_t i = n; i > 0; i--) {
			if (buf[i - 1] == '.' || buf[i - 1] == '[') {
				cut = &buf[i - 1];
				break;
			}
		}
		if (cut == NULL) {
			return NULL;
		}
		*cut = '\0';
	}
}

/* The message of the duplicate-name error just added to diags says
 * "first at SPEC:LINE (jobs[N])", a place in the spec being written:
 * it is made to name the first job's source instead. */
static enum bg_status
relocate_first(const struct bg__import *imp, const struct bg__strindex *index,
	       struct bg_diags *diags)
{
	struct bg_diag *d = (struct bg_diag *)bg_diags_get(
		diags, bg_diags_count(diags) - 1);
	char *at = strstr(d->message, "; first at ");
	char *open = at != NULL ? strrchr(at, '(') : NULL;
	char path[128], *end, *text;
	const char *where;
	unsigned line;

	if (open == NULL || sscanf(open, "(%127[^)])", path) != 1 ||
	    (where = source_of(imp, index, path)) == NULL) {
		return BG_OK;
	}
	line = (unsigned)strtoul(where, &end, 10);
	strtoul(end + 1, &end, 10);
	text = bg__asprintf("%.*s; first at %s:%u (%s)",
			    (int)(at - d->message), d->message, end + 1, line,
			    path);
	if (text == NULL) {
		return BG_ERR_NOMEM;
	}
	free((char *)d->message);
	d->message = text;
	return BG_OK;
}

enum bg_status
bg__import_relocate(const struct bg__import *imp, const struct bg_diags *from,
		    bool unknown_unplaced, struct bg_diags *to)
{
	struct bg__strindex index = { 0 };
	enum bg_status st = BG_OK;

	/* the first entry of a path wins: it was written first */
	for (size_t i = 0; i < imp->where.count; i++) {
		if (bg__strindex_put(&index, imp->where.items[i].key, i, NULL) ==
		    BG_ERR_NOMEM) {
			bg__strindex_finish(&index);
			return BG_ERR_NOMEM;
		}
	}
	for (size_t i = 0; st == BG_OK && i < bg_diags_count(from); i++) {
		const struct bg_diag *d = bg_diags_get(from, i);
		const char *where = source_of(imp, &index, d->path);
		char *end;
		unsigned line = d->line, col = d->column;
		const char *file = d->file;
		if (where != NULL) {
			line = (unsigned)strtoul(where, &end, 10);
			col = (unsigned)strtoul(end + 1, &end, 10);
			file = end + 1;
		} else if (unknown_unplaced) {
			line = col = 0;
		}
		if (bg_diags_add(to, d->severity, d->code, file, line, col,
				 d->path, "%s", d->message) != BG_OK) {
			st = BG_ERR_NOMEM;
		} else if (strcmp(d->code, "duplicate-name") == 0) {
			st = relocate_first(imp, &index, to);
		}
	}
	bg__strindex_finish(&index);
	return st;
}

enum bg_status
bg__import_parsed(struct bg__ydoc *doc, const char *file, bool all,
		  struct bg__import *imp, struct bg_diags *diags)
{
	size_t first = imp->where.count;
	enum bg_status st = bg__import_document(doc, file, all, imp, diags);

	/* "LINE:COL" of this file's paths -> "LINE:COL:FILE": all of them,
	 * also when a definition of the file failed (lint goes on with the
	 * others) */
	for (size_t i = first; i < imp->where.count; i++) {
		char *v = bg__asprintf("%s:%s", imp->where.items[i].value,
				       file);
		if (v == NULL) {
			return BG_ERR_NOMEM;
		}
		free(imp->where.items[i].value);
		imp->where.items[i].value = v;
	}
	return st;
}

enum bg_status
bg__source_text(const struct bg_source *src, char **buf, size_t *len,
		struct bg_diags *diags)
{
	if (src->text == NULL) {
		return bg__read_file(src->name, buf, len, diags);
	}
	*buf = malloc(src->len + 1);
	if (*buf == NULL) {
		return BG_ERR_NOMEM;
	}
	memcpy(*buf, src->text, src->len);
	(*buf)[src->len] = '\0';
	*len = src->len;
	return BG_OK;
}

/* One source's definitions onto imp. */
static enum bg_status
import_source(const struct bg_source *src, bool all, struct bg__import *imp,
	      struct bg_diags *diags)
{
	const char *file = src->name;
	char *buf = NULL;
	size_t len = 0;
	struct bg__ydoc doc;
	enum bg_status st = bg__source_text(src, &buf, &len, diags);

	if (st != BG_OK) {
		return st;
	}
	st = bg__ydoc_read(&doc, buf, len, bg__import_is_json(file, buf), file,
			   diags);
	if (st == BG_OK) {
		st = bg__import_parsed(&doc, file, all, imp, diags);
		bg__ydoc_finish(&doc);
	}
	free(buf);
	return st;
}

char *
bg__import_text(const struct bg__import *imp, const char *head, bool json,
		size_t *len)
{
	const char **origins = calloc(imp->origins.count + 1, sizeof(*origins));
	char *text;

	if (origins == NULL) {
		return NULL;
	}
	for (size_t i = 0; i < imp->origins.count; i++) {
		origins[i] = imp->origins.items[i].key;
	}
	text = bg__spec_text(imp->jobs, origins, head, json, len);
	free(origins);
	return text;
}

void
bg__import_finish(struct bg__import *imp)
{
	cJSON_Delete(imp->jobs);
	imp->jobs = NULL;
	bg_kvlist_finish(&imp->where);
	bg_kvlist_finish(&imp->origins);
	bg_kvlist_finish(&imp->ignores);
}

enum bg_status
bg_import(const struct bg_template_set *set, const char *const *files,
	  size_t n, const struct bg_import_options *opts, char **out,
	  size_t *len, struct bg_diags *diags)
{
	struct bg_source *sources;
	enum bg_status st;

	if (files == NULL || n == 0) {
		return BG_ERR_ARG;
	}
	sources = calloc(n, sizeof(*sources));
	if (sources == NULL) {
		return BG_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		if (files[i] == NULL) {
			free(sources);
			return BG_ERR_ARG;
		}
		sources[i].name = files[i];
	}
	st = bg_import_sources(set, sources, n, opts, out, len, diags);
	free(sources);
	return st;
}

enum bg_status
bg_import_sources(const struct bg_template_set *set,
		  const struct bg_source *files, size_t n,
		  const struct bg_import_options *opts, char **out, size_t *len,
		  struct bg_diags *diags)
{
	struct bg__import imp = { .jobs = cJSON_CreateArray() };
	struct bg_diags *checked = NULL, *fitted = NULL;
	struct bg_spec *spec = NULL;
	const char *name;
	enum bg_status st = BG_OK, load;
	char *text = NULL;
	size_t text_len = 0;

	if (set == NULL || files == NULL || n == 0 || opts == NULL ||
	    out == NULL || diags == NULL) {
		cJSON_Delete(imp.jobs);
		return BG_ERR_ARG;
	}
	if (imp.jobs == NULL) {
		return BG_ERR_NOMEM;
	}
	name = opts->name != NULL ? opts->name : "spec";
	/* Every file, so that every problem is said. */
	for (size_t i = 0; i < n; i++) {
		enum bg_status one =
			files[i].name == NULL
				? BG_ERR_ARG
				: import_source(&files[i], opts->all_revisions,
						&imp, diags);
		if (one == BG_ERR_ARG) {
			st = one;
			break;
		}
		if (one == BG_ERR_NOMEM) {
			st = one;
			break;
		}
		if (one != BG_OK && st == BG_OK) {
			st = one;
		}
	}
	if (st == BG_OK && opts->as_templates) {
		fitted = bg_diags_create();
		st = fitted != NULL ? bg__import_fit(set, imp.jobs, fitted)
				    : BG_ERR_NOMEM;
	}
	if (st == BG_OK) {
		text = bg__import_text(&imp,
				       "# Imported by batchgen import: review, "
				       "then batchgen render.\n",
				       opts->json, &text_len);
		st = text != NULL ? BG_OK : BG_ERR_NOMEM;
	}
	if (st == BG_OK) {
		checked = bg_diags_create();
		st = checked != NULL ? BG_OK : BG_ERR_NOMEM;
	}
	if (st == BG_OK) {
		load = bg_spec_load_buffer(text, text_len, name, set, &spec,
					   checked);
		st = fitted != NULL ? bg__import_relocate(&imp, fitted, false, diags)
				    : BG_OK;
		st = st == BG_OK ? bg__import_relocate(&imp, checked, false, diags)
				 : st;
		if (st == BG_OK && load == BG_ERR_NOMEM) {
			st = BG_ERR_NOMEM;
		} else if (st == BG_OK && load != BG_OK) {
			st = BG_ERR_INVALID;
		}
	}
	if (st == BG_OK || st == BG_ERR_INVALID) {
		*out = text;
		text = NULL;
		if (len != NULL) {
			*len = text_len;
		}
	}
	bg_spec_destroy(spec);
	bg_diags_destroy(checked);
	bg_diags_destroy(fitted);
	free(text);
	bg__import_finish(&imp);
	return st;
}
