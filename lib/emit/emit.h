/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Internal: what the emitters share (api.c, emit.c). */
#ifndef BG_EMIT_H
#define BG_EMIT_H

#include <cjson/cJSON.h>

#include "batchgen-int.h"

/* Builder state: one failed allocation fails the whole output. */
struct em {
	bool failed;
	/* The text of a JSON-encoded attribute, kept from job to job
	 * (bg__em_finish frees it): one buffer, not a growing one a job. */
	struct bg__buf scratch;
	/* The Terraform JSON output: container and ECS properties are
	 * written as text where they can be (bg__api_text). */
	bool api_text;
};
/* Frees what em keeps. */
void bg__em_finish(struct em *em);

/* Adds item to obj under key (or to an array), or records failure. */
cJSON *bg__em_add(struct em *em, cJSON *obj, const char *key, cJSON *item);
/* The same for an object whose key outlives every tree (a table's
 * key, a literal, the model's text): the key is not copied
 * (cJSON_AddItemToObjectCS). */
cJSON *bg__em_add_static(struct em *em, cJSON *obj, const char *key,
			 cJSON *item);
/* A string of the model as an item that refers to it without a copy:
 * every tree is built and freed while its model lives. An item's text
 * is changed with bg__em_set_string (cJSON_SetValuestring refuses a
 * reference). */
cJSON *bg__em_ref(const char *s);
bool bg__em_set_string(cJSON *item, const char *text);
/* An integer literal, never through %g (no 1e+06, no 2048.0). */
cJSON *bg__em_int(int64_t v);
/* A Terraform expression "${EXPR}" as a raw item: EXPR, or CONV(EXPR)
 * with conv ("tonumber" where no schema gives the type). HCL writes it
 * as it is; the JSON emitter as "${...}" (api.c). */
cJSON *bg__em_expr(const char *expr, const char *conv);
/* An optional number or boolean: its value, its expression (with conv,
 * as above), or NULL when not given. */
cJSON *bg__em_opt_int(const struct bg_opt_int *v, const char *conv);
cJSON *bg__em_opt_bool(const struct bg_opt_bool *v, const char *conv);
/* The pairs of list sorted by key: in small (room for BG__SMALL_SORT)
 * when they fit, else in an array of their own (NULL: out of memory);
 * bg__kv_sorted_free releases either. */
#define BG__SMALL_SORT 16
const struct bg_kv **bg__kv_sorted(const struct bg_kvlist *list,
				   const struct bg_kv **small);
void bg__kv_sorted_free(const struct bg_kv **v, const struct bg_kv **small);
/* A map (tags, parameters, labels) as an object, keys sorted
 * (bg__out_map's tree, out.c). */
cJSON *bg__em_map(struct em *em, const struct bg_kvlist *list);
/* containerProperties / nodeProperties of the AWS API (api.c). */
cJSON *bg__api_container(struct em *em, const struct bg_container *c,
			 bool fargate);
cJSON *bg__api_ecs(struct em *em, const struct bg_ecs_properties *e,
		   bool fargate);
cJSON *bg__api_node_properties(struct em *em,
			       const struct bg_node_properties *np,
			       bool fargate);
/* Object p of table t (bg__obj_container, bg__obj_ecs) as the text
 * Terraform JSON writes for it, into text (emptied first): the tree's
 * bytes as bg__json_put_unformatted() prints them, where the tree
 * needs nothing escaped or encoded. false: it does (a '$', '%' or '{'
 * in a string or key, an expression), or memory ran out; build the
 * tree. */
struct bg__object;
bool bg__api_text(struct em *em, const struct bg__object *t, const void *p,
		  bool fargate, struct bg__buf *text);
struct bg__out;
/* The member key of o (text, Terraform JSON) whose value is that text
 * as a string, written in place: each quote and backslash escaped as it
 * is written, not the text first and then its escape. false where the
 * text is refused (o's text is then to be dropped). */
