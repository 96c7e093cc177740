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
