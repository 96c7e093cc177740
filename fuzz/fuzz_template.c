/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Fuzz target: the template loader (a user template file), then
 * resolving extends chains and applying the template. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "batchgen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bg_diags *diags = bg_diags_create();
	struct bg_template_set *set = NULL;
	struct bg_job_options opts = { 0 };

	/* A set of one user template (plus its own extends chain): the
	 * loader is what is fuzzed, not the built-in templates. */
	set = bg_template_set_create();
	if (set == NULL) {
		abort();
	}
	if (bg_template_set_add_buffer(set, (const char *)data, size, "t.yaml",
				       diags) == BG_OK) {
		bg_template_set_resolve(set, diags);
		/* Apply every template: a user template may shadow any. */
		for (size_t i = 0; i < bg_template_set_count(set); i++) {
			struct bg_template_info info;
			struct bg_result *result = NULL;
			struct bg_request req = { .options = &opts,
						  .emit = true };
			bg_template_info(set, i, &info);
			req.template_name = info.name;
			bg_build(set, &req, &result, diags);
			bg_result_destroy(result);
		}
	}
	bg_template_set_destroy(set);
	bg_diags_destroy(diags);
	return 0;
}