bool bg__api_text_member(struct bg__out *o, const char *key,
			 const struct bg__object *t, const void *p,
			 bool fargate);

/* Where a walk writes a value (out.c): a cJSON tree (text NULL; the
 * value is root once written), or its text onto text, in the layout of
 * bg__json_put() at level (-1: bg__json_put_unformatted()). In text, a
 * string or key holding a byte of a kind in refuse, or a value only a
 * tree can hold (bg__out_tree: an expression), refuses the text: the
 * caller builds the tree instead. */
struct bg__out_level {
	cJSON *node; /* tree: the open object or array */
	bool array;
	int level;    /* text: its indentation level */
	size_t count; /* members written */
	size_t start; /* text: where its member began */
};
struct bg__out {
	struct em *em;
	struct bg__buf *text;
	int level;
	unsigned refuse; /* BG__SEEN_* that refuse the text */
	bool refused;
	/* The text is written as the inside of a string literal: each
	 * quote and backslash of it escaped again (bg__api_text_member). */
	bool encoded;
	cJSON *root;
	unsigned depth;
	unsigned lost; /* opened past the deepest level (a tree fails,
			* text is refused) */
	struct bg__out_level at[32];
};
/* Starts o: a tree (text NULL) or text onto text at level, refused
 * by the kinds of bytes in refuse (BG__SEEN_*). The levels are not
 * cleared: a walk reads only those it opened. */
void bg__out_start(struct bg__out *o, struct em *em, struct bg__buf *text,
		   int level, unsigned refuse);
/* Opens an object or array under key (NULL in an array, or for the
 * root); bg__out_close closes it, and with drop takes it out again. */
void bg__out_open(struct bg__out *o, const char *key, bool array);
void bg__out_close(struct bg__out *o, bool drop);
/* The members written so far into the open container. */
size_t bg__out_count(const struct bg__out *o);
/* A string: of the model (the tree refers to it) or, with copy, one
 * that does not outlive the call. */
void bg__out_string(struct bg__out *o, const char *key, const char *s,
		    bool copy);
/* A literal: an integer's text, "true" or "false". */
void bg__out_literal(struct bg__out *o, const char *key, const char *text);
void bg__out_int(struct bg__out *o, const char *key, int64_t v);
/* An optional number or boolean: its value, its expression (conv as
 * bg__em_expr), or nothing; always: 0 when not given. */
void bg__out_opt_int(struct bg__out *o, const char *key,
		     const struct bg_opt_int *v, const char *conv,
		     bool always);
void bg__out_opt_bool(struct bg__out *o, const char *key,
		      const struct bg_opt_bool *v, const char *conv);
/* A list of strings (NULL items written as ""): nothing when n is 0. */
void bg__out_strings(struct bg__out *o, const char *key, char *const *v,
		     size_t n);
/* A map of text (tags, parameters, labels) as an object, keys sorted. */
void bg__out_map(struct bg__out *o, const char *key,
		 const struct bg_kvlist *kv);
/* item, which only a tree holds (taken; text: refused). */
void bg__out_tree(struct bg__out *o, const char *key, cJSON *item);
/* Whether o writes text. */
bool bg__out_text(struct bg__out *o);

/* One entry of a resource body, for both formats. */
enum item_kind {
	ITEM_ATTR,       /* key = value */
	ITEM_MAP,        /* key = { "k" = "v" ... } (quoted keys) */
	ITEM_JSONENCODE, /* key = jsonencode({...}): a JSON string */
	ITEM_BLOCK,      /* key { ... } */
	ITEM_JSONTEXT,   /* key = a JSON string, encoded already
			  * (bg__api_text; the Terraform JSON output) */
};

struct item {
	const char *key;
	enum item_kind kind;
	cJSON *value; /* text unescaped: each format escapes its own way */
};

/* The body of def's resource, in output order: name, type, platforms,
 * the properties, then the rest sorted by key (resource.c). At most
 * BG__MAX_ITEMS; the caller frees every value. */
