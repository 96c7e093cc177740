/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Fuzz target: import, from a file holding the input (JSON when its
 * first non-blank byte is '{' or '[', else YAML), then the validation
 * of the spec it writes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "batchgen.h"
#include "fuzz_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bg_template_set *set;
	struct bg_diags *diags = bg_diags_create();
	struct bg_import_options opts = { .json = size % 2 == 1,
					  .all_revisions = size % 3 == 0,
					  .as_templates = size % 7 == 0 };
	const char *files[1];
	char *out = NULL;
	size_t len = 0;

	if (set == NULL && bg_template_set_builtin(&set, diags) != BG_OK) {
		abort();
	}
	files[0] = fuzz_write_file(data, size, "fuzz-import");
	bg_import(set, files, 1, &opts, &out, &len, diags);
	free(out);
	bg_diags_destroy(diags);
	return 0;
}
