/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Internal declarations shared between the library's files. Not
 * installed; nothing here is exported.
 */
#ifndef BATCHGEN_INT_H
#define BATCHGEN_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "batchgen.h"

#define ARRAY_LENGTH(a) (sizeof(a) / sizeof((a)[0]))

/* ---- strings (core/util.c) ---- */

/* strdup that accepts NULL (returns NULL). Sets *failed on ENOMEM. */
char *bg__strdup(const char *s, bool *failed);
/* s is longer than suffix and ends with it (a file name's extension). */
bool bg__ends_with(const char *s, const char *suffix);
/* Deep-copies a string array; NULL when n == 0. */
char **bg__strv_dup(char *const *v, size_t n, bool *failed);
void bg__strv_free(char **v, size_t n);
/* Replaces *dst with a copy of src (src may be NULL). */
bool bg__str_set(char **dst, const char *src);
/* The offset of the first byte of s[0..len) that is not well-formed
 * UTF-8 (overlong forms and surrogates included), or len. */
size_t bg__utf8_invalid(const char *s, size_t len);
/* Whether s[0..len) is in Unicode NFC, the form terraform keeps every
 * string in (ASCII and text that is not UTF-8 count as NFC). */
bool bg__utf8_is_nfc(const char *s, size_t len);
/* s in Unicode NFC, newly allocated (ASCII and text that is not UTF-8
 * are copied as they are); NULL when out of memory. */
char *bg__utf8_nfc(const char *s);
/* The text-nfc warning's message (input/yaml.c, input/args.c). */
#define BG_NFC_MESSAGE                                                       \
	"this text is not in Unicode NFC (a letter and a combining mark "    \
	"where one character exists): terraform turns every string into "   \
	"NFC, so AWS gets the composed form, not these bytes; write it "    \
	"composed"
/* The bytes of the character that starts s[0..avail): its UTF-8
 * sequence, or 1 (a byte that starts none). */
size_t bg__utf8_char(const char *s, size_t avail);
/* The characters of s as AWS counts them: Unicode code points (bytes
 * that are not UTF-8 count one each). */
size_t bg__utf8_len(const char *s);

/* "base.leaf" (base NULL: "leaf") into buf, cut to size as snprintf
 * cuts (a field path made on every job: snprintf's format parsing costs
 * ten times this). */
void bg__path_join(char *buf, size_t size, const char *base,
		   const char *leaf);
/* "[INDEX]" in buf (a path's list step); returns buf. */
const char *bg__index_text(char buf[24], size_t index);
/* v in decimal into buf, as "%lld" prints it; returns buf. */
const char *bg__int_text(char buf[24], int64_t v);
/* "LINE:COL" into buf, as "%u:%u" prints it. */
void bg__line_col(char buf[24], unsigned line, unsigned col);

/* p, an array of *cap items of elem bytes, with room for need items
 * (allocated even for none, so that NULL says one thing): its capacity
 * doubled (from 16) until it has, so that growing an item at a time
 * costs linear time. NULL when out of memory, p left as it was. */
void *bg__grow(void *p, size_t *cap, size_t need, size_t elem);

/* A growable NUL-terminated byte buffer. */
struct bg__buf {
	char *data;
	size_t len;
	size_t cap;
	bool failed; /* an allocation failed; data is then incomplete */
	/* Where bg__buf_drain sends the text (NULL: it stays in data). */
	bg_write_fn sink;
	void *sink_ctx;
	bool sink_failed; /* the sink refused a write (failed is set too) */
};
/* Hands the text so far to b's sink once there are at least `at` bytes
 * (0: whatever there is) and empties b; without a sink, nothing. */
void bg__buf_drain(struct bg__buf *b, size_t at);
void bg__buf_puts(struct bg__buf *b, const char *s);
void bg__buf_printf(struct bg__buf *b, const char *fmt, ...) BG_PRINTF(2, 3);
/* Where b has to grow first (or has failed): util.c. */
void bg__buf_putn_grow(struct bg__buf *b, const char *s, size_t n);
char *bg__buf_room_grow(struct bg__buf *b, size_t n);

/* The emitters write a few bytes at a time, a few million times a
 * render: where b has the room already, these need no call. */
