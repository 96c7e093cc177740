/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Internal: the one declaration of every field (model/fields.c). Each
 * object of the spec format is a table of fields; each field says its
 * spec key, its key in the API JSON (or its Terraform attribute), its
 * kind, where it may appear, its enum values, its command-line flag, a
 * one-line description, and the member of the model struct that holds
 * it (struct bg_job_options, struct bg_container, ... of batchgen.h).
 *
 * Generic code walks the tables and nothing else knows the fields one
 * by one:
 *   - model/walk.c: free, copy and merge (template defaults, spec
 *     defaults, node ranges);
 *   - input/: the libcyaml schema the loader reads straight into the
 *     model, the located checks ("said twice"), the JSON Schema of spec
 *     files, and where a diagnostic's field was written;
 *   - emit/: the API JSON of a container, keys sorted.
 *
 * Why a table and not an X-macro list (jq's src/opcode_list.h): the spec
 * format is a tree of about 25 objects, and every walk above follows
 * the tree at run time. A table is data a walk can follow; an X-macro
 * list is flat and expands into code once per use. libcyaml itself is
 * the model: one schema drives load, free and copy. The rules table, a
 * flat list, stays one array (validate/).
 */
#ifndef BG_MODEL_FIELDS_H
#define BG_MODEL_FIELDS_H

#include "batchgen-int.h"

/* What a field holds, and the type of its member. */
enum bg__kind {
	BG_K_STR = 1, /* char * */
	BG_K_NUM,     /* struct bg_opt_int, thousandths; a decimal in specs
	                 (vCPUs) */
	BG_K_INT,     /* struct bg_opt_int */
	BG_K_BOOL,    /* struct bg_opt_bool */
	BG_K_FLAG,    /* bool (false when not given) */
	BG_K_STRS,    /* char ** and a size_t count */
	BG_K_MAP,     /* struct bg_kvlist: a map of text */
	BG_K_ENV,     /* struct bg_kvlist: a map, or a list of {name, value} */
	BG_K_OBJ,     /* a pointer to an object of table sub */
	BG_K_OBJS,    /* an array of objects of table sub and a size_t count */
	BG_K_EMBED,   /* an object of table sub at off, not a pointer; with
	                 off 0 and sub's members in the parent's struct, the
	                 spec's nesting over a flat struct */
	BG_K_INLINE,  /* the fields of sub, written at this level */
	BG_K_RESOURCES, /* [{type, value}]: folded into the container's
	                   vcpus, memory and gpus when loaded */
};

enum {
	BG_F_REQUIRED = 1 << 0, /* the key must be there */
	BG_F_NONEMPTY = 1 << 1, /* text of at least one character */
	BG_F_TREE = 1 << 2,     /* not inlined: only in the full tree */
	BG_F_CASEFOLD = 1 << 3, /* enum values in any case */
	BG_F_ALIAS = 1 << 4,    /* its members are reached through another
	                           field (skipped by free, copy, merge) */
	BG_F_MERGE = 1 << 5,    /* BG_K_OBJ: merged member by member, not
	                           replaced whole */
	BG_F_ALWAYS = 1 << 7,   /* emitted even when not given ("", 0):
	                           the API requires it */
	BG_F_SORTED = 1 << 8,   /* BG_K_OBJS: emitted sorted by the first
	                           field (the provider diffs lists in order) */
	BG_F_FARGATE = 1 << 9,  /* emitted on Fargate jobs only */
	BG_F_HEAD = 1 << 10,    /* bg__obj_resource: written first, in table
	                           order, and built by the template stage */
	BG_F_BLOCK = 1 << 6,    /* BG_K_STR in a nested block: "" when the
	                           block is given without it, so that its
	                           rule says it is missing */
	BG_F_KNOWN = 1 << 11,   /* an enum that decides which rules apply:
	                           no Terraform expression (expr-unsupported) */
	BG_F_BOXED = 1 << 12,   /* BG_K_OBJS: an array of pointers, each
	                           item a block of its own, so that one
	                           can be freed before the others */
	BG_F_OFTEN = 1 << 13,   /* a key most specs write: first in the
	                           rows libcyaml compares each key with,
	                           one after the other (input/cyschema.c) */
};

struct bg__object;

struct bg__field {
	const char *key;  /* the spec key (the seed's snake_case) */
	const char *api;  /* API key or Terraform attribute; NULL: the key
	                     in camelCase; "": none of its own */
	uint8_t kind;     /* enum bg__kind */
	uint16_t flags;   /* BG_F_* */
	uint8_t min;      /* BG_K_OBJS: entries at least */
	uint32_t off;     /* offset of the member in the object's struct */
	uint32_t count_off; /* BG_K_STRS, BG_K_OBJS: of the size_t count */
	uint32_t present;   /* BG_K_EMBED: 1 + offset of a bool set when
	                       the key is given; 0: none */
	const struct bg__object *sub; /* OBJ, OBJS, EMBED, INLINE, RESOURCES */
	const char *const *enums;     /* allowed values, NULL-terminated */
	const char *same_as; /* a job-level shortcut: the tree path it
	                        stands for (the tree's member holds it) */
	const char *flag;    /* command-line option (without "--"), or NULL */
	const char *arg;     /* its value's name in --help; NULL: a switch
	                        (a boolean set to true) */
	const char *desc;    /* one line */
	const char *dflt;    /* written when not given (bg__obj_resource) */
};

struct bg__object {
	unsigned id;      /* dense, for the lookup tables of fields.c */
	const char *name; /* e.g. "container" */
	const char *desc;
	uint32_t size;    /* sizeof the struct */
	const struct bg__field *fields;
	size_t count;
};

/* The documents: a spec file, a template file. */
extern const struct bg__object bg__obj_spec;
extern const struct bg__object bg__obj_template;
/* A spec's job (struct bg_job_options), the options alone (a template's
 * defaults, the same struct), a container (struct bg_container). */
extern const struct bg__object bg__obj_job;
extern const struct bg__object bg__obj_job_options;
extern const struct bg__object bg__obj_container;
/* The attributes of the aws_batch_job_definition resource that are
 * values (struct bg_jobdef): the properties, retry_strategy and timeout
 * are built by the emitters. A row whose key a job option also has is
 * moved from the options by bg__object_move_matching(). */
extern const struct bg__object bg__obj_resource;

/* A node range of job options (struct bg_node_range_options), a
 * volume, a mount point, a retry condition. */
extern const struct bg__object bg__obj_range;
extern const struct bg__object bg__obj_volume;
extern const struct bg__object bg__obj_mount;
extern const struct bg__object bg__obj_eoe;
/* An EKS job's pod (struct bg_eks_properties, model/eks.h). */
extern const struct bg__object bg__obj_eks;
/* An ECS multi-container job's task (struct bg_ecs_properties,
 * model/ecs.h). */
extern const struct bg__object bg__obj_ecs;

/* A spec document and a template document, as the loader fills them. */
struct bg__spec_doc {
	struct bg_job_options *defaults;
	struct bg_job_options **jobs; /* BG_F_BOXED: each freed once built */
	size_t jobs_count;
};

struct bg__template_doc {
	char *name;
	char *description;
	char *extends;
	char *type;
	char *platform;
	struct bg_job_options *defaults;
};

/* The spec keys of o, inlined fields spread out, in order: calls fn
 * with each and its offset from the start of o's struct. Stops and
 * returns false when fn does. */
bool bg__object_each(const struct bg__object *o,
		     bool (*fn)(const struct bg__field *f, uint32_t off,
				void *ctx),
		     void *ctx);

/* The field of o with spec key `key` (inlined fields included), or
 * NULL; *off gets its offset when off is not NULL. *inlined tells
 * whether it was reached through an aliased inline (a job-level
 * shortcut of a container key). */
const struct bg__field *bg__object_field(const struct bg__object *o,
					 const char *key, uint32_t *off,
					 bool *via_alias);

/* The API key of row i of o (camelCase of the spec key unless the
 * table says otherwise; static storage); "" when it has none. */
const char *bg__api_key(const struct bg__object *o, size_t i);
/* Every row's API key at once (row i's at [i]; NULL when the tables
 * could not be built): a walk of all the rows looks each up. */
const char *const *bg__api_keys(const struct bg__object *o);
/* key ("pod_properties") in camelCase ("podProperties") into buf. */
void bg__camel_case(const char *key, char *buf, size_t size);
/* The rows of o in the order of their API keys (strcmp): the order
 * the provider stores, in which the emitter writes them. */
const uint8_t *bg__api_order(const struct bg__object *o);

/* model/walk.c: generic free, copy and merge of an object at p. */
void bg__object_finish(const struct bg__object *o, void *p);
/* Whether object p of table o gives any value. */
bool bg__object_given(const struct bg__object *o, const void *p);
/* Merges src into dst: a value given in src replaces dst's; a list
 * given in src replaces dst's whole list; maps merge key by key; an
 * object replaces dst's whole unless its field says BG_F_MERGE. */
enum bg_status bg__object_merge(const struct bg__object *o, void *dst,
				const void *src);
/* Lays src under dst, in place: each value, list and object dst lacks
 * is copied from src, maps get the keys they lack; the same result as
 * merging dst over a copy of src, without the copy. */
enum bg_status bg__object_merge_under(const struct bg__object *o, void *dst,
				      const void *src);
/* The places of src's values, for laying one src under many objects
 * (a spec's defaults, a template's): bg__object_merge_under visits
 * every field of o, where a src gives a few. */
struct bg__under {
	uint16_t *at; /* steps of o's walk plan where src gives a value */
	size_t count;
};
/* Finds them (u->at is the caller's to free; NULL when none). */
enum bg_status bg__object_under_find(const struct bg__object *o,
				     const void *src, struct bg__under *u);
/* bg__object_merge_under(o, dst, src), with u found for that src: the
 * same result, visiting only the fields src gives. */
enum bg_status bg__object_merge_under_at(const struct bg__object *o,
					 void *dst, const void *src,
					 const struct bg__under *u);

/* Moves into dst every field of table to (not BG_F_HEAD) from the
 * field of table from with the same key and kind, where it is given:
 * src's member is left empty. */
enum bg_status bg__object_move_matching(const struct bg__object *to,
					void *dst,
					const struct bg__object *from,
					void *src);

/* The job-level spelling of a tree path ("retry_strategy.attempts" ->
 * "retry_attempts", "container_properties.image" -> "image"): the
 * shortcut's path into buf, or NULL when it has none. i picks the
 * candidate (0, 1, ...): a path may have more than one. */
const char *bg__shortcut_path(const char *tree_path, size_t i, char *buf,
			      size_t size);

#endif /* BG_MODEL_FIELDS_H */
