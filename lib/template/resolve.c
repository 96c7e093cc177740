/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Resolving a template set: each template's extends chain, root
 * first: defaults merged, type and platform inherited; an unknown
 * parent, a cycle or a chain too deep is an error naming the chain.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/fields.h"
#include "model/tset.h"

static enum bg_status
template_resolve(struct bg_template_set *set, struct template *t,
		 struct bg_diags *diags)
{
	const struct template *chain[32];
	size_t depth = 0;
	const struct template *cur = t;
	struct bg__buf trail = { 0 };

	bg_job_options_finish(&t->r_defaults);
	free(t->r_under.at);
	t->r_under.at = NULL;
	t->r_under.count = 0;
	t->r_type = NULL;
	t->r_platform = NULL;
	t->resolved = false;
	while (cur != NULL) {
		bool cycle = false;
		for (size_t i = 0; i < depth; i++) {
			cycle = cycle || chain[i] == cur;
		}
		if (cycle || depth == ARRAY_LENGTH(chain)) {
			for (size_t i = 0; i < depth; i++) {
				bg__buf_printf(&trail, "%s -> ", chain[i]->name);
			}
			bg__buf_puts(&trail, cur->name);
			if (cycle) {
				bg_diags_add(diags, BG_SEV_ERROR,
					     "template-cycle", t->origin, 0, 0,
					     "extends",
					     "template '%s' has an extends "
					     "cycle: %s",
					     t->name,
					     trail.data ? trail.data : "");
			} else {
				bg_diags_add(diags, BG_SEV_ERROR,
					     "template-depth", t->origin, 0, 0,
					     "extends",
					     "template '%s' extends more than "
					     "%zu templates deep, the limit: %s",
					     t->name, ARRAY_LENGTH(chain) - 1,
					     trail.data ? trail.data : "");
			}
			bg__buf_finish(&trail);
			return BG_ERR_TEMPLATE;
		}
		chain[depth++] = cur;
		if (cur->extends == NULL) {
			break;
		}
		if (bg__tset_find(set, cur->extends) == NULL) {
			for (size_t i = 0; i < depth; i++) {
				bg__buf_printf(&trail, "%s -> ", chain[i]->name);
			}
			bg__buf_puts(&trail, cur->extends);
			bg_diags_add(diags, BG_SEV_ERROR, "template-unknown",
				     t->origin, 0, 0, "extends",
				     "template '%s' extends unknown template "
				     "'%s' (%s)",
				     cur->name, cur->extends,
				     trail.data ? trail.data : "");
			bg__buf_finish(&trail);
			return BG_ERR_TEMPLATE;
		}
		cur = bg__tset_find(set, cur->extends);
	}
	for (size_t i = depth; i-- > 0;) {
		if (bg__job_options_overlay(&t->r_defaults,
					    &chain[i]->defaults) != BG_OK) {
			return BG_ERR_NOMEM;
		}
		if (chain[i]->type != NULL) {
			t->r_type = chain[i]->type;
		}
		if (chain[i]->platform != NULL) {
			t->r_platform = chain[i]->platform;
		}
	}
	if (t->r_type == NULL) {
		t->r_type = "container";
	}
	if (strcmp(t->r_type, "multinode") != 0 &&
	    bg__has_node_settings(&t->r_defaults)) {
		/* They would be dropped without a word when applied. */
		bg_diags_add(diags, BG_SEV_ERROR, BG_CODE_TEMPLATE_OPTION,
			     t->origin, 0, 0, "defaults.node_properties",
			     "template '%s' makes container jobs; num_nodes, "
			     "main_node and node ranges apply to multinode "
			     "jobs only",
			     t->name);
		return BG_ERR_TEMPLATE;
	}
	if (bg__object_under_find(&bg__obj_job, &t->r_defaults,
				  &t->r_under) != BG_OK) {
		return BG_ERR_NOMEM;
	}
	t->resolved = true;
	return BG_OK;
}

/* Sorts the set and resolves every template. A template whose chain is
 * broken stays in the set, unresolved: using it is an error. */
static enum bg_status
set_resolve(struct bg_template_set *set, struct bg_diags *diags)
{
	enum bg_status result = BG_OK;

	if (bg__tset_sort(set) != BG_OK) {
		return BG_ERR_NOMEM;
	}
	set->stale = false;
	for (size_t i = 0; i < set->count; i++) {
		set->items[i].resolved = false;
	}
	for (size_t i = 0; i < set->count; i++) {
		enum bg_status st =
			template_resolve(set, &set->items[i], diags);
		if (st == BG_ERR_NOMEM) {
			return st;
		}
		if (st != BG_OK) {
			result = st;
		}
	}
	return result;
}

enum bg_status
bg_template_set_resolve(struct bg_template_set *set, struct bg_diags *diags)
{
	if (set == NULL) {
		return BG_ERR_ARG;
	}
	return set_resolve(set, diags);
}
