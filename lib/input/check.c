/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The located schema check.
 *
 * libcyaml stops at the first problem and reports no positions we can
 * use, but users must see every problem with its line and column. So
 * before libcyaml loads a document, this walks the libcyaml schema (the
 * one declaration of what a spec or template holds) side by side with
 * the libyaml node graph and reports, with positions and field paths:
 * wrong types, numbers out of range, unknown keys (with a suggestion),
 * duplicate keys, missing required keys, and free-form maps of the wrong
 * shape. It is stricter than libcyaml (which reads "8x" as 8 and any
 * unknown word as boolean true), so whatever passes here libcyaml loads
 * the same way. Alias expansion is bounded, so an alias bomb is an error
 * rather than exponential work.
 *
 * Each problem also names the smallest optional key/value pair that
 * holds it. Dropping those pairs gives a document libcyaml can load,
 * so the jobs can still be built and validated and their problems
 * reported in the same run (see bg__load_checked).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input.h"
#include "input/cyschema.h"

struct pair_ctx {
	size_t map;  /* node index of the mapping */
	size_t pair; /* index of the pair in it */
	bool optional;
};

struct walk {
	struct bg__ydoc *doc;
	struct pair_ctx stack[64];
	size_t depth;
	struct bg__prune *prunes;
	size_t prune_count, prune_cap;
	bool fatal; /* a problem no pruning can remove */
	struct bg_diags *diags;
	const struct bg__free_field *free_fields;
	size_t visits;
	size_t budget;
	bool over_budget;
	bool failed;
	char path[1024];
	size_t path_len;
};

/* Records the innermost optional pair around the current position. */
static void
note_prune(struct walk *w)
{
	struct bg__prune *grown;

	for (size_t i = w->depth; i-- > 0;) {
		if (!w->stack[i].optional) {
			continue;
		}
		grown = bg__grow(w->prunes, &w->prune_cap, w->prune_count + 1,
				 sizeof(*grown));
		if (grown == NULL) {
			w->fatal = true;
			return;
		}
		w->prunes = grown;
		grown[w->prune_count].map = w->stack[i].map;
		grown[w->prune_count].pair = w->stack[i].pair;
		w->prune_count++;
		return;
	}
	w->fatal = true;
}

static bool
push_pair(struct walk *w, const struct bg__ynode *map, size_t pair, bool optional)
{
	if (w->depth == ARRAY_LENGTH(w->stack)) {
		return false;
	}
	w->stack[w->depth].map = bg__ynode_index(w->doc, map);
	w->stack[w->depth].pair = pair;
	w->stack[w->depth].optional = optional;
	w->depth++;
	return true;
}

static void
report(struct walk *w, const struct bg__ynode *n, const char *code,
       const char *fmt, ...) BG_PRINTF(4, 5);

/* The fields of the AWS Batch API that the aws provider 5.100 cannot
 * write (provider reference, sections 4.1 and 4.2): those its
 * eks_properties block lacks, and those it drops from ecs_properties
 * without a word. */
struct provider_gap {
	const char *under; /* the properties the key is refused in */
	const char *key;
	const char *api; /* its API spelling */
	bool dropped;    /* the provider drops it (else: lacks it) */
};

static const struct provider_gap provider_gaps[] = {
	{ "eks_properties", "namespace", "podProperties.metadata.namespace",
	  false },
	{ "eks_properties", "annotations",
	  "podProperties.metadata.annotations", false },
	{ "eks_properties", "persistent_volume_claim",
	  "podProperties.volumes[].persistentVolumeClaim", false },
	{ "eks_properties", "sub_path", "containers[].volumeMounts[].subPath",
	  false },
	{ "eks_properties", "allow_privilege_escalation",
	  "containers[].securityContext.allowPrivilegeEscalation", false },
	{ "ecs_properties", "network_mode", "taskProperties[].networkMode",
	  true },
	{ "ecs_properties", "start_timeout", "containers[].startTimeout",
	  true },
	{ "ecs_properties", "stop_timeout", "containers[].stopTimeout", true },
};

