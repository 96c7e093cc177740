/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Internal: the one declaration of every key a spec file or a template
 * may write (input/fields.c). Each object of the spec format is a table
 * of fields; each field says its spec key, its key in the API JSON (or
 * its Terraform attribute), its kind, where it may appear, its enum
 * values, its command-line flag and a one-line description.
 *
 * Generic code walks the tables: the libcyaml schema the loader uses is
 * generated from them (bg__spec_schema, bg__template_schema), as are the
 * JSON Schema of spec files (`batchgen schema`), the field table of
 * docs/spec.md and the job-level shortcuts used to locate diagnostics.
 *
 * Why a table and not an X-macro list (jq's src/opcode_list.h): the
 * spec format is a tree of about 25 objects, and the walks that matter
 * (libcyaml's schema, the JSON Schema, locating a path) follow the tree
 * at run time. A table is data those walks can follow; an X-macro list
 * is flat and expands into code once per use. libcyaml itself is the
 * model: one schema drives load, free and copy. The rules table, a flat
 * list, stays one array (validate/).
 */
#ifndef BG_INPUT_FIELDS_H
#define BG_INPUT_FIELDS_H

#include <cyaml/cyaml.h>

#include "input/job.h"

/* What a field holds (and which member type it has in the raw structs
 * of input/job.h). */
enum bg__kind {
	BG_K_STR = 1, /* char *: text */
	BG_K_NUM,     /* char *: a decimal number kept as written (vCPUs) */
	BG_K_INT,     /* int64_t *: a whole number */
	BG_K_BOOL,    /* bool * */
	BG_K_STRS,    /* char ** and unsigned NAME_count: a list of text */
	BG_K_MAP,     /* a free-form map of text (read from the view) */
	BG_K_ENV,     /* a map, or a list of {name, value} (from the view) */
	BG_K_OBJ,     /* struct S *: an object of table sub */
	BG_K_OBJS,    /* struct S * and unsigned NAME_count: a list */
	BG_K_INLINE,  /* the fields of sub, written at this level */
};

/* Where a field may appear, and how libcyaml reads it. */
enum {
	BG_F_REQUIRED = 1 << 0, /* the key must be there */
	BG_F_NONEMPTY = 1 << 1, /* text of at least one character */
	BG_F_TREE = 1 << 2,     /* not inlined: only in the full tree */
	BG_F_CASEFOLD = 1 << 3, /* enum values in any case */
};

struct bg__object;

struct bg__field {
	const char *key;  /* the spec key (the seed's snake_case) */
	const char *api;  /* API key or Terraform attribute; NULL: the
	                     key in camelCase; "": none of its own */
	uint8_t kind;     /* enum bg__kind */
	uint8_t flags;    /* BG_F_* */
	uint16_t min;     /* BG_K_OBJS: entries at least */
	uint32_t off;     /* offset of the member in the raw struct */
	uint32_t count_off; /* BG_K_STRS, BG_K_OBJS: of NAME_count */
	const struct bg__object *sub;  /* BG_K_OBJ, BG_K_OBJS, BG_K_INLINE */
	const char *const *enums;      /* allowed values, NULL-terminated */
	const char *same_as; /* a shortcut: the full-tree path it stands for */
	const char *flag;    /* command-line option (without "--"), or NULL */
	const char *desc;    /* one line */
};

struct bg__object {
	const char *name; /* e.g. "container" */
	const char *desc;
	uint32_t size;    /* sizeof the raw struct */
	const struct bg__field *fields;
	size_t count;
};

/* The documents: a spec file, a template file. */
extern const struct bg__object bg__obj_spec;
extern const struct bg__object bg__obj_template;
/* A spec's job, and the options alone (a template's defaults). */
extern const struct bg__object bg__obj_job;
extern const struct bg__object bg__obj_job_options;
extern const struct bg__object bg__obj_container;

/* A spec document and a template document, as libcyaml loads them. */
struct raw_spec {
	struct raw_job *defaults;
	struct raw_job *jobs;
	unsigned jobs_count;
};

struct raw_template {
	char *name;
	char *description;
	char *extends;
	char *type;
	char *platform;
	struct raw_job *defaults;
};

/* The libcyaml schemas, generated from the tables on first use (thread
 * safe); NULL when out of memory. */
const cyaml_schema_value_t *bg__spec_schema(void);
const cyaml_schema_value_t *bg__template_schema(void);

/* The fields of object o, inlined fields spread out, in order: calls
 * fn for each with its offset from the start of o's struct. Stops and
 * returns false when fn does. */
bool bg__object_each(const struct bg__object *o,
		     bool (*fn)(const struct bg__field *f, uint32_t off,
				void *ctx),
		     void *ctx);

/* The field of o (inlined fields included) with spec key `key`, or
 * NULL. */
const struct bg__field *bg__object_field(const struct bg__object *o,
					 const char *key);

/* The API key of f into buf (camelCase of the spec key unless the
 * table says otherwise); "" when f has none of its own. */
const char *bg__field_api_key(const struct bg__field *f, char *buf,
			      size_t size);

#endif /* BG_INPUT_FIELDS_H */
