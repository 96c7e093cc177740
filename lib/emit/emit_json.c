/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Terraform JSON (.tf.json) output, built with cJSON.
 *
 * container_properties and node_properties are JSON-encoded strings
 * with the AWS API's camelCase keys, as the aws provider requires. Keys
 * are written in sorted order (the form the provider stores in state),
 * lists in a stable order, integers as integer literals, and resource
 * values as strings ("0.25", "16384"), so the same model always gives
 * the same bytes and plans show no spurious changes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "emit.h"

/*
 * A string Terraform reads as a template: escaped. Terraform's template
 * scanner goes wrong after a raw carriage return in a .tf.json string
 * ("A\r ${path.module}" keeps the reference as text, and "A\r $$${x}"
 * keeps "$$${x}"): such a string is written as the interpolation of a
 * quoted HCL string instead, where the CR is the escape \r.
 */
static char *
tf_text(const char *s)
{
	struct bg__buf b = { 0 };

	if (strchr(s, '\r') != NULL) {
		bg__buf_puts(&b, "${");
		bg__hcl_quote_into(&b, s);
		bg__buf_puts(&b, "}");
	} else {
		bg__buf_puts(&b, "");
		bg__tf_escape_into(&b, s);
	}
	return bg__buf_take(&b, NULL);
}

static cJSON *
tf_string(const char *s)
{
	char *text = tf_text(s);
	cJSON *item;

	if (text == NULL) {
		return NULL;
	}
	item = cJSON_CreateString(text);
	free(text);
	return item;
}

/* Every string of value escaped for Terraform, in place: attributes
 * and blocks are read as templates. */
static void
escape_tree(struct em *em, cJSON *value)
{
	cJSON *c;

	if (cJSON_IsString(value)) {
		cJSON *t;
		/* Only "${", "%{" and a CR change anything. */
		if (strpbrk(value->valuestring, "${%\r") == NULL) {
			return;
		}
		t = tf_string(value->valuestring);
		if (t == NULL || !bg__em_set_string(value, t->valuestring)) {
			em->failed = true;
		}
		cJSON_Delete(t);
		return;
	}
	cJSON_ArrayForEach(c, value)
	{
		escape_tree(em, c);
	}
}

/* A map (tags, parameters): its keys are templates too. */
static cJSON *
escape_map(struct em *em, cJSON *map)
{
	cJSON *out = cJSON_CreateObject();
	const cJSON *c;

	cJSON_ArrayForEach(c, map)
	{
		if (strpbrk(c->string, "${%\r") == NULL) {
			continue;
		}
		/* A key to escape: the map is written again. */
		cJSON_ArrayForEach(c, map)
		{
			char *k = tf_text(c->string);
			if (k == NULL || out == NULL) {
				em->failed = true;
			} else {
				bg__em_add(em, out, k,
					   tf_string(c->valuestring));
			}
			free(k);
		}
		cJSON_Delete(map);
		return out;
	}
	cJSON_Delete(out);
	escape_tree(em, map);
	return map;
}

/* A raw item that is an expression (bg__em_expr), not an integer
 * literal. */
static bool
is_expr_raw(const cJSON *c)
{
	return cJSON_IsRaw(c) && c->valuestring[0] != '-' &&
	       !(c->valuestring[0] >= '0' && c->valuestring[0] <= '9');
}

/* Replaces member c of v (object or array) with text, taken: a raw
 * item, or a string. @return the new member, or NULL (failure noted,
 * c left in place). */
static cJSON *
replace_with(struct em *em, cJSON *v, cJSON *c, char *text, bool raw)
{
	cJSON *item = text == NULL ? NULL
		      : raw	   ? cJSON_CreateRaw(text)
				   : cJSON_CreateString(text);

	free(text);
	if (item == NULL ||
	    !(cJSON_IsObject(v)
		      ? cJSON_ReplaceItemInObjectCaseSensitive(v, c->string,
							       item)
		      : cJSON_ReplaceItemViaPointer(v, c, item))) {
		cJSON_Delete(item);
		em->failed = true;
		return NULL;
	}
	return item;
}

/* Every string of v that holds a Terraform expression becomes the raw
 * text ${jsonencode("...")} (or ${jsonencode(tostring(EXPR))} when it
 * is one expression alone): Terraform computes the value and encodes
 * it as a JSON string, whatever characters it holds, and the
 * expression's own quotes stay Terraform syntax (in a plain JSON
 * string they would be escaped). The HCL output writes the same
 * values inside its jsonencode(). */
static void
encode_exprs(struct em *em, cJSON *v)
{
	cJSON *c;

	cJSON_ArrayForEach(c, v)
	{
		if (is_expr_raw(c)) {
			/* A number or boolean from an expression (already
			 * tonumber() or tobool()): its JSON text. */
			c = replace_with(em, v, c,
					 bg__asprintf("${jsonencode(%s)}",
						      c->valuestring),
					 true);
			if (c == NULL) {
				return;
			}
		} else if (cJSON_IsString(c) &&
			   bg__tf_has_expr(c->valuestring)) {
			struct bg__buf b = { 0 };
			bg__buf_puts(&b, "${jsonencode(");
			bg__hcl_string(&b, c->valuestring, true);
			bg__buf_puts(&b, ")}");
			c = replace_with(em, v, c, bg__buf_take(&b, NULL), true);
			if (c == NULL) {
				return;
			}
		} else {
			encode_exprs(em, c);
		}
	}
}

