/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The two table walks over the located view around libcyaml's load
 * (input/load.c), both driven by the field tables (model/fields.c):
 *
 *   - bg__twice, before the load: a job says one thing once. Its
 *     job-level keys (`vcpus`, `retry_attempts`) are shortcuts of the
 *     full tree (`container_properties.vcpus`, `retry_strategy.attempts`)
 *     and land in the same member; saying both is an error, and the
 *     tree's pair is dropped before libcyaml loads the document.
 *   - bg__fill, after it: what libcyaml cannot put in the model. It
 *     marks optional numbers and booleans as given, reads vCPUs
 *     ("0.25" kept exact) and the free-form maps, and folds
 *     resource_requirements into vCPUs, memory and GPUs (last, so that
 *     a vcpus key after the list is seen first).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "input/input.h"
#include "model/fields.h"

#define AT(p, off) ((void *)((char *)(p) + (off)))

static void
conv_report(struct bg__conv *cv, enum bg_severity sev,
	    const struct bg__ynode *n, const char *path, const char *code,
	    const char *fmt, va_list ap)
{
	char msg[512];
	bool exact;

	if (n == NULL) {
		n = bg__ynode_at(cv->doc, path, &exact);
	}
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (sev == BG_SEV_ERROR) {
		cv->failed = true;
	}
	if (bg_diags_add(cv->diags, sev, code, cv->doc->file,
			 bg__ynode_line(n), bg__ynode_column(n), path, "%s",
			 msg) != BG_OK) {
		cv->nomem = true;
	}
}

void
bg__conv_error(struct bg__conv *cv, const char *path, const char *code,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conv_report(cv, BG_SEV_ERROR, NULL, path, code, fmt, ap);
	va_end(ap);
}

static void
node_error(struct bg__conv *cv, const struct bg__ynode *n, const char *path,
	   const char *code, const char *fmt, ...) BG_PRINTF(5, 6);

static void
node_error(struct bg__conv *cv, const struct bg__ynode *n, const char *path,
	   const char *code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conv_report(cv, BG_SEV_ERROR, n, path, code, fmt, ap);
	va_end(ap);
}

static void
node_warning(struct bg__conv *cv, const struct bg__ynode *n, const char *path,
	     const char *code, const char *fmt, ...) BG_PRINTF(5, 6);

static void
node_warning(struct bg__conv *cv, const struct bg__ynode *n, const char *path,
	     const char *code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conv_report(cv, BG_SEV_WARNING, n, path, code, fmt, ap);
	va_end(ap);
}

/* ================================================================== */
/* Walking the view with a table                                       */
/* ================================================================== */

struct walk {
	struct bg__conv *cv;
	const struct bg__prune *prunes; /* sorted (input/load.c) */
	size_t prune_count;
	struct bg__prune *found; /* bg__twice: pairs to drop */
	size_t found_count, found_cap;
	/* resource_requirements, folded once everything else is read (a
	 * job-level vcpus may come after the list). */
	struct pending {
		struct bg__ynode *list;
		struct bg_container *c;
		char *path;
	} *pending;
	size_t pending_count, pending_cap;
	char path[768];
	size_t len;
};

static int
prune_cmp(const void *a, const void *b)
{
	const struct bg__prune *x = a, *y = b;

	return x->map != y->map ? (x->map < y->map ? -1 : 1)
	       : x->pair != y->pair ? (x->pair < y->pair ? -1 : 1)
				    : 0;
}

static bool
pruned(const struct walk *w, const struct bg__ynode *map, size_t pair)
{
	struct bg__prune key = { bg__ynode_index(w->cv->doc, map), pair };

	return w->prune_count > 0 &&
	       bsearch(&key, w->prunes, w->prune_count, sizeof(key),
		       prune_cmp) != NULL;
}

/* Appends ".key" (key) or "[index]" (key NULL) to the path; returns
 * the length to pop back to. Too long: the path stays as it was. */
