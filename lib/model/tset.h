/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Internal: a template set, as loaded (input/templates.c), resolved
 * over its extends chains (template/resolve.c) and applied
 * (template/apply.c). model/tset.c keeps it: add, find, free, list.
 */
#ifndef BG_MODEL_TSET_H
#define BG_MODEL_TSET_H

#include "model/fields.h"

struct template {
	char *name;
	char *description;
	char *extends;
	char *type;     /* own value, NULL: inherit */
	char *platform; /* own value, NULL: inherit */
	char *origin;   /* "built-in" or a file path */
	bool shadows_builtin;
	struct bg_job_options defaults; /* own values */
	/* Resolved over the extends chain: */
	const char *r_type;
	const char *r_platform;
	struct bg_job_options r_defaults;
	struct bg__under r_under; /* where r_defaults gives values */
	bool resolved;
};

struct bg_template_set {
	struct template *items; /* sorted by name once resolved */
	size_t count, cap;
	struct bg__strindex names; /* name -> index in items */
	bool stale;		   /* added to since the last resolve */
};

/* Frees what t owns and zeroes it. */
void bg__template_finish(struct template *t);
/* The template called name, or NULL. */
struct template *bg__tset_find(const struct bg_template_set *set,
			       const char *name);
/* Adds t (moved) to the set, replacing a template of the same name
 * (a template-shadow note). */
enum bg_status bg__tset_add(struct bg_template_set *set, struct template *t,
			    struct bg_diags *diags);
/* Sorts the set by name and indexes the names again. */
enum bg_status bg__tset_sort(struct bg_template_set *set);

/* Options that only a multinode job can use are set. */
bool bg__has_node_settings(const struct bg_job_options *o);

#endif /* BG_MODEL_TSET_H */
