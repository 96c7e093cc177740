/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The JSON Schema (2020-12) of spec files, written from the field
 * tables (model/fields.c): every key, type, enum and description, and
 * no unknown keys. It accepts every spec batchgen accepts, as YAML
 * editors read YAML (1.2: `yes` is text): text fields take any scalar
 * (batchgen reads `user: 1000` as the text "1000"), whole numbers may
 * be quoted, booleans are true/yes/on and false/no/off in any case.
 * What the rules check beyond the shape (ranges, the Fargate table,
 * references between fields) is left to batchgen.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "input/input.h"
#include "model/fields.h"

/* A Terraform expression, which any number or boolean may be (the
 * loader tells Terraform's "${...}" from other text exactly). */
#define TF_EXPR "\\$\\{[^\\n]*\\}"
#define WHOLE_NUMBER "^(-?(0|[1-9][0-9]*)|" TF_EXPR ")$"
#define VCPUS "^((0|[1-9][0-9]*)(\\.[0-9]{1,3})?|" TF_EXPR ")$"

struct sw {
	cJSON *defs;
	bool failed;
};

static cJSON *
add(struct sw *w, cJSON *obj, const char *key, cJSON *item)
{
	if (item == NULL || obj == NULL ||
	    !cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		w->failed = true;
		return NULL;
	}
	return item;
}

static void
add_str(struct sw *w, cJSON *obj, const char *key, const char *value)
{
	add(w, obj, key, cJSON_CreateString(value));
}

/* "[Rr][Ee][Tt][Rr][Yy]": one word in any case. */
static void
casefold(struct bg__buf *b, const char *word)
{
	for (const char *p = word; *p != '\0'; p++) {
		char lo = (char)(*p | 0x20);
		if (lo >= 'a' && lo <= 'z') {
			bg__buf_printf(b, "[%c%c]", lo - 32, lo);
		} else {
			bg__buf_putc(b, *p);
		}
	}
}

static cJSON *
any_case(struct sw *w, const char *const *words)
{
	struct bg__buf b = { 0 };
	cJSON *s = cJSON_CreateObject();
	char *text;

	bg__buf_puts(&b, "^(");
	for (size_t i = 0; words[i] != NULL; i++) {
		bg__buf_puts(&b, i > 0 ? "|" : "");
		casefold(&b, words[i]);
	}
	bg__buf_puts(&b, ")$");
	text = bg__buf_take(&b, NULL);
	add_str(w, s, "type", "string");
	if (text == NULL) {
		w->failed = true;
	} else {
		add_str(w, s, "pattern", text);
	}
	free(text);
	return s;
}

static cJSON *
types(struct sw *w, const char *const *names)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; names[i] != NULL; i++) {
		if (!cJSON_AddItemToArray(a, cJSON_CreateString(names[i]))) {
			w->failed = true;
		}
	}
	return a;
}

static const char *const scalar_types[] = { "string", "number", "boolean",
					    NULL };

/* one, or a Terraform expression (checked at plan time). */
static cJSON *
or_expr(struct sw *w, cJSON *one)
{
	cJSON *s = cJSON_CreateObject();
	cJSON *any = add(w, s, "anyOf", cJSON_CreateArray());
	cJSON *e = cJSON_CreateObject();

	add_str(w, e, "type", "string");
	add_str(w, e, "pattern", TF_EXPR);
	if (any == NULL || one == NULL || !cJSON_AddItemToArray(any, one)) {
		cJSON_Delete(one);
		w->failed = true;
	}
	if (any == NULL || !cJSON_AddItemToArray(any, e)) {
		cJSON_Delete(e);
		w->failed = true;
	}
	return s;
}

/* A scalar batchgen reads as text. */
static cJSON *
text_value(struct sw *w, const struct bg__field *f)
{
	cJSON *s;

	if (f->enums != NULL) {
		cJSON *one = f->flags & BG_F_CASEFOLD ? any_case(w, f->enums)
						      : cJSON_CreateObject();
		if (!(f->flags & BG_F_CASEFOLD)) {
			add(w, one, "enum", types(w, f->enums));
		}
		return f->flags & BG_F_KNOWN ? one : or_expr(w, one);
	}
	s = cJSON_CreateObject();
	add(w, s, "type", types(w, scalar_types));
	if (f->flags & BG_F_NONEMPTY) {
		add(w, s, "minLength", cJSON_CreateNumber(1));
	}
	return s;
}

