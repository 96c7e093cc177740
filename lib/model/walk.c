/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Free, copy and merge of any object of the field tables (model/
 * fields.c): one walk each, driven by the fields' kinds, instead of a
 * function per struct. Members reached through two fields (a job-level
 * shortcut and the full tree) are visited once: fields marked
 * BG_F_ALIAS or naming a tree path (same_as) are skipped.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "model/fields.h"

#define AT(p, off) ((void *)((char *)(p) + (off)))
#define CAT(p, off) ((const void *)((const char *)(p) + (off)))

static bool
skipped(const struct bg__field *f)
{
	return (f->flags & BG_F_ALIAS) || f->same_as != NULL ||
	       f->kind == BG_K_RESOURCES;
}

/* ================================================================== */
/* Plans: each object's members, flattened once                        */
/* ================================================================== */

/* A member to free or merge: nested objects written inside the struct
 * (BG_K_EMBED) and inlined fields are spread into their parent's plan,
 * and skipped fields left out, so a walk is one loop over what owns
 * memory or holds a value. */
struct step {
	uint32_t off;
	uint32_t count_off;
	uint8_t kind; /* enum bg__kind; BG_K_EMBED: a presence flag */
	uint16_t flags;
	const struct bg__object *sub;
};

#define MAX_PLAN_OBJECTS 64
#define MAX_STEPS 768

static struct {
	const struct step *steps;
	size_t count;
	bool built;
} plans[MAX_PLAN_OBJECTS];
static struct step steps_pool[MAX_STEPS];
static size_t steps_used;
static once_flag plans_once = ONCE_FLAG_INIT;

static void
flatten(const struct bg__object *o, uint32_t base, size_t *n)
{
	for (size_t i = 0; i < o->count && steps_used < MAX_STEPS; i++) {
		const struct bg__field *f = &o->fields[i];
		if (skipped(f)) {
			continue;
		}
		if (f->kind == BG_K_EMBED || f->kind == BG_K_INLINE) {
			if (f->present > 0) {
				steps_pool[steps_used++] = (struct step){
					base + f->present - 1, 0, BG_K_EMBED, 0,
					NULL };
				(*n)++;
			}
			flatten(f->sub, base + f->off, n);
			continue;
		}
		steps_pool[steps_used++] = (struct step){
			base + f->off, base + f->count_off, f->kind, f->flags,
			f->sub };
		(*n)++;
	}
}

static void
plan(const struct bg__object *o)
{
	size_t n = 0;

	if (o->id >= MAX_PLAN_OBJECTS || plans[o->id].built) {
		return;
	}
	plans[o->id].built = true;
	plans[o->id].steps = &steps_pool[steps_used];
	flatten(o, 0, &n);
	plans[o->id].count = n;
	for (size_t i = 0; i < o->count; i++) {
		if (o->fields[i].sub != NULL) {
			plan(o->fields[i].sub);
		}
	}
}

static void
plan_all(void)
{
	plan(&bg__obj_spec);
	plan(&bg__obj_template);
	plan(&bg__obj_resource);
}

static const struct step *
plan_of(const struct bg__object *o, size_t *n)
{
	call_once(&plans_once, plan_all);
	*n = o->id < MAX_PLAN_OBJECTS ? plans[o->id].count : 0;
	return o->id < MAX_PLAN_OBJECTS ? plans[o->id].steps : NULL;
}

static void
array_free(const struct bg__object *o, void *items, size_t n, bool boxed)
{
	for (size_t i = 0; i < n; i++) {
		void *item = boxed ? ((void **)items)[i] : AT(items, i * o->size);
		if (item != NULL) {
			bg__object_finish(o, item);
		}
		if (boxed) {
			free(item);
		}
	}
	free(items);
}

