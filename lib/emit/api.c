/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The AWS API's JSON of container and node properties (camelCase keys,
 * sorted; lists in a stable order; resource values as canonical
 * strings; integers as integer literals), as cJSON trees. Both output
 * formats write these trees: Terraform JSON as an encoded string, HCL as
 * jsonencode({...}) object syntax, so the two always say the same.
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

/* The pairs of list, sorted by key (caller frees the array). */
const struct bg_kv **
bg__kv_sorted(const struct bg_kvlist *list)
{
	const struct bg_kv **v;

	v = calloc(list->count ? list->count : 1, sizeof(*v));
	if (v == NULL) {
		return NULL;
	}
	for (size_t i = 0; i < list->count; i++) {
		v[i] = &list->items[i];
	}
	qsort(v, list->count, sizeof(*v), kv_cmp);
	return v;
}

/* ================================================================== */
/* Container properties (API camelCase, keys sorted)                   */
/* ================================================================== */

static void
add_string(struct em *em, cJSON *obj, const char *key, const char *v)
{
	if (v != NULL) {
		bg__em_add(em, obj, key, cJSON_CreateString(v));
	}
}

static void
add_opt_int(struct em *em, cJSON *obj, const char *key,
	    const struct bg_opt_int *v)
{
	if (bg__given(*v)) {
		bg__em_add(em, obj, key, bg__em_opt_int(v, NULL));
	}
}

/* ================================================================== */
/* An object of the field tables, in the API's JSON                    */
/* ================================================================== */

#define CAT(p, off) ((const void *)((const char *)(p) + (off)))

static cJSON *object_json(struct em *em, const struct bg__object *o,
			  const void *p, bool fargate);

static cJSON *
strings_json(struct em *em, char *const *v, size_t n)
{
	cJSON *list = cJSON_CreateArray();

	for (size_t i = 0; list != NULL && i < n; i++) {
		bg__em_add(em, list, NULL, bg__em_ref(v[i] ? v[i] : ""));
	}
	return list;
}

/* A map of text: an object, keys sorted. */
static cJSON *
map_json(struct em *em, const struct bg_kvlist *kv)
{
	const struct bg_kv **v = bg__kv_sorted(kv);
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; v != NULL && o != NULL && i < kv->count; i++) {
		bg__em_add_static(em, o, v[i]->key,
				  bg__em_ref(v[i]->value ? v[i]->value : ""));
	}
	if (v == NULL) {
		em->failed = true;
	}
	free(v);
	return o;
}

