/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The libcyaml schema of spec and template documents, generated once
 * from the field tables (input/fields.c), so that the loader reads
 * exactly the keys the tables declare, into the members they name.
 *
 * Every object becomes one array of cyaml_schema_field_t (its inlined
 * fields spread out), generated once even when several fields refer to
 * it. Children are generated before their parent's array is written,
 * so each array is contiguous in the pool.
 */
#include "config.h"

#include <stdlib.h>
#include <threads.h>

#include "input/fields.h"

#define OPT_PTR (CYAML_FLAG_OPTIONAL | CYAML_FLAG_POINTER)

/* Generous bounds: the spec format has about 30 objects and 150 rows;
 * tests/test_spec.c's schema test loads every document kind, so running
 * out would show there first. */
#define MAX_OBJECTS 64
#define MAX_ROWS 512

struct gen {
	cyaml_schema_field_t rows[MAX_ROWS];
	size_t nrows;
	/* Per object: its rows, and the value of one entry of a list. */
	const struct bg__object *objects[MAX_OBJECTS];
	const cyaml_schema_field_t *object_rows[MAX_OBJECTS];
	cyaml_schema_value_t entries[MAX_OBJECTS];
	size_t nobjects;
	cyaml_schema_value_t spec, template;
	bool failed;
};

static struct gen *gen;
static once_flag gen_once = ONCE_FLAG_INIT;

static const cyaml_schema_value_t string_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

static size_t generate(struct gen *g, const struct bg__object *o);

/* Generates the objects that o's fields (inlined ones included) refer
 * to. */
static void
generate_children(struct gen *g, const struct bg__object *o)
{
	for (size_t i = 0; i < o->count && !g->failed; i++) {
		const struct bg__field *f = &o->fields[i];
		if (f->kind == BG_K_INLINE) {
			generate_children(g, f->sub);
		} else if (f->sub != NULL) {
			generate(g, f->sub);
		}
	}
}

static const cyaml_schema_field_t *
rows_of(const struct gen *g, const struct bg__object *o, size_t *index)
{
	for (size_t i = 0; i < g->nobjects; i++) {
		if (g->objects[i] == o) {
			*index = i;
			return g->object_rows[i];
		}
	}
	return NULL;
}

static void
put_row(struct gen *g, const struct bg__field *f, uint32_t off)
{
	cyaml_schema_field_t *r;
	enum cyaml_flag flags = (f->flags & BG_F_REQUIRED)
					? CYAML_FLAG_POINTER
					: OPT_PTR;
	size_t sub = 0;

	if (g->nrows >= MAX_ROWS) {
		g->failed = true;
		return;
	}
	r = &g->rows[g->nrows++];
	*r = (cyaml_schema_field_t){ .key = f->key, .data_offset = off };
	switch (f->kind) {
	case BG_K_STR:
	case BG_K_NUM:
		r->value = (cyaml_schema_value_t){ CYAML_VALUE_STRING(
			flags, char, (f->flags & BG_F_NONEMPTY) ? 1 : 0,
			CYAML_UNLIMITED) };
		break;
	case BG_K_INT:
		r->value = (cyaml_schema_value_t){ CYAML_VALUE_INT(flags,
								   int64_t) };
		break;
	case BG_K_BOOL:
		r->value = (cyaml_schema_value_t){ CYAML_VALUE_BOOL(flags,
								    bool) };
		break;
	case BG_K_STRS:
		r->count_offset = f->count_off - f->off + off;
		r->count_size = sizeof(unsigned);
		r->value = (cyaml_schema_value_t){ CYAML_VALUE_SEQUENCE(
			flags, char *, &string_entry, 0, CYAML_UNLIMITED) };
		break;
	case BG_K_OBJ:
		r->value = (cyaml_schema_value_t){
			.type = CYAML_MAPPING,
			.flags = flags,
			.data_size = f->sub->size,
			.mapping = { .fields = rows_of(g, f->sub, &sub) },
		};
		break;
	case BG_K_OBJS:
		r->count_offset = f->count_off - f->off + off;
		r->count_size = sizeof(unsigned);
		(void)rows_of(g, f->sub, &sub);
		r->value = (cyaml_schema_value_t){
			.type = CYAML_SEQUENCE,
			.flags = flags,
			.data_size = f->sub->size,
			.sequence = { .entry = &g->entries[sub],
				      .min = f->min,
				      .max = CYAML_UNLIMITED },
		};
		break;
	default: /* BG_K_MAP, BG_K_ENV: free-form, read from the view */
		r->value = (cyaml_schema_value_t){
			.type = CYAML_IGNORE,
			.flags = CYAML_FLAG_OPTIONAL,
		};
		break;
	}
}

static bool
put_field(const struct bg__field *f, uint32_t off, void *ctx)
{
	put_row(ctx, f, off);
	return true;
}

/* Generates o's rows (once); returns its index. */
static size_t
generate(struct gen *g, const struct bg__object *o)
{
	size_t index = 0;
	const cyaml_schema_field_t *first;

	if (rows_of(g, o, &index) != NULL || g->failed) {
		return index;
	}
	if (g->nobjects >= MAX_OBJECTS) {
		g->failed = true;
		return 0;
	}
	/* Claim the slot first: an object that contains itself (none
	 * does) would otherwise recurse without end. */
	index = g->nobjects++;
	g->objects[index] = o;
	g->object_rows[index] = NULL;
	generate_children(g, o);
	first = &g->rows[g->nrows];
	bg__object_each(o, put_field, g);
	put_row(g, &(struct bg__field){ .key = NULL }, 0); /* the end */
	if (g->failed) {
		return 0;
	}
	g->rows[g->nrows - 1] = (cyaml_schema_field_t)CYAML_FIELD_END;
	g->object_rows[index] = first;
	g->entries[index] = (cyaml_schema_value_t){
		.type = CYAML_MAPPING,
		.flags = CYAML_FLAG_DEFAULT,
		.data_size = o->size,
		.mapping = { .fields = first },
	};
	return index;
}

static void
init(void)
{
	struct gen *g = calloc(1, sizeof(*g));
	size_t spec, template;

	if (g == NULL) {
		return;
	}
	spec = generate(g, &bg__obj_spec);
	template = generate(g, &bg__obj_template);
	if (g->failed) {
		free(g);
		return;
	}
	g->spec = g->entries[spec];
	g->spec.flags = CYAML_FLAG_POINTER;
	g->template = g->entries[template];
	g->template.flags = CYAML_FLAG_POINTER;
	gen = g;
}

const cyaml_schema_value_t *
bg__spec_schema(void)
{
	call_once(&gen_once, init);
	return gen != NULL ? &gen->spec : NULL;
}

const cyaml_schema_value_t *
bg__template_schema(void)
{
	call_once(&gen_once, init);
	return gen != NULL ? &gen->template : NULL;
}