#define BG__MAX_ITEMS 32
/* The body of input variable v: description, type (taken: HCL's bare
 * word or JSON's string) and its validation blocks. */
cJSON *bg__em_variable(struct em *em, const struct bg_variable *v,
		       cJSON *type);
/* Object p of table o as a Terraform nested block, snake_case
 * (emit/blocks.c): eks_properties. */
struct bg__object;
cJSON *bg__tf_block(struct em *em, const struct bg__object *o,
		    const void *p);
size_t bg__resource_items(struct em *em, const struct bg_jobdef *def,
			  struct item *items);
/* The same body written as the Terraform JSON output's text, an object
 * at indentation level, onto b: the bytes the items would print to
 * (escaped and encoded by emit_json.c), where nothing in them is to be
 * escaped or encoded (a '$', '%', '{' or carriage return in a string or
 * key, an expression, node or EKS properties). false: it is, or memory
 * ran out; b holds a part of the text, to be cut. */
bool bg__resource_text(struct em *em, const struct bg_jobdef *def,
		       struct bg__buf *b, unsigned level);
/* bg__emit_json()'s document with every body written from its trees,
 * the way a body with something to escape or encode is: the two are
 * compared by tests/test_api_text.c. */
enum bg_status bg__emit_json_trees(const struct bg_jobdef *const *defs,
				   size_t n, struct bg__buf *b);

/* s as an HCL string expression onto b: a quoted template; with
 * untyped (inside jsonencode, where no schema says "string"), a string
 * that is one Terraform expression and nothing else is tostring(EXPR),
 * since HCL gives "${EXPR}" the expression's own type (emit_hcl.c). */
void bg__hcl_string(struct bg__buf *b, const char *s, bool untyped);

/* The text of a spec holding jobs (cJSON objects, snake_case), each
 * with its origin: YAML under head (comment lines), each job under a
 * "# from ORIGIN" comment; or JSON, the origins in order under the
 * top-level "x-imported-from" (emit/spec.c). Caller frees; NULL on ENOMEM. */
char *bg__spec_text(const cJSON *jobs, const char *const *origins,
		    const char *head, bool json, size_t *len);

/* The text of v as cJSON_Print() lays it out, but indented two spaces
 * a level and nested `depth` levels deep, written straight onto b;
 * unformatted: as cJSON_PrintUnformatted(); a string: a JSON string
 * literal escaped as cJSON escapes (json_text.c). b->failed is set when
 * cJSON could not have printed v (an invalid item, a raw item without
 * text) or memory ran out. */
void bg__json_put(struct bg__buf *b, const cJSON *v, unsigned depth);
void bg__json_put_unformatted(struct bg__buf *b, const cJSON *v);
void bg__json_put_string(struct bg__buf *b, const char *s);
/* The same string literal of s (len bytes) written at o, which has room
 * for len * 6 + 2 bytes; returns the end of it. */
char *bg__json_string_at(char *o, const char *s, size_t len);
/* The same literal; twice: as it reads inside another JSON string
 * literal, its quotes and backslashes escaped once more (the literal
 * "a\"b" reads \"a\\\"b\" there), for which o has room for len * 7 + 4
 * bytes. seen gets BG__SEEN_TEMPLATE where s holds a '$', '{' or '%'
 * (a Terraform template could start there) and BG__SEEN_CR where it
 * holds a '\r'. */
#define BG__SEEN_TEMPLATE 1u
#define BG__SEEN_CR 2u
char *bg__json_literal_at(char *o, const char *s, size_t len, bool twice,
			  unsigned *seen);
/* The indentation of level (two spaces each) onto b. */
void bg__json_indent(struct bg__buf *b, unsigned level);

/* The retry_strategy block under key (attempts, evaluate_on_exit
 * conditions with the action lowercase, as the provider stores it),
 * when the job has one (api.c). */
void bg__out_retry(struct bg__out *o, const char *key,
		   const struct bg_jobdef *def);

#endif /* BG_EMIT_H */
