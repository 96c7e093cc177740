/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Internal: the located YAML view (input/yaml.c). */
#ifndef BG_INPUT_H
#define BG_INPUT_H

#include <yaml.h>

#include "batchgen-int.h"

struct bg__ydoc {
	yaml_document_t doc;
	bool loaded;
	const char *file; /* borrowed; for diagnostics */
};

/* Loads the first document of buf. Syntax errors become located
 * diagnostics (BG_ERR_PARSE). */
enum bg_status bg__ydoc_load(struct bg__ydoc *d, const char *buf, size_t len,
			     const char *file, struct bg_diags *diags);
void bg__ydoc_finish(struct bg__ydoc *d);
yaml_node_t *bg__ydoc_root(struct bg__ydoc *d);
/* The value of key in mapping map, or NULL. */
yaml_node_t *bg__ynode_get(struct bg__ydoc *d, yaml_node_t *map,
			   const char *key);
/* The text of a scalar node, or NULL for other nodes. */
const char *bg__ynode_scalar(yaml_node_t *n);
/* Appends a mapping of scalar keys to scalar values to out; anything
 * else is a located diagnostic (BG_ERR_SCHEMA). */
enum bg_status bg__ynode_to_kvlist(struct bg__ydoc *d, yaml_node_t *map,
				   const char *path, struct bg_kvlist *out,
				   struct bg_diags *diags);
unsigned bg__ynode_line(const yaml_node_t *n);
unsigned bg__ynode_column(const yaml_node_t *n);

#endif /* BG_INPUT_H */
