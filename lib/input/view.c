/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Reading the located view (input/yaml.c builds it): nodes, keys,
 * scalars, field paths ("jobs[2].tags.Team"), and the free-form maps
 * (tags, parameters, environment, log options) as key/value lists.
 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "input.h"

/* ================================================================== */
/* Reading                                                             */
/* ================================================================== */

struct bg__ynode *
bg__ydoc_root(struct bg__ydoc *d)
{
	return d->loaded && d->has_root ? &d->nodes[d->root] : NULL;
}

struct bg__ynode *
bg__ynode_item(struct bg__ydoc *d, const struct bg__ynode *n, size_t i)
{
	return &d->nodes[d->kids[n->first + i]];
}

struct bg__ynode *
bg__ynode_key(struct bg__ydoc *d, const struct bg__ynode *n, size_t i)
{
	return &d->nodes[d->kids[n->first + 2 * i]];
}

struct bg__ynode *
bg__ynode_value(struct bg__ydoc *d, const struct bg__ynode *n, size_t i)
{
	return &d->nodes[d->kids[n->first + 2 * i + 1]];
}

size_t
bg__ynode_index(const struct bg__ydoc *d, const struct bg__ynode *n)
{
	return (size_t)(n - d->nodes);
}

const char *
bg__ynode_text(const struct bg__ydoc *d, const struct bg__ynode *n)
{
	if (n == NULL || n->type != BG_Y_SCALAR) {
		return NULL;
	}
	return d->strings + n->first;
}

struct bg__ynode *
bg__ynode_get(struct bg__ydoc *d, const struct bg__ynode *map,
	      const char *key)
{
	size_t klen = strlen(key);

	if (map == NULL || map->type != BG_Y_MAP) {
		return NULL;
	}
	for (size_t i = 0; i < map->len; i++) {
		const struct bg__ynode *k = bg__ynode_key(d, map, i);
		if (k->type == BG_Y_SCALAR && k->len == klen &&
		    memcmp(d->strings + k->first, key, klen) == 0) {
			return bg__ynode_value(d, map, i);
		}
	}
	return NULL;
}

unsigned
bg__ynode_line(const struct bg__ynode *n)
{
	return n != NULL ? n->line : 0;
}

unsigned
bg__ynode_column(const struct bg__ynode *n)
{
	return n != NULL ? n->column : 0;
}

