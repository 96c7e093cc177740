/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Where the emitters' walks write a value (emit.h, struct bg__out): a
 * cJSON tree, or the text that tree would print to, written straight
 * onto a buffer in the layout of json_text.c (cJSON's, unformatted or
 * indented two spaces a level), member by member.
 *
 * The Terraform JSON output changes some of a tree before printing it:
 * a string or key with one of o->refuse's kinds of bytes (BG__SEEN_*,
 * found as the string is written) is escaped for
 * Terraform's templates, an expression is encoded. The text has no
 * such step: meeting one, it is refused (o->refused), and the caller
 * builds the tree instead. A walk written once against these calls
 * writes both, so the two cannot differ in what they say or in which
 * order (tests/test_api_text.c holds their bytes to each other).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* ",", a newline and the indentation of up to 32 levels: the text
 * between members is a piece of it, written at once (deeper members
 * refuse the text). */
static const char between[] =
	",\n                                                                ";

static bool
pretty(const struct bg__out *o)
{
	return o->level >= 0;
}

/* A member of the open container in one piece: the end of the one
 * before it, its indentation and key (in an object), and the string
 * literal of v (NULL: the caller writes the value next). */
static void
text_member(struct bg__out *o, const char *key, const char *v)
{
	struct bg__out_level *l = &o->at[o->depth - 1];
	bool more = l->count++ > 0;
	size_t ind = pretty(o) && !l->array ? (size_t)(l->level + 1) * 2 : 0;
	size_t klen;
	size_t vlen = v != NULL ? strlen(v) : 0;
	unsigned seen = 0;
	char *start, *w;

	if (!l->array && key == NULL) {
		key = ""; /* no caller writes a member without one */
	}
	klen = l->array ? 0 : strlen(key);
	if (klen > SIZE_MAX / 16 || vlen > SIZE_MAX / 16 ||
	    ind > sizeof(between) - 3) {
		o->refused = true; /* the tree's printer has no bounds */
		return;
	}
	start = w = bg__buf_room(o->text, 16 + ind + klen * 7 + vlen * 7);
	if (w == NULL) {
		return;
	}
	if (more) {
		*w++ = ',';
		if (pretty(o)) {
			*w++ = l->array ? ' ' : '\n';
		}
	}
	if (!l->array) {
		memcpy(w, between + 2, ind);
		w = bg__json_literal_at(w + ind, key, klen, o->encoded, &seen);
		*w++ = ':';
		if (pretty(o)) {
			*w++ = ' ';
		}
	}
	if (v != NULL) {
		w = bg__json_literal_at(w, v, vlen, o->encoded, &seen);
	}
	if (seen & o->refuse) {
		o->refused = true;
	}
	bg__buf_commit(o->text, (size_t)(w - start));
}

/* item under key in the open container (the root when none is). */
static void
tree_attach(struct bg__out *o, const char *key, cJSON *item)
{
	if (o->depth == 0) {
		o->root = item;
		o->em->failed |= item == NULL;
		return;
	}
	o->at[o->depth - 1].count++;
	bg__em_add_static(o->em, o->at[o->depth - 1].node, key, item);
}

void
bg__out_start(struct bg__out *o, struct em *em, struct bg__buf *text,
	      int level, unsigned refuse)
{
	o->em = em;
	o->text = text;
	o->level = level;
	o->refuse = refuse;
	o->refused = false;
	o->encoded = false;
	o->root = NULL;
	o->depth = 0;
	o->lost = 0;
}

void
bg__out_open(struct bg__out *o, const char *key, bool array)
{
	struct bg__out_level l = { .array = array };

	if (o->depth == ARRAY_LENGTH(o->at)) {
		/* Deeper than any table goes: a tree fails, text is
		 * refused (and its tree then fails). */
		o->em->failed |= o->text == NULL;
		o->refused = true;
		o->lost++;
		return;
	}
	l.level = o->depth == 0 ? o->level : o->at[o->depth - 1].level + 1;
	if (o->text != NULL) {
		l.start = o->text->len;
		if (o->depth > 0) {
			text_member(o, key, NULL);
		}
		bg__buf_putn(o->text, array ? "[" : "{\n",
			     !array && pretty(o) ? 2 : 1);
	} else {
		l.node = array ? cJSON_CreateArray() : cJSON_CreateObject();
		tree_attach(o, key, l.node);
	}
	o->at[o->depth++] = l;
}