/* The gap that key is, at w's path, or NULL. */
static const struct provider_gap *
provider_gap(const struct walk *w, const char *key)
{
	for (size_t i = 0; i < ARRAY_LENGTH(provider_gaps); i++) {
		const struct provider_gap *g = &provider_gaps[i];
		if (strcmp(key, g->key) == 0 &&
		    strstr(w->path, g->under) != NULL) {
			return g;
		}
	}
	return NULL;
}

static void
report(struct walk *w, const struct bg__ynode *n, const char *code,
       const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	w->failed = true;
	note_prune(w);
	bg_diags_add(w->diags, BG_SEV_ERROR, code, w->doc->file,
		     bg__ynode_line(n), bg__ynode_column(n),
		     w->path_len > 0 ? w->path : NULL, "%s", msg);
}

static size_t
path_push_key(struct walk *w, const char *key)
{
	size_t old = w->path_len;
	size_t n = strlen(key);

	/* Too long: the path stays at the parent (still a true prefix). */
	if (old + n + 2 < sizeof(w->path)) {
		if (old > 0) {
			w->path[w->path_len++] = '.';
		}
		memcpy(w->path + w->path_len, key, n + 1);
		w->path_len += n;
	}
	return old;
}

static size_t
path_push_index(struct walk *w, size_t i)
{
	size_t old = w->path_len;
	char num[24];
	const char *text = bg__index_text(num, i);
	size_t n = strlen(text);

	if (old + n + 1 < sizeof(w->path)) {
		memcpy(w->path + w->path_len, text, n + 1);
		w->path_len += n;
	}
	return old;
}

static void
path_pop(struct walk *w, size_t old)
{
	w->path_len = old;
	w->path[old] = '\0';
}

/* A short description of what a node is, for "expected X, got Y". */
static const char *
node_kind(const struct bg__ynode *n)
{
	switch (n->type) {
	case BG_Y_SCALAR:
		return "a scalar";
	case BG_Y_SEQ:
		return "a list";
	case BG_Y_MAP:
		return "a mapping";
	default:
		return "nothing";
	}
}

bool
bg__scalar_is_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };

	for (size_t i = 0; i < ARRAY_LENGTH(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			if (out != NULL) {
				*out = true;
			}
			return true;
		}
		if (strcasecmp(s, no[i]) == 0) {
			if (out != NULL) {
				*out = false;
			}
			return true;
		}
	}
	return false;
}

/* Edit distance, for "did you mean" (short keys only). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[64];

	if (la >= 63 || lb >= 63) {
		return 99;
	}
	for (size_t j = 0; j <= lb; j++) {
		row[j] = j;
	}
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (row[j] + 1 < best) {
				best = row[j] + 1;
			}
			if (row[j - 1] + 1 < best) {
				best = row[j - 1] + 1;
			}
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static const char *
suggest(const cyaml_schema_field_t *fields, const char *key)
{
	const char *best = NULL;
	size_t best_d = 99;
	size_t limit = strlen(key) / 3 + 1;

	if (limit > 3) {
		limit = 3;
	}
	for (const cyaml_schema_field_t *f = fields; f->key != NULL; f++) {
		size_t d = distance(key, f->key);
		if (d < best_d) {
			best_d = d;
			best = f->key;
		}
	}
	return best_d <= limit ? best : NULL;
}

static void walk_value(struct walk *w, struct bg__ynode *n,
		       const cyaml_schema_value_t *s);

static bool
count_visit(struct walk *w, const struct bg__ynode *n)
{
	if (w->over_budget) {
		return false;
	}
	if (++w->visits > w->budget) {
		w->over_budget = true;
		report(w, n, "yaml-too-large",
		       "the document expands to more than %zu values (aliases "
		       "referring to aliases?); refusing to load it",
		       w->budget);
		return false;
	}
	return true;
}

/* What a scalar field takes, for messages. */
static const char *
scalar_kind(const cyaml_schema_value_t *s)
{
	return s->type == CYAML_INT || s->type == CYAML_UINT ? "a whole number"
	       : s->type == CYAML_BOOL			     ? "true or false"
							     : "a string";
}

