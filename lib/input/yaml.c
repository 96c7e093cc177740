/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The located view of a YAML (or JSON) input, built from libyaml's
 * parser events.
 *
 * libcyaml loads our typed structures, but it cannot load mappings with
 * arbitrary keys (tags, parameters, environment; upstream
 * tlsa/libcyaml#66) and it keeps no per-field positions. So every input
 * is also read into this view: a compact node graph where each node
 * carries its line and column. Free-form maps are read from it, and
 * diagnostics take their positions from it.
 *
 * It is compact on purpose: libyaml's own document API allocates a tag
 * string, a value and a pair stack per node (about 200 bytes each);
 * here a node is 20 bytes in one array, children are indices in a
 * second array, and scalar text lives in one string arena. An alias is
 * the index of its anchor's node, so it copies nothing.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "input.h"

/* ================================================================== */
/* Building                                                            */
/* ================================================================== */

/* Far deeper than any spec or template (they nest about 8 levels). */
#define MAX_DEPTH 64

/* An open collection: its node and the children read so far, which
 * are the builder's kid stack from base on (an inner collection's
 * children follow its parent's until it closes). */
struct open_coll {
	uint32_t node;
	char *anchor; /* its anchor name, or NULL */
	size_t base;
	size_t count;
};

struct anchor {
	char *name;
	uint32_t node;
};

struct builder {
	struct bg__ydoc *d;
	struct bg_diags *diags;
	bool refused; /* a located error was reported; the load fails */
	struct open_coll *stack;
	size_t depth;
	size_t stack_cap;
	uint32_t *kid_stack; /* the children of every open collection */
	size_t kid_cap;
	struct anchor *anchors;
	size_t anchor_count;
	size_t anchor_cap;
	bool nomem;
	bool cfn_tags; /* CloudFormation's short forms are read */
};

static void *
grow(void *p, size_t *cap, size_t need, size_t elem, bool *nomem)
{
	void *q;

	if (need <= *cap && p != NULL) {
		return p; /* the usual case, without a call */
	}
	q = bg__grow(p, cap, need, elem);

	if (q == NULL) {
		*nomem = true;
		return p;
	}
	return q;
}

static uint32_t
new_node(struct builder *b, enum bg__ytype type, const yaml_mark_t *mark)
{
	struct bg__ydoc *d = b->d;
	struct bg__ynode *n;

	d->nodes = grow(d->nodes, &d->node_cap, d->count + 1, sizeof(*n),
			&b->nomem);
	if (b->nomem) {
		return 0;
	}
	n = &d->nodes[d->count];
	memset(n, 0, sizeof(*n));
	n->type = (uint8_t)type;
	n->line = (uint32_t)mark->line + 1;
	n->column = (uint32_t)mark->column + 1;
	return (uint32_t)d->count++;
}

/* The children of open collection c so far (NULL while no collection
 * has had one: no offset is added to a null pointer). */
static uint32_t *
kids_of(const struct builder *b, const struct open_coll *c)
{
	return b->kid_stack != NULL ? b->kid_stack + c->base : NULL;
}

/* Appends node to the children of c, the innermost open collection. */
static void
push_kid(struct builder *b, struct open_coll *c, uint32_t node)
{
	b->kid_stack = grow(b->kid_stack, &b->kid_cap, c->base + c->count + 1,
			    sizeof(*b->kid_stack), &b->nomem);
	if (!b->nomem) {
		b->kid_stack[c->base + c->count++] = node;
	}
}

/* Adds node as the next child of the innermost open collection. */
static void
add_child(struct builder *b, uint32_t node)
{
	if (b->depth == 0) {
		b->d->root = node;
		b->d->has_root = true;
		return;
	}
	push_kid(b, &b->stack[b->depth - 1], node);
}

static void
remember_anchor(struct builder *b, const yaml_char_t *name, uint32_t node)
{
	if (name == NULL) {
		return;
	}
	b->anchors = grow(b->anchors, &b->anchor_cap, b->anchor_count + 1,
			  sizeof(*b->anchors), &b->nomem);
	if (b->nomem) {
		return;
	}
	b->anchors[b->anchor_count].name = strdup((const char *)name);
	if (b->anchors[b->anchor_count].name == NULL) {
		b->nomem = true;
		return;
	}
	b->anchors[b->anchor_count++].node = node;
}

static bool
find_anchor(const struct builder *b, const yaml_char_t *name, uint32_t *node)
{
	/* The latest definition wins, as in YAML. */
	for (size_t i = b->anchor_count; i-- > 0;) {
		if (strcmp(b->anchors[i].name, (const char *)name) == 0) {
			*node = b->anchors[i].node;
			return true;
		}
	}
	return false;
}

/* The tags batchgen reads; NULL for the rest. */
static const struct {
	const char *tag;
	enum bg__ytag code;
} known_tags[] = {
	{ "!", BG_T_STR },
	{ YAML_STR_TAG, BG_T_STR },
	{ YAML_INT_TAG, BG_T_INT },
	{ YAML_BOOL_TAG, BG_T_BOOL },
	{ YAML_NULL_TAG, BG_T_NULL },
	{ YAML_MAP_TAG, BG_T_MAP },
	{ YAML_SEQ_TAG, BG_T_SEQ },
};

/* CloudFormation's short-form functions, as the long form names them;
 * "!Ref" is tagged BG_T_CFN + 0. */
static const char *const cfn_functions[] = {
	"Ref",	       "Fn::Sub",	"Fn::GetAtt",	 "Fn::Join",
	"Fn::ImportValue", "Fn::FindInMap", "Fn::Select",	 "Fn::Split",
	"Fn::If",	       "Fn::Base64",	"Fn::GetAZs",	 "Fn::Cidr",
	"Fn::Equals",      "Fn::Not",	"Fn::And",	 "Fn::Or",
	"Condition",       "Fn::Transform", "Fn::ToJsonString", "Fn::Length",
};

const char *
bg__cfn_function(unsigned tag)
{
	return tag >= BG_T_CFN && tag - BG_T_CFN < ARRAY_LENGTH(cfn_functions)
		       ? cfn_functions[tag - BG_T_CFN]
		       : NULL;
}

/* The short form of a function: "!" and its name without "Fn::". */
static int
cfn_tag(const char *t)
{
	for (size_t i = 0; t[0] == '!' && i < ARRAY_LENGTH(cfn_functions);
	     i++) {
		const char *f = cfn_functions[i];
		if (strncmp(f, "Fn::", 4) == 0) {
			f += 4;
		}
		if (strcmp(t + 1, f) == 0) {
			return (int)i;
		}
	}
	return -1;
}

/* Gives node its explicit tag. A tag batchgen does not implement
 * (!!binary, !!float, !!timestamp, a local !tag ...) would otherwise be
 * ignored and its text taken as it stands: it is refused. */
static void
set_tag(struct builder *b, uint32_t node, const yaml_char_t *tag)
{
	struct bg__ynode *n = &b->d->nodes[node];
	const char *t = (const char *)tag;
	const char *prefix = "";
	int cfn;

	if (tag == NULL) {
		return;
	}
	for (size_t i = 0; i < ARRAY_LENGTH(known_tags); i++) {
		if (strcmp(t, known_tags[i].tag) == 0) {
			n->tag = (uint8_t)known_tags[i].code;
			return;
		}
	}
	if (b->cfn_tags && (cfn = cfn_tag(t)) >= 0) {
		n->tag = (uint8_t)(BG_T_CFN + cfn);
		return;
	}
	if (strncmp(t, "tag:yaml.org,2002:", 18) == 0) {
		prefix = "!!"; /* "!!binary": the way it is written */
		t += 18;
	}
	bg_diags_add(b->diags, BG_SEV_ERROR, "yaml-tag", b->d->file, n->line,
		     n->column, NULL,
		     "the YAML tag '%s%.60s' is not supported: batchgen reads "
		     "values as they are written (!!str, !!int, !!bool and "
		     "!!null are accepted where they match the field)",
		     prefix, t);
	b->refused = true;
}

static void
scalar(struct builder *b, const yaml_event_t *e)
{
	struct bg__ydoc *d = b->d;
	size_t len = e->data.scalar.length;
	uint32_t node = new_node(b, BG_Y_SCALAR, &e->start_mark);

	if (b->nomem) {
		return;
	}
	if (len > UINT32_MAX || d->str_len + len + 1 > UINT32_MAX) {
		b->nomem = true;
		return;
	}
	d->strings = grow(d->strings, &d->str_cap, d->str_len + len + 1, 1,
			  &b->nomem);
	if (b->nomem) {
		return;
	}
	/* An escaped NUL ("\0" in YAML, "\u0000" in JSON) would cut the
	 * string short everywhere it is used as C text: refuse it. */
	if (memchr(e->data.scalar.value, '\0', len) != NULL) {
		bg_diags_add(b->diags, BG_SEV_ERROR, "string-nul", d->file,
			     d->nodes[node].line, d->nodes[node].column, NULL,
			     "a NUL character (\\0 or \\u0000) in a string "
			     "is not allowed: AWS and Terraform would cut the "
			     "text there");
		b->refused = true;
	}
	/* Terraform keeps every string in Unicode NFC: a string in another
	 * form reaches AWS changed. */
	if (!bg__utf8_is_nfc((const char *)e->data.scalar.value, len)) {
		bg_diags_add(b->diags, BG_SEV_WARNING, "text-nfc", d->file,
			     d->nodes[node].line, d->nodes[node].column, NULL,
			     BG_NFC_MESSAGE);
	}
	memcpy(d->strings + d->str_len, e->data.scalar.value, len);
	d->strings[d->str_len + len] = '\0';
	d->nodes[node].first = (uint32_t)d->str_len;
	d->nodes[node].len = (uint32_t)len;
	d->nodes[node].style = (uint8_t)e->data.scalar.style;
	d->str_len += len + 1;
	set_tag(b, node, e->data.scalar.tag);
	remember_anchor(b, e->data.scalar.anchor, node);
	add_child(b, node);
}

static void
open_collection(struct builder *b, enum bg__ytype type, const yaml_event_t *e)
{
	uint32_t node = new_node(b, type, &e->start_mark);
	const yaml_char_t *anchor = type == BG_Y_MAP
					    ? e->data.mapping_start.anchor
					    : e->data.sequence_start.anchor;

	if (b->nomem) {
		return;
	}
	set_tag(b, node,
		type == BG_Y_MAP ? e->data.mapping_start.tag
				 : e->data.sequence_start.tag);
	b->stack = grow(b->stack, &b->stack_cap, b->depth + 1,
			sizeof(*b->stack), &b->nomem);
	if (b->nomem) {
		return;
	}
	memset(&b->stack[b->depth], 0, sizeof(*b->stack));
	b->stack[b->depth].node = node;
	if (b->depth > 0) {
		const struct open_coll *parent = &b->stack[b->depth - 1];
		b->stack[b->depth].base = parent->base + parent->count;
	}
	/* The anchor is recorded when the collection closes: an alias to
	 * it from inside would be a cycle, and is then "unknown". */
	if (anchor != NULL) {
		b->stack[b->depth].anchor = strdup((const char *)anchor);
		if (b->stack[b->depth].anchor == NULL) {
			b->nomem = true;
		}
	}
	b->depth++;
}

static bool
is_merge_key(const struct bg__ydoc *d, uint32_t k)
{
	const struct bg__ynode *n = &d->nodes[k];

	return n->type == BG_Y_SCALAR && n->style == YAML_PLAIN_SCALAR_STYLE &&
	       n->tag == BG_T_NONE && n->len == 2 &&
	       memcmp(d->strings + n->first, "<<", 2) == 0;
}

/* The text of scalar key k, or NULL for other keys (never merged). */
static const char *
key_text(const struct bg__ydoc *d, uint32_t k)
{
	return d->nodes[k].type == BG_Y_SCALAR ? d->strings + d->nodes[k].first
					       : NULL;
}

/* Appends the pairs of mapping src whose keys c lacks (keys: the keys c
 * has, in an index). */
static void
merge_from(struct builder *b, struct open_coll *c, const struct bg__ynode *src,
	   struct bg__strindex *keys)
{
	struct bg__ydoc *d = b->d;

	for (size_t i = 0; i < src->len && !b->nomem; i++) {
		uint32_t k = d->kids[src->first + 2 * i];
		const char *text = key_text(d, k);
		if (text != NULL) {
			enum bg_status st = bg__strindex_put(keys, text, 0, NULL);
			if (st == BG_ERR_ARG) {
				continue; /* c has it, or an earlier merge */
			}
			if (st != BG_OK) {
				b->nomem = true;
				return;
			}
		}
		push_kid(b, c, k);
		push_kid(b, c, d->kids[src->first + 2 * i + 1]);
	}
}

/*
 * YAML merge keys: "<<: *common" (or a list of aliases) in mapping c
 * adds the pairs of those mappings that c does not give itself; the
 * first mapping listed wins over later ones. The merged pairs share the
 * anchor's nodes, so a diagnostic points where the value was written.
 */
static void
apply_merges(struct builder *b, struct open_coll *c)
{
	struct bg__ydoc *d = b->d;
	uint32_t merges[16];
	size_t nmerge = 0, kept = 0;
	struct bg__strindex keys = { 0 };
	uint32_t *kids = kids_of(b, c);

	for (size_t j = 0; j + 1 < c->count; j += 2) {
		if (!is_merge_key(d, kids[j])) {
			kids[kept++] = kids[j];
			kids[kept++] = kids[j + 1];
			continue;
		}
		if (nmerge == ARRAY_LENGTH(merges)) {
			bg_diags_add(b->diags, BG_SEV_ERROR, "yaml-merge",
				     d->file, d->nodes[kids[j]].line,
				     d->nodes[kids[j]].column, NULL,
				     "more than %zu merge keys ('<<') in one "
				     "mapping",
				     ARRAY_LENGTH(merges));
			b->refused = true;
			continue;
		}
		merges[nmerge++] = kids[j + 1];
	}
	c->count = kept;
	if (nmerge == 0) {
		return;
	}
	/* The strings arena does not move while a collection closes, so
	 * the index can borrow the key texts. */
	for (size_t j = 0; j < c->count && !b->nomem; j += 2) {
		const char *text = key_text(d, kids[j]);
		if (text != NULL &&
		    bg__strindex_put(&keys, text, 0, NULL) == BG_ERR_NOMEM) {
			b->nomem = true;
		}
	}
	for (size_t m = 0; m < nmerge && !b->nomem; m++) {
		const struct bg__ynode *v = &d->nodes[merges[m]];
		bool ok = v->type == BG_Y_MAP;
		if (v->type == BG_Y_SEQ) {
			ok = true;
			for (size_t i = 0; i < v->len && ok; i++) {
				ok = d->nodes[d->kids[v->first + i]].type ==
				     BG_Y_MAP;
			}
		}
		if (!ok) {
			bg_diags_add(b->diags, BG_SEV_ERROR, "yaml-merge",
				     d->file, v->line, v->column, NULL,
				     "a merge key ('<<') takes a mapping or a "
				     "list of mappings, such as *common or "
				     "[*a, *b]");
			b->refused = true;
			continue;
		}
		if (v->type == BG_Y_MAP) {
			merge_from(b, c, v, &keys);
			continue;
		}
		for (size_t i = 0; i < v->len; i++) {
			merge_from(b, c, &d->nodes[d->kids[v->first + i]],
				   &keys);
		}
	}
	bg__strindex_finish(&keys);
	d->rewritten = true;
}

/* Keys of the top-level mapping that start with "x-" hold anchors for
 * the rest of the document (as in compose files); they are no part of
 * a spec or template, so the view drops them. So are the x- keys of a
 * spec's job (x-batchgen-ignore: the lint findings silenced for it),
 * except where import and lint read the document (cfn_tags): lint
 * reads them there. */
static void
drop_extensions(struct builder *b, struct open_coll *c)
{
	struct bg__ydoc *d = b->d;
	size_t kept = 0;

	uint32_t *kids = kids_of(b, c);

	for (size_t j = 0; j + 1 < c->count; j += 2) {
		const struct bg__ynode *k = &d->nodes[kids[j]];
		if (k->type == BG_Y_SCALAR && k->len >= 2 &&
		    memcmp(d->strings + k->first, "x-", 2) == 0) {
			d->rewritten = true;
			continue;
		}
		kids[kept++] = kids[j];
		kids[kept++] = kids[j + 1];
	}
	c->count = kept;
}

/* Whether the innermost collection (depth 3) is an item of the list
 * under the top-level key "jobs". */
static bool
in_jobs(const struct builder *b)
{
	const struct bg__ydoc *d = b->d;
	const struct open_coll *root = &b->stack[0];
	const struct bg__ynode *k;

	/* an open collection joins its parent when it closes: the root's
	 * last child is the key of the list */
	if (d->nodes[root->node].type != BG_Y_MAP ||
	    d->nodes[b->stack[1].node].type != BG_Y_SEQ ||
	    root->count % 2 != 1) {
		return false;
	}
	k = &d->nodes[kids_of(b, root)[root->count - 1]];
	return k->type == BG_Y_SCALAR && k->len == 4 &&
	       memcmp(d->strings + k->first, "jobs", 4) == 0;
}

/* Closes the innermost collection: its children go to the shared
 * children array in one block. */
static void
close_collection(struct builder *b)
{
	struct bg__ydoc *d = b->d;
	struct open_coll *c = &b->stack[b->depth - 1];
	struct bg__ynode *n;

	if (d->nodes[c->node].type == BG_Y_MAP) {
		apply_merges(b, c);
		if (b->depth == 1 || (b->depth == 3 && !b->cfn_tags &&
				      in_jobs(b))) {
			drop_extensions(b, c);
		}
	}
	n = &d->nodes[c->node];
	d->kids = grow(d->kids, &d->kid_cap, d->kid_count + c->count,
		       sizeof(*d->kids), &b->nomem);
	if (!b->nomem) {
		if (c->count > 0) {
			memcpy(d->kids + d->kid_count, kids_of(b, c),
			       c->count * sizeof(*d->kids));
		}
		n->first = (uint32_t)d->kid_count;
		n->len = (uint32_t)(n->type == BG_Y_MAP ? c->count / 2
							 : c->count);
		d->kid_count += c->count;
	}
	b->depth--;
	remember_anchor(b, (const yaml_char_t *)c->anchor, c->node);
	free(c->anchor);
	if (!b->nomem) {
		add_child(b, c->node);
	}
}

static void
builder_finish(struct builder *b)
{
	for (size_t i = 0; i < b->depth; i++) {
		free(b->stack[i].anchor);
	}
	free(b->stack);
	free(b->kid_stack);
	for (size_t i = 0; i < b->anchor_count; i++) {
		free(b->anchors[i].name);
	}
	free(b->anchors);
}

enum bg_status
bg__ydoc_load(struct bg__ydoc *d, const char *buf, size_t len,
	      bool cfn_tags, const char *file, struct bg_diags *diags)
{
	yaml_parser_t parser;
	struct builder b = { .d = d, .diags = diags, .cfn_tags = cfn_tags };
	enum bg_status st = BG_OK;
	bool done = false;
	int docs = 0;

	memset(d, 0, sizeof(*d));
	d->file = file;
	if (!yaml_parser_initialize(&parser)) {
		return BG_ERR_NOMEM;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf,
				     len);
	while (!done && st == BG_OK && !b.nomem) {
		yaml_event_t e;
		uint32_t node;
		unsigned line, column;

		if (!yaml_parser_parse(&parser, &e)) {
			if (parser.error == YAML_MEMORY_ERROR) {
				st = BG_ERR_NOMEM;
				break;
			}
			st = BG_ERR_PARSE;
			if (parser.error == YAML_READER_ERROR) {
				/* The reader gives an offset, not a mark. */
				bg__offset_position(buf, parser.problem_offset,
						    &line, &column);
			} else {
				line = (unsigned)parser.problem_mark.line + 1;
				column = (unsigned)parser.problem_mark.column +
					 1;
			}
			bg_diags_add(diags, BG_SEV_ERROR, "yaml-syntax", file,
				     line, column, NULL, "%s%s%s",
				     parser.problem ? parser.problem
						    : "syntax error",
				     parser.context ? " " : "",
				     parser.context ? parser.context : "");
			break;
		}
		switch (e.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				st = BG_ERR_PARSE;
				bg_diags_add(diags, BG_SEV_ERROR, "yaml-syntax",
					     file,
					     (unsigned)e.start_mark.line + 1,
					     (unsigned)e.start_mark.column + 1,
					     NULL,
					     "a second document ('---'): a "
					     "file holds one spec");
			}
			break;
		case YAML_SCALAR_EVENT:
			scalar(&b, &e);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			/* No spec nests deeply; stopping here also spares
			 * libyaml's scanner, which slows down with depth. */
			if (b.depth >= MAX_DEPTH) {
				st = BG_ERR_PARSE;
				bg_diags_add(diags, BG_SEV_ERROR, "yaml-too-deep",
					     file,
					     (unsigned)e.start_mark.line + 1,
					     (unsigned)e.start_mark.column + 1,
					     NULL,
					     "nested more than %d levels deep",
					     MAX_DEPTH);
				break;
			}
			open_collection(&b,
					e.type == YAML_MAPPING_START_EVENT
						? BG_Y_MAP
						: BG_Y_SEQ,
					&e);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			close_collection(&b);
			break;
		case YAML_ALIAS_EVENT:
			if (!find_anchor(&b, e.data.alias.anchor, &node)) {
				st = BG_ERR_PARSE;
				bg_diags_add(diags, BG_SEV_ERROR, "yaml-syntax",
					     file,
					     (unsigned)e.start_mark.line + 1,
					     (unsigned)e.start_mark.column + 1,
					     NULL, "unknown alias '*%s'",
					     (const char *)e.data.alias.anchor);
			} else {
				add_child(&b, node);
			}
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&parser);
	builder_finish(&b);
	if (b.nomem) {
		st = BG_ERR_NOMEM;
	} else if (st == BG_OK && b.refused) {
		st = BG_ERR_PARSE;
	}
	if (st != BG_OK) {
		bg__ydoc_finish(d);
		return st;
	}
	d->loaded = true;
	return BG_OK;
}

void
bg__ydoc_finish(struct bg__ydoc *d)
{
	if (d == NULL) {
		return;
	}
	free(d->nodes);
	free(d->kids);
	free(d->strings);
	d->nodes = NULL;
	d->kids = NULL;
	d->strings = NULL;
	d->count = d->node_cap = d->kid_count = d->kid_cap = 0;
	d->str_len = d->str_cap = 0;
	d->loaded = false;
	d->has_root = false;
}

void
bg__offset_position(const char *buf, size_t off, unsigned *line,
		    unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80) {
			(*col)++; /* a character, not a continuation byte */
		}
	}
}

