/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Internal: the libcyaml schemas generated from the field tables
 * (input/cyschema.c). */
#ifndef BG_INPUT_CYSCHEMA_H
#define BG_INPUT_CYSCHEMA_H

#include <cyaml/cyaml.h>

#include "input/input.h"
#include "model/fields.h"

/* What loading one kind of document needs. */
struct bg__schemas {
	const cyaml_schema_value_t *check; /* input/check.c walks it */
	const cyaml_schema_value_t *load;  /* libcyaml fills the model */
	const struct bg__free_field *free_fields; /* maps of text */
	const struct bg__object *root;     /* the table of the document */
};

/* The schemas of a document whose table is root (&bg__obj_spec or
 * &bg__obj_template), generated on first use (thread safe); NULL when
 * out of memory. */
const struct bg__schemas *bg__schemas(const struct bg__object *root);

/* The index of the field named key among the count fields of a
 * mapping (fields[0 .. count-1]), or count when none is: through a
 * hash of a generated schema's keys, else one by one. */
size_t bg__schema_field_index(const cyaml_schema_field_t *fields,
			      size_t count, const char *key);

#endif /* BG_INPUT_CYSCHEMA_H */
