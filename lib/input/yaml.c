/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The located view of a YAML input, from libyaml's document loader.
 *
 * libcyaml loads our typed structures, but it cannot load mappings with
 * arbitrary keys (tags, parameters, environment; upstream
 * tlsa/libcyaml#66) and it keeps no per-field positions. So every input
 * is also loaded as a libyaml document: a node graph where each node
 * carries its line and column. Free-form maps are read from it, and
 * diagnostics take their positions from it. Aliases are shared nodes
 * in that graph, so an alias does not copy data.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "input.h"

enum bg_status
bg__ydoc_load(struct bg__ydoc *d, const char *buf, size_t len,
	      const char *file, struct bg_diags *diags)
{
	yaml_parser_t parser;
	enum bg_status st = BG_OK;

	memset(d, 0, sizeof(*d));
	d->file = file;
	if (!yaml_parser_initialize(&parser)) {
		return BG_ERR_NOMEM;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf,
				     len);
	if (!yaml_parser_load(&parser, &d->doc)) {
		unsigned line = (unsigned)parser.problem_mark.line + 1;
		unsigned col = (unsigned)parser.problem_mark.column + 1;
		if (parser.error == YAML_MEMORY_ERROR) {
			st = BG_ERR_NOMEM;
		} else {
			st = BG_ERR_PARSE;
			bg_diags_add(diags, BG_SEV_ERROR, "yaml-syntax", file,
				     line, col, NULL, "%s%s%s",
				     parser.problem ? parser.problem
						    : "syntax error",
				     parser.context ? " " : "",
				     parser.context ? parser.context : "");
		}
	} else {
		d->loaded = true;
	}
	yaml_parser_delete(&parser);
	return st;
}

void
bg__ydoc_finish(struct bg__ydoc *d)
{
	if (d != NULL && d->loaded) {
		yaml_document_delete(&d->doc);
		d->loaded = false;
	}
}

yaml_node_t *
bg__ydoc_root(struct bg__ydoc *d)
{
	return d->loaded ? yaml_document_get_root_node(&d->doc) : NULL;
}

yaml_node_t *
bg__ynode_get(struct bg__ydoc *d, yaml_node_t *map, const char *key)
{
	if (map == NULL || map->type != YAML_MAPPING_NODE) {
		return NULL;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&d->doc, p->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strlen(key) == k->data.scalar.length &&
		    memcmp(k->data.scalar.value, key,
			   k->data.scalar.length) == 0) {
			return yaml_document_get_node(&d->doc, p->value);
		}
	}
	return NULL;
}