static inline void
bg__buf_putn(struct bg__buf *b, const char *s, size_t n)
{
	if (!b->failed && n < b->cap - b->len) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	bg__buf_putn_grow(b, s, n);
}

static inline void
bg__buf_putc(struct bg__buf *b, char c)
{
	bg__buf_putn(b, &c, 1);
}

/* Room for n more bytes at the end of b (NULL when memory ran out, b
 * then failed); bg__buf_commit(b, k) keeps the k <= n written there. */
static inline char *
bg__buf_room(struct bg__buf *b, size_t n)
{
	if (!b->failed && n < b->cap - b->len) {
		return b->data + b->len;
	}
	return bg__buf_room_grow(b, n);
}

static inline void
bg__buf_commit(struct bg__buf *b, size_t n)
{
	b->len += n;
	b->data[b->len] = '\0';
}
/* Returns the data (caller frees) and resets b; NULL when failed. */
char *bg__buf_take(struct bg__buf *b, size_t *len);
void bg__buf_finish(struct bg__buf *b);
/* A libyaml write handler (yaml_emitter_set_output) appending to the
 * struct bg__buf at data: 1 while it holds, 0 when memory ran out. */
int bg__buf_yaml_write(void *data, unsigned char *buffer, size_t size);

/* FNV-1a of a string: the string index's hash, and the key tables'. */
uint64_t bg__str_hash(const char *s);

/* A hash index of borrowed strings (the caller keeps them alive), for
 * "given twice" and lookups in linear time. Up to 8 keys it is a plain
 * array (most maps are small: no allocation, no hashing). Zero-
 * initialize it. */
struct bg__strindex_slot {
	const char *key;
	size_t value;
	uint64_t hash; /* of key, in the hash table */
};
struct bg__strindex {
	struct bg__strindex_slot *slots; /* hash table, past 8 keys */
	size_t count, cap;
	struct bg__strindex_slot small[8]; /* the first keys, scanned */
};
/* Adds key -> value: BG_OK; BG_ERR_ARG when key is there already
 * (*existing, when not NULL, gets its value); BG_ERR_NOMEM. */
enum bg_status bg__strindex_put(struct bg__strindex *x, const char *key,
				size_t value, size_t *existing);
/* The value of key: true, or false when it is not there. */
bool bg__strindex_get(const struct bg__strindex *x, const char *key,
		      size_t *value);
void bg__strindex_finish(struct bg__strindex *x);

/* A fixed index of the keys of a table built once (the field tables,
 * the generated libcyaml schemas): the items lie in one array, stride
 * bytes apart, each with its key (a const char *) at key_off; slots, a
 * power of two of them and at most half full, hold an item's index +
 * 1 (0: empty). A group (an object) is a range of items; groups may
 * share keys. */
struct bg__keyslots {
	uint16_t *slots;
	size_t count; /* of slots */
	const void *items;
	size_t stride, key_off;
};
/* The item of group with key among items [lo, hi), or SIZE_MAX. */
size_t bg__keyslots_find(const struct bg__keyslots *t, size_t group,
			 size_t lo, size_t hi, const char *key);
/* Indexes items [lo, hi) as group; of equal keys the first stays. */
void bg__keyslots_put(const struct bg__keyslots *t, size_t group, size_t lo,
		      size_t hi);

/* printf into a new string; NULL on ENOMEM. */
char *bg__asprintf(const char *fmt, ...) BG_PRINTF(1, 2);
char *bg__vasprintf(const char *fmt, va_list ap) BG_PRINTF(1, 0);

/* A whole number by the one rule (bg_number_parse); false else. */
static inline bool
bg__parse_int(const char *s, int64_t *out)
{
	return bg_number_parse(s, 0, out, NULL, NULL) == BG_OK;
}

/* ---- diagnostics (core/diag.c) ---- */

/* Gives diagnostic i a file, position and (new) path. */
/* bg_diags_add() with the arguments of fmt in ap. */
enum bg_status bg__diags_vadd(struct bg_diags *diags, enum bg_severity sev,
			      const char *code, const char *file,
			      unsigned line, unsigned column, const char *path,
			      const char *fmt, va_list ap) BG_PRINTF(8, 0);
enum bg_status bg__diag_locate(struct bg_diags *diags, size_t i,
			       const char *file, unsigned line,
			       unsigned column, const char *path);

