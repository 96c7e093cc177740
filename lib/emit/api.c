/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The AWS API's JSON of container and node properties (camelCase keys,
 * sorted; lists in a stable order; resource values as canonical
 * strings; integers as integer literals), as cJSON trees. Both output
 * formats write these trees: Terraform JSON as an encoded string, HCL as
 * jsonencode({...}) object syntax, so the two always say the same. The
 * same walk writes Terraform JSON's encoded string itself where the tree
 * would need nothing escaped or encoded (bg__api_text).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "model/fields.h"

/* ================================================================== */
/* Small builders                                                      */
/* ================================================================== */

/* item under key (copied, or not: cJSON_AddItemToObjectCS), or into
 * an array; failure recorded. */
static cJSON *
em_attach(struct em *em, cJSON *obj, const char *key, cJSON *item,
	  bool copy_key)
{
	bool added;

	if (item == NULL) {
		em->failed = true;
		return NULL;
	}
	added = cJSON_IsArray(obj) ? cJSON_AddItemToArray(obj, item)
		: copy_key	   ? cJSON_AddItemToObject(obj, key, item)
				   : cJSON_AddItemToObjectCS(obj, key, item);
	if (!added) {
		cJSON_Delete(item);
		em->failed = true;
		return NULL;
	}
	return item;
}

void
bg__em_finish(struct em *em)
{
	bg__buf_finish(&em->scratch);
}

cJSON *
bg__em_add(struct em *em, cJSON *obj, const char *key, cJSON *item)
{
	return em_attach(em, obj, key, item, true);
}

cJSON *
bg__em_add_static(struct em *em, cJSON *obj, const char *key, cJSON *item)
{
	return em_attach(em, obj, key, item, false);
}

cJSON *
bg__em_ref(const char *s)
{
	return cJSON_CreateStringReference(s);
}

bool
bg__em_set_string(cJSON *item, const char *text)
{
	if (item->type & cJSON_IsReference) {
		/* The model's text stays; the item gets a copy of its own. */
		size_t n = strlen(text) + 1;
		char *copy = cJSON_malloc(n);
		if (copy == NULL) {
			return false;
		}
		memcpy(copy, text, n);
		item->valuestring = copy;
		item->type &= ~cJSON_IsReference;
		return true;
	}
	return cJSON_SetValuestring(item, text) != NULL;
}

/* An integer literal, never through %g (no 1e+06, no 2048.0). */
cJSON *
bg__em_int(int64_t v)
{
	char buf[24];

	return cJSON_CreateRaw(bg__int_text(buf, v));
}

cJSON *
bg__em_expr(const char *expr, const char *conv)
{
	char *inner = bg__tf_expr_inner(expr);
	char *text = inner == NULL  ? NULL
		     : conv == NULL ? bg__asprintf("%s", inner)
				    : bg__asprintf("%s(%s)", conv, inner);
	cJSON *raw = text != NULL ? cJSON_CreateRaw(text) : NULL;

	free(inner);
	free(text);
	return raw;
}

cJSON *
bg__em_opt_int(const struct bg_opt_int *v, const char *conv)
{
	return v->expr != NULL ? bg__em_expr(v->expr, conv)
	       : v->set	       ? bg__em_int(v->value)
			       : NULL;
}

cJSON *
bg__em_opt_bool(const struct bg_opt_bool *v, const char *conv)
{
	return v->expr != NULL ? bg__em_expr(v->expr, conv)
	       : v->set	       ? cJSON_CreateBool(v->value)
			       : NULL;
}

static int
kv_cmp(const void *a, const void *b)
{
	const struct bg_kv *const *x = a;
	const struct bg_kv *const *y = b;

	return strcmp((*x)->key, (*y)->key);
}

/* The n items of v (size bytes each, at most 16) sorted by cmp, in the
 * order glibc's qsort gives (a stable merge sort): an insertion sort,
 * as stable, where they are few, as most maps and lists of a job are. */