static size_t
push(struct walk *w, const char *key, size_t index)
{
	size_t old = w->len;
	char num[24];
	const char *text = key;
	size_t n;

	if (key == NULL) {
		text = bg__index_text(num, index);
	}
	n = strlen(text);
	if (old + n + 2 < sizeof(w->path)) {
		if (key != NULL && old > 0) {
			w->path[w->len++] = '.';
		}
		memcpy(w->path + w->len, text, n + 1);
		w->len += n;
	}
	return old;
}

static void
pop(struct walk *w, size_t old)
{
	w->len = old;
	w->path[old] = '\0';
}

/* The node at a dotted key path below map (keys only), or NULL; *parent
 * and *pair get the mapping and pair that hold it. */
static struct bg__ynode *
child_at(struct bg__ydoc *d, struct bg__ynode *map, const char *keys,
	 struct bg__ynode **parent, size_t *pair)
{
	char key[128];

	while (map != NULL && map->type == BG_Y_MAP) {
		size_t n = strcspn(keys, ".");
		struct bg__ynode *found = NULL;
		if (n >= sizeof(key)) {
			return NULL;
		}
		memcpy(key, keys, n);
		key[n] = '\0';
		for (size_t i = 0; i < map->len; i++) {
			const char *k =
				bg__ynode_text(d, bg__ynode_key(d, map, i));
			if (k != NULL && strcmp(k, key) == 0) {
				found = bg__ynode_value(d, map, i);
				*parent = map;
				*pair = i;
				break;
			}
		}
		if (found == NULL || keys[n] == '\0') {
			return found;
		}
		map = found;
		keys += n + 1;
	}
	return NULL;
}

/* ================================================================== */
/* Said twice                                                          */
/* ================================================================== */

static void
twice_drop(struct walk *w, const struct bg__ynode *map, size_t pair)
{
	struct bg__prune *grown = bg__grow(w->found, &w->found_cap,
					   w->found_count + 1, sizeof(*grown));

	if (grown == NULL) {
		w->cv->nomem = true;
		return;
	}
	w->found = grown;
	grown[w->found_count].map = bg__ynode_index(w->cv->doc, map);
	grown[w->found_count].pair = pair;
	w->found_count++;
}

/* A job-level key (at `short_path` below job) and its tree spelling
 * (`tree`): both given is an error at the tree's, whose pair is
 * dropped. A nested object whose members sit in the container's struct
 * (runtime_platform) is compared member by member. */
static void
twice_pair(struct walk *w, struct bg__ynode *job, const char *key,
	   struct bg__ynode *own, const char *tree,
	   const struct bg__field *f)
{
	struct bg__ydoc *d = w->cv->doc;
	struct bg__ynode *parent = NULL;
	size_t pair = 0;
	struct bg__ynode *other = child_at(d, job, tree, &parent, &pair);
	char path[900];

	if (other == NULL) {
		return;
	}
	if (f->kind == BG_K_EMBED && own->type == BG_Y_MAP &&
	    other->type == BG_Y_MAP) {
		for (size_t i = 0; i < own->len; i++) {
			const char *k = bg__ynode_text(d, bg__ynode_key(d, own, i));
			char sub_key[300], sub_tree[300];
			const struct bg__field *sf =
				k != NULL ? bg__object_field(f->sub, k, NULL,
							     NULL)
					  : NULL;
			if (sf == NULL) {
				continue;
			}
			bg__path_join(sub_key, sizeof(sub_key), key, k);
			bg__path_join(sub_tree, sizeof(sub_tree), tree, k);
			twice_pair(w, job, sub_key, bg__ynode_value(d, own, i),
				   sub_tree, sf);
		}
		return;
	}
	snprintf(path, sizeof(path), "%s.%s", w->path, tree);
	node_error(w->cv, other, path, "given-twice",
		   "'%s' says what '%s.%s' already says; give it once", path,
		   w->path, key);
	twice_drop(w, parent, pair);
}

