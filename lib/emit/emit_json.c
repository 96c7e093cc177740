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
static cJSON *
tf_string(const char *s)
{
	struct bg__buf b = { 0 };
	char *text;
	cJSON *item;

	if (strchr(s, '\r') != NULL) {
		bg__buf_puts(&b, "${");
		bg__hcl_quote_into(&b, s);
		bg__buf_puts(&b, "}");
	} else {
		bg__buf_puts(&b, "");
		bg__tf_escape_into(&b, s);
	}
	text = bg__buf_take(&b, NULL);
	if (text == NULL) {
		return NULL;
	}
	item = cJSON_CreateString(text);
	free(text);
	return item;
}

/* A Terraform map attribute (tags, parameters): keys sorted. */
static void
add_tf_map(struct em *em, cJSON *obj, const char *key,
	   const struct bg_kvlist *list)
{
	const struct bg_kv **v;
	cJSON *map;

	if (list->count == 0) {
		return;
	}
	v = bg__kv_sorted(list);
	map = bg__em_add(em, obj, key, cJSON_CreateObject());
	if (v == NULL || map == NULL) {
		em->failed = true;
		free(v);
		return;
	}
	for (size_t i = 0; i < list->count; i++) {
		char *k = bg_tf_escape(v[i]->key);
		if (k == NULL) {
			em->failed = true;
			break;
		}
		bg__em_add(em, map, k, tf_string(v[i]->value ? v[i]->value : ""));
		free(k);
	}
	free(v);
}

/* A JSON value as an escaped Terraform string attribute. */
static void
add_encoded(struct em *em, cJSON *res, const char *key, cJSON *value)
{
	char *text;

	if (value == NULL) {
		em->failed = true;
		return;
	}
	text = cJSON_PrintUnformatted(value);
	cJSON_Delete(value);
	if (text == NULL) {
		em->failed = true;
		return;
	}
	bg__em_add(em, res, key, tf_string(text));
	cJSON_free(text);
}

/* ================================================================== */
/* The document                                                        */
/* ================================================================== */

static void
add_resource_block(struct em *em, cJSON *parent, const struct bg_jobdef *def)
{
	bool fargate = bg_jobdef_supports_fargate(def);
	cJSON *res = bg__em_add(em, parent, def->label, cJSON_CreateObject());

	if (res == NULL) {
		return;
	}
	bg__em_add(em, res, "name", tf_string(def->name ? def->name : ""));
	bg__em_add(em, res, "type",
	    tf_string(def->type != NULL ? def->type : "container"));
	if (def->platform_capability_count > 0) {
		cJSON *pc = bg__em_add(em, res, "platform_capabilities",
				cJSON_CreateArray());
		for (size_t i = 0;
		     pc != NULL && i < def->platform_capability_count; i++) {
			bg__em_add(em, pc, NULL,
			    tf_string(def->platform_capabilities[i]));
		}
	}
	if (def->container != NULL) {
		add_encoded(em, res, "container_properties",
			    bg__api_container(em, def->container, fargate));
	}
	if (def->node_properties != NULL) {
		add_encoded(em, res, "node_properties",
			    bg__api_node_properties(em, def->node_properties,
						 fargate));
	}
	add_tf_map(em, res, "parameters", &def->parameters);
	if (def->propagate_tags.set) {
		bg__em_add(em, res, "propagate_tags",
		    cJSON_CreateBool(def->propagate_tags.value));
	}
	if (def->retry_attempts.set || def->evaluate_on_exit_count > 0) {
		/* A block: Terraform JSON takes nested blocks as objects
		 * and lists of objects. Condition strings are templates. */
		cJSON *rs = bg__api_retry(em, def);
		cJSON *list = cJSON_GetObjectItemCaseSensitive(
			rs, "evaluate_on_exit");
		cJSON *e;
		cJSON_ArrayForEach(e, list)
		{
			cJSON *f;
			cJSON_ArrayForEach(f, e)
			{
				char *esc = bg_tf_escape(f->valuestring);
				if (esc == NULL ||
				    cJSON_SetValuestring(f, esc) == NULL) {
					em->failed = true;
				}
				free(esc);
			}
		}
		bg__em_add(em, res, "retry_strategy", rs);
	}
	if (def->scheduling_priority.set) {
		bg__em_add(em, res, "scheduling_priority",
		    bg__em_int(def->scheduling_priority.value));
	}
	add_tf_map(em, res, "tags", &def->tags);
	if (def->timeout_seconds.set) {
		cJSON *to = bg__em_add(em, res, "timeout", cJSON_CreateObject());
		if (to != NULL) {
			bg__em_add(em, to, "attempt_duration_seconds",
			    bg__em_int(def->timeout_seconds.value));
		}
	}
}

