/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Internal: the steps of import that lint takes too (pipeline/import.c). */
#ifndef BG_PIPELINE_IMPORT_STEPS_H
#define BG_PIPELINE_IMPORT_STEPS_H

#include "input/import.h"

/* src's text (given, or read from its file), NUL-terminated; caller
 * frees. */
enum bg_status bg__source_text(const struct bg_source *src, char **buf,
			       size_t *len, struct bg_diags *diags);

/* Whether file (its name, else its first character) is JSON. */
bool bg__import_is_json(const char *file, const char *buf);

/* The definitions of doc, read from file, onto imp; imp->where's
 * entries become "LINE:COL:FILE". */
enum bg_status bg__import_parsed(struct bg__ydoc *doc, const char *file,
				 bool all, struct bg__import *imp,
				 struct bg_diags *diags);

/* The diagnostics of validating imp's spec onto to, each at the source
 * of its field path (or of the nearest field above it). A diagnostic
 * with no source keeps its place in the spec, or with unknown_unplaced
 * gets line and column 0. */
enum bg_status bg__import_relocate(const struct bg__import *imp,
				   const struct bg_diags *from,
				   bool unknown_unplaced,
				   struct bg_diags *to);

/* imp's jobs as spec text (emit/spec.c), each under its origin; NULL
 * when out of memory. */
char *bg__import_text(const struct bg__import *imp, const char *head,
		      bool json, size_t *len);

/* Frees what imp holds. */
void bg__import_finish(struct bg__import *imp);

#endif /* BG_PIPELINE_IMPORT_STEPS_H */