static void
field_finish(const struct step *f, void *p)
{
	void *m = AT(p, f->off);

	switch (f->kind) {
	case BG_K_STR:
		if (*(char **)m != NULL) {
			free(*(char **)m);
			*(char **)m = NULL;
		}
		break;
	case BG_K_STRS:
		if (*(char ***)m != NULL) {
			bg__strv_free(*(char ***)m,
				      *(size_t *)AT(p, f->count_off));
			*(char ***)m = NULL;
			*(size_t *)AT(p, f->count_off) = 0;
		}
		break;
	case BG_K_MAP:
	case BG_K_ENV:
		if (((struct bg_kvlist *)m)->items != NULL) {
			bg_kvlist_finish(m);
		}
		break;
	case BG_K_OBJ:
		if (*(void **)m != NULL) {
			bg__object_finish(f->sub, *(void **)m);
			free(*(void **)m);
			*(void **)m = NULL;
		}
		break;
	case BG_K_OBJS:
		if (*(void **)m != NULL) {
			array_free(f->sub, *(void **)m,
				   *(size_t *)AT(p, f->count_off),
				   (f->flags & BG_F_BOXED) != 0);
			*(void **)m = NULL;
			*(size_t *)AT(p, f->count_off) = 0;
		}
		break;
	case BG_K_NUM:
	case BG_K_INT:
		free(((struct bg_opt_int *)m)->expr);
		((struct bg_opt_int *)m)->expr = NULL;
		break;
	case BG_K_BOOL:
		free(((struct bg_opt_bool *)m)->expr);
		((struct bg_opt_bool *)m)->expr = NULL;
		break;
	default: /* values without memory of their own */
		break;
	}
}

void
bg__object_finish(const struct bg__object *o, void *p)
{
	size_t n;
	const struct step *steps = plan_of(o, &n);

	if (p == NULL) {
		return;
	}
	for (size_t i = 0; i < n; i++) {
		field_finish(&steps[i], p);
	}
}

/* Whether p gives a value at step f; presence: a presence flag that is
 * set counts (else its members say it). */
static bool
step_given(const struct step *f, const void *p, bool presence)
{
	const void *m = CAT(p, f->off);

	switch (f->kind) {
	case BG_K_STR:
	case BG_K_OBJ:
		return *(void *const *)m != NULL;
	case BG_K_STRS:
	case BG_K_OBJS:
		return *(const size_t *)CAT(p, f->count_off) > 0;
	case BG_K_MAP:
	case BG_K_ENV:
		return ((const struct bg_kvlist *)m)->count > 0;
	case BG_K_NUM:
	case BG_K_INT:
		return bg__given(*(const struct bg_opt_int *)m);
	case BG_K_BOOL:
		return bg__given(*(const struct bg_opt_bool *)m);
	case BG_K_FLAG:
		return *(const bool *)m;
	case BG_K_EMBED: /* a presence flag */
		return presence && *(const bool *)m;
	default:
		return false;
	}
}

bool
bg__object_given(const struct bg__object *o, const void *p)
{
	size_t n;
	const struct step *steps = plan_of(o, &n);

	for (size_t i = 0; p != NULL && i < n; i++) {
		if (step_given(&steps[i], p, false)) {
			return true;
		}
	}
	return false;
}

/* A new zeroed object holding a copy of src, or NULL. */
static void *
object_copy(const struct bg__object *o, const void *src)
{
	void *p = calloc(1, o->size);

	if (p != NULL && bg__object_merge(o, p, src) != BG_OK) {
		bg__object_finish(o, p);
		free(p);
		p = NULL;
	}
	return p;
}

/* Replaces dst's array (count at dst_n) with a copy of src's n items
 * (never a BG_F_BOXED array: only a spec document has one, and it is
 * not merged). */
static enum bg_status
array_replace(const struct bg__object *o, void **dst, size_t *dst_n,
	      const void *src, size_t n)
{
	void *items = calloc(n, o->size);

	if (items == NULL) {
		return BG_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		if (bg__object_merge(o, AT(items, i * o->size),
				     CAT(src, i * o->size)) != BG_OK) {
			array_free(o, items, i + 1, false);
			return BG_ERR_NOMEM;
		}
	}
	array_free(o, *dst, *dst_n, false);
	*dst = items;
	*dst_n = n;
	return BG_OK;
}