const char *
bg__ynode_scalar(yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE) {
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

enum bg_status
bg__ynode_to_kvlist(struct bg__ydoc *d, yaml_node_t *map, const char *path,
		    struct bg_kvlist *out, struct bg_diags *diags)
{
	enum bg_status st = BG_OK;

	if (map == NULL) {
		return BG_OK;
	}
	if (map->type != YAML_MAPPING_NODE) {
		bg_diags_add(diags, BG_SEV_ERROR, "schema-type", d->file,
			     bg__ynode_line(map), bg__ynode_column(map), path,
			     "expected a mapping of names to strings");
		return BG_ERR_SCHEMA;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&d->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&d->doc, p->value);
		const char *key = bg__ynode_scalar(k);
		const char *value = bg__ynode_scalar(v);

		if (key == NULL || value == NULL) {
			yaml_node_t *bad = key == NULL ? k : v;
			bg_diags_add(diags, BG_SEV_ERROR, "schema-type",
				     d->file, bg__ynode_line(bad),
				     bg__ynode_column(bad), path,
				     "%s must be a plain string",
				     key == NULL ? "a key" : "a value");
			st = BG_ERR_SCHEMA;
			continue;
		}
		if (bg_kvlist_get(out, key) != NULL) {
			bg_diags_add(diags, BG_SEV_ERROR, "duplicate-key",
				     d->file, bg__ynode_line(k),
				     bg__ynode_column(k), path,
				     "duplicate key '%s'", key);
			st = BG_ERR_SCHEMA;
			continue;
		}
		if (bg_kvlist_set(out, key, value) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	return st;
}

unsigned
bg__ynode_line(const yaml_node_t *n)
{
	return n != NULL ? (unsigned)n->start_mark.line + 1 : 0;
}

unsigned
bg__ynode_column(const yaml_node_t *n)
{
	return n != NULL ? (unsigned)n->start_mark.column + 1 : 0;
}

/* A YAML null: "~", "null" or nothing, written plain. */
static bool
is_null(const yaml_node_t *n)
{
	const char *v;

	if (n == NULL || n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		return false;
	}
	v = (const char *)n->data.scalar.value;
	return v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	       strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

static enum bg_status
env_append(struct bg_kvlist *out, const char *name, const char *value)
{
	bool failed = false;
	struct bg_kv *grown =
		realloc(out->items, (out->count + 1) * sizeof(*grown));

	if (grown == NULL) {
		return BG_ERR_NOMEM;
	}
	out->items = grown;
	grown[out->count].key = bg__strdup(name, &failed);
	grown[out->count].value = bg__strdup(value, &failed);
	if (failed) {
		free(grown[out->count].key);
		free(grown[out->count].value);
		return BG_ERR_NOMEM;
	}
	out->count++;
	return BG_OK;
}

enum bg_status
bg__ynode_to_env(struct bg__ydoc *d, yaml_node_t *n, const char *path,
		 struct bg_kvlist *out, struct bg_diags *diags)
{
	enum bg_status st = BG_OK;
	size_t i = 0;

	if (n == NULL) {
		return BG_OK;
	}
	if (n->type == YAML_MAPPING_NODE) {
		/* NAME: VALUE; a null value is kept as missing, so the
		 * validator reports it with the seed's message. */
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
		     p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(&d->doc, p->key);
			yaml_node_t *v =
				yaml_document_get_node(&d->doc, p->value);
			const char *key = bg__ynode_scalar(k);
			const char *value = bg__ynode_scalar(v);
			if (key == NULL || (value == NULL && !is_null(v))) {
				bg_diags_add(diags, BG_SEV_ERROR, "schema-type",
					     d->file,
					     bg__ynode_line(key ? v : k),
					     bg__ynode_column(key ? v : k), path,
					     "environment variables are NAME: "
					     "VALUE with plain strings");
				st = BG_ERR_SCHEMA;
				continue;
			}
			if (bg_kvlist_get(out, key) != NULL) {
				bg_diags_add(diags, BG_SEV_ERROR,
					     "duplicate-key", d->file,
					     bg__ynode_line(k),
					     bg__ynode_column(k), path,
					     "duplicate key '%s'", key);
				st = BG_ERR_SCHEMA;
				continue;
			}
			if (env_append(out, key, is_null(v) ? NULL : value) !=
			    BG_OK) {
				return BG_ERR_NOMEM;
			}
		}
		return st;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		bg_diags_add(diags, BG_SEV_ERROR, "schema-type", d->file,
			     bg__ynode_line(n), bg__ynode_column(n), path,
			     "expected a mapping of NAME: VALUE, or a list of "
			     "{name, value}");
		return BG_ERR_SCHEMA;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++, i++) {
		yaml_node_t *e = yaml_document_get_node(&d->doc, *it);
		const char *name = NULL;
		const char *value = NULL;
		bool bad = e == NULL || e->type != YAML_MAPPING_NODE;

		for (yaml_node_pair_t *p = bad ? NULL
					       : e->data.mapping.pairs.start;
		     p != NULL && p < e->data.mapping.pairs.top; p++) {
			const char *k = bg__ynode_scalar(
				yaml_document_get_node(&d->doc, p->key));
			yaml_node_t *v =
				yaml_document_get_node(&d->doc, p->value);
			if (k != NULL && strcmp(k, "name") == 0 &&
			    bg__ynode_scalar(v) != NULL) {
				name = bg__ynode_scalar(v);
			} else if (k != NULL && strcmp(k, "value") == 0 &&
				   bg__ynode_scalar(v) != NULL) {
				value = is_null(v) ? NULL : bg__ynode_scalar(v);
			} else {
				bad = true;
			}
		}
		if (bad) {
			bg_diags_add(diags, BG_SEV_ERROR, "schema-type", d->file,
				     bg__ynode_line(e), bg__ynode_column(e),
				     path,
				     "environment entry %zu must be a "
				     "mapping with only 'name' and 'value'",
				     i);
			st = BG_ERR_SCHEMA;
			continue;
		}
		if (env_append(out, name != NULL ? name : "", value) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	return st;
}

yaml_node_t *
bg__ynode_at(struct bg__ydoc *d, const char *path, bool *exact)
{
	yaml_node_t *node = bg__ydoc_root(d);
	const char *p = path;

	*exact = false;
	if (node == NULL) {
		return NULL;
	}
	while (*p != '\0') {
		yaml_node_t *child = NULL;
		if (*p == '.') {
			p++;
		}
		if (*p == '[') {
			char *end = NULL;
			unsigned long i = strtoul(p + 1, &end, 10);
			if (end == NULL || *end != ']') {
				return node;
			}
			p = end + 1;
			if (node->type == YAML_SEQUENCE_NODE &&
			    i < (unsigned long)(node->data.sequence.items.top -
						node->data.sequence.items.start)) {
				child = yaml_document_get_node(
					&d->doc,
					node->data.sequence.items.start[i]);
			} else if (node->type == YAML_MAPPING_NODE &&
				   i < (unsigned long)(node->data.mapping.pairs
							       .top -
						       node->data.mapping.pairs
							       .start)) {
				child = yaml_document_get_node(
					&d->doc,
					node->data.mapping.pairs.start[i].key);
			}
		} else {
			size_t n = strcspn(p, ".[");
			char key[256];
			if (n >= sizeof(key)) {
				return node;
			}
			memcpy(key, p, n);
			key[n] = '\0';
			p += n;
			child = bg__ynode_get(d, node, key);
		}
		if (child == NULL) {
			return node;
		}
		node = child;
	}
	*exact = true;
	return node;
}

yaml_node_t *
bg__ynode_exact(struct bg__ydoc *d, const char *path)
{
	bool exact;
	yaml_node_t *n = bg__ynode_at(d, path, &exact);

	return exact ? n : NULL;
}
