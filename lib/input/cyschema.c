/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The libcyaml schemas of spec and template documents, generated once
 * from the field tables (model/fields.c), so that libcyaml reads
 * exactly the keys the tables declare straight into the model structs
 * they name. Two schemas per document:
 *
 *   - the check schema, which input/check.c walks to report every
 *     problem with its position: vCPUs are text there, and
 *     resource_requirements a list of {type, value};
 *   - the load schema libcyaml fills the model with: vCPUs and
 *     resource_requirements are read from the located view instead
 *     (input/fill.c), as are the free-form maps.
 *
 * An optional number or boolean is loaded into the value of its
 * struct bg_opt_int / bg_opt_bool; input/fill.c marks it set.
 *
 * Every object becomes one array of cyaml_schema_field_t (its inlined
 * fields spread out), generated once per schema even when several
 * fields refer to it. Children are generated before their parent's
 * array is written, so each array is contiguous in the pool.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "input/cyschema.h"

#define OPT_PTR (CYAML_FLAG_OPTIONAL | CYAML_FLAG_POINTER)

/* Generous bounds: the spec format has about 30 objects and 150 rows;
 * tests/test_spec.c's schema test loads every document kind, so running
 * out would show there first. */
#define MAX_OBJECTS 64
#define MAX_ROWS 512
#define KEY_SLOTS (4 * MAX_ROWS)

struct gen {
	bool load; /* the load schema (else the check schema) */
	cyaml_schema_field_t rows[MAX_ROWS];
	bool often[MAX_ROWS]; /* the row's field is BG_F_OFTEN */
	size_t nrows;
	/* Every object's rows by key, its first row its group
	 * (bg__keyslots; bg__schema_field_index). */
	uint16_t key_slots[KEY_SLOTS];
	/* Per object: its rows, and the value of one entry of a list. */
	const struct bg__object *objects[MAX_OBJECTS];
	const cyaml_schema_field_t *object_rows[MAX_OBJECTS];
	cyaml_schema_value_t entries[MAX_OBJECTS];
	/* The same, as an item of a BG_F_BOXED list: a block of its own. */
	cyaml_schema_value_t boxed[MAX_OBJECTS];
	size_t nobjects;
	cyaml_schema_value_t spec, template;
	bool failed;
};

