/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Fuzz target: lint, from a file holding the input (named .json when
 * its first non-blank byte is '{' or '[', else .yaml), with a
 * configuration read from the same bytes when the size is odd (so the
 * configuration reader is fed too, and a configuration that loads is
 * applied to the findings). */
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
	struct bg_lint_config *config = NULL;
	struct bg_lint_result result;
	const char *file;

	if (set == NULL && bg_template_set_builtin(&set, diags) != BG_OK) {
		abort();
	}
	file = fuzz_write_file(data, size, "fuzz-lint");
	if (size % 2 == 1) {
		bg_lint_config_load(file, &config, diags);
	}
	bg_lint_file(set, file, config, &result, diags);
	bg_lint_config_finish(config, diags);
	bg_lint_config_destroy(config);
	bg_diags_destroy(diags);
	return 0;
}
