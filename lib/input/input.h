/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Internal: the located YAML view (input/yaml.c). */
#ifndef BG_INPUT_H
#define BG_INPUT_H

#include <yaml.h>

#include <cyaml/cyaml.h>

#include "batchgen-int.h"

enum bg__ytype {
	BG_Y_SCALAR = 1,
	BG_Y_SEQ,
	BG_Y_MAP,
};

/* The YAML tag a node was given explicitly (others are refused when
 * the document is read). */
enum bg__ytag {
	BG_T_NONE = 0,
	BG_T_STR,  /* !!str, or the non-specific "!" */
	BG_T_INT,  /* !!int */
	BG_T_BOOL, /* !!bool */
	BG_T_NULL, /* !!null */
	BG_T_MAP,  /* !!map */
	BG_T_SEQ,  /* !!seq */
	/* CloudFormation's short forms (!Ref, !Sub, ...), read only when
	 * the loader is asked to (import): BG_T_CFN + the index of the
	 * function in bg__cfn_function(). */
	BG_T_CFN = 16,
};

/* The function of a CloudFormation short-form tag ("Ref",
 * "Fn::GetAtt", ...), or NULL when tag is not one. */
const char *bg__cfn_function(unsigned tag);

/* One node of the located view: 20 bytes. */
struct bg__ynode {
	uint8_t type;  /* enum bg__ytype */
	uint8_t style; /* yaml_scalar_style_t of a scalar */
	uint8_t tag;   /* enum bg__ytag */
	uint32_t line; /* 1-based */
	uint32_t column;
	uint32_t len;   /* scalar: bytes; sequence: items; mapping: pairs */
	uint32_t first; /* scalar: offset in strings; else: index in kids */
};

struct bg__ydoc {
	struct bg__ynode *nodes;
	size_t count, node_cap;
	uint32_t *kids; /* children; a mapping's are key, value, ... */
	size_t kid_count, kid_cap;
	char *strings; /* scalar text, each NUL-terminated */
	size_t str_len, str_cap;
	uint32_t root;
	bool has_root;
	bool loaded;
	/* Merge keys were applied or x- keys dropped: the view differs
	 * from the text, and libcyaml must load the view written out. */
	bool rewritten;
	const char *file; /* borrowed; for diagnostics */
};

/* Reads the document in buf. Syntax errors become located diagnostics
 * (BG_ERR_PARSE). cfn_tags: CloudFormation's short forms (!Ref, ...)
 * are read (import); else they are refused, as every tag batchgen does
 * not implement is. */
enum bg_status bg__ydoc_load(struct bg__ydoc *d, const char *buf, size_t len,
			     bool cfn_tags, const char *file,
			     struct bg_diags *diags);
void bg__ydoc_finish(struct bg__ydoc *d);
/* The 1-based line and column (in characters) of byte offset off. */
void bg__offset_position(const char *buf, size_t off, unsigned *line,
			 unsigned *col);
struct bg__ynode *bg__ydoc_root(struct bg__ydoc *d);
/* Item i of a sequence; key and value of pair i of a mapping. */
struct bg__ynode *bg__ynode_item(struct bg__ydoc *d, const struct bg__ynode *n,
				 size_t i);
struct bg__ynode *bg__ynode_key(struct bg__ydoc *d, const struct bg__ynode *n,
				size_t i);
struct bg__ynode *bg__ynode_value(struct bg__ydoc *d,
				  const struct bg__ynode *n, size_t i);
size_t bg__ynode_index(const struct bg__ydoc *d, const struct bg__ynode *n);
/* The value of key in mapping map, or NULL. */
struct bg__ynode *bg__ynode_get(struct bg__ydoc *d, const struct bg__ynode *map,
				const char *key);
/* The text of a scalar node, or NULL for other nodes. */
const char *bg__ynode_text(const struct bg__ydoc *d, const struct bg__ynode *n);
/* A plain "", "~" or "null", or anything tagged !!null. */
bool bg__ynode_is_null(const struct bg__ydoc *d, const struct bg__ynode *n);
/* Appends a mapping of scalar keys to scalar values to out (NULL: only
 * checked); anything else is a located diagnostic (BG_ERR_SCHEMA). */
enum bg_status bg__ynode_to_kvlist(struct bg__ydoc *d, struct bg__ynode *map,
				   const char *path, struct bg_kvlist *out,
				   struct bg_diags *diags);
unsigned bg__ynode_line(const struct bg__ynode *n);
unsigned bg__ynode_column(const struct bg__ynode *n);

/* Reads a whole file ("-": standard input). Errors are diagnostics on
 * path (BG_ERR_IO). The buffer is NUL-terminated; caller frees it. */