static void
sort_small(void *v, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	unsigned char *p = v, x[16];

	if (n > BG__SMALL_SORT || size > sizeof(x)) {
		qsort(v, n, size, cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		size_t j = i;
		memcpy(x, p + i * size, size);
		while (j > 0 && cmp(p + (j - 1) * size, x) > 0) {
			j--;
		}
		if (j < i) {
			memmove(p + (j + 1) * size, p + j * size,
				(i - j) * size);
			memcpy(p + j * size, x, size);
		}
	}
}

const struct bg_kv **
bg__kv_sorted(const struct bg_kvlist *list, const struct bg_kv **small)
{
	const struct bg_kv **v = small;

	if (list->count > BG__SMALL_SORT) {
		v = calloc(list->count, sizeof(*v));
		if (v == NULL) {
			return NULL;
		}
	}
	for (size_t i = 0; i < list->count; i++) {
		v[i] = &list->items[i];
	}
	sort_small(v, list->count, sizeof(*v), kv_cmp);
	return v;
}

void
bg__kv_sorted_free(const struct bg_kv **v, const struct bg_kv **small)
{
	if (v != small) {
		free(v);
	}
}

/* ================================================================== */
/* An object of the field tables, in the API's JSON                    */
/* ================================================================== */

#define CAT(p, off) ((const void *)((const char *)(p) + (off)))

/*
 * One walk of the tables writes an object of the API's JSON to either
 * of two places (out.c): a cJSON tree (both formats read it: HCL writes
 * it as jsonencode({...}), Terraform JSON escapes and encodes it), or,
 * for the Terraform JSON output, the encoded text itself, unformatted,
 * straight onto a buffer (bg__api_text). A string or key with '$', '%'
 * or '{' in it, or an expression, refuses the text, and the caller
 * builds the tree instead.
 */
static void out_object(struct bg__out *o, const char *key,
		       const struct bg__object *t, const void *p,
		       bool fargate, bool drop_empty);

/* The environment: [{name, value}], sorted by name. */
static void
out_env(struct bg__out *o, const char *key, const struct bg_kvlist *kv)
{
	const struct bg_kv *small[BG__SMALL_SORT];
	const struct bg_kv **v = bg__kv_sorted(kv, small);

	bg__out_open(o, key, true);
	for (size_t i = 0; v != NULL && i < kv->count; i++) {
		bg__out_open(o, NULL, false);
		bg__out_string(o, "name", v[i]->key, false);
		bg__out_string(o, "value", v[i]->value ? v[i]->value : "", false);
		bg__out_close(o, false);
	}
	bg__out_close(o, false);
	if (v == NULL) {
		o->em->failed = true;
		o->refused = true;
	}
	bg__kv_sorted_free(v, small);
}

struct sort_item {
	const char *key;
	const void *p;
};

static int
sort_item_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sort_item *)a)->key,
		      ((const struct sort_item *)b)->key);
}

/* A list of objects; BG_F_SORTED: by their first field's text. */
static void
out_objects(struct bg__out *o, const char *key, const struct bg__field *f,
	    const void *items, size_t n, bool fargate)
{
	struct sort_item small[BG__SMALL_SORT];
	struct sort_item *v = n <= BG__SMALL_SORT ? small : calloc(n, sizeof(*v));

	if (v == NULL) {
		o->em->failed = true;
		o->refused = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		v[i].p = CAT(items, i * f->sub->size);
		v[i].key = "";
		if ((f->flags & BG_F_SORTED) &&
		    f->sub->fields[0].kind == BG_K_STR) {
			const char *const *first =
				CAT(v[i].p, f->sub->fields[0].off);
			v[i].key = *first != NULL ? *first : "";
		}
	}
	if (f->flags & BG_F_SORTED) {
		sort_small(v, n, sizeof(*v), sort_item_cmp);
	}
	bg__out_open(o, key, true);
	for (size_t i = 0; i < n; i++) {
		out_object(o, NULL, f->sub, v[i].p, fargate, false);
	}
	bg__out_close(o, false);
	if (v != small) {
		free(v);
	}
}

/* resourceRequirements from vcpus, memory and gpus, sorted by type
 * (GPU, MEMORY, VCPU): the provider diffs this list in order. */
