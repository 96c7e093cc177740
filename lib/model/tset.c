/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * A template set: its templates by name (an index, sorted once when
 * resolved), added, replaced (a user template over a built-in), listed
 * and freed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/fields.h"
#include "model/tset.h"

/* Moves raw defaults into job options, through the job conversion
 * that spec files use too. */
void
bg__template_finish(struct template *t)
{
	free(t->name);
	free(t->description);
	free(t->extends);
	free(t->type);
	free(t->platform);
	free(t->origin);
	bg_job_options_finish(&t->defaults);
	bg_job_options_finish(&t->r_defaults);
	free(t->r_under.at);
	memset(t, 0, sizeof(*t));
}

static int
template_cmp(const void *a, const void *b)
{
	return strcmp(((const struct template *)a)->name,
		      ((const struct template *)b)->name);
}

struct template *
bg__tset_find(const struct bg_template_set *set, const char *name)
{
	size_t i;

	if (set == NULL || name == NULL ||
	    !bg__strindex_get(&set->names, name, &i)) {
		return NULL;
	}
	return &set->items[i];
}

/* Indexes the names of the set again (after sorting). */
static enum bg_status
set_reindex(struct bg_template_set *set)
{
	bg__strindex_finish(&set->names);
	for (size_t i = 0; i < set->count; i++) {
		if (bg__strindex_put(&set->names, set->items[i].name, i,
				     NULL) == BG_ERR_NOMEM) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}

/* Sorted once, when every template is in (not at every add). */
enum bg_status
bg__tset_sort(struct bg_template_set *set)
{
	qsort(set->items, set->count, sizeof(*set->items), template_cmp);
	return set_reindex(set);
}

/* Adds t (moved) to the set, replacing a template of the same name. */
enum bg_status
bg__tset_add(struct bg_template_set *set, struct template *t,
	struct bg_diags *diags)
{
	size_t i;

	set->stale = true;
	if (bg__strindex_get(&set->names, t->name, &i)) {
		struct template *old = &set->items[i];
		bool builtin = strcmp(old->origin, "built-in") == 0;
		char *name = old->name; /* the index holds this one */
		bg_diags_add(diags, BG_SEV_NOTE, "template-shadow", t->origin,
			     0, 0, NULL, "template '%s' replaces the one from %s",
			     t->name, old->origin);
		t->shadows_builtin = builtin || old->shadows_builtin;
		old->name = NULL;
		bg__template_finish(old);
		*old = *t;
		free(old->name);
		old->name = name;
		return BG_OK;
	}
	if (set->count == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 16;
		struct template *grown =
			realloc(set->items, cap * sizeof(*grown));
		if (grown == NULL) {
			bg__template_finish(t);
			return BG_ERR_NOMEM;
		}
		set->items = grown;
		set->cap = cap;
	}
	set->items[set->count] = *t;
	if (bg__strindex_put(&set->names, t->name, set->count, NULL) ==
	    BG_ERR_NOMEM) {
		bg__template_finish(t);
		return BG_ERR_NOMEM;
	}
	set->count++;
	return BG_OK;
}

struct bg_template_set *
bg_template_set_create(void)
{
	return calloc(1, sizeof(struct bg_template_set));
}

void
bg_template_set_destroy(struct bg_template_set *set)
{
	if (set == NULL) {
		return;
	}
	for (size_t i = 0; i < set->count; i++) {
		bg__template_finish(&set->items[i]);
	}
	free(set->items);
	bg__strindex_finish(&set->names);
	free(set);
}

size_t
bg_template_set_count(const struct bg_template_set *set)
{
	return set != NULL ? set->count : 0;
}

bool
bg_template_exists(const struct bg_template_set *set, const char *name)
{
	return bg__tset_find(set, name) != NULL;
}

enum bg_status
bg_template_info(const struct bg_template_set *set, size_t i,
		 struct bg_template_info *info)
{
	const struct template *t;

	if (set == NULL || i >= set->count || info == NULL) {
		return BG_ERR_ARG;
	}
	t = &set->items[i];
	info->name = t->name;
	info->description = t->description != NULL ? t->description : "";
	info->extends = t->extends;
	info->type = t->r_type != NULL ? t->r_type : "container";
	info->platform = t->r_platform;
	info->origin = t->origin;
	info->shadows_builtin = t->shadows_builtin;
	info->defaults = t->r_defaults;
	return BG_OK;
}

/* Resolves the extends chain of t: defaults root-first, type and
 * platform from the nearest template that sets them. */
/* Options that only a multinode job can use. */
bool
bg__has_node_settings(const struct bg_job_options *o)
{
	return bg__given(o->num_nodes) || bg__given(o->main_node) ||
	       o->node_range_count > 0;
}
