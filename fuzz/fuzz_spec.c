/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Fuzz target: the spec loader, from a memory buffer (YAML and JSON). */
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
	struct bg_result *result = NULL;
	/* JSON when it looks like JSON (its first non-blank byte is '{' or
	 * '['), as a user's .json file would: the JSON seeds reach the
	 * JSON loader and the YAML seeds (which start with '#' or a key)
	 * the YAML one. A test of the odd first byte sent 159 of the 161
	 * YAML seeds to the JSON loader, which refused them at once. */
	size_t i = 0;
	const char *name;

	while (i < size && (data[i] == ' ' || data[i] == '\n' ||
			    data[i] == '\t' || data[i] == '\r')) {
		i++;
	}
	name = i < size && (data[i] == '{' || data[i] == '[') ? "f.json"
							     : "f.yaml";

	if (set == NULL && bg_template_set_builtin(&set, diags) != BG_OK) {
		abort();
	}
	{
		struct bg_input in = { name, (const char *)data, size };
		struct bg_request req = { .inputs = &in, .input_count = 1,
					  .emit = true };
		bg_build(set, &req, &result, diags);
		bg_result_destroy(result);
	}
	bg_diags_destroy(diags);
	return 0;
}
