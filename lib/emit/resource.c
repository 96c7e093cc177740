/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The body of one aws_batch_job_definition resource, once for both
 * formats: its values from the resource table (model/fields.c:
 * bg__obj_resource), the container or node properties as the API's
 * JSON, and the retry_strategy and timeout blocks. Each serializer
 * (emit_json.c, emit_hcl.c) writes this list its own way. The same
 * walk (out.c) writes the Terraform JSON output's text of a body
 * where nothing in it is to be escaped or encoded (bg__resource_text).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "emit.h"
#include "model/fields.h"

#define CAT(p, off) ((const void *)((const char *)(p) + (off)))

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

/* Where an entry of the body comes from. */
enum slot_src {
	SLOT_FIELD,	/* a value of the resource table */
	SLOT_PROPS,	/* container, node, ECS or EKS properties */
	SLOT_RETRY,	/* retry_strategy */
	SLOT_TIMEOUT,	/* timeout */
	SLOT_LIFECYCLE, /* lifecycle { precondition ... } */
};

struct slot {
	const char *key;
	enum slot_src src;
	const struct bg__field *f;
};

/* Every entry a body can have, in output order: name, type and
 * platforms (BG_F_HEAD, in table order), the properties, then the rest
 * sorted by key. Found once; a job writes those it gives. */
static struct slot slots[24];
static size_t slot_count;
static once_flag slots_once = ONCE_FLAG_INIT;

static void
find_slots(void)
{
	const struct bg__object *o = &bg__obj_resource;
	size_t rest;

	for (size_t i = 0; i < o->count; i++) {
		if (o->fields[i].flags & BG_F_HEAD) {
			slots[slot_count++] = (struct slot){
				o->fields[i].key, SLOT_FIELD, &o->fields[i]
			};
		}
	}
	slots[slot_count++] = (struct slot){ NULL, SLOT_PROPS, NULL };
	rest = slot_count;
	for (size_t i = 0; i < o->count; i++) {
		if (!(o->fields[i].flags & BG_F_HEAD)) {
			slots[slot_count++] = (struct slot){
				o->fields[i].key, SLOT_FIELD, &o->fields[i]
			};
		}
	}
	slots[slot_count++] =
		(struct slot){ "retry_strategy", SLOT_RETRY, NULL };
	slots[slot_count++] = (struct slot){ "timeout", SLOT_TIMEOUT, NULL };
	slots[slot_count++] =
		(struct slot){ "lifecycle", SLOT_LIFECYCLE, NULL };
	/* A handful of keys: an insertion sort. */
	for (size_t i = rest + 1; i < slot_count; i++) {
		struct slot it = slots[i];
		size_t j = i;
		while (j > rest && strcmp(slots[j - 1].key, it.key) > 0) {
			slots[j] = slots[j - 1];
			j--;
		}
		slots[j] = it;
	}
}

/* A value of the resource table under its key, when it is given. */
static void
field_out(struct bg__out *o, const struct bg__field *f,
	  const struct bg_jobdef *def)
{
	const void *m = CAT(def, f->off);

	switch (f->kind) {
	case BG_K_STR: {
		const char *v = *(const char *const *)m;
		v = v != NULL ? v : f->dflt;
		if (v != NULL || (f->flags & BG_F_ALWAYS)) {
			bg__out_string(o, f->key, v != NULL ? v : "", false);
		}
		return;
	}
	case BG_K_STRS:
		bg__out_strings(o, f->key, *(char *const *const *)m,
				*(const size_t *)CAT(def, f->count_off));
		return;
	case BG_K_BOOL:
		bg__out_opt_bool(o, f->key, m, NULL);
		return;
	case BG_K_INT:
		bg__out_opt_int(o, f->key, m, NULL, false);
		return;
	case BG_K_MAP:
		if (((const struct bg_kvlist *)m)->count > 0) {
			bg__out_map(o, f->key, m);
		}
		return;
	default:
		return;
	}
}

