/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Internal: lint's configuration, as lint applies it
 * (pipeline/lint_config.c). */
#ifndef BG_PIPELINE_LINT_H
#define BG_PIPELINE_LINT_H

#include "batchgen-int.h"
#include "input/input.h"

/* The severity finding d (in file) has under config c: its own, the
 * one c gives its rule, or -1 when c silences it (rule off, or an
 * ignore entry matches: that entry is then marked used). */
int bg__lint_config_level(struct bg_lint_config *c, const char *file,
			  const struct bg_diag *d);

#endif /* BG_PIPELINE_LINT_H */