void
bg__out_close(struct bg__out *o, bool drop)
{
	struct bg__out_level l;

	if (o->lost > 0) {
		o->lost--;
		return;
	}
	if (o->depth == 0) {
		return;
	}
	l = o->at[--o->depth];
	if (o->text != NULL) {
		if (!l.array && pretty(o)) {
			if (l.count > 0) {
				bg__buf_putc(o->text, '\n');
			}
			bg__json_indent(o->text, (unsigned)l.level);
		}
		bg__buf_putc(o->text, l.array ? ']' : '}');
	}
	if (!drop || o->depth == 0) {
		return;
	}
	o->at[o->depth - 1].count--;
	if (o->text != NULL) {
		o->text->len = l.start;
	} else if (l.node != NULL) {
		cJSON_Delete(cJSON_DetachItemViaPointer(
			o->at[o->depth - 1].node, l.node));
	}
}

size_t
bg__out_count(const struct bg__out *o)
{
	return o->depth > 0 && o->lost == 0 ? o->at[o->depth - 1].count : 0;
}

void
bg__out_string(struct bg__out *o, const char *key, const char *s, bool copy)
{
	if (o->text != NULL) {
		text_member(o, key, s);
		return;
	}
	tree_attach(o, key, copy ? cJSON_CreateString(s) : bg__em_ref(s));
}

void
bg__out_literal(struct bg__out *o, const char *key, const char *text)
{
	if (o->text != NULL) {
		text_member(o, key, NULL);
		bg__buf_puts(o->text, text);
		return;
	}
	tree_attach(o, key,
		    text[0] == 't'   ? cJSON_CreateTrue()
		    : text[0] == 'f' ? cJSON_CreateFalse()
				     : cJSON_CreateRaw(text));
}

void
bg__out_int(struct bg__out *o, const char *key, int64_t v)
{
	char buf[24];

	bg__out_literal(o, key, bg__int_text(buf, v));
}

void
bg__out_opt_int(struct bg__out *o, const char *key,
		const struct bg_opt_int *v, const char *conv, bool always)
{
	if (v->expr != NULL) {
		bg__out_tree(o, key, bg__em_expr(v->expr, conv));
	} else if (v->set || always) {
		bg__out_int(o, key, v->set ? v->value : 0);
	}
}

void
bg__out_opt_bool(struct bg__out *o, const char *key,
		 const struct bg_opt_bool *v, const char *conv)
{
	if (v->expr != NULL) {
		bg__out_tree(o, key, bg__em_expr(v->expr, conv));
	} else if (v->set) {
		bg__out_literal(o, key, v->value ? "true" : "false");
	}
}

void
bg__out_tree(struct bg__out *o, const char *key, cJSON *item)
{
	if (o->text != NULL) {
		o->refused = true;
		cJSON_Delete(item);
		return;
	}
	tree_attach(o, key, item);
}

void
bg__out_strings(struct bg__out *o, const char *key, char *const *v,
		size_t n)
{
	if (n == 0) {
		return;
	}
	bg__out_open(o, key, true);
	for (size_t i = 0; i < n; i++) {
		bg__out_string(o, NULL, v[i] != NULL ? v[i] : "", false);
	}
	bg__out_close(o, false);
}

void
bg__out_map(struct bg__out *o, const char *key, const struct bg_kvlist *kv)
{
	const struct bg_kv *small[BG__SMALL_SORT];
	const struct bg_kv **v = bg__kv_sorted(kv, small);

	bg__out_open(o, key, false);
	for (size_t i = 0; v != NULL && i < kv->count; i++) {
		bg__out_string(o, v[i]->key, v[i]->value ? v[i]->value : "",
			       false);
	}
	bg__out_close(o, false);
	if (v == NULL) {
		o->em->failed = true;
		o->refused = true;
	}
	bg__kv_sorted_free(v, small);
}

cJSON *
bg__em_map(struct em *em, const struct bg_kvlist *list)
{
	struct bg__out o;

	bg__out_start(&o, em, NULL, -1, 0);
	bg__out_map(&o, NULL, list);
	return o.root;
}

bool
bg__out_text(struct bg__out *o)
{
	return o->text != NULL;
}