/* ---- model (model/jobdef.c) ---- */

/* Whether an optional value (struct bg_opt_int or bg_opt_bool) was
 * given: a value, or a Terraform expression. */
#define bg__given(v) ((v).set || (v).expr != NULL)
/* When src is given, dst becomes a copy of it (its expression
 * duplicated; dst's own freed). */
enum bg_status bg__opt_int_copy(struct bg_opt_int *dst,
				const struct bg_opt_int *src);
enum bg_status bg__opt_bool_copy(struct bg_opt_bool *dst,
				 const struct bg_opt_bool *src);

/* Appends copies of key and value (the one way a kvlist grows). */
enum bg_status bg__kvlist_push(struct bg_kvlist *list, const char *key,
			       const char *value);
enum bg_status bg__kvlist_copy(struct bg_kvlist *dst,
			       const struct bg_kvlist *src);
/* Sets every pair of src in dst (src wins, first position kept), or
 * with keep only the pairs whose keys dst lacks. */
enum bg_status bg__kvlist_merge(struct bg_kvlist *dst,
				const struct bg_kvlist *src, bool keep);
/* Lays every field src gives over dst (deep copies; maps merge key by
 * key, lists and strings replace): model/walk.c over the field
 * tables. */
enum bg_status bg__job_options_overlay(struct bg_job_options *dst,
				       const struct bg_job_options *src);
enum bg_status bg__jobdef_add_variable(struct bg_jobdef *def,
				       const char *name,
				       const char *description);

/* ---- validation (validate/validate.c) ---- */

/* Rule codes used by several stages. */
#define BG_CODE_TEMPLATE_CONFLICT "template-conflict"
#define BG_CODE_TEMPLATE_OPTION "template-option"
#define BG_CODE_SCAFFOLD "scaffold-variable"
#define BG_CODE_TYPE_CASE "type-case"

/* Unique names and labels; across_files: skip pairs from one file. */
enum bg_status bg__validate_unique(const struct bg_jobdef *const *defs,
				   size_t n, bool across_files,
				   struct bg_diags *diags);

/* bg_validate(), and the rules def's expressions keep from being
 * checked offline carried to plan time: a rule on a value that is just
 * an input variable def declares becomes that variable's validation,
 * every other one a precondition of def (def->preconditions):
 * condition (an HCL expression) -> error message (a template,
 * "PATH: MESSAGE [CODE]") (validate/validate.c, validate/plan.c). */
enum bg_status bg__validate_plan(struct bg_jobdef *def,
				 const char *path_prefix,
				 struct bg_diags *diags);

/* Whether code is a row of the rules table (validate/rules.c). */
/* The rules table's own string for code (diagnostics keep the
 * pointer), or NULL when no rule has that code. */
const char *bg__rule_code(const char *code);
bool bg__rule_known(const char *code);

/* The security and cost review of def (validate/review.c; the RV rows
 * of validate/rules.def): advice on a definition AWS accepts. */
enum bg_status bg__review(const struct bg_jobdef *def,
			  const char *path_prefix, struct bg_diags *diags);

/* bg_spec_load_buffer(), and with review, bg__review() on each job
 * built (pipeline/spec.c). */
enum bg_status bg__spec_load(const char *buf, size_t len, const char *name,
			     const struct bg_template_set *set, bool review,
			     struct bg_spec **out, struct bg_diags *diags);

/* Fargate sizes: true when (vcpus_milli, memory) is a valid pair. */
bool bg__fargate_size_ok(int64_t vcpus_milli, int64_t memory);
/* Describes the memory allowed with vcpus_milli on Fargate into buf;
 * false when the vCPU value is not a Fargate size at all. */
bool bg__fargate_memory_text(int64_t vcpus_milli, char *buf, size_t size);

/* ---- emitters (emit/) ---- */

/* Length of the Terraform expression "${...}" starting at s (a
 * reference or a function call in Terraform's syntax: model/tfexpr.c),
 * or 0 when the text there is not one (then it is literal). */
size_t bg__tf_expr_len(const char *s);
/* A piece of a value as Terraform reads it: literal text, which must
 * reach AWS byte for byte, or one expression "${...}", written as it
 * is. p points into the value. */