/* Entry s of def's body (not the properties), when def gives it. */
static void
slot_out(struct bg__out *o, const struct slot *s, const struct bg_jobdef *def)
{
	switch (s->src) {
	case SLOT_FIELD:
		field_out(o, s->f, def);
		return;
	case SLOT_RETRY:
		bg__out_retry(o, s->key, def);
		return;
	case SLOT_TIMEOUT:
		if (bg__given(def->timeout_seconds)) {
			bg__out_open(o, s->key, false);
			bg__out_opt_int(o, "attempt_duration_seconds",
					&def->timeout_seconds, NULL, false);
			bg__out_close(o, false);
		}
		return;
	case SLOT_LIFECYCLE:
		/* Conditions are expressions: a tree's. */
		if (def->preconditions.count > 0) {
			bg__out_tree(o, s->key,
				     bg__out_text(o) ? NULL
						     : lifecycle(o->em, def));
		}
		return;
	default:
		return;
	}
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

/* The properties def writes, of those it may hold in the order they
 * take: container, node, ECS, EKS (key NULL: none). t: the table of
 * container and ECS properties, which the JSON output can write as
 * text; NULL for the others. */
struct props {
	const char *key;
	const struct bg__object *t;
	const void *p;
};

static struct props
props_of(const struct bg_jobdef *def)
{
	return def->container != NULL
		       ? (struct props){ "container_properties",
					 &bg__obj_container, def->container }
	       : def->node_properties != NULL
		       ? (struct props){ "node_properties", NULL,
					 def->node_properties }
	       : def->ecs_properties != NULL
		       ? (struct props){ "ecs_properties", &bg__obj_ecs,
					 def->ecs_properties }
	       : def->eks_properties != NULL
		       ? (struct props){ "eks_properties", NULL,
					 def->eks_properties }
		       : (struct props){ NULL, NULL, NULL };
}

/* def's properties as an item; false when it has none. */
static bool
props_item(struct em *em, const struct bg_jobdef *def, bool fargate,
	   struct item *it)
{
	struct props pr = props_of(def);

	if (pr.key == NULL) {
		return false;
	}
	if (pr.t != NULL) {
		*it = api_item(em, pr.key, pr.t, pr.p, fargate);
	} else if (pr.p == def->node_properties) {
		*it = (struct item){ pr.key, ITEM_JSONENCODE,
				     bg__api_node_properties(
					     em, def->node_properties,
					     fargate) };
	} else {
		*it = (struct item){ pr.key, ITEM_BLOCK,
				     bg__tf_block(em, &bg__obj_eks,
						  def->eks_properties) };
	}
	return true;
}

size_t
bg__resource_items(struct em *em, const struct bg_jobdef *def,
		   struct item *items)
{
	bool fargate = bg_jobdef_supports_fargate(def);
	size_t n = 0;

	call_once(&slots_once, find_slots);
	for (size_t i = 0; i < slot_count && n < BG__MAX_ITEMS; i++) {
		const struct slot *s = &slots[i];
		struct bg__out o;
		if (s->src == SLOT_PROPS) {
			n += props_item(em, def, fargate, &items[n]);
			continue;
		}
		bg__out_start(&o, em, NULL, -1, 0);
		slot_out(&o, s, def);
		if (o.root != NULL) {
			items[n++] = (struct item){
				s->key,
				s->src != SLOT_FIELD	  ? ITEM_BLOCK
				: s->f->kind == BG_K_MAP ? ITEM_MAP
							  : ITEM_ATTR,
				o.root
			};
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (items[i].value == NULL) {
			em->failed = true;
		}
	}
	return n;
}

/* The container or ECS properties as the JSON output's encoded
 * string; node and EKS properties refuse the text (their trees are
 * written). */
static void
props_text(struct bg__out *o, const struct bg_jobdef *def, bool fargate)
{
	struct props pr = props_of(def);

	if (pr.key == NULL) {
		return;
	}
	if (pr.t == NULL ||
	    !bg__api_text_member(o, pr.key, pr.t, pr.p, fargate)) {
		o->refused = true;
	}
}

bool
bg__resource_text(struct em *em, const struct bg_jobdef *def,
		  struct bg__buf *b, unsigned level)
{
	bool fargate = bg_jobdef_supports_fargate(def);
	struct bg__out o;

	bg__out_start(&o, em, b, (int)level,
		      BG__SEEN_TEMPLATE | BG__SEEN_CR);
	call_once(&slots_once, find_slots);
	bg__out_open(&o, NULL, false);
	for (size_t i = 0; i < slot_count && !o.refused; i++) {
		if (slots[i].src == SLOT_PROPS) {
			props_text(&o, def, fargate);
		} else {
			slot_out(&o, &slots[i], def);
		}
	}
	bg__out_close(&o, false);
	return !o.refused && !b->failed;
}