/* A raw item that is an expression (a precondition's condition), not
 * an integer literal, becomes the string "${EXPR}": in JSON syntax
 * Terraform reads an expression from a template string. */
static void
raw_exprs(struct em *em, cJSON *v)
{
	cJSON *c;

	cJSON_ArrayForEach(c, v)
	{
		if (is_expr_raw(c)) {
			c = replace_with(em, v, c,
					 bg__asprintf("${%s}", c->valuestring),
					 false);
			if (c == NULL) {
				return;
			}
		} else {
			raw_exprs(em, c);
		}
	}
}

/* The keys of a document that hold expressions, as they are written:
 * ${jsonencode(...)} of the key's template. */
struct doc_keys {
	char **text;
	size_t count, cap;
};

/* Replaces the key of member c with text. */
static bool
set_key(cJSON *c, const char *text)
{
	size_t n = strlen(text) + 1;
	char *copy = cJSON_malloc(n);

	if (copy == NULL) {
		return false;
	}
	memcpy(copy, text, n);
	if (!(c->type & cJSON_StringIsConst)) {
		cJSON_free(c->string);
	}
	c->type &= ~cJSON_StringIsConst;
	c->string = copy;
	return true;
}

/* Every literal string and key of a JSON document escaped one by one,
 * in place (the expressions are raw ${jsonencode(...)} items already).
 * The document is then written as it prints, never read again as one
 * template: read whole, the text of neighbouring values could join
 * (an unclosed comment in one value closed in the next). A key with an
 * expression becomes the placeholder "${@N}" ('@' is in no expression,
 * and literal text has every "${" escaped), its text in keys. */
static void
escape_doc(struct em *em, cJSON *v, struct doc_keys *keys)
{
	cJSON *c;

	cJSON_ArrayForEach(c, v)
	{
		if (c->string != NULL && strpbrk(c->string, "${%") != NULL) {
			struct bg__buf b = { 0 };
			char *k;
			if (bg__tf_has_expr(c->string)) {
				char **grown = bg__grow(keys->text, &keys->cap,
							keys->count + 1,
							sizeof(char *));
				if (grown == NULL) {
					em->failed = true;
					return;
				}
				keys->text = grown;
				bg__buf_puts(&b, "${jsonencode(");
				bg__hcl_string(&b, c->string, true);
				bg__buf_puts(&b, ")}");
				keys->text[keys->count] = bg__buf_take(&b, NULL);
				em->failed |= keys->text[keys->count] == NULL;
				k = bg__asprintf("${@%zu}", keys->count++);
			} else {
				k = bg_tf_escape(c->string);
			}
			em->failed |= k == NULL || !set_key(c, k);
			free(k);
		}
		if (cJSON_IsString(c) && strpbrk(c->valuestring, "${%") != NULL) {
			char *t = bg_tf_escape(c->valuestring);
			em->failed |= t == NULL ||
				      !bg__em_set_string(c, t);
			free(t);
		} else {
			escape_doc(em, c, keys);
		}
	}
}

/* A JSON value as a Terraform string attribute: its literal strings
 * escaped, its expressions computed and encoded by Terraform. */
static void
add_encoded(struct em *em, cJSON *res, const char *key, cJSON *value)
{
	struct doc_keys keys = { 0 };
	struct bg__buf *text = &em->scratch;
	struct bg__buf filled = { 0 };

	if (value == NULL) {
		em->failed = true;
		return;
	}
	encode_exprs(em, value);
	escape_doc(em, value, &keys);
	text->len = 0;
	bg__buf_puts(text, "");
	bg__json_put_unformatted(text, value);
	cJSON_Delete(value);
	if (keys.count > 0 && !text->failed) {
		/* The placeholders of keys with expressions take their
		 * text. */
		struct bg__buf b = { 0 };
		const char *p = text->data;
		bg__buf_puts(&b, "");
		while (*p != '\0') {
			const char *at = strstr(p, "\"${@");
			size_t i;
			if (at == NULL) {
				bg__buf_puts(&b, p);
				break;
			}
			bg__buf_putn(&b, p, (size_t)(at - p));
			i = strtoul(at + 4, NULL, 10);
			bg__buf_puts(&b, i < keys.count && keys.text[i] != NULL
						 ? keys.text[i]
						 : "");
			p = strchr(at + 4, '"') + 1;
		}
		filled = b;
		text = &filled;
	}
	for (size_t i = 0; i < keys.count; i++) {
		free(keys.text[i]);
	}
	free(keys.text);
	bg__em_add(em, res, key,
		   text->failed ? NULL : cJSON_CreateString(text->data));
	bg__buf_finish(&filled);
}