struct bg__tf_seg {
	enum { BG__TF_TEXT, BG__TF_EXPR } kind;
	const char *p;
	size_t n;
};
/* The segment of s at *at, *at moved past it; false at the end. The
 * one reader of template syntax: every escaper walks these. */
bool bg__tf_next_seg(const char *s, size_t *at, struct bg__tf_seg *seg);
/* The next Terraform expression in s at or after *at (a segment
 * boundary): its offset in *at and length in *len; false when there is
 * none. */
bool bg__tf_next_expr(const char *s, size_t *at, size_t *len);
/* Whether s holds a Terraform expression anywhere. */
bool bg__tf_has_expr(const char *s);
/* Whether s is exactly one Terraform expression, nothing around it. */
bool bg__tf_is_expr(const char *s);
/* s with every Terraform expression taken out (replaced by sep, unless
 * sep is '\0'): the text that is known before plan time. NULL when out
 * of memory. */
char *bg__tf_literal(const char *s, char sep);
/* The expression inside s, which is one "${EXPR}" (bg__tf_is_expr):
 * EXPR without strip markers and outer spaces; NULL when out of
 * memory. */
char *bg__tf_expr_inner(const char *s);
/* Whether the HCL expression cond refers to some object (a variable,
 * local, resource, ...): terraform refuses a precondition or
 * validation whose condition refers to none. True also when cond is
 * not in the syntax batchgen reads (it writes every condition itself). */
bool bg__tf_cond_refers(const char *cond);
/* The variable NAME when every reference of the HCL expression cond is
 * var.NAME of that one variable: its length, *name pointing into
 * cond; else 0. */
size_t bg__tf_cond_var(const char *cond, const char **name);
/* Escapes s (bg_tf_escape) onto b. */
void bg__tf_escape_into(struct bg__buf *b, const char *s);
/* The inverse: the spec text whose rendering is the literal text s
 * (what AWS holds), onto b: a "${" that a spec would read as a
 * Terraform expression gets a '$' before it. */
void bg__tf_spec_text_into(struct bg__buf *b, const char *s);
/* bg__tf_spec_text_into() as a new string; NULL when out of memory. */
char *bg__tf_spec_text(const char *s);
/* s as a quoted HCL string (template sequences escaped as by
 * bg_tf_escape, then backslash escapes) onto b. */
void bg__hcl_quote_into(struct bg__buf *b, const char *s);
/* A Terraform identifier: a letter or '_', then letters, digits, '_'
 * and '-'. */
bool bg__is_tf_identifier(const char *s);
/* The document onto b, drained (bg__buf_drain) after each resource;
 * BG_ERR_NOMEM when a tree could not be built (b->failed says the
 * rest). */
enum bg_status bg__emit_json(const struct bg_jobdef *const *defs, size_t n,
			     struct bg__buf *b);
enum bg_status bg__emit_hcl(const struct bg_jobdef *const *defs, size_t n,
			    struct bg__buf *b);
/* An earlier output read for bg_check_replacement (emit/previous.c):
 * what the check needs of each old resource, without the document. */
struct bg__previous;
enum bg_status bg__previous_read(const char *old, size_t len,
				 struct bg__previous **out);
enum bg_status bg__previous_check(const struct bg__previous *p,
				  const struct bg_jobdef *const *defs,
				  size_t n, struct bg_diags *diags);
void bg__previous_destroy(struct bg__previous *p);
/* How much output is gathered before it goes to a sink. */
#define BG__DRAIN_AT ((size_t)64 * 1024)

/* ---- templates (template/builtin.c, generated) ---- */

/* bg_template_apply for a caller done with user: its values move into
 * the job instead of being copied (a spec's jobs are built once), and
 * user is left empty, to be finished as before. */
enum bg_status bg__template_apply_take(const struct bg_template_set *set,
				       const char *name,
				       struct bg_job_options *user,
				       struct bg_jobdef **out,
				       struct bg_diags *diags);

struct bg__embedded_file {
	const char *name; /* file name, e.g. "ml-training.yaml" */
	const unsigned char *data;
	size_t size;
};
extern const struct bg__embedded_file bg__builtin_templates[];
extern const size_t bg__builtin_template_count;

/* The template job of a result, now the caller's (pipeline.c). */
struct bg_jobdef *bg__result_take_template_job(struct bg_result *r);

#endif /* BATCHGEN_INT_H */