static const char *
tag_name(uint8_t tag)
{
	switch (tag) {
	case BG_T_STR:
		return "!!str";
	case BG_T_INT:
		return "!!int";
	case BG_T_BOOL:
		return "!!bool";
	case BG_T_NULL:
		return "!!null";
	case BG_T_MAP:
		return "!!map";
	case BG_T_SEQ:
		return "!!seq";
	default:
		return "no tag";
	}
}

/* A scalar's explicit tag, and a null, must fit the field: memory:
 * !!str 1024 is a string, not a number, and image: ~ is no image. */
static bool
tag_fits(struct walk *w, struct bg__ynode *n, const cyaml_schema_value_t *s)
{
	uint8_t want;

	switch (s->type) {
	case CYAML_INT:
	case CYAML_UINT:
		want = BG_T_INT;
		break;
	case CYAML_BOOL:
		want = BG_T_BOOL;
		break;
	default:
		want = BG_T_STR;
		break;
	}
	if (n->tag != BG_T_NONE && n->tag != want && n->tag != BG_T_NULL) {
		report(w, n, "schema-type",
		       "the value is tagged %s, but the field takes %s",
		       tag_name(n->tag), scalar_kind(s));
		return false;
	}
	if (bg__ynode_is_null(w->doc, n)) {
		report(w, n, "schema-null",
		       "a null (nothing, ~ or null) where %s is required; "
		       "remove the key, or quote the text ('~')",
		       scalar_kind(s));
		return false;
	}
	return true;
}

static void
walk_scalar(struct walk *w, struct bg__ynode *n, const cyaml_schema_value_t *s)
{
	const char *v = bg__ynode_text(w->doc, n);
	const char *why = NULL;
	int64_t iv;

	if (n->type != BG_Y_SCALAR) {
		report(w, n, "schema-type", "expected %s, got %s",
		       scalar_kind(s), node_kind(n));
		return;
	}
	/* A number or a boolean may be a Terraform expression, known when
	 * terraform plans ("${var.retries}"); input/fill.c keeps it. */
	if ((s->type == CYAML_INT || s->type == CYAML_UINT ||
	     s->type == CYAML_BOOL) &&
	    (n->tag == BG_T_NONE || n->tag == BG_T_STR) && bg__tf_is_expr(v)) {
		return;
	}
	if (!tag_fits(w, n, s)) {
		return;
	}
	switch (s->type) {
	case CYAML_INT:
	case CYAML_UINT:
		if (bg_number_parse(v, 0, &iv, NULL, &why) != BG_OK) {
			report(w, n, "schema-type",
			       "expected a whole number, got '%.60s': %s", v,
			       why);
		} else if (s->type == CYAML_UINT && iv < 0) {
			report(w, n, "schema-type",
			       "expected a number of 0 or more, got %s", v);
		} else if (s->data_size < 8 &&
			   (iv > (INT64_C(1) << (s->data_size * 8 - 1)) - 1 ||
			    iv < -(INT64_C(1) << (s->data_size * 8 - 1)))) {
			report(w, n, "schema-type", "number out of range: %s",
			       v);
		}
		break;
	case CYAML_BOOL:
		if (!bg__scalar_is_bool(v, NULL)) {
			report(w, n, "schema-type",
			       "expected true or false, got '%.60s'", v);
		}
		break;
	case CYAML_STRING:
		if (strlen(v) < s->string.min) {
			report(w, n, "schema-type", "must not be empty");
		} else if (strlen(v) > s->string.max) {
			report(w, n, "schema-type",
			       "too long: %zu characters, at most %u allowed",
			       strlen(v), (unsigned)s->string.max);
		}
		break;
	case CYAML_ENUM: {
		bool found = false;
		char allowed[256] = "";
		size_t used = 0;
		for (uint32_t i = 0; i < s->enumeration.count; i++) {
			const char *str = s->enumeration.strings[i].str;
			int k;
			if (strcmp(str, v) == 0) {
				found = true;
			}
			k = snprintf(allowed + used, sizeof(allowed) - used,
				     "%s%s", i ? ", " : "", str);
			if (k > 0 && (size_t)k < sizeof(allowed) - used) {
				used += (size_t)k;
			}
		}
		if (!found) {
			report(w, n, "schema-enum",
			       "'%.60s' is not allowed; use one of: %s", v,
			       allowed);
		}
		break;
	}
	default:
		break;
	}
}

