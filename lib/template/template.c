/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Templates: YAML files (one per template in templates/, embedded at
 * build time) that give a job's defaults and what it fixes (platform, job type), with
 * `extends:` composition. Loading uses libcyaml for the typed fields and
 * the located libyaml view (input/yaml.c) for the free-form maps.
 * Applying a template to a user's options gives a job definition model.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cyaml/cyaml.h>

#include "input/input.h"
#include "model/fields.h"

/* ================================================================== */
/* Raw template document (as written) and its libcyaml schema          */
/* ================================================================== */

/* The template document and its libcyaml schema: input/fields.c. */

/* ================================================================== */
/* Template sets                                                       */
/* ================================================================== */

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
	bool resolved;
};

struct bg_template_set {
	struct template *items; /* sorted by name once resolved */
	size_t count, cap;
	struct bg__strindex names; /* name -> index in items */
	bool stale;		   /* added to since the last resolve */
};

/* Moves raw defaults into job options, through the job conversion
 * that spec files use too. */
static void
template_finish(struct template *t)
{
	free(t->name);
	free(t->description);
	free(t->extends);
	free(t->type);
	free(t->platform);
	free(t->origin);
	bg_job_options_finish(&t->defaults);
	bg_job_options_finish(&t->r_defaults);
	memset(t, 0, sizeof(*t));
}

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
		template_finish(t);
	}
	return st;
}

static int
template_cmp(const void *a, const void *b)
{
	return strcmp(((const struct template *)a)->name,
		      ((const struct template *)b)->name);
}

static struct template *
set_find(const struct bg_template_set *set, const char *name)
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

/* Resolves the extends chain of t: defaults root-first, type and
 * platform from the nearest template that sets them. */
/* Options that only a multinode job can use. */
static bool
has_node_settings(const struct bg_job_options *o)
{
	return o->num_nodes.set || o->main_node.set || o->node_range_count > 0;
}

static enum bg_status
template_resolve(struct bg_template_set *set, struct template *t,
		 struct bg_diags *diags)
{
	const struct template *chain[32];
	size_t depth = 0;
	const struct template *cur = t;
	struct bg__buf trail = { 0 };

