/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Fuzz target: the reader of the HCL helper's output (a .tf as bg-hcl
 * prints it: Terraform JSON with the place of every node), as lint and
 * import take it: the input is the helper's text for "fuzz.tf". The
 * seeds are bg-hcl's output for the test suite's .tf files
 * (fuzz/run.sh). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "batchgen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bg_template_set *set;
	struct bg_diags *diags = bg_diags_create();
	struct bg_source src = { .name = "fuzz.tf", .text = (const char *)data,
				 .len = size };
	struct bg_import_options opts = { 0 };
	struct bg_lint_result result;
	char *out = NULL;
	size_t len = 0;

	if (set == NULL && bg_template_set_builtin(&set, diags) != BG_OK) {
		abort();
	}
	bg_lint_source(set, &src, NULL, &result, diags);
	/* out is set on BG_OK and BG_ERR_INVALID, else left NULL */
	(void)bg_import_sources(set, &src, 1, &opts, &out, &len, diags);
	free(out);
	bg_diags_destroy(diags);
	return 0;
}
