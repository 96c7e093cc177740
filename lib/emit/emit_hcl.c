/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * HCL (.tf) output, written the way `terraform fmt` writes it.
 *
 * container_properties and node_properties are `jsonencode({...})` in
 * HCL object syntax, written from the same cJSON trees as the Terraform
 * JSON output (api.c), so both formats describe the same resources.
 *
 * Layout rules of terraform fmt that matter here: two-space indents;
 * within a body, a run of consecutive one-line attributes has its "="
 * signs aligned; an attribute whose value spans lines is not aligned and
 * ends the run, and so does a nested block.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

#include "emit.h"

/* ================================================================== */
/* Values                                                              */
/* ================================================================== */

static void
indent(struct bg__buf *b, unsigned depth)
{
	for (unsigned i = 0; i < depth; i++) {
		bg__buf_puts(b, "  ");
	}
}

static bool
is_scalar(const cJSON *v)
{
	return !cJSON_IsArray(v) && !cJSON_IsObject(v);
}

/* Whether v is written on one line. */
static bool
one_line(const cJSON *v)
{
	const cJSON *item;

	if (cJSON_IsObject(v)) {
		return v->child == NULL;
	}
	if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(item, v)
		{
			if (!is_scalar(item)) {
				return false;
			}
		}
	}
	return true;
}

static void put_value(struct bg__buf *b, const cJSON *v, unsigned depth,
		      bool untyped);

/* Words HCL reads as keywords where an object key would stand: a bare
 * "for" starts a for-expression, "true", "false" and "null" are
 * values, and the template keywords are reserved. */
