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
	struct bg_spec *spec = NULL;
	/* The first byte picks YAML or JSON, so both loaders are fuzzed. */
	const char *name = size > 0 && (data[0] & 1) ? "f.json" : "f.yaml";

	if (set == NULL && bg_template_set_builtin(&set, diags) != BG_OK) {
		abort();
	}
	bg_spec_load_buffer((const char *)data, size, name, set, &spec, diags);
	bg_spec_destroy(spec);
	bg_diags_destroy(diags);
	return 0;
}