/* The first keys of the tree paths that the job-level keys of a job
 * (bg__obj_job, bg__obj_job_options) stand for: "container_properties"
 * for the container's shortcuts, and the first key of each same_as
 * ("retry_strategy", "timeout", ...). */
struct roots {
	const char *key[16];
	size_t len[16];
	size_t count;
};
static struct roots job_roots[2];
static once_flag roots_once = ONCE_FLAG_INIT;

static void
add_root(struct roots *r, const char *key, size_t len)
{
	for (size_t i = 0; i < r->count; i++) {
		if (r->len[i] == len && strncmp(r->key[i], key, len) == 0) {
			return;
		}
	}
	if (r->count < ARRAY_LENGTH(r->key)) {
		r->key[r->count] = key;
		r->len[r->count++] = len;
	}
}

static bool
note_root(const struct bg__field *f, uint32_t off, void *ctx)
{
	(void)off;
	if (f->same_as != NULL) {
		add_root(ctx, f->same_as, strcspn(f->same_as, "."));
	}
	return true;
}

static void
find_roots(void)
{
	const struct bg__object *objects[] = { &bg__obj_job,
					       &bg__obj_job_options };

	for (size_t i = 0; i < ARRAY_LENGTH(objects); i++) {
		add_root(&job_roots[i], "container_properties",
			 strlen("container_properties"));
		bg__object_each(objects[i], note_root, &job_roots[i]);
	}
}

/* Whether job mapping n has a key that begins a tree path: without one,
 * no shortcut's value can be said twice (twice_pair finds nothing). */
static bool
has_tree(struct bg__ydoc *d, struct bg__ynode *n, const struct bg__object *o)
{
	const struct roots *r;

	call_once(&roots_once, find_roots);
	r = &job_roots[o == &bg__obj_job ? 0 : 1];
	for (size_t i = 0; n->type == BG_Y_MAP && i < n->len; i++) {
		const char *key = bg__ynode_text(d, bg__ynode_key(d, n, i));
		for (size_t j = 0; key != NULL && j < r->count; j++) {
			if (strncmp(key, r->key[j], r->len[j]) == 0 &&
			    key[r->len[j]] == '\0') {
				return true;
			}
		}
	}
	return false;
}

/* The keys of job mapping n (a spec's job or defaults, a template's
 * defaults). */
static void
twice_job(struct walk *w, struct bg__ynode *n, const struct bg__object *o)
{
	struct bg__ydoc *d = w->cv->doc;

	if (!has_tree(d, n, o)) {
		return;
	}

	for (size_t i = 0; n->type == BG_Y_MAP && i < n->len; i++) {
		const char *key = bg__ynode_text(d, bg__ynode_key(d, n, i));
		bool via_alias = false;
		const struct bg__field *f =
			key != NULL ? bg__object_field(o, key, NULL, &via_alias)
				    : NULL;
		char tree[300];

		if (f == NULL || pruned(w, n, i)) {
			continue;
		}
		if (via_alias) {
			bg__path_join(tree, sizeof(tree),
				      "container_properties", key);
			twice_pair(w, n, key, bg__ynode_value(d, n, i), tree, f);
		} else if (f->same_as != NULL) {
			twice_pair(w, n, key, bg__ynode_value(d, n, i),
				   f->same_as, f);
		}
	}
}