/* ================================================================== */
/* The document                                                        */
/* ================================================================== */

static void
add_resource_block(struct em *em, cJSON *parent, const struct bg_jobdef *def)
{
	struct item items[BG__MAX_ITEMS];
	size_t n = bg__resource_items(em, def, items);
	cJSON *res = bg__em_add(em, parent, def->label, cJSON_CreateObject());

	for (size_t i = 0; i < n; i++) {
		if (res == NULL || items[i].value == NULL) {
			cJSON_Delete(items[i].value);
		} else if (items[i].kind == ITEM_JSONTEXT) {
			bg__em_add(em, res, items[i].key, items[i].value);
		} else if (items[i].kind == ITEM_JSONENCODE) {
			add_encoded(em, res, items[i].key, items[i].value);
		} else if (items[i].kind == ITEM_MAP) {
			bg__em_add(em, res, items[i].key,
				   escape_map(em, items[i].value));
		} else if (is_expr_raw(items[i].value)) {
			char *text = bg__asprintf("${%s}",
						  items[i].value->valuestring);
			cJSON_Delete(items[i].value);
			bg__em_add(em, res, items[i].key,
				   text != NULL ? cJSON_CreateString(text)
						: NULL);
			free(text);
		} else {
			escape_tree(em, items[i].value);
			raw_exprs(em, items[i].value);
			bg__em_add(em, res, items[i].key, items[i].value);
		}
	}
}

/* Appends a formatted value under `"key": ` at nesting depth. */
static void
append_member(struct bg__buf *b, const char *key, const cJSON *value,
	      unsigned depth, bool last)
{
	for (unsigned i = 0; i < depth; i++) {
		bg__buf_puts(b, "  ");
	}
	bg__json_put_string(b, key);
	bg__buf_puts(b, ": ");
	if (value == NULL) {
		b->failed = true;
	} else {
		bg__json_put(b, value, depth);
	}
	bg__buf_puts(b, last ? "\n" : ",\n");
}

/* text: bodies written as text where they can be (bg__resource_text),
 * else always from their trees. */
static enum bg_status
emit_json(const struct bg_jobdef *const *defs, size_t n, struct bg__buf *b,
	  bool text)
{
	struct em em = { .api_text = text };
	cJSON *vars = NULL;

	/* Input variables first: a reader sees what to supply. */
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < defs[i]->variable_count; j++) {
			const struct bg_variable *v = &defs[i]->variables[j];
			cJSON *var;
			if (vars == NULL) {
				vars = cJSON_CreateObject();
			}
			if (vars == NULL) {
				return BG_ERR_NOMEM;
			}
			var = bg__em_variable(&em, v,
					      cJSON_CreateString("string"));
			if (var != NULL) {
				escape_tree(&em, var);
				raw_exprs(&em, var);
			}
			bg__em_add(&em, vars, v->name, var);
		}
	}
	bg__buf_puts(b, "{\n");
	if (vars != NULL) {
		append_member(b, "variable", vars, 1, false);
		cJSON_Delete(vars);
	}
	bg__buf_puts(b, "  \"resource\": {\n"
			 "    \"aws_batch_job_definition\": {");
	bg__buf_puts(b, n > 0 ? "\n" : "}\n");
	/* One resource at a time: memory stays that of one resource. */
	for (size_t i = 0; i < n && !em.failed && !b->failed; i++) {
		size_t mark = b->len;
		cJSON *res;
		/* The body as text where nothing in it is escaped or
		 * encoded; else from its trees, which are. */
		bg__buf_puts(b, "      ");
		bg__json_put_string(b, defs[i]->label);
		bg__buf_puts(b, ": ");
		if (text && bg__resource_text(&em, defs[i], b, 3)) {
			bg__buf_puts(b, i + 1 == n ? "\n" : ",\n");
			bg__buf_drain(b, BG__DRAIN_AT);
			continue;
		}
		b->len = mark;
		res = cJSON_CreateObject();
		if (res == NULL) {
			em.failed = true;
			break;
		}
		add_resource_block(&em, res, defs[i]);
		if (!em.failed) {
			cJSON *body = cJSON_GetObjectItemCaseSensitive(
				res, defs[i]->label);
			append_member(b, defs[i]->label, body, 3,
				      i + 1 == n);
		}
		cJSON_Delete(res);
		bg__buf_drain(b, BG__DRAIN_AT);
	}
	if (n > 0) {
		bg__buf_puts(b, "    }\n");
	}
	bg__buf_puts(b, "  }\n}\n");
	bg__em_finish(&em);
	return em.failed ? BG_ERR_NOMEM : BG_OK;
}

enum bg_status
bg__emit_json(const struct bg_jobdef *const *defs, size_t n,
	      struct bg__buf *b)
{
	return emit_json(defs, n, b, true);
}

enum bg_status
bg__emit_json_trees(const struct bg_jobdef *const *defs, size_t n,
		    struct bg__buf *b)
{
	return emit_json(defs, n, b, false);
}