static enum bg_status
field_merge(const struct step *f, void *dst, const void *src)
{
	void *d = AT(dst, f->off);
	const void *s = CAT(src, f->off);
	bool failed = false;

	switch (f->kind) {
	case BG_K_STR:
		return *(char *const *)s == NULL ||
				       bg__str_set(d, *(char *const *)s)
			       ? BG_OK
			       : BG_ERR_NOMEM;
	case BG_K_NUM:
	case BG_K_INT:
		return bg__opt_int_copy(d, s);
	case BG_K_BOOL:
		return bg__opt_bool_copy(d, s);
	case BG_K_FLAG:
		*(bool *)d = *(bool *)d || *(const bool *)s;
		return BG_OK;
	case BG_K_STRS: {
		size_t n = *(const size_t *)CAT(src, f->count_off);
		char **v;
		if (n == 0) {
			return BG_OK;
		}
		v = bg__strv_dup(*(char *const *const *)s, n, &failed);
		if (failed) {
			bg__strv_free(v, n);
			return BG_ERR_NOMEM;
		}
		bg__strv_free(*(char ***)d, *(size_t *)AT(dst, f->count_off));
		*(char ***)d = v;
		*(size_t *)AT(dst, f->count_off) = n;
		return BG_OK;
	}
	case BG_K_MAP:
	case BG_K_ENV:
		return bg__kvlist_merge(d, s, false);
	case BG_K_OBJ: {
		const void *so = *(const void *const *)s;
		void *copy;
		if (so == NULL) {
			return BG_OK;
		}
		if ((f->flags & BG_F_MERGE) && *(void **)d != NULL) {
			return bg__object_merge(f->sub, *(void **)d, so);
		}
		copy = object_copy(f->sub, so);
		if (copy == NULL) {
			return BG_ERR_NOMEM;
		}
		bg__object_finish(f->sub, *(void **)d);
		free(*(void **)d);
		*(void **)d = copy;
		return BG_OK;
	}
	case BG_K_OBJS: {
		size_t n = *(const size_t *)CAT(src, f->count_off);
		return n == 0 ? BG_OK
			      : array_replace(f->sub, d,
					      AT(dst, f->count_off),
					      *(const void *const *)s, n);
	}
	case BG_K_EMBED: /* a presence flag (a host volume) */
		if (*(const bool *)s) {
			*(bool *)d = true;
		}
		return BG_OK;
	default:
		return BG_OK;
	}
}