/* Finds the job mappings of a document (root table o) and checks each. */
static void
twice_walk(struct walk *w, struct bg__ynode *n, const struct bg__object *o)
{
	struct bg__ydoc *d = w->cv->doc;

	if (n == NULL || n->type != BG_Y_MAP) {
		return;
	}
	if (o == &bg__obj_job || o == &bg__obj_job_options) {
		twice_job(w, n, o);
		return;
	}
	for (size_t i = 0; i < n->len; i++) {
		const char *key = bg__ynode_text(d, bg__ynode_key(d, n, i));
		const struct bg__field *f =
			key != NULL ? bg__object_field(o, key, NULL, NULL)
				    : NULL;
		struct bg__ynode *v = bg__ynode_value(d, n, i);
		size_t old;

		if (f == NULL || f->sub == NULL || pruned(w, n, i)) {
			continue;
		}
		old = push(w, key, 0);
		if (f->kind == BG_K_OBJS && v->type == BG_Y_SEQ) {
			for (size_t j = 0; j < v->len; j++) {
				size_t at = push(w, NULL, j);
				twice_walk(w, bg__ynode_item(d, v, j), f->sub);
				pop(w, at);
			}
		} else if (f->kind == BG_K_OBJ) {
			twice_walk(w, v, f->sub);
		}
		pop(w, old);
	}
}

enum bg_status
bg__twice(struct bg__conv *cv, const struct bg__object *root,
	  const struct bg__prune *prunes, size_t prune_count,
	  struct bg__prune **found, size_t *found_count)
{
	struct walk w = { .cv = cv, .prunes = prunes,
			  .prune_count = prune_count };

	twice_walk(&w, bg__ydoc_root(cv->doc), root);
	*found = w.found;
	*found_count = w.found_count;
	return cv->nomem ? BG_ERR_NOMEM : BG_OK;
}

/* ================================================================== */
/* Filling in                                                          */
/* ================================================================== */

static void
set_vcpus(struct walk *w, struct bg_opt_int *dst, struct bg__ynode *n,
	  const char *path)
{
	const char *text = bg__ynode_text(w->cv->doc, n);
	const char *why = NULL;
	bool respelled = false;

	if (text == NULL) {
		return;
	}
	if (bg__tf_is_expr(text)) {
		w->cv->nomem = w->cv->nomem || !bg__str_set(&dst->expr, text);
		return;
	}
	if (bg_number_parse(text, 3, &dst->value, &respelled, &why) !=
	    BG_OK) {
		node_error(w->cv, n, path, "schema-type",
			   "'%.60s' is not a number of vCPUs (such as 1, 2 "
			   "or 0.25): %s",
			   text, why);
		return;
	}
	if (respelled) {
		char canon[32];
		bg_vcpus_format(dst->value, canon, sizeof(canon));
		node_warning(w->cv, n, path, "number-spelling",
			     "vCPUs '%.60s' are written as '%s': AWS stores "
			     "the shortest form (terraform would show a "
			     "change on every plan) and refuses '%.60s' on "
			     "EC2",
			     text, canon, text);
	}
	dst->set = true;
}

/* resource_requirements: {type: VCPU|MEMORY|GPU, value: "N"} into
 * container c. */