static cJSON *
number_value(struct sw *w, const char *type, const char *pattern)
{
	const char *const names[] = { type, "string", NULL };
	cJSON *s = cJSON_CreateObject();

	add(w, s, "type", types(w, names));
	add_str(w, s, "pattern", pattern);
	return s;
}

static cJSON *
bool_value(struct sw *w)
{
	static const char *const words[] = { "true", "yes", "on", "false",
					     "no", "off", NULL };
	cJSON *s = cJSON_CreateObject();
	cJSON *any = add(w, s, "anyOf", cJSON_CreateArray());
	cJSON *b = cJSON_CreateObject();

	cJSON *e = cJSON_CreateObject();

	add_str(w, b, "type", "boolean");
	add_str(w, e, "type", "string");
	add_str(w, e, "pattern", "^" TF_EXPR "$");
	if (any == NULL || !cJSON_AddItemToArray(any, b) ||
	    !cJSON_AddItemToArray(any, any_case(w, words)) ||
	    !cJSON_AddItemToArray(any, e)) {
		w->failed = true;
	}
	return s;
}

/* A free-form map of text. */
static cJSON *
map_value(struct sw *w)
{
	cJSON *s = cJSON_CreateObject();
	cJSON *v = cJSON_CreateObject();

	add_str(w, s, "type", "object");
	add(w, v, "type", types(w, scalar_types));
	add(w, s, "additionalProperties", v);
	return s;
}

/* Environment: a map, or a list of {name, value}. */
static cJSON *
env_value(struct sw *w)
{
	static const char *const req[] = { "name", "value", NULL };
	cJSON *s = cJSON_CreateObject();
	cJSON *any = add(w, s, "anyOf", cJSON_CreateArray());
	cJSON *list = cJSON_CreateObject();
	cJSON *item = cJSON_CreateObject();
	cJSON *props = cJSON_CreateObject();
	cJSON *name = cJSON_CreateObject();
	cJSON *value = cJSON_CreateObject();

	add_str(w, list, "type", "array");
	add_str(w, item, "type", "object");
	add_str(w, name, "type", "string");
	add(w, props, "name", name);
	add(w, value, "type", types(w, scalar_types));
	add(w, props, "value", value);
	add(w, item, "properties", props);
	add(w, item, "required", types(w, req));
	add(w, item, "additionalProperties", cJSON_CreateFalse());
	add(w, list, "items", item);
	if (any == NULL || !cJSON_AddItemToArray(any, map_value(w)) ||
	    !cJSON_AddItemToArray(any, list)) {
		w->failed = true;
	}
	return s;
}

static void define(struct sw *w, const struct bg__object *o);

static cJSON *
ref(struct sw *w, const struct bg__object *o)
{
	char target[96];
	cJSON *s = cJSON_CreateObject();

	define(w, o);
	snprintf(target, sizeof(target), "#/$defs/%s", o->name);
	add_str(w, s, "$ref", target);
	return s;
}

static cJSON *
field_schema(struct sw *w, const struct bg__field *f)
{
	cJSON *s = NULL;

	switch (f->kind) {
	case BG_K_STR:
		s = text_value(w, f);
		break;
	case BG_K_NUM:
		s = number_value(w, "number", VCPUS);
		break;
	case BG_K_INT:
		s = number_value(w, "integer", WHOLE_NUMBER);
		break;
	case BG_K_BOOL:
	case BG_K_FLAG:
		s = bool_value(w);
		break;
	case BG_K_STRS:
		s = cJSON_CreateObject();
		add_str(w, s, "type", "array");
		add(w, s, "items", text_value(w, f));
		break;
	case BG_K_MAP:
		s = map_value(w);
		break;
	case BG_K_ENV:
		s = env_value(w);
		break;
	case BG_K_OBJ:
	case BG_K_EMBED:
		s = ref(w, f->sub);
		break;
	case BG_K_OBJS:
	case BG_K_RESOURCES:
		s = cJSON_CreateObject();
		add_str(w, s, "type", "array");
		add(w, s, "items", ref(w, f->sub));
		if (f->min > 0) {
			add(w, s, "minItems", cJSON_CreateNumber(f->min));
		}
		break;
	default:
		break;
	}
	if (s == NULL) {
		w->failed = true;
		return NULL;
	}
	if (f->same_as != NULL) {
		char desc[400];
		snprintf(desc, sizeof(desc), "%s (same as %s)", f->desc,
			 f->same_as);
		add_str(w, s, "description", desc);
	} else {
		add_str(w, s, "description", f->desc);
	}
	return s;
}

