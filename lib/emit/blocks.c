/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * A Terraform nested block from a field table: eks_properties, which
 * the aws provider declares as blocks and attributes in snake_case
 * (not a JSON string like container_properties). The attribute is the
 * spec key, or the row's .api where the provider spells it otherwise.
 * An object is a block (a list of one), a list of objects repeated
 * blocks, env a list of {name, value} blocks, a map an attribute; the
 * serializers write that tree as HCL blocks or as JSON.
 */
#include "config.h"

#include <stdlib.h>

#include "emit.h"
#include "model/fields.h"

#define CAT(p, off) ((const void *)((const char *)(p) + (off)))

/* env { name value } ..., in the order written. */
static cJSON *
env_blocks(struct em *em, const struct bg_kvlist *list)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a != NULL && i < list->count; i++) {
		cJSON *e = bg__em_add(em, a, NULL, cJSON_CreateObject());
		bg__em_add(em, e, "name", cJSON_CreateString(list->items[i].key));
		bg__em_add(em, e, "value",
			   cJSON_CreateString(list->items[i].value
						      ? list->items[i].value
						      : ""));
	}
	return a;
}

static cJSON *
field_value(struct em *em, const struct bg__field *f, const void *p)
{
	const void *m = CAT(p, f->off);

	switch (f->kind) {
	case BG_K_STR: {
		const char *v = *(const char *const *)m;
		return v != NULL ? cJSON_CreateString(v) : NULL;
	}
	case BG_K_INT:
		return bg__em_opt_int(m, NULL);
	case BG_K_BOOL:
		return bg__em_opt_bool(m, NULL);
	case BG_K_STRS: {
		size_t n = *(const size_t *)CAT(p, f->count_off);
		char *const *v = *(char *const *const *)m;
		cJSON *a = n > 0 ? cJSON_CreateArray() : NULL;
		for (size_t i = 0; a != NULL && i < n; i++) {
			bg__em_add(em, a, NULL, cJSON_CreateString(v[i]));
		}
		return a;
	}
	case BG_K_MAP:
		return ((const struct bg_kvlist *)m)->count > 0
			       ? bg__em_map(em, m)
			       : NULL;
	case BG_K_ENV:
		return ((const struct bg_kvlist *)m)->count > 0
			       ? env_blocks(em, m)
			       : NULL;
	case BG_K_OBJ: {
		const void *o = *(const void *const *)m;
		cJSON *a = o != NULL ? cJSON_CreateArray() : NULL;
		if (a != NULL) {
			bg__em_add(em, a, NULL, bg__tf_block(em, f->sub, o));
		}
		return a;
	}
	case BG_K_OBJS: {
		size_t n = *(const size_t *)CAT(p, f->count_off);
		const char *items = *(const char *const *)m;
		cJSON *a = n > 0 ? cJSON_CreateArray() : NULL;
		for (size_t i = 0; a != NULL && i < n; i++) {
			bg__em_add(em, a, NULL,
				   bg__tf_block(em, f->sub,
						items + i * f->sub->size));
		}
		return a;
	}
	default:
		return NULL;
	}
}

cJSON *
bg__tf_block(struct em *em, const struct bg__object *o, const void *p)
{
	cJSON *obj = cJSON_CreateObject();

	if (obj == NULL) {
		em->failed = true;
		return NULL;
	}
	for (size_t i = 0; i < o->count; i++) {
		const struct bg__field *f = &o->fields[i];
		cJSON *v = field_value(em, f, p);
		if (v != NULL) {
			bg__em_add(em, obj, f->api != NULL ? f->api : f->key, v);
		}
	}
	return obj;
}