static void
out_resources(struct bg__out *o, const char *key, const struct bg_container *c)
{
	const struct {
		const char *type;
		const struct bg_opt_int *v;
	} rr[] = { { "GPU", &c->gpus },
		   { "MEMORY", &c->memory },
		   { "VCPU", &c->vcpus_milli } };
	char buf[32];

	if (!bg__given(c->gpus) && !bg__given(c->memory) &&
	    !bg__given(c->vcpus_milli)) {
		return;
	}
	bg__out_open(o, key, true);
	for (size_t i = 0; i < ARRAY_LENGTH(rr); i++) {
		if (!bg__given(*rr[i].v)) {
			continue;
		}
		bg__out_open(o, NULL, false);
		bg__out_string(o, "type", rr[i].type, false);
		if (rr[i].v->expr != NULL) {
			/* The value is a string: the expression, as text. */
			bg__out_string(o, "value", rr[i].v->expr, false);
		} else {
			if (rr[i].v == &c->vcpus_milli) {
				bg_vcpus_format(rr[i].v->value, buf,
						sizeof(buf));
			} else {
				bg__int_text(buf, rr[i].v->value);
			}
			bg__out_string(o, "value", buf, true);
		}
		bg__out_close(o, false);
	}
	bg__out_close(o, false);
}

/* One field under key, when it is written. */
static void
out_field(struct bg__out *o, const char *key, const struct bg__field *f,
	  const void *p, bool fargate)
{
	const void *m = CAT(p, f->off);
	bool always = (f->flags & BG_F_ALWAYS) != 0;

	switch (f->kind) {
	case BG_K_STR: {
		const char *v = *(const char *const *)m;
		if (v != NULL || always) {
			bg__out_string(o, key, v ? v : "", false);
		}
		return;
	}
	case BG_K_INT:
	case BG_K_NUM:
		bg__out_opt_int(o, key, m, "tonumber", always);
		return;
	case BG_K_BOOL:
		bg__out_opt_bool(o, key, m, "tobool");
		return;
	case BG_K_FLAG:
		bg__out_literal(o, key, *(const bool *)m ? "true" : "false");
		return;
	case BG_K_STRS:
		bg__out_strings(o, key, *(char *const *const *)m,
				*(const size_t *)CAT(p, f->count_off));
		return;
	case BG_K_MAP:
		if (((const struct bg_kvlist *)m)->count > 0) {
			bg__out_map(o, key, m);
		}
		return;
	case BG_K_ENV:
		if (((const struct bg_kvlist *)m)->count > 0) {
			out_env(o, key, m);
		}
		return;
	case BG_K_OBJ: {
		const void *v = *(const void *const *)m;
		if (v != NULL) {
			out_object(o, key, f->sub, v, fargate, false);
		}
		return;
	}
	case BG_K_OBJS: {
		size_t n = *(const size_t *)CAT(p, f->count_off);
		if (n > 0) {
			out_objects(o, key, f, *(const void *const *)m, n,
				    fargate);
		}
		return;
	}
	case BG_K_EMBED:
		/* Written when its flag says it was given, else when it
		 * holds anything. */
		if (((f->flags & BG_F_FARGATE) && !fargate) ||
		    (f->present > 0 && !*(const bool *)CAT(p, f->present - 1))) {
			return;
		}
		out_object(o, key, f->sub, m, fargate, f->present == 0);
		return;
	case BG_K_RESOURCES:
		out_resources(o, key, p);
		return;
	default:
		return;
	}
}

/* Object p of table t under key: every field it gives, under its API
 * key, in the order of the keys (computed once with the tables);
 * drop_empty: not written when it gives none. */
static void
out_object(struct bg__out *o, const char *key, const struct bg__object *t,
	   const void *p, bool fargate, bool drop_empty)
{
	const uint8_t *order = bg__api_order(t);
	const char *const *keys = bg__api_keys(t);

	if (order == NULL || keys == NULL) {
		o->em->failed = true;
		o->refused = true;
		return;
	}
	bg__out_open(o, key, false);
	for (size_t k = 0; k < t->count && !o->refused; k++) {
		size_t i = order[k];
		const struct bg__field *f = &t->fields[i];
		const char *api = keys[i];
		if (api[0] == '\0' || (f->flags & BG_F_ALIAS) ||
		    f->same_as != NULL) {
			continue;
		}
		out_field(o, api, f, p, fargate);
	}
	bg__out_close(o, drop_empty && bg__out_count(o) == 0);
}

/* Object p of table t as a cJSON tree. */
static cJSON *
object_json(struct em *em, const struct bg__object *t, const void *p,
	    bool fargate)
{
	struct bg__out o;

	bg__out_start(&o, em, NULL, -1, 0);
	out_object(&o, NULL, t, p, fargate, false);
	return o.root;
}