	bg_job_options_finish(&t->r_defaults);
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
		if (set_find(set, cur->extends) == NULL) {
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
		cur = set_find(set, cur->extends);
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
	    has_node_settings(&t->r_defaults)) {
		/* They would be dropped without a word when applied. */
		bg_diags_add(diags, BG_SEV_ERROR, BG_CODE_TEMPLATE_OPTION,
			     t->origin, 0, 0, "defaults.node_properties",
			     "template '%s' makes container jobs; num_nodes, "
			     "main_node and node ranges apply to multinode "
			     "jobs only",
			     t->name);
		return BG_ERR_TEMPLATE;
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

	/* Sorted once, when every template is in (not at every add). */
	qsort(set->items, set->count, sizeof(*set->items), template_cmp);
	if (set_reindex(set) != BG_OK) {
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

/* Adds t (moved) to the set, replacing a template of the same name. */
static enum bg_status
set_add(struct bg_template_set *set, struct template *t,
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
		template_finish(old);
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
			template_finish(t);
			return BG_ERR_NOMEM;
		}
		set->items = grown;
		set->cap = cap;
	}
	set->items[set->count] = *t;
	if (bg__strindex_put(&set->names, t->name, set->count, NULL) ==
	    BG_ERR_NOMEM) {
		template_finish(t);
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

enum bg_status
bg_template_set_builtin(struct bg_template_set **out, struct bg_diags *diags)
{
	struct bg_template_set *set;
	enum bg_status st = BG_OK;

	if (out == NULL || *out != NULL) {
		return BG_ERR_ARG;
	}
	set = calloc(1, sizeof(*set));
	if (set == NULL) {
		return BG_ERR_NOMEM;
	}
	for (size_t i = 0; i < bg__builtin_template_count && st == BG_OK;
	     i++) {
		const struct bg__embedded_file *f = &bg__builtin_templates[i];
		struct template t = { 0 };
		st = template_load(&t, (const char *)f->data, f->size, f->name,
				   "built-in", diags);
		if (st == BG_OK) {
			st = set_add(set, &t, diags);
		}
	}
	if (st == BG_OK) {
		st = set_resolve(set, diags);
	}
	if (st != BG_OK) {
		bg_template_set_destroy(set);
		return st == BG_ERR_NOMEM ? st : BG_ERR_TEMPLATE;
	}
	*out = set;
	return BG_OK;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
is_template_file(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' &&
	       ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
		(n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

enum bg_status
bg_template_set_add_dir(struct bg_template_set *set, const char *dir,
			struct bg_diags *diags)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t count = 0;
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
		grown = realloc(names, (count + 1) * sizeof(*names));
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
		st = set_add(set, &t, diags);
	}
	/* Sorted and resolved by bg_template_set_resolve() once every
	 * template is in. */
	return st == BG_OK || st == BG_ERR_NOMEM ? st : BG_ERR_TEMPLATE;
}

enum bg_status
bg_template_set_resolve(struct bg_template_set *set, struct bg_diags *diags)
{
	if (set == NULL) {
		return BG_ERR_ARG;
	}
	return set_resolve(set, diags);
}

void
bg_template_set_destroy(struct bg_template_set *set)
{
	if (set == NULL) {
		return;
	}
	for (size_t i = 0; i < set->count; i++) {
		template_finish(&set->items[i]);
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
	return set_find(set, name) != NULL;
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

/* ================================================================== */
/* Applying a template                                                 */
/* ================================================================== */

/* The container of options o, as a copy. */
static enum bg_status
container_from_options(struct bg_container *c, const struct bg_job_options *o)
{
	return bg__object_merge(&bg__obj_container, c, &o->c);
}

/* Checks the user's options against what template t fixes. */
static bool
check_conflicts(const struct template *t, const struct bg_job_options *user,
		struct bg_diags *diags)
{
	bool ok = true;

	if (t->r_platform != NULL && user->platform_capability_count > 0 &&
	    (user->platform_capability_count != 1 ||
	     strcmp(user->platform_capabilities[0], t->r_platform) != 0)) {
		bg_diags_add(diags, BG_SEV_ERROR, BG_CODE_TEMPLATE_CONFLICT,
			     NULL, 0, 0, "platform_capabilities",
			     "template '%s' runs on %s only; platform %s "
			     "contradicts it",
			     t->name, t->r_platform,
			     user->platform_capabilities[0]);
		ok = false;
	}
	if (user->type != NULL && strcmp(user->type, t->r_type) != 0) {
		bg_diags_add(diags, BG_SEV_ERROR, BG_CODE_TEMPLATE_CONFLICT,
			     NULL, 0, 0, "type",
			     "template '%s' makes %s jobs; type %s "
			     "contradicts it",
			     t->name, t->r_type, user->type);
		ok = false;
	}
	if (strcmp(t->r_type, "multinode") != 0) {
		if (user->node_range_count > 0) {
			bg_diags_add(diags, BG_SEV_ERROR,
				     BG_CODE_TEMPLATE_OPTION, NULL, 0, 0,
				     "node_properties",
				     "template '%s' is a single-container "
				     "job; node ranges apply to multinode "
				     "jobs only",
				     t->name);
			ok = false;
		}
		if (user->num_nodes.set) {
			bg_diags_add(diags, BG_SEV_ERROR,
				     BG_CODE_TEMPLATE_OPTION, NULL, 0, 0,
				     "num_nodes",
				     "template '%s' is a single-container "
				     "job; the number of nodes applies to "
				     "multinode jobs only",
				     t->name);
			ok = false;
		}
		if (user->main_node.set) {
			bg_diags_add(diags, BG_SEV_ERROR,
				     BG_CODE_TEMPLATE_OPTION, NULL, 0, 0,
				     "main_node",
				     "template '%s' is a single-container "
				     "job; the main node applies to "
				     "multinode jobs only",
				     t->name);
			ok = false;
		}
	}
	return ok;
}

/* Turns a missing value into a Terraform input variable. */
static enum bg_status
scaffold(struct bg_jobdef *def, char **field, const char *what,
	 const char *suffix, const char *flag, struct bg_diags *diags)
{
	char *var = bg__asprintf("%s_%s", def->label, suffix);
	char *ref = var != NULL ? bg__asprintf("${var.%s}", var) : NULL;
	char *desc = bg__asprintf("%s of the %s job definition", what,
				  def->name);
	enum bg_status st = BG_ERR_NOMEM;

	if (var != NULL && ref != NULL && desc != NULL &&
	    bg__jobdef_add_variable(def, var, desc) == BG_OK) {
		free(*field);
		*field = ref;
		ref = NULL;
		st = bg_diags_add(diags, BG_SEV_NOTE, BG_CODE_SCAFFOLD, NULL, 0,
				  0, NULL,
				  "no %s given for '%s': it comes from input "
				  "variable '%s'",
				  flag, def->name, var);
	}
	free(var);
	free(ref);
	free(desc);
	return st;
}

/* Builds the node ranges: explicit ones (each container is the job's
 * options with the range's on top), or one range 0:N-1. */
static enum bg_status
build_ranges(struct bg_node_properties *np, const struct bg_job_options *o)
{
	size_t n = o->node_range_count > 0 ? o->node_range_count : 1;

	np->ranges = calloc(n, sizeof(*np->ranges));
	if (np->ranges == NULL) {
		return BG_ERR_NOMEM;
	}
	np->has_ranges = true;
	for (size_t i = 0; i < n; i++) {
		const struct bg_node_range_options *r =
			o->node_range_count > 0 ? &o->node_ranges[i] : NULL;
		struct bg_node_range *range = &np->ranges[i];
		enum bg_status st;

		np->range_count = i + 1;
		if (r == NULL) {
			int64_t nodes = np->num_nodes.value;
			range->target_nodes =
				nodes > 1 ? bg__asprintf("0:%lld",
							 (long long)(nodes - 1))
					  : bg__asprintf("0");
		} else if (r->target_nodes != NULL) {
			range->target_nodes = bg__asprintf("%s", r->target_nodes);
		}
		if (r != NULL && r->target_nodes != NULL &&
		    range->target_nodes == NULL) {
			return BG_ERR_NOMEM;
		}
		if (r == NULL && range->target_nodes == NULL) {
			return BG_ERR_NOMEM;
		}
		range->container = bg_container_create();
		if (range->container == NULL) {
			return BG_ERR_NOMEM;
		}
		/* The job's container, with the range's on top. */
		st = container_from_options(range->container, o);
		if (st == BG_OK && r != NULL && r->container != NULL) {
			st = bg__object_merge(&bg__obj_container,
					      range->container, r->container);
		}
		if (st != BG_OK) {
			return st;
		}
	}
	return BG_OK;
}

static bool
is_fargate(const struct bg_jobdef *def)
{
	return bg_jobdef_supports_fargate(def);
}

/* Builds def from the merged options o. t is the template (NULL: none,
 * then nothing is scaffolded). */
static enum bg_status
build(const struct template *t, const struct bg_job_options *o,
      struct bg_jobdef *def, struct bg_diags *diags)
{
	bool failed = false;
	const char *type;
	struct bg_container *c = NULL;
	enum bg_status st;

	if (t != NULL) {
		type = t->r_type;
	} else if (o->type != NULL) {
		type = o->type;
	} else {
		type = o->node_range_count > 0 || o->num_nodes.set
			       ? "multinode"
			       : "container";
	}
	def->name = bg__strdup(o->name != NULL ? o->name
				: t != NULL	 ? t->name
						 : "",
			       &failed);
	def->label = o->label != NULL ? bg__strdup(o->label, &failed)
				      : bg_tf_label(def->name ? def->name : "");
	def->type = bg__strdup(type, &failed);
	if (failed || def->label == NULL || def->name == NULL) {
		return BG_ERR_NOMEM;
	}
	if (o->platform_capability_count > 0) {
		def->platform_capabilities =
			bg__strv_dup(o->platform_capabilities,
				     o->platform_capability_count, &failed);
		def->platform_capability_count = o->platform_capability_count;
	} else if (t != NULL && t->r_platform != NULL) {
		def->platform_capabilities =
			bg__strv_dup((char *const *)&t->r_platform, 1, &failed);
		def->platform_capability_count = 1;
	}
	def->retry_attempts = o->retry_attempts;
	def->timeout_seconds = o->timeout_seconds;
	def->propagate_tags = o->propagate_tags;
	def->scheduling_priority = o->scheduling_priority;
	if (o->evaluate_on_exit_count > 0) {
		def->evaluate_on_exit = calloc(o->evaluate_on_exit_count,
					       sizeof(*def->evaluate_on_exit));
		if (def->evaluate_on_exit == NULL) {
			return BG_ERR_NOMEM;
		}
		def->evaluate_on_exit_count = o->evaluate_on_exit_count;
		for (size_t i = 0; i < o->evaluate_on_exit_count; i++) {
			if (bg__object_merge(&bg__obj_eoe,
					     &def->evaluate_on_exit[i],
					     &o->evaluate_on_exit[i]) != BG_OK) {
				return BG_ERR_NOMEM;
			}
		}
	}
	if (failed || bg__kvlist_copy(&def->tags, &o->tags) != BG_OK ||
	    bg__kvlist_copy(&def->parameters, &o->parameters) != BG_OK) {
		return BG_ERR_NOMEM;
	}

	if (strcmp(type, "multinode") == 0) {
		struct bg_node_properties *np = calloc(1, sizeof(*np));
		if (np == NULL) {
			return BG_ERR_NOMEM;
		}
		def->node_properties = np;
		np->num_nodes.set = true;
		np->num_nodes.value = o->num_nodes.set ? o->num_nodes.value : 2;
		np->main_node.set = true;
		np->main_node.value = o->main_node.set ? o->main_node.value : 0;
		st = build_ranges(np, o);
		if (st != BG_OK) {
			return st;
		}
		c = np->ranges[0].container;
	} else {
		c = bg_container_create();
		if (c == NULL) {
			return BG_ERR_NOMEM;
		}
		def->container = c;
		st = container_from_options(c, o);
		if (st != BG_OK) {
			return st;
		}
	}
	if (is_fargate(def)) {
		/* AWS returns assignPublicIp DISABLED when it is not
		 * given; say it, so plans show no drift. */
		if (c->assign_public_ip == NULL &&
		    !bg__str_set(&c->assign_public_ip, "DISABLED")) {
			return BG_ERR_NOMEM;
		}
		/* The same for runtimePlatform (rules doc 4.2, case C). */
		if (c->extras.operating_system_family == NULL &&
		    !bg__str_set(&c->extras.operating_system_family,
				 "LINUX")) {
			return BG_ERR_NOMEM;
		}
		if (c->extras.cpu_architecture == NULL &&
		    !bg__str_set(&c->extras.cpu_architecture, "X86_64")) {
			return BG_ERR_NOMEM;
		}
		if (c->execution_role_arn == NULL && t != NULL) {
			st = scaffold(def, &c->execution_role_arn,
				      "Execution role ARN",
				      "execution_role_arn",
				      "execution role ARN", diags);
			if (st != BG_OK) {
				return st;
			}
		}
	}
	if (t != NULL && def->container != NULL && c->image == NULL) {
		st = scaffold(def, &c->image, "Container image", "image",
			      "image", diags);
		if (st != BG_OK) {
			return st;
		}
	}
	if (t != NULL && def->node_properties != NULL) {
		/* One variable serves every range without an image. */
		char *ref = NULL;
		for (size_t i = 0; i < def->node_properties->range_count; i++) {
			struct bg_container *rc =
				def->node_properties->ranges[i].container;
			if (rc == NULL || rc->image != NULL) {
				continue;
			}
			if (ref == NULL) {
				st = scaffold(def, &rc->image, "Container image",
					      "image", "image", diags);
				if (st != BG_OK) {
					return st;
				}
				ref = rc->image;
			} else if (!bg__str_set(&rc->image, ref)) {
				return BG_ERR_NOMEM;
			}
		}
	}
	return BG_OK;
}

enum bg_status
bg_template_apply(const struct bg_template_set *set, const char *name,
		  const struct bg_job_options *user, struct bg_jobdef **out,
		  struct bg_diags *diags)
{
	struct bg_job_options merged = { 0 };
	const struct template *t = NULL;
	struct bg_jobdef *def;
	enum bg_status st = BG_OK;

	if (out == NULL || *out != NULL || user == NULL) {
		return BG_ERR_ARG;
	}
	if (name != NULL) {
		t = set_find(set, name);
		if (t == NULL) {
			bg_diags_add(diags, BG_SEV_ERROR, "template-unknown",
				     NULL, 0, 0, "template",
				     "unknown template '%s'", name);
			return BG_ERR_TEMPLATE;
		}
		if (!t->resolved || set->stale) {
			bg_diags_add(diags, BG_SEV_ERROR, "template-unknown",
				     NULL, 0, 0, "template",
				     "template '%s' cannot be used: its "
				     "extends chain is broken",
				     name);
			return BG_ERR_TEMPLATE;
		}
		if (!check_conflicts(t, user, diags)) {
			return BG_ERR_INVALID;
		}
	} else if (user->type != NULL &&
		   strcmp(user->type, "multinode") != 0 &&
		   has_node_settings(user)) {
		/* Without a template the type is the user's: node settings
		 * on a container job would be dropped without a word. */
		bg_diags_add(diags, BG_SEV_ERROR, "type-properties", NULL, 0,
			     0, "node_properties",
			     "Container jobs take container_properties, not "
			     "node_properties (num_nodes, main_node, node "
			     "ranges); use type multinode");
		return BG_ERR_INVALID;
	}
	def = bg_jobdef_create();
	if (def == NULL) {
		return BG_ERR_NOMEM;
	}
	if (t != NULL) {
		st = bg__job_options_overlay(&merged, &t->r_defaults);
	}
	if (st == BG_OK) {
		st = bg__job_options_overlay(&merged, user);
	}
	if (st == BG_OK) {
		st = build(t, &merged, def, diags);
	}
	bg_job_options_finish(&merged);
	if (st != BG_OK) {
		bg_jobdef_destroy(def);
		return st;
	}
	*out = def;
	return BG_OK;
}

/* ================================================================== */
/* The seed's template functions                                       */
/* ================================================================== */

static enum bg_status
template_job(const char *template_name, const char *name, const char *image,
	     const struct bg_job_options *opts, struct bg_jobdef **out,
	     struct bg_diags *diags)
{
	struct bg_template_set *set = NULL;
	struct bg_job_options o = { 0 };
	struct bg_jobdef *def = NULL;
	enum bg_status st;

	if (out == NULL || *out != NULL) {
		return BG_ERR_ARG;
	}
	st = bg_template_set_builtin(&set, diags);
	if (st == BG_OK && opts != NULL) {
		st = bg__job_options_overlay(&o, opts);
	}
	if (st == BG_OK && ((name != NULL && !bg__str_set(&o.name, name)) ||
			    (image != NULL && !bg__str_set(&o.c.image, image)))) {
		st = BG_ERR_NOMEM;
	}
	if (st == BG_OK) {
		st = bg_template_apply(set, template_name, &o, &def, diags);
	}
	if (st == BG_OK) {
		st = bg_validate(def, NULL, diags);
	}
	bg_job_options_finish(&o);
	bg_template_set_destroy(set);
	if (st != BG_OK) {
		bg_jobdef_destroy(def);
		return st;
	}
	*out = def;
	return BG_OK;
}

#define DEFINE_TEMPLATE_FUNCTION(fn, template_name)                       \
	BG_TEMPLATE_FUNCTION(fn)                                          \
	{                                                                 \
		return template_job(template_name, name, image, opts, out, \
				    diags);                               \
	}

DEFINE_TEMPLATE_FUNCTION(bg_simple_container_job, "simple-container")
DEFINE_TEMPLATE_FUNCTION(bg_fargate_container_job, "fargate-container")
DEFINE_TEMPLATE_FUNCTION(bg_gpu_container_job, "gpu-container")
DEFINE_TEMPLATE_FUNCTION(bg_multinode_job, "multinode")
DEFINE_TEMPLATE_FUNCTION(bg_data_processing_job, "data-processing")
DEFINE_TEMPLATE_FUNCTION(bg_ml_training_job, "ml-training")
DEFINE_TEMPLATE_FUNCTION(bg_batch_processing_job, "batch-processing")
DEFINE_TEMPLATE_FUNCTION(bg_real_time_job, "real-time")
