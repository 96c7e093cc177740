/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The body of one aws_batch_job_definition resource, once for both
 * formats: its values from the resource table (model/fields.c:
 * bg__obj_resource), the container or node properties as the API's
 * JSON, and the retry_strategy and timeout blocks. Each serializer
 * (emit_json.c, emit_hcl.c) writes this list its own way.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "model/fields.h"

#define CAT(p, off) ((const void *)((const char *)(p) + (off)))

cJSON *
bg__em_map(struct em *em, const struct bg_kvlist *list)
{
	const struct bg_kv **v = bg__kv_sorted(list);
	cJSON *obj = cJSON_CreateObject();

	if (v == NULL || obj == NULL) {
		em->failed = true;
		free(v);
		cJSON_Delete(obj);
		return NULL;
	}
	for (size_t i = 0; i < list->count; i++) {
		bg__em_add_static(em, obj, v[i]->key,
				  bg__em_ref(v[i]->value ? v[i]->value : ""));
	}
	free(v);
	return obj;
}

/* One value of the resource table, or NULL when it is not given. */
static cJSON *
value_of(struct em *em, const struct bg__field *f, const void *def,
	 enum item_kind *kind)
{
	const void *m = CAT(def, f->off);

	*kind = ITEM_ATTR;
	switch (f->kind) {
	case BG_K_STR: {
		const char *v = *(const char *const *)m;
		v = v != NULL ? v : f->dflt;
		return v != NULL || (f->flags & BG_F_ALWAYS)
			       ? bg__em_ref(v != NULL ? v : "")
			       : NULL;
	}
	case BG_K_STRS: {
		size_t n = *(const size_t *)CAT(def, f->count_off);
		char *const *v = *(char *const *const *)m;
		cJSON *a;
		if (n == 0) {
			return NULL;
		}
		a = cJSON_CreateArray();
		for (size_t i = 0; a != NULL && i < n; i++) {
			bg__em_add(em, a, NULL, bg__em_ref(v[i]));
		}
		return a;
	}
	case BG_K_BOOL:
		return bg__em_opt_bool(m, NULL);
	case BG_K_INT:
		return bg__em_opt_int(m, NULL);
	case BG_K_MAP:
		*kind = ITEM_MAP;
		return ((const struct bg_kvlist *)m)->count > 0
			       ? bg__em_map(em, m)
			       : NULL;
	default:
		return NULL;
	}
}

/* KEY { condition error_message } ... of obj, one block per rule of
 * list: the rules that run at plan time. A condition is an expression
 * (a raw item: HCL writes it as it is, the JSON emitter as "${...}"). */
static void
conditions(struct em *em, cJSON *obj, const char *key,
	   const struct bg_kvlist *rules)
{
	cJSON *list = bg__em_add(em, obj, key, cJSON_CreateArray());

	for (size_t i = 0; list != NULL && i < rules->count; i++) {
		const struct bg_kv *kv = &rules->items[i];
		cJSON *pc = bg__em_add(em, list, NULL, cJSON_CreateObject());
		if (pc != NULL) {
			bg__em_add(em, pc, "condition",
				   cJSON_CreateRaw(kv->key));
			bg__em_add(em, pc, "error_message",
				   cJSON_CreateString(kv->value));
		}
	}
}

/* lifecycle { precondition { ... } ... } */
static cJSON *
lifecycle(struct em *em, const struct bg_jobdef *def)
{
	cJSON *lc = cJSON_CreateObject();

	conditions(em, lc, "precondition", &def->preconditions);
	return lc;
}

cJSON *
bg__em_variable(struct em *em, const struct bg_variable *v, cJSON *type)
{
	cJSON *var = cJSON_CreateObject();

	bg__em_add(em, var, "description", cJSON_CreateString(v->description));
	bg__em_add(em, var, "type", type);
	if (v->validation.count > 0) {
		conditions(em, var, "validation", &v->validation);
	}
	return var;
}

static int
item_cmp(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->key,
		      ((const struct item *)b)->key);
}

/* Container or ECS properties (object p of table t): for the JSON
 * output its text where it can be written at once, else the tree. */
static struct item
api_item(struct em *em, const char *key, const struct bg__object *t,
	 const void *p, bool fargate)
{
	if (em->api_text && bg__api_text(em, t, p, fargate, &em->scratch)) {
		return (struct item){ key, ITEM_JSONTEXT,
				      cJSON_CreateString(em->scratch.data) };
	}
	return (struct item){ key, ITEM_JSONENCODE,
			      t == &bg__obj_ecs ? bg__api_ecs(em, p, fargate)
						: bg__api_container(em, p,
								    fargate) };
}

size_t
bg__resource_items(struct em *em, const struct bg_jobdef *def,
		   struct item *items)
{
	bool fargate = bg_jobdef_supports_fargate(def);
	const struct bg__object *o = &bg__obj_resource;
	size_t n = 0, rest;

	for (size_t i = 0; i < o->count && n < BG__MAX_ITEMS; i++) {
		enum item_kind kind;
		cJSON *v;
		if (!(o->fields[i].flags & BG_F_HEAD)) {
			continue;
		}
		v = value_of(em, &o->fields[i], def, &kind);
		if (v != NULL) {
			items[n++] = (struct item){ o->fields[i].key, kind, v };
		}
	}
	if (def->container != NULL) {
		items[n++] = api_item(em, "container_properties",
				      &bg__obj_container, def->container,
				      fargate);
	} else if (def->node_properties != NULL) {
		items[n++] = (struct item){
			"node_properties", ITEM_JSONENCODE,
			bg__api_node_properties(em, def->node_properties,
						fargate)
		};
	} else if (def->ecs_properties != NULL) {
		items[n++] = api_item(em, "ecs_properties", &bg__obj_ecs,
				      def->ecs_properties, fargate);
	} else if (def->eks_properties != NULL) {
		items[n++] = (struct item){
			"eks_properties", ITEM_BLOCK,
			bg__tf_block(em, &bg__obj_eks, def->eks_properties)
		};
	}
	rest = n;
	for (size_t i = 0; i < o->count && n + 3 < BG__MAX_ITEMS; i++) {
		enum item_kind kind;
		cJSON *v;
		if (o->fields[i].flags & BG_F_HEAD) {
			continue;
		}
		v = value_of(em, &o->fields[i], def, &kind);
		if (v != NULL) {
			items[n++] = (struct item){ o->fields[i].key, kind, v };
		}
	}
	if (bg__given(def->retry_attempts) || def->evaluate_on_exit_count > 0) {
		items[n++] = (struct item){ "retry_strategy", ITEM_BLOCK,
					    bg__api_retry(em, def) };
	}
	if (bg__given(def->timeout_seconds)) {
		cJSON *to = cJSON_CreateObject();
		bg__em_add(em, to, "attempt_duration_seconds",
			   bg__em_opt_int(&def->timeout_seconds, NULL));
		items[n++] = (struct item){ "timeout", ITEM_BLOCK, to };
	}
	if (def->preconditions.count > 0) {
		items[n++] = (struct item){ "lifecycle", ITEM_BLOCK,
					    lifecycle(em, def) };
	}
	/* A handful of items: an insertion sort. */
	for (size_t i = rest + 1; i < n; i++) {
		struct item it = items[i];
		size_t j = i;
		while (j > rest && item_cmp(&items[j - 1], &it) > 0) {
			items[j] = items[j - 1];
			j--;
		}
		items[j] = it;
	}
	for (size_t i = 0; i < n; i++) {
		if (items[i].value == NULL) {
			em->failed = true;
		}
	}
	return n;
}