struct fill {
	struct sw *w;
	cJSON *props, *required;
};

static bool
fill_field(const struct bg__field *f, uint32_t off, void *ctx)
{
	struct fill *fl = ctx;

	(void)off;
	add(fl->w, fl->props, f->key, field_schema(fl->w, f));
	if ((f->flags & BG_F_REQUIRED) &&
	    !cJSON_AddItemToArray(fl->required, cJSON_CreateString(f->key))) {
		fl->w->failed = true;
	}
	return !fl->w->failed;
}

static cJSON *
object_schema(struct sw *w, const struct bg__object *o)
{
	cJSON *s = cJSON_CreateObject();
	struct fill fl = { w, cJSON_CreateObject(), cJSON_CreateArray() };

	add_str(w, s, "description", o->desc);
	add_str(w, s, "type", "object");
	bg__object_each(o, fill_field, &fl);
	add(w, s, "properties", fl.props);
	if (cJSON_GetArraySize(fl.required) > 0) {
		add(w, s, "required", fl.required);
	} else {
		cJSON_Delete(fl.required);
	}
	add(w, s, "additionalProperties", cJSON_CreateFalse());
	return s;
}

/* A spec job's x-batchgen-ignore: lint's findings silenced for it. */
static void
ignore_schema(struct sw *w)
{
	cJSON *job = cJSON_GetObjectItemCaseSensitive(w->defs, bg__obj_job.name);
	cJSON *props = job != NULL ? cJSON_GetObjectItemCaseSensitive(
					     job, "properties")
				   : NULL;
	cJSON *s = cJSON_CreateObject(), *items = cJSON_CreateObject(), *codes;

	add_str(w, s, "description",
		"batchgen lint: the rule codes whose findings in this job are "
		"silenced (each one counted in lint's summary); not rendered");
	add_str(w, s, "type", "array");
	codes = add(w, items, "enum", cJSON_CreateArray());
	for (size_t i = 0; codes != NULL && i < bg_rule_count(); i++) {
		cJSON_AddItemToArray(codes,
				     cJSON_CreateString(bg_rule_get(i)->code));
	}
	add(w, s, "items", items);
	if (props != NULL) {
		add(w, props, "x-batchgen-ignore", s);
	} else {
		cJSON_Delete(s);
		w->failed = true;
	}
}

/* Adds o to $defs, once. */
static void
define(struct sw *w, const struct bg__object *o)
{
	if (w->failed || cJSON_GetObjectItemCaseSensitive(w->defs, o->name)) {
		return;
	}
	/* A placeholder first: o's fields may refer to o again. */
	add(w, w->defs, o->name, cJSON_CreateNull());
	if (!w->failed) {
		cJSON_ReplaceItemInObjectCaseSensitive(w->defs, o->name,
						       object_schema(w, o));
	}
}

enum bg_status
bg_spec_schema(char **out, size_t *len)
{
	struct sw w = { 0 };
	cJSON *root, *top, *any;
	char *text;

	if (out == NULL || *out != NULL) {
		return BG_ERR_ARG;
	}
	root = cJSON_CreateObject();
	add_str(&w, root, "$schema",
		"https://json-schema.org/draft/2020-12/schema");
	add_str(&w, root, "title", "batchgen spec file");
	w.defs = cJSON_CreateObject();
	top = object_schema(&w, &bg__obj_spec);
	for (cJSON *item = top != NULL ? top->child : NULL; item != NULL;
	     item = item->next) {
		add(&w, root, item->string, cJSON_Duplicate(item, true));
	}
	cJSON_Delete(top);
	/* x- keys at the top hold anchors for merge keys; batchgen drops
	 * them (docs/spec.md "Sharing settings"). */
	any = cJSON_CreateObject();
	add_str(&w, any, "description",
		"settings to share with anchors and merge keys; not read");
	add(&w, add(&w, root, "patternProperties", cJSON_CreateObject()),
	    "^x-", any);
	ignore_schema(&w);
	add(&w, root, "$defs", w.defs);
	text = w.failed ? NULL : cJSON_Print(root);
	cJSON_Delete(root);
	if (text == NULL) {
		return BG_ERR_NOMEM;
	}
	if (len != NULL) {
		*len = strlen(text);
	}
	*out = text;
	return BG_OK;
}
