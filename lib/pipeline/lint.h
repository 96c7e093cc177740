/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Internal: lint's configuration, as lint applies it
 * (pipeline/lint_config.c). */
#ifndef BG_PIPELINE_LINT_H
#define BG_PIPELINE_LINT_H

#include "batchgen-int.h"
#include "input/input.h"

/* file's path from the directory of config c (buf: PATH_MAX bytes), or
 * NULL when c is NULL or file is not under it. */
const char *bg__lint_config_path(const struct bg_lint_config *c,
				 const char *file, char *buf);
/* The severity finding d has under config c: its own, the one c gives
 * its rule, or -1 when c silences it (rule off, or an ignore entry
 * matches: that entry is then marked used). rel: the finding's file,
 * from bg__lint_config_path(). */
int bg__lint_config_level(struct bg_lint_config *c, const char *rel,
			  const struct bg_diag *d);

#endif /* BG_PIPELINE_LINT_H */