bool
bg__ynode_is_null(const struct bg__ydoc *d, const struct bg__ynode *n)
{
	const char *v;

	if (n == NULL || n->type != BG_Y_SCALAR) {
		return false;
	}
	if (n->tag == BG_T_NULL) {
		return true;
	}
	if (n->style != YAML_PLAIN_SCALAR_STYLE || n->tag != BG_T_NONE) {
		return false;
	}
	v = d->strings + n->first;
	return v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	       strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

/* ================================================================== */
/* Free-form maps                                                      */
/* ================================================================== */

/* Keys as terraform tells them apart: in Unicode NFC (terraform
 * composes every string), so that two spellings of one key are one
 * key here too. The composed copies are held until finish. */
struct keys {
	struct bg__strindex seen;
	char **held;
	size_t held_count, held_cap;
};

/* Adds key (item i): BG_OK; BG_ERR_ARG when it is there already, in
 * any spelling (*first: the item that gave it); BG_ERR_NOMEM. */
static enum bg_status
keys_put(struct keys *k, const char *key, size_t i, size_t *first)
{
	char **held;
	char *nfc;

	if (bg__utf8_is_nfc(key, strlen(key))) {
		return bg__strindex_put(&k->seen, key, i, first);
	}
	nfc = bg__utf8_nfc(key);
	held = bg__grow(k->held, &k->held_cap, k->held_count + 1,
			sizeof(*held));
	if (nfc == NULL || held == NULL) {
		free(nfc);
		k->held = held != NULL ? held : k->held;
		return BG_ERR_NOMEM;
	}
	k->held = held;
	k->held[k->held_count++] = nfc;
	return bg__strindex_put(&k->seen, nfc, i, first);
}

static void
keys_finish(struct keys *k)
{
	bg__strindex_finish(&k->seen);
	for (size_t i = 0; i < k->held_count; i++) {
		free(k->held[i]);
	}
	free(k->held);
}

/* " (the same key as 'FIRST' to terraform, which composes both to
 * Unicode NFC)" when the two spellings differ, else "". */
static const char *
spelling(const char *key, const char *first, char *buf, size_t size)
{
	if (first == NULL || strcmp(key, first) == 0) {
		return "";
	}
	snprintf(buf, size,
		 " (the same key as '%.100s' to terraform, which composes "
		 "both to Unicode NFC)",
		 first);
	return buf;
}

/* The pairs of mapping map into out. Keys and values must be scalars
 * (else `shape` is the message, or NULL for "a key/value must be a
 * plain string"); with nulls_missing a null value is kept
 * as a missing (NULL) value for validation to report. */
static enum bg_status
map_pairs(struct bg__ydoc *d, struct bg__ynode *map, const char *path,
	  struct bg_kvlist *out, struct bg_diags *diags, bool nulls_missing,
	  const char *shape)
{
	enum bg_status st = BG_OK;
	struct keys seen = { 0 };

	for (size_t i = 0; i < map->len; i++) {
		struct bg__ynode *k = bg__ynode_key(d, map, i);
		struct bg__ynode *v = bg__ynode_value(d, map, i);
		size_t first = 0;
		char note[200];
		const char *key = bg__ynode_text(d, k);
		const char *value = bg__ynode_text(d, v);

		if (key == NULL || value == NULL) {
			struct bg__ynode *bad = key == NULL ? k : v;
			if (shape != NULL) {
				bg_diags_add(diags, BG_SEV_ERROR, "schema-type",
					     d->file, bad->line, bad->column,
					     path, "%s", shape);
			} else {
				bg_diags_add(diags, BG_SEV_ERROR, "schema-type",
					     d->file, bad->line, bad->column,
					     path, "%s must be a plain string",
					     key == NULL ? "a key" : "a value");
			}
			st = BG_ERR_SCHEMA;
			continue;
		}
		if (!nulls_missing && bg__ynode_is_null(d, v)) {
			bg_diags_add(diags, BG_SEV_ERROR, "schema-null",
				     d->file, v->line, v->column, path,
				     "'%s' is null (nothing, ~ or null); a "
				     "value is a string: quote it ('~') or "
				     "give one",
				     key);
			st = BG_ERR_SCHEMA;
			continue;
		}
		switch (keys_put(&seen, key, i, &first)) {
		case BG_OK:
			break;
		case BG_ERR_ARG:
			bg_diags_add(diags, BG_SEV_ERROR, "duplicate-key",
				     d->file, k->line, k->column, path,
				     "duplicate key '%s'%s", key,
				     spelling(key,
					      bg__ynode_text(d, bg__ynode_key(
								     d, map,
								     first)),
					      note, sizeof(note)));
			st = BG_ERR_SCHEMA;
			continue;
		default:
			keys_finish(&seen);
			return BG_ERR_NOMEM;
		}
		if (out != NULL &&
		    bg__kvlist_push(out, key,
				    nulls_missing && bg__ynode_is_null(d, v)
					    ? NULL
					    : value) != BG_OK) {
			keys_finish(&seen);
			return BG_ERR_NOMEM;
		}
	}
	keys_finish(&seen);
	return st;
}

enum bg_status
bg__ynode_to_kvlist(struct bg__ydoc *d, struct bg__ynode *map,
		    const char *path, struct bg_kvlist *out,
		    struct bg_diags *diags)
{
	if (map == NULL) {
		return BG_OK;
	}
	if (map->type != BG_Y_MAP) {
		bg_diags_add(diags, BG_SEV_ERROR, "schema-type", d->file,
			     map->line, map->column, path,
			     "expected a mapping of names to strings");
		return BG_ERR_SCHEMA;
	}
	return map_pairs(d, map, path, out, diags, false, NULL);
}

enum bg_status
bg__ynode_to_env(struct bg__ydoc *d, struct bg__ynode *n, const char *path,
		 struct bg_kvlist *out, struct bg_diags *diags)
{
	enum bg_status st = BG_OK;
	struct keys seen = { 0 };

	if (n == NULL) {
		return BG_OK;
	}
	if (n->type == BG_Y_MAP) {
		/* NAME: VALUE; a null value is kept as missing, so the
		 * validator reports it with the seed's message. */
		return map_pairs(d, n, path, out, diags, true,
				 "environment variables are NAME: VALUE with "
				 "plain strings");
	}
	if (n->type != BG_Y_SEQ) {
		bg_diags_add(diags, BG_SEV_ERROR, "schema-type", d->file,
			     n->line, n->column, path,
			     "expected a mapping of NAME: VALUE, or a list of "
			     "{name, value}");
		return BG_ERR_SCHEMA;
	}
	for (size_t i = 0; i < n->len; i++) {
		struct bg__ynode *e = bg__ynode_item(d, n, i);
		const char *name = NULL;
		const char *value = NULL;
		bool bad = e->type != BG_Y_MAP;

		for (size_t j = 0; !bad && j < e->len; j++) {
			const char *k = bg__ynode_text(d, bg__ynode_key(d, e, j));
			struct bg__ynode *v = bg__ynode_value(d, e, j);
			if (k != NULL && strcmp(k, "name") == 0 &&
			    bg__ynode_text(d, v) != NULL) {
				name = bg__ynode_text(d, v);
			} else if (k != NULL && strcmp(k, "value") == 0 &&
				   bg__ynode_text(d, v) != NULL) {
				value = bg__ynode_is_null(d, v)
						? NULL
						: bg__ynode_text(d, v);
			} else {
				bad = true;
			}
		}
		if (bad) {
			bg_diags_add(diags, BG_SEV_ERROR, "schema-type", d->file,
				     e->line, e->column, path,
				     "environment entry %zu must be a "
				     "mapping with only 'name' and 'value'",
				     i);
			st = BG_ERR_SCHEMA;
			continue;
		}
		switch (name != NULL ? keys_put(&seen, name, i, NULL) : BG_OK) {
		case BG_OK:
			break;
		case BG_ERR_ARG:
			bg_diags_add(diags, BG_SEV_ERROR, "env-duplicate",
				     d->file, e->line, e->column, path,
				     "environment variable '%s' is given "
				     "twice%s",
				     name,
				     bg__utf8_is_nfc(name, strlen(name))
					     ? ""
					     : " (in Unicode NFC, as terraform "
					       "composes it)");
			st = BG_ERR_SCHEMA;
			continue;
		default:
			st = BG_ERR_NOMEM;
			break;
		}
		if (st == BG_ERR_NOMEM ||
		    (out != NULL &&
		     bg__kvlist_push(out, name != NULL ? name : "", value) !=
			     BG_OK)) {
			st = BG_ERR_NOMEM;
			break;
		}
	}
	keys_finish(&seen);
	return st;
}

/* ================================================================== */
/* Paths                                                               */
/* ================================================================== */

struct bg__ynode *
bg__ynode_at(struct bg__ydoc *d, const char *path, bool *exact)
{
	struct bg__ynode *node = bg__ydoc_root(d);
	const char *p = path;

	*exact = false;
	if (node == NULL) {
		return NULL;
	}
	while (*p != '\0') {
		struct bg__ynode *child = NULL;
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
			if (node->type == BG_Y_SEQ && i < node->len) {
				child = bg__ynode_item(d, node, i);
			} else if (node->type == BG_Y_MAP && i < node->len) {
				child = bg__ynode_key(d, node, i);
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

struct bg__ynode *
bg__ynode_exact(struct bg__ydoc *d, const char *path)
{
	bool exact;
	struct bg__ynode *n = bg__ynode_at(d, path, &exact);

	return exact ? n : NULL;
}