bool
bg__api_text(struct em *em, const struct bg__object *t, const void *p,
	     bool fargate, struct bg__buf *text)
{
	struct bg__out o;

	bg__out_start(&o, em, text, -1, BG__SEEN_TEMPLATE);
	text->len = 0;
	out_object(&o, NULL, t, p, fargate, false);
	bg__buf_putn(text, "", 0);
	return !o.refused && !text->failed && text->data != NULL;
}

bool
bg__api_text_member(struct bg__out *o, const char *key,
		    const struct bg__object *t, const void *p, bool fargate)
{
	struct bg__out in;

	/* "key": and the opening quote, as a literal would be written */
	bg__out_literal(o, key, "\"");
	bg__out_start(&in, o->em, o->text, -1, BG__SEEN_TEMPLATE);
	in.encoded = true;
	out_object(&in, NULL, t, p, fargate, false);
	bg__buf_putc(o->text, '"');
	return !in.refused && !o->text->failed;
}

/* containerProperties: every key sorted, the order the provider
 * stores. */
cJSON *
bg__api_container(struct em *em, const struct bg_container *c, bool fargate)
{
	return object_json(em, &bg__obj_container, c, fargate);
}

/* ecsProperties: the task, every key sorted. */
cJSON *
bg__api_ecs(struct em *em, const struct bg_ecs_properties *e, bool fargate)
{
	return object_json(em, &bg__obj_ecs, e, fargate);
}

cJSON *
bg__api_node_properties(struct em *em, const struct bg_node_properties *np,
		     bool fargate)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *ranges;

	if (o == NULL) {
		em->failed = true;
		return NULL;
	}
	bg__em_add(em, o, "mainNode",
	    bg__given(np->main_node) ? bg__em_opt_int(&np->main_node, "tonumber")
				     : bg__em_int(0));
	ranges = bg__em_add(em, o, "nodeRangeProperties", cJSON_CreateArray());
	for (size_t i = 0; ranges != NULL && i < np->range_count; i++) {
		const struct bg_node_range *r = &np->ranges[i];
		cJSON *ro = bg__em_add(em, ranges, NULL, cJSON_CreateObject());
		if (ro == NULL) {
			break;
		}
		if (r->container != NULL) {
			bg__em_add(em, ro, "container",
			    bg__api_container(em, r->container, fargate));
		}
		if (r->ecs != NULL) {
			bg__em_add(em, ro, "ecsProperties",
				   bg__api_ecs(em, r->ecs, fargate));
		}
		bg__em_add(em, ro, "targetNodes",
		    cJSON_CreateString(r->target_nodes ? r->target_nodes
						       : ""));
	}
	bg__em_add(em, o, "numNodes",
	    bg__given(np->num_nodes) ? bg__em_opt_int(&np->num_nodes, "tonumber")
				     : bg__em_int(0));
	return o;
}


void
bg__out_retry(struct bg__out *o, const char *key, const struct bg_jobdef *def)
{
	if (!bg__given(def->retry_attempts) &&
	    def->evaluate_on_exit_count == 0) {
		return;
	}
	bg__out_open(o, key, false);
	bg__out_opt_int(o, "attempts", &def->retry_attempts, NULL, false);
	if (def->evaluate_on_exit_count > 0) {
		bg__out_open(o, "evaluate_on_exit", true);
	}
	for (size_t i = 0; i < def->evaluate_on_exit_count; i++) {
		const struct bg_evaluate_on_exit *e = &def->evaluate_on_exit[i];
		const char *const conditions[][2] = {
			{ "on_exit_code", e->on_exit_code },
			{ "on_reason", e->on_reason },
			{ "on_status_reason", e->on_status_reason },
		};
		char action[16] = "";
		for (size_t k = 0; e->action != NULL && e->action[k] != '\0' &&
				   k + 1 < sizeof(action);
		     k++) {
			char c = e->action[k];
			action[k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
							 : c;
			action[k + 1] = '\0';
		}
		bg__out_open(o, NULL, false);
		bg__out_string(o, "action", action, true);
		for (size_t k = 0; k < ARRAY_LENGTH(conditions); k++) {
			if (conditions[k][1] != NULL) {
				bg__out_string(o, conditions[k][0],
					       conditions[k][1], true);
			}
		}
		bg__out_close(o, false);
	}
	if (def->evaluate_on_exit_count > 0) {
		bg__out_close(o, false);
	}
	bg__out_close(o, false);
}