/* The environment: [{name, value}], sorted by name. */
static cJSON *
env_json(struct em *em, const struct bg_kvlist *kv)
{
	const struct bg_kv **v = bg__kv_sorted(kv);
	cJSON *list = cJSON_CreateArray();

	for (size_t i = 0; v != NULL && list != NULL && i < kv->count; i++) {
		cJSON *e = bg__em_add(em, list, NULL, cJSON_CreateObject());
		if (e != NULL) {
			bg__em_add_static(em, e, "name", bg__em_ref(v[i]->key));
			bg__em_add_static(em, e, "value",
					  bg__em_ref(v[i]->value ? v[i]->value
								 : ""));
		}
	}
	if (v == NULL) {
		em->failed = true;
	}
	free(v);
	return list;
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
static cJSON *
objects_json(struct em *em, const struct bg__field *f, const void *items,
	     size_t n, bool fargate)
{
	struct sort_item *v = calloc(n, sizeof(*v));
	cJSON *list = cJSON_CreateArray();

	if (v == NULL || list == NULL) {
		free(v);
		cJSON_Delete(list);
		em->failed = true;
		return NULL;
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
		qsort(v, n, sizeof(*v), sort_item_cmp);
	}
	for (size_t i = 0; i < n; i++) {
		bg__em_add(em, list, NULL, object_json(em, f->sub, v[i].p, fargate));
	}
	free(v);
	return list;
}

/* resourceRequirements from vcpus, memory and gpus, sorted by type
 * (GPU, MEMORY, VCPU): the provider diffs this list in order. */
static cJSON *
resources_json(struct em *em, const struct bg_container *c)
{
	const struct {
		const char *type;
		const struct bg_opt_int *v;
	} rr[] = { { "GPU", &c->gpus },
		   { "MEMORY", &c->memory },
		   { "VCPU", &c->vcpus_milli } };
	cJSON *list;
	char buf[32];

	if (!bg__given(c->gpus) && !bg__given(c->memory) &&
	    !bg__given(c->vcpus_milli)) {
		return NULL;
	}
	list = cJSON_CreateArray();
	for (size_t i = 0; list != NULL && i < ARRAY_LENGTH(rr); i++) {
		cJSON *e;
		if (!bg__given(*rr[i].v)) {
			continue;
		}
		if (rr[i].v->expr != NULL) {
			/* The value is a string: the expression, as text. */
			e = bg__em_add(em, list, NULL, cJSON_CreateObject());
			bg__em_add(em, e, "type",
				   cJSON_CreateString(rr[i].type));
			bg__em_add(em, e, "value",
				   cJSON_CreateString(rr[i].v->expr));
			continue;
		}
		if (rr[i].v == &c->vcpus_milli) {
			bg_vcpus_format(rr[i].v->value, buf, sizeof(buf));
		} else {
			bg__int_text(buf, rr[i].v->value);
		}
		e = bg__em_add(em, list, NULL, cJSON_CreateObject());
		if (e != NULL) {
			bg__em_add(em, e, "type", cJSON_CreateString(rr[i].type));
			bg__em_add(em, e, "value", cJSON_CreateString(buf));
		}
	}
	return list;
}

/* One field's JSON, or NULL when it is not written. */
static cJSON *
field_json(struct em *em, const struct bg__field *f, const void *p,
	   bool fargate)
{
	const void *m = CAT(p, f->off);
	bool always = (f->flags & BG_F_ALWAYS) != 0;

	switch (f->kind) {
	case BG_K_STR: {
		const char *v = *(const char *const *)m;
		return v != NULL || always ? bg__em_ref(v ? v : "") : NULL;
	}
	case BG_K_INT:
	case BG_K_NUM: {
		const struct bg_opt_int *v = m;
		return bg__given(*v) ? bg__em_opt_int(v, "tonumber")
		       : always	     ? bg__em_int(0)
				     : NULL;
	}
	case BG_K_BOOL:
		return bg__em_opt_bool(m, "tobool");
	case BG_K_FLAG:
		return cJSON_CreateBool(*(const bool *)m);
	case BG_K_STRS: {
		size_t n = *(const size_t *)CAT(p, f->count_off);
		return n > 0 ? strings_json(em, *(char *const *const *)m, n)
			     : NULL;
	}
	case BG_K_MAP:
		return ((const struct bg_kvlist *)m)->count > 0 ? map_json(em, m)
								 : NULL;
	case BG_K_ENV:
		return ((const struct bg_kvlist *)m)->count > 0 ? env_json(em, m)
								 : NULL;
	case BG_K_OBJ: {
		const void *o = *(const void *const *)m;
		return o != NULL ? object_json(em, f->sub, o, fargate) : NULL;
	}
	case BG_K_OBJS: {
		size_t n = *(const size_t *)CAT(p, f->count_off);
		return n > 0 ? objects_json(em, f, *(const void *const *)m, n,
					    fargate)
			     : NULL;
	}
	case BG_K_EMBED: {
		cJSON *o;
		if ((f->flags & BG_F_FARGATE) && !fargate) {
			return NULL;
		}
		o = object_json(em, f->sub, m, fargate);
		if (f->present > 0 ? !*(const bool *)CAT(p, f->present - 1)
				   : cJSON_GetArraySize(o) == 0) {
			cJSON_Delete(o);
			return NULL;
		}
		return o;
	}
	case BG_K_RESOURCES:
		return resources_json(em, p);
	default:
		return NULL;
	}
}

/* Object p of table o: every field it gives, under its API key, in
 * the order of the keys (computed once with the tables). */
static cJSON *
object_json(struct em *em, const struct bg__object *o, const void *p,
	    bool fargate)
{
	const uint8_t *order = bg__api_order(o);
	cJSON *obj = cJSON_CreateObject();

	if (obj == NULL || order == NULL) {
		em->failed = true;
		cJSON_Delete(obj);
		return NULL;
	}
	for (size_t k = 0; k < o->count; k++) {
		size_t i = order[k];
		const struct bg__field *f = &o->fields[i];
		const char *api = bg__api_key(o, i);
		cJSON *item;
		if (api[0] == '\0' || (f->flags & BG_F_ALIAS) ||
		    f->same_as != NULL) {
			continue;
		}
		item = field_json(em, f, p, fargate);
		if (item != NULL) {
			bg__em_add_static(em, obj, api, item);
		}
	}
	return obj;
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


cJSON *
bg__api_retry(struct em *em, const struct bg_jobdef *def)
{
	cJSON *rs;
	cJSON *list;

	if (!bg__given(def->retry_attempts) &&
	    def->evaluate_on_exit_count == 0) {
		return NULL;
	}
	rs = cJSON_CreateObject();
	if (rs == NULL) {
		em->failed = true;
		return NULL;
	}
	add_opt_int(em, rs, "attempts", &def->retry_attempts);
	if (def->evaluate_on_exit_count == 0) {
		return rs;
	}
	list = bg__em_add(em, rs, "evaluate_on_exit", cJSON_CreateArray());
	for (size_t i = 0; list != NULL && i < def->evaluate_on_exit_count;
	     i++) {
		const struct bg_evaluate_on_exit *e = &def->evaluate_on_exit[i];
		cJSON *o = bg__em_add(em, list, NULL, cJSON_CreateObject());
		char action[16] = "";
		if (o == NULL) {
			break;
		}
		for (size_t k = 0; e->action != NULL && e->action[k] != '\0' &&
				   k + 1 < sizeof(action);
		     k++) {
			char c = e->action[k];
			action[k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
							 : c;
			action[k + 1] = '\0';
		}
		bg__em_add(em, o, "action", cJSON_CreateString(action));
		add_string(em, o, "on_exit_code", e->on_exit_code);
		add_string(em, o, "on_reason", e->on_reason);
		add_string(em, o, "on_status_reason", e->on_status_reason);
	}
	return rs;
}