static const struct bg__free_field *
free_field(const struct walk *w, const char *key)
{
	for (const struct bg__free_field *f = w->free_fields;
	     f != NULL && f->key != NULL; f++) {
		if (strcmp(f->key, key) == 0) {
			return f;
		}
	}
	return NULL;
}

static void
walk_mapping(struct walk *w, struct bg__ynode *n, const cyaml_schema_value_t *s)
{
	const cyaml_schema_field_t *fields = s->mapping.fields;
	size_t nfields = 0;
	bool seen[128] = { false };

	if (n->type != BG_Y_MAP) {
		report(w, n, "schema-type", "expected a mapping, got %s",
		       node_kind(n));
		return;
	}
	while (fields[nfields].key != NULL) {
		nfields++;
	}
	for (size_t pair = 0; pair < n->len && !w->over_budget; pair++) {
		struct bg__ynode *k = bg__ynode_key(w->doc, n, pair);
		struct bg__ynode *v = bg__ynode_value(w->doc, n, pair);
		const char *key = bg__ynode_text(w->doc, k);
		size_t idx;
		size_t old;

		if (key == NULL) {
			if (push_pair(w, n, pair, true)) {
				report(w, k, "schema-type",
				       "keys must be plain words, got %s",
				       node_kind(k));
				w->depth--;
			}
			continue;
		}
		idx = bg__schema_field_index(fields, nfields, key);
		if (!push_pair(w, n, pair,
			       idx == nfields ||
				       (fields[idx].value.flags &
					CYAML_FLAG_OPTIONAL))) {
			report(w, k, "schema-nesting", "nested too deeply");
			continue;
		}
		if (idx == nfields) {
			const char *hint = suggest(fields, key);
			const struct provider_gap *gap = provider_gap(w, key);
			old = path_push_key(w, key);
			if (gap != NULL && gap->dropped) {
				report(w, k, "ecs-unsupported",
				       "'%s' is AWS Batch's (%s), but the aws "
				       "provider 5.100 drops it from "
				       "ecs_properties without a word: AWS "
				       "would never see it, so batchgen does "
				       "not write it",
				       key, gap->api);
			} else if (gap != NULL) {
				report(w, k, "eks-unsupported",
				       "'%s' is AWS Batch's (%s), but the aws "
				       "provider 5.100 has no such attribute in "
				       "eks_properties: terraform validate would "
				       "refuse it, so batchgen cannot write it",
				       key, gap->api);
			} else if (hint != NULL) {
				report(w, k, "schema-unknown-key",
				       "unknown key '%.60s'; did you mean "
				       "'%s'?",
				       key, hint);
			} else {
				report(w, k, "schema-unknown-key",
				       "unknown key '%.60s'", key);
			}
			path_pop(w, old);
			w->depth--;
			continue;
		}
		old = path_push_key(w, key);
		if (idx < ARRAY_LENGTH(seen) && seen[idx]) {
			/* Drop the second one, whatever the field. */
			w->stack[w->depth - 1].optional = true;
			report(w, k, "schema-duplicate-key",
			       "key '%s' is given twice", key);
			path_pop(w, old);
			w->depth--;
			continue;
		}
		if (idx < ARRAY_LENGTH(seen)) {
			seen[idx] = true;
		}
		if (fields[idx].value.type == CYAML_IGNORE) {
			const struct bg__free_field *ff = free_field(w, key);
			/* Checked only (no list out): input/fill.c reads
			 * the map into the model after libcyaml's load. */
			if (ff != NULL && count_visit(w, v) &&
			    ff->convert(w->doc, v, w->path, NULL, w->diags) !=
				    BG_OK) {
				w->failed = true;
				note_prune(w);
			}
		} else {
			walk_value(w, v, &fields[idx].value);
		}
		path_pop(w, old);
		w->depth--;
	}
	for (size_t i = 0; i < nfields && i < ARRAY_LENGTH(seen); i++) {
		if (!seen[i] && !(fields[i].value.flags & CYAML_FLAG_OPTIONAL)) {
			report(w, n, "schema-missing-key",
			       "missing required key '%s'", fields[i].key);
		}
	}
}

