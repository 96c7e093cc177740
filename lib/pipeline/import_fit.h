/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Internal: import --as-templates (pipeline/import_fit.c). */
#ifndef BG_PIPELINE_IMPORT_FIT_H
#define BG_PIPELINE_IMPORT_FIT_H

#include <cjson/cJSON.h>

#include "batchgen-int.h"

/* Each job of jobs (spec jobs, full trees) that a template of set
 * writes shorter, and renders the same, becomes that template and what
 * differs; a note at "jobs[N]" on notes says so (no file: the caller
 * locates it). @return BG_OK or BG_ERR_NOMEM. */
enum bg_status bg__import_fit(const struct bg_template_set *set, cJSON *jobs,
			      struct bg_diags *notes);

#endif /* BG_PIPELINE_IMPORT_FIT_H */