static void
fill_resources(struct walk *w, struct bg__ynode *list, struct bg_container *c)
{
	struct bg__ydoc *d = w->cv->doc;
	unsigned listed = 0;

	for (size_t i = 0; list->type == BG_Y_SEQ && i < list->len; i++) {
		struct bg__ynode *item = bg__ynode_item(d, list, i);
		const char *type = bg__ynode_text(d, bg__ynode_get(d, item, "type"));
		struct bg__ynode *vn = bg__ynode_get(d, item, "value");
		const char *value = bg__ynode_text(d, vn);
		struct bg_opt_int *dst = NULL;
		const char *why = NULL;
		size_t old = push(w, NULL, i);

		if (type == NULL || value == NULL) {
			pop(w, old); /* the check said what is missing */
			continue;
		}
		if (strcmp(type, "VCPU") == 0) {
			dst = &c->vcpus_milli;
		} else if (strcmp(type, "MEMORY") == 0) {
			dst = &c->memory;
		} else if (strcmp(type, "GPU") == 0) {
			dst = &c->gpus;
		} else if (bg__tf_has_expr(type)) {
			node_error(w->cv, item, w->path, "expr-unsupported",
				   "a Terraform expression is not supported "
				   "here: the type says which of vCPUs, memory "
				   "and GPUs the value sets, so give GPU, "
				   "MEMORY or VCPU; got '%.40s'",
				   type);
		} else {
			node_error(w->cv, item, w->path, "resource-type",
				   "resource type '%.40s' is not one of GPU, "
				   "MEMORY, VCPU",
				   type);
		}
		if (dst != NULL && (dst->set || dst->expr != NULL)) {
			unsigned bit = dst == &c->vcpus_milli ? 1u
				       : dst == &c->memory    ? 2u
							      : 4u;
			if (listed & bit) {
				node_error(w->cv, item, w->path, "resource-type",
					   "%s is given more than once", type);
			} else {
				node_error(w->cv, item, w->path, "given-twice",
					   "%s given both as %s and in "
					   "resource_requirements",
					   bit == 1   ? "vCPUs are"
					   : bit == 2 ? "memory is"
						      : "GPUs are",
					   bit == 1   ? "vcpus"
					   : bit == 2 ? "memory"
						      : "gpus");
			}
			pop(w, old);
			continue;
		}
		if (dst != NULL) {
			listed |= dst == &c->vcpus_milli ? 1u
				  : dst == &c->memory	 ? 2u
							 : 4u;
		}
		if (dst == NULL) {
			/* reported above */
		} else if (dst == &c->vcpus_milli) {
			size_t at = push(w, "value", 0);
			set_vcpus(w, dst, vn, w->path);
			pop(w, at);
		} else if (bg__tf_is_expr(value)) {
			/* one expression, as memory: and gpus: take it
			 * (checked at plan time) */
			w->cv->nomem = w->cv->nomem ||
				       !bg__str_set(&dst->expr, value);
		} else if (bg_number_parse(value, 0, &dst->value, NULL,
					   &why) == BG_OK) {
			dst->set = true;
		} else {
			node_error(w->cv, vn, w->path, "schema-type",
				   "%s value '%.40s' is not a whole number: %s",
				   type, value, why);
		}
		pop(w, old);
	}
}

/* An optional number or boolean, from the view (the check pass has
 * refused anything else): a Terraform expression, kept as written, or
 * the value. */
static void
fill_int(struct walk *w, struct bg_opt_int *dst, struct bg__ynode *v)
{
	const char *text = bg__ynode_text(w->cv->doc, v);
	const char *why = NULL;

	if (text == NULL) {
		return;
	}
	if (bg__tf_is_expr(text)) {
		w->cv->nomem = w->cv->nomem || !bg__str_set(&dst->expr, text);
	} else if (bg_number_parse(text, 0, &dst->value, NULL, &why) ==
		   BG_OK) {
		dst->set = true;
	}
}

static void
fill_bool(struct walk *w, struct bg_opt_bool *dst, struct bg__ynode *v)
{
	const char *text = bg__ynode_text(w->cv->doc, v);

	if (text == NULL) {
		return;
	}
	if (bg__tf_is_expr(text)) {
		w->cv->nomem = w->cv->nomem || !bg__str_set(&dst->expr, text);
	} else if (bg__scalar_is_bool(text, &dst->value)) {
		dst->set = true;
	}
}

static void fill_object(struct walk *w, struct bg__ynode *n,
			const struct bg__object *o, void *p);