static void
walk_sequence(struct walk *w, struct bg__ynode *n, const cyaml_schema_value_t *s)
{
	size_t count;
	size_t i = 0;

	if (n->type != BG_Y_SEQ) {
		report(w, n, "schema-type", "expected a list, got %s",
		       node_kind(n));
		return;
	}
	count = n->len;
	if (count < s->sequence.min) {
		report(w, n, "schema-type",
		       "needs at least %u entr%s, got %zu",
		       (unsigned)s->sequence.min,
		       s->sequence.min == 1 ? "y" : "ies", count);
	} else if (count > s->sequence.max) {
		report(w, n, "schema-type", "at most %u entries, got %zu",
		       (unsigned)s->sequence.max, count);
	}
	for (; i < count && !w->over_budget; i++) {
		size_t old = path_push_index(w, i);
		walk_value(w, bg__ynode_item(w->doc, n, i), s->sequence.entry);
		path_pop(w, old);
	}
}

static void
walk_value(struct walk *w, struct bg__ynode *n, const cyaml_schema_value_t *s)
{
	if (n == NULL || !count_visit(w, n)) {
		return;
	}
	if (n->type != BG_Y_SCALAR && n->tag != BG_T_NONE &&
	    n->tag != (n->type == BG_Y_MAP ? BG_T_MAP : BG_T_SEQ)) {
		report(w, n, "schema-type", "%s tagged %s", node_kind(n),
		       tag_name(n->tag));
		return;
	}
	switch (s->type) {
	case CYAML_MAPPING:
		walk_mapping(w, n, s);
		break;
	case CYAML_SEQUENCE:
	case CYAML_SEQUENCE_FIXED:
		walk_sequence(w, n, s);
		break;
	case CYAML_IGNORE:
		break;
	default:
		walk_scalar(w, n, s);
		break;
	}
}

enum bg_status
bg__ycheck(struct bg__ydoc *doc, const cyaml_schema_value_t *schema,
	   const struct bg__free_field *free_fields, struct bg_diags *diags,
	   struct bg__prune **prunes, size_t *prune_count)
{
	struct walk w = {
		.doc = doc,
		.diags = diags,
		.free_fields = free_fields,
	};
	struct bg__ynode *root = bg__ydoc_root(doc);
	size_t nodes;

	if (root == NULL || (root->type == BG_Y_SCALAR && root->len == 0)) {
		bg_diags_add(diags, BG_SEV_ERROR, "schema-empty", doc->file, 0,
			     0, NULL, "the document is empty");
		return BG_ERR_SCHEMA;
	}
	/* Every node once, plus a generous allowance for aliases. */
	nodes = doc->count;
	w.budget = nodes + 100000;
	walk_value(&w, root, schema);
	if (w.fatal || w.over_budget || prunes == NULL) {
		free(w.prunes);
		w.prunes = NULL;
		w.prune_count = 0;
	}
	if (prunes != NULL) {
		*prunes = w.prunes;
		*prune_count = w.prune_count;
	} else {
		free(w.prunes);
	}
	return w.failed ? BG_ERR_SCHEMA : BG_OK;
}