/* The check and the load schemas, and the free-form fields. */
static struct gen *gens[2];
static struct bg__free_field free_fields[8];
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
	enum cyaml_flag value_flags = (f->flags & BG_F_REQUIRED)
					      ? CYAML_FLAG_DEFAULT
					      : CYAML_FLAG_OPTIONAL;
	size_t sub = 0;
	uint8_t kind = f->kind;

	if (g->nrows >= MAX_ROWS) {
		g->failed = true;
		return;
	}
	if (g->load && (kind == BG_K_NUM || kind == BG_K_RESOURCES ||
			kind == BG_K_INT || kind == BG_K_BOOL)) {
		/* Read from the view: vCPUs exactly, and any optional
		 * number or boolean may be a Terraform expression. */
		kind = BG_K_MAP;
	} else if (kind == BG_K_NUM) {
		kind = BG_K_STR;
	}
	g->often[g->nrows] = (f->flags & BG_F_OFTEN) != 0;
	r = &g->rows[g->nrows++];
	*r = (cyaml_schema_field_t){ .key = f->key, .data_offset = off };
	switch (kind) {
	case BG_K_STR:
		r->value = (cyaml_schema_value_t){ CYAML_VALUE_STRING(
			flags, char, (f->flags & BG_F_NONEMPTY) ? 1 : 0,
			CYAML_UNLIMITED) };
		break;
	case BG_K_INT:
		r->data_offset += offsetof(struct bg_opt_int, value);
		r->value = (cyaml_schema_value_t){ CYAML_VALUE_INT(value_flags,
								   int64_t) };
		break;
	case BG_K_BOOL:
		r->data_offset += offsetof(struct bg_opt_bool, value);
		/* fall through */
	case BG_K_FLAG:
		r->value = (cyaml_schema_value_t){ CYAML_VALUE_BOOL(value_flags,
								    bool) };
		break;
	case BG_K_STRS:
		r->count_offset = f->count_off - f->off + off;
		r->count_size = sizeof(size_t);
		r->value = (cyaml_schema_value_t){ CYAML_VALUE_SEQUENCE(
			flags, char *, &string_entry, 0, CYAML_UNLIMITED) };
		break;
	case BG_K_OBJ:
	case BG_K_EMBED:
		r->value = (cyaml_schema_value_t){
			.type = CYAML_MAPPING,
			.flags = kind == BG_K_OBJ ? flags : value_flags,
			.data_size = f->sub->size,
			.mapping = { .fields = rows_of(g, f->sub, &sub) },
		};
		break;
	case BG_K_OBJS:
	case BG_K_RESOURCES:
		r->count_offset = f->count_off - f->off + off;
		r->count_size = sizeof(size_t);
		(void)rows_of(g, f->sub, &sub);
		r->value = (cyaml_schema_value_t){
			.type = CYAML_SEQUENCE,
			.flags = flags,
			.data_size = f->sub->size,
			.sequence = { .entry = &g->entries[sub],
				      .min = f->min,
				      .max = CYAML_UNLIMITED },
		};
		if (f->flags & BG_F_BOXED) {
			g->boxed[sub] = g->entries[sub];
			g->boxed[sub].flags = CYAML_FLAG_POINTER;
			r->value.data_size = sizeof(void *);
			r->value.sequence.entry = &g->boxed[sub];
		}
		break;
	default: /* free-form, read from the view (input/fill.c) */
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

/* libcyaml compares a key with an object's rows one after the other:
 * in the load schema the rows of keys most specs write go first (in
 * table order, as the rest). At 10,000 jobs of the benchmark's spec
 * that is 28 M of 2.25 G instructions. The check schema keeps the
 * table's order: input/check.c reports what is missing in it. */
static void
often_first(struct gen *g, size_t from, size_t to)
{
	cyaml_schema_field_t rest[MAX_ROWS];
	size_t n = 0, at = from;

	for (size_t r = from; r < to; r++) {
		if (g->often[r]) {
			g->rows[at++] = g->rows[r];
		} else {
			rest[n++] = g->rows[r];
		}
	}
	memcpy(&g->rows[at], rest, n * sizeof(*rest));
}

/* The index of g's rows by key: each object's rows a group. */
static struct bg__keyslots
keys_of_rows(struct gen *g)
{
	return (struct bg__keyslots){ g->key_slots, KEY_SLOTS, g->rows,
				      sizeof(g->rows[0]),
				      offsetof(cyaml_schema_field_t, key) };
}

/* Generates o's rows (once); returns its index. */
static size_t
generate(struct gen *g, const struct bg__object *o)
{
	size_t index = 0, from;
	const cyaml_schema_field_t *first;
	struct bg__keyslots keys;

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
	from = (size_t)(first - g->rows);
	if (g->load) {
		often_first(g, from, g->nrows - 1);
	}
	keys = keys_of_rows(g);
	bg__keyslots_put(&keys, from, from, g->nrows - 1);
	g->object_rows[index] = first;
	g->entries[index] = (cyaml_schema_value_t){
		.type = CYAML_MAPPING,
		.flags = CYAML_FLAG_DEFAULT,
		.data_size = o->size,
		.mapping = { .fields = first },
	};
	return index;
}

static struct gen *
build(bool load)
{
	struct gen *g = calloc(1, sizeof(*g));
	size_t spec, template;

	if (g == NULL) {
		return NULL;
	}
	g->load = load;
	spec = generate(g, &bg__obj_spec);
	template = generate(g, &bg__obj_template);
	if (g->failed) {
		free(g);
		return NULL;
	}
	g->spec = g->entries[spec];
	g->spec.flags = CYAML_FLAG_POINTER;
	g->template = g->entries[template];
	g->template.flags = CYAML_FLAG_POINTER;
	return g;
}

/* The free-form fields (maps of text, environment) of every table. */
static bool
note_free(const struct bg__field *f, uint32_t off, void *ctx)
{
	size_t *n = ctx;

	(void)off;
	if (f->kind == BG_K_MAP || f->kind == BG_K_ENV) {
		for (size_t i = 0; i < *n; i++) {
			if (strcmp(free_fields[i].key, f->key) == 0) {
				return true;
			}
		}
		if (*n + 1 < ARRAY_LENGTH(free_fields)) {
			free_fields[*n].key = f->key;
			free_fields[*n].convert = f->kind == BG_K_ENV
							  ? bg__ynode_to_env
							  : bg__ynode_to_kvlist;
			(*n)++;
		}
	}
	if (f->sub != NULL && f->kind != BG_K_RESOURCES) {
		bg__object_each(f->sub, note_free, ctx);
	}
	return true;
}

static void
init(void)
{
	size_t n = 0;

	gens[0] = build(false);
	gens[1] = build(true);
	if (gens[0] == NULL || gens[1] == NULL) {
		free(gens[0]);
		free(gens[1]);
		gens[0] = gens[1] = NULL;
	}
	bg__object_each(&bg__obj_spec, note_free, &n);
	bg__object_each(&bg__obj_template, note_free, &n);
}

const struct bg__schemas *
bg__schemas(const struct bg__object *root)
{
	static struct bg__schemas spec, template;

	call_once(&gen_once, init);
	if (gens[0] == NULL) {
		return NULL;
	}
	if (root == &bg__obj_spec) {
		spec = (struct bg__schemas){ &gens[0]->spec, &gens[1]->spec,
					     free_fields, root };
		return &spec;
	}
	template = (struct bg__schemas){ &gens[0]->template,
					 &gens[1]->template, free_fields,
					 root };
	return &template;
}

size_t
bg__schema_field_index(const cyaml_schema_field_t *fields, size_t count,
		       const char *key)
{
	for (size_t k = 0; k < ARRAY_LENGTH(gens); k++) {
		struct gen *g = gens[k];
		/* Whether fields lies in g's rows: compared as integers,
		 * as pointers into different arrays may not be. */
		uintptr_t at = (uintptr_t)fields, rows;
		struct bg__keyslots keys;
		size_t base, row;
		if (g == NULL) {
			continue;
		}
		rows = (uintptr_t)g->rows;
		if (at < rows || at >= rows + sizeof(g->rows) ||
		    (at - rows) % sizeof(g->rows[0]) != 0) {
			continue;
		}
		base = (at - rows) / sizeof(g->rows[0]);
		if (base + count > g->nrows) {
			continue;
		}
		keys = keys_of_rows(g);
		row = bg__keyslots_find(&keys, base, base, base + count, key);
		return row != SIZE_MAX ? row - base : count;
	}
	for (size_t i = 0; i < count; i++) {
		if (strcmp(fields[i].key, key) == 0) {
			return i;
		}
	}
	return count;
}
