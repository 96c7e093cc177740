/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Template files: read, checked and loaded (the same loader as spec
 * files, input/load.c, through the template document's table) into a
 * template set: the embedded built-in ones, a directory's files, or a
 * buffer.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "model/fields.h"
#include "model/tset.h"

/* Loads one template file into t (zeroed by the caller). */
static enum bg_status
template_load(struct template *t, const char *buf, size_t len,
	      const char *file, const char *origin, struct bg_diags *diags)
{
	struct bg__template_doc *raw = NULL;
	struct bg__ydoc doc;
	bool failed = false;
	enum bg_status st;

	st = bg__load_checked(buf, len, false, file, &bg__obj_template,
			      (void **)&raw, &doc, diags);
	if (st != BG_OK) {
		if (raw != NULL) {
			/* A template with problems is left out whole. */
			bg__load_free(&bg__obj_template, raw);
			bg__ydoc_finish(&doc);
		}
		return st;
	}
	t->name = bg__strdup(raw->name, &failed);
	t->description = bg__strdup(raw->description, &failed);
	t->extends = bg__strdup(raw->extends, &failed);
	t->type = bg__strdup(raw->type, &failed);
	t->platform = bg__strdup(raw->platform, &failed);
	t->origin = bg__strdup(origin, &failed);
	if (raw->defaults != NULL) {
		/* The loaded defaults become the template's own. */
		t->defaults = *raw->defaults;
		memset(raw->defaults, 0, sizeof(*raw->defaults));
	}
	st = failed ? BG_ERR_NOMEM : BG_OK;
	bg__load_free(&bg__obj_template, raw);
	bg__ydoc_finish(&doc);
	if (st != BG_OK) {
		bg__template_finish(t);
	}
	return st;
}

/* Adds the built-in templates (embedded in the library) to set. */
enum bg_status
bg__tset_add_builtin(struct bg_template_set *set, struct bg_diags *diags)
{
	enum bg_status st = BG_OK;

	for (size_t i = 0; i < bg__builtin_template_count && st == BG_OK;
	     i++) {
		const struct bg__embedded_file *f = &bg__builtin_templates[i];
		struct template t = { 0 };
		st = template_load(&t, (const char *)f->data, f->size, f->name,
				   "built-in", diags);
		if (st == BG_OK) {
			st = bg__tset_add(set, &t, diags);
		}
	}
	return st;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
is_template_file(const char *name)
{
	return name[0] != '.' &&
	       (bg__ends_with(name, ".yaml") || bg__ends_with(name, ".yml"));
}

enum bg_status
bg_template_set_add_dir(struct bg_template_set *set, const char *dir,
			struct bg_diags *diags)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t count = 0, cap = 0;
	enum bg_status result = BG_OK;
	enum bg_status st;

	if (set == NULL || dir == NULL) {
		return BG_ERR_ARG;
	}
	d = opendir(dir);
	if (d == NULL) {
		bg_diags_add(diags, BG_SEV_ERROR, "template-dir", dir, 0, 0,
			     NULL, "cannot read template directory: %s",
			     strerror(errno));
		return BG_ERR_IO;
	}
	while ((e = readdir(d)) != NULL) {
		char **grown;
		if (!is_template_file(e->d_name)) {
			continue;
		}
		grown = bg__grow(names, &cap, count + 1, sizeof(*names));
		if (grown == NULL || (grown[count] = strdup(e->d_name)) == NULL) {
			free(grown != NULL ? grown : names);
			closedir(d);
			return BG_ERR_NOMEM;
		}
		names = grown;
		count++;
	}
	closedir(d);
	/* Directory order is not stable; file name order is. */
	if (count > 0) {
		qsort(names, count, sizeof(*names), str_cmp);
	}
	for (size_t i = 0; i < count; i++) {
		char *path = bg__asprintf("%s/%s", dir, names[i]);
		char *buf = NULL;
		size_t len = 0;

		st = path != NULL ? bg__read_file(path, &buf, &len, diags)
				  : BG_ERR_NOMEM;
		if (st == BG_OK) {
			st = bg_template_set_add_buffer(set, buf, len, path,
							diags);
		}
		free(buf);
		free(path);
		if (st == BG_ERR_NOMEM) {
			result = st;
			break;
		}
		/* A file that cannot be read outranks an invalid one. */
		if (st == BG_ERR_IO) {
			result = BG_ERR_IO;
		} else if (st != BG_OK && result == BG_OK) {
			result = BG_ERR_TEMPLATE;
		}
	}
	bg__strv_free(names, count);
	return result;
}

enum bg_status
bg_template_set_add_buffer(struct bg_template_set *set, const char *buf,
			   size_t len, const char *name,
			   struct bg_diags *diags)
{
	struct template t = { 0 };
	enum bg_status st;

	if (set == NULL || (buf == NULL && len > 0)) {
		return BG_ERR_ARG;
	}
	name = name != NULL ? name : "<template>";
	st = template_load(&t, buf != NULL ? buf : "", len, name, name, diags);
	if (st == BG_OK) {
		st = bg__tset_add(set, &t, diags);
	}
	/* Sorted and resolved by bg_template_set_resolve() once every
	 * template is in. */
	return st == BG_OK || st == BG_ERR_NOMEM ? st : BG_ERR_TEMPLATE;
}