enum bg_status bg__read_file(const char *path, char **buf, size_t *len,
			     struct bg_diags *diags);

/* A field the libcyaml schema declares CYAML_FIELD_IGNORE (free-form
 * keys, libcyaml#66) and that is read from the located view instead. */
struct bg__free_field {
	const char *key;
	enum bg_status (*convert)(struct bg__ydoc *d, struct bg__ynode *n,
				  const char *path, struct bg_kvlist *out,
				  struct bg_diags *diags);
};

/* Environment: a map of names to values, or the AWS list of
 * {name, value}; out as for bg__ynode_to_kvlist. */
enum bg_status bg__ynode_to_env(struct bg__ydoc *d, struct bg__ynode *n,
				const char *path, struct bg_kvlist *out,
				struct bg_diags *diags);

/* The strict boolean reader shared by the check and the conversions
 * (numbers: bg_number_parse). */
bool bg__scalar_is_bool(const char *s, bool *out);

/* A key/value pair to drop: pair `pair` of mapping node `map` (libyaml
 * node index, 1-based). */
struct bg__prune {
	size_t map;
	size_t pair;
};

/* Checks doc against schema (check.c): every problem becomes a located
 * diagnostic. BG_OK when libcyaml can load it. On BG_ERR_SCHEMA,
 * *prunes (caller frees) lists pairs whose removal leaves a loadable
 * document, or is NULL when no removal would do. */
enum bg_status bg__ycheck(struct bg__ydoc *doc,
			  const cyaml_schema_value_t *schema,
			  const struct bg__free_field *free_fields,
			  struct bg_diags *diags, struct bg__prune **prunes,
			  size_t *prune_count);

struct bg__object;

/* Adds the built-in templates, embedded in the library, to set
 * (input/templates.c); bg_template_set_resolve() afterwards. */
enum bg_status bg__tset_add_builtin(struct bg_template_set *set,
				    struct bg_diags *diags);

/* Loads buf (YAML, or JSON when json is true) as a document of table
 * root (&bg__obj_spec, &bg__obj_template): syntax, the located schema
 * check, "said twice" (input/fill.c), then libcyaml straight into the
 * model structs, then what libcyaml cannot fill (input/fill.c). On
 * BG_OK *out holds the data (free it with bg__load_free) and *doc the
 * located view (finish it with bg__ydoc_finish). On BG_ERR_SCHEMA *out
 * may still hold the document without its faulty parts, so that
 * callers can go on and report later problems too; then both must be
 * released as well. On other failures both are released. */
enum bg_status bg__load_checked(const char *buf, size_t len, bool json,
				const char *file,
				const struct bg__object *root, void **out,
				struct bg__ydoc *doc, struct bg_diags *diags);
void bg__load_free(const struct bg__object *root, void *data);
/* The located view of bg__load_checked again, from the same text, for
 * a caller that finished it to free its memory and now has diagnostics
 * to locate; what reading says was said the first time, and is not
 * said again. */
enum bg_status bg__ydoc_reread(struct bg__ydoc *doc, const char *buf,
			       size_t len, bool json, const char *file);

/* Diagnostics while loading: the located document, where they go, and
 * what went wrong. */
struct bg__conv {
	struct bg__ydoc *doc;
	struct bg_diags *diags;
	bool failed; /* a located error was reported */
	bool nomem;
};

/* Reports a located error at field path `path`; marks cv failed. */
void bg__conv_error(struct bg__conv *cv, const char *path, const char *code,
		    const char *fmt, ...) BG_PRINTF(4, 5);

/* input/fill.c: "said twice" before the load (the pairs to drop go to
 * *found, caller frees; prunes, sorted, are dropped already), and
 * what libcyaml cannot fill after it. */
enum bg_status bg__twice(struct bg__conv *cv, const struct bg__object *root,
			 const struct bg__prune *prunes, size_t prune_count,
			 struct bg__prune **found, size_t *found_count);
enum bg_status bg__fill(struct bg__conv *cv, const struct bg__object *root,
			void *data, const struct bg__prune *prunes,
			size_t prune_count);

/* The node at a field path such as "jobs[2].tags.Team" or "jobs[0]
 * .environment[1]" (an index into a mapping picks its n-th key), or the
 * deepest node found on the way (*exact false). */
struct bg__ynode *bg__ynode_at(struct bg__ydoc *d, const char *path,
			       bool *exact);

/* The node at path, or NULL when the path does not exist. */
struct bg__ynode *bg__ynode_exact(struct bg__ydoc *d, const char *path);

#endif /* BG_INPUT_H */