static void
fill_field(struct walk *w, const struct bg__field *f, struct bg__ynode *v,
	   void *p, uint32_t off)
{
	struct bg__ydoc *d = w->cv->doc;
	void *m = AT(p, off);

	switch (f->kind) {
	case BG_K_INT:
	case BG_K_NUM:
		if (f->kind == BG_K_NUM) {
			set_vcpus(w, m, v, w->path);
		} else {
			fill_int(w, m, v);
		}
		break;
	case BG_K_BOOL:
		fill_bool(w, m, v);
		break;
	case BG_K_MAP:
		if (bg__ynode_to_kvlist(d, v, w->path, m, NULL) ==
		    BG_ERR_NOMEM) {
			w->cv->nomem = true;
		}
		break;
	case BG_K_ENV:
		if (bg__ynode_to_env(d, v, w->path, m, NULL) == BG_ERR_NOMEM) {
			w->cv->nomem = true;
		}
		break;
	case BG_K_OBJ:
		fill_object(w, v, f->sub, *(void **)m);
		break;
	case BG_K_OBJS: {
		char *items = *(void **)m;
		size_t n = *(size_t *)AT(p, off - f->off + f->count_off);
		for (size_t i = 0; v->type == BG_Y_SEQ && i < v->len && i < n;
		     i++) {
			size_t old = push(w, NULL, i);
			fill_object(w, bg__ynode_item(d, v, i), f->sub,
				    (f->flags & BG_F_BOXED)
					    ? ((void **)items)[i]
					    : items + i * f->sub->size);
			pop(w, old);
		}
		break;
	}
	case BG_K_EMBED:
		if (f->present > 0) {
			*(bool *)AT(p, off - f->off + f->present - 1) = true;
		}
		fill_object(w, v, f->sub, m);
		for (size_t i = 0; i < f->sub->count; i++) {
			const struct bg__field *sf = &f->sub->fields[i];
			char **text = AT(m, sf->off);
			if ((sf->flags & BG_F_BLOCK) && *text == NULL &&
			    (*text = calloc(1, 1)) == NULL) {
				w->cv->nomem = true;
			}
		}
		break;
	case BG_K_RESOURCES: {
		/* The container holds resource_requirements at the
		 * field's offset. */
		struct pending *grown =
			bg__grow(w->pending, &w->pending_cap,
				 w->pending_count + 1, sizeof(*grown));
		char *path = strdup(w->path);
		if (grown == NULL || path == NULL) {
			free(path);
			w->pending = grown != NULL ? grown : w->pending;
			w->cv->nomem = true;
			break;
		}
		w->pending = grown;
		grown[w->pending_count++] =
			(struct pending){ v, AT(p, off - f->off), path };
		break;
	}
	default:
		break;
	}
}

static void
fill_object(struct walk *w, struct bg__ynode *n, const struct bg__object *o,
	    void *p)
{
	struct bg__ydoc *d = w->cv->doc;

	if (n == NULL || p == NULL || n->type != BG_Y_MAP) {
		return;
	}
	for (size_t i = 0; i < n->len && !w->cv->nomem; i++) {
		const char *key = bg__ynode_text(d, bg__ynode_key(d, n, i));
		uint32_t off = 0;
		const struct bg__field *f =
			key != NULL ? bg__object_field(o, key, &off, NULL)
				    : NULL;
		size_t old;

		if (f == NULL || pruned(w, n, i)) {
			continue;
		}
		old = push(w, key, 0);
		fill_field(w, f, bg__ynode_value(d, n, i), p, off);
		pop(w, old);
	}
}

enum bg_status
bg__fill(struct bg__conv *cv, const struct bg__object *root, void *data,
	 const struct bg__prune *prunes, size_t prune_count)
{
	struct walk w = { .cv = cv, .prunes = prunes,
			  .prune_count = prune_count };

	fill_object(&w, bg__ydoc_root(cv->doc), root, data);
	for (size_t i = 0; i < w.pending_count; i++) {
		if (!cv->nomem) {
			snprintf(w.path, sizeof(w.path), "%s", w.pending[i].path);
			w.len = strlen(w.path);
			fill_resources(&w, w.pending[i].list, w.pending[i].c);
		}
		free(w.pending[i].path);
	}
	free(w.pending);
	return cv->nomem ? BG_ERR_NOMEM : BG_OK;
}