enum bg_status
bg__object_merge(const struct bg__object *o, void *dst, const void *src)
{
	size_t n;
	const struct step *steps = plan_of(o, &n);

	for (size_t i = 0; i < n; i++) {
		if (field_merge(&steps[i], dst, src) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}

/* field_merge, taking src's value instead of copying it: src's member
 * is left empty (lists and objects are still copied: none is taken
 * today). */
static enum bg_status
field_move(const struct step *f, void *dst, void *src)
{
	void *d = AT(dst, f->off);
	void *s = AT(src, f->off);

	switch (f->kind) {
	case BG_K_STR:
		if (*(char **)s != NULL) {
			free(*(char **)d);
			*(char **)d = *(char **)s;
			*(char **)s = NULL;
		}
		return BG_OK;
	case BG_K_NUM:
	case BG_K_INT:
		if (bg__given(*(struct bg_opt_int *)s)) {
			free(((struct bg_opt_int *)d)->expr);
			*(struct bg_opt_int *)d = *(struct bg_opt_int *)s;
			memset(s, 0, sizeof(struct bg_opt_int));
		}
		return BG_OK;
	case BG_K_BOOL:
		if (bg__given(*(struct bg_opt_bool *)s)) {
			free(((struct bg_opt_bool *)d)->expr);
			*(struct bg_opt_bool *)d = *(struct bg_opt_bool *)s;
			memset(s, 0, sizeof(struct bg_opt_bool));
		}
		return BG_OK;
	case BG_K_MAP:
	case BG_K_ENV:
		if (((struct bg_kvlist *)d)->count == 0) {
			bg_kvlist_finish(d);
			*(struct bg_kvlist *)d = *(struct bg_kvlist *)s;
			memset(s, 0, sizeof(struct bg_kvlist));
			return BG_OK;
		}
		return bg__kvlist_merge(d, s, false);
	default:
		return field_merge(f, dst, src);
	}
}

/* The fields of table to (not BG_F_HEAD) that table from has with the
 * same key and kind (values, not objects or lists), as steps: off is
 * the member in to's struct, count_off the one in from's. */
static size_t
match_fields(const struct bg__object *to, const struct bg__object *from,
	     struct step *m, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < to->count && n < max; i++) {
		const struct bg__field *t = &to->fields[i];
		uint32_t off = 0;
		const struct bg__field *f =
			bg__object_field(from, t->key, &off, NULL);
		if ((t->flags & BG_F_HEAD) || f == NULL || f->kind != t->kind ||
		    f->sub != NULL || f->kind == BG_K_STRS) {
			continue;
		}
		m[n++] = (struct step){ t->off, off, t->kind, t->flags, NULL };
	}
	return n;
}

/* The pair moved on every job (its options into its resource), matched
 * once instead of by key lookups per job. */
static struct step job_matches[32];
static size_t job_match_count;
static once_flag matches_once = ONCE_FLAG_INIT;

static void
match_job(void)
{
	job_match_count = match_fields(&bg__obj_resource, &bg__obj_job,
				       job_matches, ARRAY_LENGTH(job_matches));
}

enum bg_status
bg__object_move_matching(const struct bg__object *to, void *dst,
			 const struct bg__object *from, void *src)
{
	struct step other[32];
	const struct step *m = other;
	size_t n;

	if (to == &bg__obj_resource && from == &bg__obj_job) {
		call_once(&matches_once, match_job);
		m = job_matches;
		n = job_match_count;
	} else {
		n = match_fields(to, from, other, ARRAY_LENGTH(other));
	}
	for (size_t i = 0; i < n; i++) {
		/* The member of dst at off, of src at count_off. */
		struct step member = { 0, 0, m[i].kind, m[i].flags, NULL };
		if (field_move(&member, AT(dst, m[i].off),
			       AT(src, m[i].count_off)) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}

/* Lays src under dst: what dst lacks, src gives. */
static enum bg_status
field_merge_under(const struct step *f, void *dst, const void *src)
{
	void *d = AT(dst, f->off);
	const void *s = CAT(src, f->off);

	switch (f->kind) {
	case BG_K_STR:
		return *(char **)d != NULL ? BG_OK : field_merge(f, dst, src);
	case BG_K_NUM:
	case BG_K_INT:
		return bg__given(*(struct bg_opt_int *)d)
			       ? BG_OK
			       : field_merge(f, dst, src);
	case BG_K_BOOL:
		return bg__given(*(struct bg_opt_bool *)d)
			       ? BG_OK
			       : field_merge(f, dst, src);
	case BG_K_STRS:
	case BG_K_OBJS:
		return *(size_t *)AT(dst, f->count_off) > 0
			       ? BG_OK
			       : field_merge(f, dst, src);
	case BG_K_MAP:
	case BG_K_ENV:
		return bg__kvlist_merge(d, s, true); /* the keys dst lacks */
	case BG_K_OBJ:
		if (*(void **)d != NULL && *(const void *const *)s != NULL &&
		    (f->flags & BG_F_MERGE)) {
			return bg__object_merge_under(f->sub, *(void **)d,
						      *(const void *const *)s);
		}
		return *(void **)d != NULL ? BG_OK : field_merge(f, dst, src);
	default: /* FLAG, a presence flag: either says so */
		return field_merge(f, dst, src);
	}
}

enum bg_status
bg__object_merge_under(const struct bg__object *o, void *dst, const void *src)
{
	size_t n;
	const struct step *steps = plan_of(o, &n);

	for (size_t i = 0; i < n; i++) {
		if (field_merge_under(&steps[i], dst, src) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}

/* field_merge_under at a step where src gives nothing changes nothing
 * (a null string, list or object, an empty map, an unset number or
 * flag): those steps can be left out. */
enum bg_status
bg__object_under_find(const struct bg__object *o, const void *src,
		      struct bg__under *u)
{
	size_t n;
	const struct step *steps = plan_of(o, &n);

	u->at = NULL;
	u->count = 0;
	for (size_t i = 0; src != NULL && i < n; i++) {
		if (!step_given(&steps[i], src, true)) {
			continue;
		}
		if (u->at == NULL && (u->at = calloc(n, sizeof(*u->at))) == NULL) {
			return BG_ERR_NOMEM;
		}
		u->at[u->count++] = (uint16_t)i;
	}
	return BG_OK;
}

enum bg_status
bg__object_merge_under_at(const struct bg__object *o, void *dst,
			  const void *src, const struct bg__under *u)
{
	size_t n;
	const struct step *steps = plan_of(o, &n);

	for (size_t i = 0; i < u->count; i++) {
		if (field_merge_under(&steps[u->at[i]], dst, src) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}