static bool
is_hcl_keyword(const char *key)
{
	static const char *const words[] = {
		"for", "in", "if", "else", "endif", "endfor",
		"true", "false", "null",
	};

	for (size_t i = 0; i < ARRAY_LENGTH(words); i++) {
		if (strcmp(key, words[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* Object keys are bare identifiers, else (in maps, and for keywords)
 * quoted. */
static bool
needs_quotes(const char *key, bool quote_keys)
{
	return quote_keys || !bg__is_tf_identifier(key) || is_hcl_keyword(key);
}

/* The columns terraform fmt gives text: its extended grapheme
 * clusters (hclwrite counts them to align "="), as Unicode's UAX #29
 * says: libunistring's pairwise rule (GB3 to GB9b), and the two rules
 * that need what came before: an emoji, extenders and a zero-width
 * joiner join the next emoji (GB11), and regional indicators pair up
 * into flags (GB12, GB13). A byte that is not UTF-8 is one column.
 * Checked against terraform fmt (tests/terraform: keys in Devanagari,
 * Thai, Hangul jamo, flags, ZWJ sequences, modifiers). */
static size_t
columns(const char *text)
{
	const uint8_t *p = (const uint8_t *)text;
	const uint8_t *end = p + strlen(text);
	ucs4_t prev = 0;
	size_t n = 0, ri = 0; /* regional indicators in a row, before c */
	bool pict = false;     /* the cluster so far: an emoji, extenders */
	bool pict_zwj = false; /* ... and then a zero-width joiner */

	while (p < end) {
		ucs4_t c;
		int len = u8_mbtouc(&c, p, (size_t)(end - p));
		bool is_ri = uc_is_property_regional_indicator(c);
		bool brk;
		if (n == 0) {
			brk = true;
		} else if (prev == 0x200d &&
			   uc_is_property_extended_pictographic(c)) {
			brk = !pict_zwj; /* GB11 */
		} else if (is_ri && uc_is_property_regional_indicator(prev)) {
			brk = ri % 2 == 0; /* GB12, GB13 */
		} else {
			brk = uc_is_grapheme_break(prev, c);
		}
		n += brk;
		ri = is_ri ? ri + 1 : 0;
		pict_zwj = pict && c == 0x200d;
		if (uc_is_property_extended_pictographic(c)) {
			pict = true;
		} else if (uc_graphemeclusterbreak_property(c) != GBP_EXTEND) {
			pict = false;
		}
		prev = c;
		p += len;
	}
	return n;
}

/* The width of a key as written, for aligning "=". */
static size_t
key_width(const char *key, bool quote_keys)
{
	struct bg__buf b = { 0 };
	size_t w;

	if (!needs_quotes(key, quote_keys)) {
		return strlen(key);
	}
	bg__hcl_quote_into(&b, key);
	w = b.data != NULL && !b.failed ? columns(b.data) : strlen(key) + 2;
	bg__buf_finish(&b);
	return w;
}

/* An object body: one "key = value" per line, aligned in runs. */
static void
put_object_body(struct bg__buf *b, const cJSON *obj, unsigned depth,
		bool quote_keys, bool untyped)
{
	for (const cJSON *start = obj->child; start != NULL;) {
		const cJSON *end = start;
		size_t width = 0;

		/* A run of one-line members shares one alignment. */
		if (one_line(start)) {
			while (end != NULL && one_line(end)) {
				size_t w = key_width(end->string, quote_keys);
				width = w > width ? w : width;
				end = end->next;
			}
		} else {
			end = start->next;
		}
		for (const cJSON *m = start; m != end; m = m->next) {
			size_t w = key_width(m->string, quote_keys);
			indent(b, depth);
			if (needs_quotes(m->string, quote_keys)) {
				bg__hcl_quote_into(b, m->string);
			} else {
				bg__buf_puts(b, m->string);
			}
			for (; w < width; w++) {
				bg__buf_putc(b, ' ');
			}
			bg__buf_puts(b, " = ");
			put_value(b, m, depth, untyped);
			bg__buf_putc(b, '\n');
		}
		start = end;
	}
}

/* The expression inside s = "${EXPR}" onto b. */
static void
put_inner(struct bg__buf *b, const char *s)
{
	char *inner = bg__tf_expr_inner(s);

	if (inner == NULL) {
		b->failed = true;
		return;
	}
	bg__buf_puts(b, inner);
	free(inner);
}

/* A string that is one Terraform expression and nothing else is written
 * as the expression: bare where a schema gives the attribute its type
 * (terraform fmt unwraps "${EXPR}" there), tostring(EXPR) inside
 * jsonencode, where HCL would give "${EXPR}" the expression's own type
 * ("${var.n * 2}" is a number). Any other string is a quoted template. */
void
bg__hcl_string(struct bg__buf *b, const char *s, bool untyped)
{
	if (!bg__tf_is_expr(s)) {
		bg__hcl_quote_into(b, s);
	} else if (untyped) {
		bg__buf_puts(b, "tostring(");
		put_inner(b, s);
		bg__buf_putc(b, ')');
	} else {
		put_inner(b, s);
	}
}

static void
put_value(struct bg__buf *b, const cJSON *v, unsigned depth, bool untyped)
{
	const cJSON *item;

	if (cJSON_IsString(v)) {
		bg__hcl_string(b, v->valuestring, untyped);
	} else if (cJSON_IsRaw(v)) {
		bg__buf_puts(b, v->valuestring); /* integer literal */
	} else if (cJSON_IsBool(v)) {
		bg__buf_puts(b, cJSON_IsTrue(v) ? "true" : "false");
	} else if (cJSON_IsNumber(v)) {
		bg__buf_printf(b, "%lld", (long long)v->valuedouble);
	} else if (cJSON_IsArray(v) && one_line(v)) {
		bg__buf_putc(b, '[');
		cJSON_ArrayForEach(item, v)
		{
			put_value(b, item, depth, untyped);
			if (item->next != NULL) {
				bg__buf_puts(b, ", ");
			}
		}
		bg__buf_putc(b, ']');
	} else if (cJSON_IsArray(v)) {
		bg__buf_puts(b, "[\n");
		cJSON_ArrayForEach(item, v)
		{
			indent(b, depth + 1);
			put_value(b, item, depth + 1, untyped);
			bg__buf_puts(b, ",\n");
		}
		indent(b, depth);
		bg__buf_putc(b, ']');
	} else if (cJSON_IsObject(v) && v->child == NULL) {
		bg__buf_puts(b, "{}");
	} else if (cJSON_IsObject(v)) {
		bg__buf_puts(b, "{\n");
		put_object_body(b, v, depth + 1, false, untyped);
		indent(b, depth);
		bg__buf_putc(b, '}');
	} else {
		bg__buf_puts(b, "null");
	}
}

/* ================================================================== */
/* Blocks                                                              */
/* ================================================================== */

/* A block body: attributes (aligned in runs), then each list of
 * objects as repeated nested blocks, as HCL writes block types. */
static void
put_block_body(struct bg__buf *b, const cJSON *obj, unsigned depth)
{
	cJSON *attrs = cJSON_CreateObject();
	const cJSON *m;

	if (attrs == NULL) {
		b->failed = true;
		return;
	}
	cJSON_ArrayForEach(m, obj)
	{
		if (!cJSON_IsArray(m) || one_line(m)) {
			cJSON_AddItemToObject(attrs, m->string,
					      cJSON_Duplicate(m, true));
		}
	}
	put_object_body(b, attrs, depth, false, false);
	cJSON_Delete(attrs);
	cJSON_ArrayForEach(m, obj)
	{
		const cJSON *e;
		if (!cJSON_IsArray(m) || one_line(m)) {
			continue;
		}
		cJSON_ArrayForEach(e, m)
		{
			indent(b, depth);
			bg__buf_printf(b, "%s {\n", m->string);
			put_block_body(b, e, depth + 1);
			indent(b, depth);
			bg__buf_puts(b, "}\n");
		}
	}
}

static bool
item_one_line(const struct item *it)
{
	return it->kind == ITEM_ATTR && one_line(it->value);
}

/* Writes a body: runs of one-line attributes aligned, as fmt does. */
static void
put_items(struct bg__buf *b, const struct item *items, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t end = i + 1;
		size_t width = strlen(items[i].key);

		if (item_one_line(&items[i])) {
			while (end < n && item_one_line(&items[end])) {
				size_t w = strlen(items[end].key);
				width = w > width ? w : width;
				end++;
			}
		}
		for (size_t j = i; j < end; j++) {
			const struct item *it = &items[j];
			indent(b, 1);
			bg__buf_puts(b, it->key);
			if (it->kind == ITEM_BLOCK) {
				bg__buf_puts(b, " {\n");
				put_block_body(b, it->value, 2);
				bg__buf_puts(b, "  }\n");
				continue;
			}
			for (size_t w = strlen(it->key); w < width; w++) {
				bg__buf_putc(b, ' ');
			}
			bg__buf_puts(b, " = ");
			if (it->kind == ITEM_JSONENCODE) {
				bg__buf_puts(b, "jsonencode(");
				put_value(b, it->value, 1, true);
				bg__buf_putc(b, ')');
			} else if (it->kind == ITEM_MAP) {
				bg__buf_puts(b, "{\n");
				put_object_body(b, it->value, 2, true, false);
				bg__buf_puts(b, "  }");
			} else {
				put_value(b, it->value, 1, false);
			}
			bg__buf_putc(b, '\n');
		}
		i = end;
	}
}

static void
put_resource(struct em *em, struct bg__buf *b, const struct bg_jobdef *def)
{
	struct item items[BG__MAX_ITEMS];
	size_t n = bg__resource_items(em, def, items);

	if (!em->failed) {
		bg__buf_puts(b, "resource \"aws_batch_job_definition\" ");
		bg__hcl_quote_into(b, def->label);
		bg__buf_puts(b, " {\n");
		put_items(b, items, n);
		bg__buf_puts(b, "}\n");
	}
	for (size_t i = 0; i < n; i++) {
		cJSON_Delete(items[i].value);
	}
}

enum bg_status
bg__emit_hcl(const struct bg_jobdef *const *defs, size_t n,
	     struct bg__buf *b)
{
	struct em em = { 0 };
	bool first = true;

	bg__buf_puts(b, "");
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < defs[i]->variable_count; j++) {
			const struct bg_variable *v = &defs[i]->variables[j];
			bg__buf_puts(b, first ? "" : "\n");
			cJSON *body = bg__em_variable(
				&em, v, cJSON_CreateRaw("string"));
			bg__buf_puts(b, "variable ");
			bg__hcl_quote_into(b, v->name);
			bg__buf_puts(b, " {\n");
			if (body != NULL) {
				put_block_body(b, body, 1);
			}
			em.failed |= body == NULL;
			cJSON_Delete(body);
			bg__buf_puts(b, "}\n");
			first = false;
		}
	}
	for (size_t i = 0; i < n && !em.failed && !b->failed; i++) {
		bg__buf_puts(b, first ? "" : "\n");
		put_resource(&em, b, defs[i]);
		first = false;
		bg__buf_drain(b, BG__DRAIN_AT);
	}
	bg__em_finish(&em);
	return em.failed ? BG_ERR_NOMEM : BG_OK;
}