/* Appends cJSON's formatted text to b: cJSON indents with tabs and
 * writes ":\t"; make that two spaces per level (plus `depth` levels, for
 * a value nested in the document) and ": ". Strings never hold a raw
 * tab (cJSON escapes it), so every tab in the text is layout. */
void
bg__append_reindented(struct bg__buf *b, const char *text, unsigned depth)
{
	const char *p = text;

	while (*p != '\0') {
		size_t run = strcspn(p, "\t\n");
		bg__buf_putn(b, p, run);
		p += run;
		if (*p == '\t') {
			bg__buf_putc(b, ' ');
			p++;
		} else if (*p == '\n') {
			bg__buf_putc(b, '\n');
			p++;
			for (unsigned i = 0; i < depth; i++) {
				bg__buf_puts(b, "  ");
			}
			while (*p == '\t') {
				bg__buf_puts(b, "  ");
				p++;
			}
		}
	}
}

/* Appends a formatted value under `"key": ` at nesting depth. */
static bool
append_member(struct bg__buf *b, const char *key, cJSON *value,
	      unsigned depth, bool last)
{
	cJSON *k = cJSON_CreateString(key);
	char *ktext = k != NULL ? cJSON_PrintUnformatted(k) : NULL;
	char *vtext = value != NULL ? cJSON_Print(value) : NULL;
	bool ok = ktext != NULL && vtext != NULL;

	if (ok) {
		for (unsigned i = 0; i < depth; i++) {
			bg__buf_puts(b, "  ");
		}
		bg__buf_puts(b, ktext);
		bg__buf_puts(b, ": ");
		bg__append_reindented(b, vtext, depth);
		bg__buf_puts(b, last ? "\n" : ",\n");
	}
	cJSON_free(ktext);
	cJSON_free(vtext);
	cJSON_Delete(k);
	return ok;
}

enum bg_status
bg__emit_json(const struct bg_jobdef *const *defs, size_t n, char **out,
	      size_t *len)
{
	struct em em = { 0 };
	struct bg__buf b = { 0 };
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
			var = bg__em_add(&em, vars, v->name, cJSON_CreateObject());
			if (var != NULL) {
				bg__em_add(&em, var, "description",
				    tf_string(v->description));
				bg__em_add(&em, var, "type",
				    cJSON_CreateString("string"));
			}
		}
	}
	bg__buf_puts(&b, "{\n");
	if (vars != NULL) {
		em.failed |= !append_member(&b, "variable", vars, 1, false);
		cJSON_Delete(vars);
	}
	bg__buf_puts(&b, "  \"resource\": {\n"
			 "    \"aws_batch_job_definition\": {");
	bg__buf_puts(&b, n > 0 ? "\n" : "}\n");
	/* One resource at a time: memory stays that of one resource. */
	for (size_t i = 0; i < n && !em.failed && !b.failed; i++) {
		cJSON *res = cJSON_CreateObject();
		if (res == NULL) {
			em.failed = true;
			break;
		}
		add_resource_block(&em, res, defs[i]);
		if (!em.failed) {
			cJSON *body = cJSON_GetObjectItemCaseSensitive(
				res, defs[i]->label);
			em.failed |= !append_member(&b, defs[i]->label, body, 3,
						    i + 1 == n);
		}
		cJSON_Delete(res);
	}
	if (n > 0) {
		bg__buf_puts(&b, "    }\n");
	}
	bg__buf_puts(&b, "  }\n}\n");
	if (em.failed) {
		bg__buf_finish(&b);
		return BG_ERR_NOMEM;
	}
	*out = bg__buf_take(&b, len);
	return *out != NULL ? BG_OK : BG_ERR_NOMEM;
}
