/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* For the fuzz targets that read a file (import, lint): the input,
 * written to STEM.json when its first non-blank byte is '{' or '[',
 * else to STEM.yaml. @return the file's name (static storage). */
#ifndef BG_FUZZ_FILE_H
#define BG_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char *
fuzz_write_file(const uint8_t *data, size_t size, const char *stem)
{
	static char name[64];
	size_t i = 0;
	FILE *f;

	while (i < size && (data[i] == ' ' || data[i] == '\n' ||
			    data[i] == '\t' || data[i] == '\r')) {
		i++;
	}
	snprintf(name, sizeof(name), "%s.%s", stem,
		 i < size && (data[i] == '{' || data[i] == '[') ? "json"
								: "yaml");
	f = fopen(name, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		abort();
	}
	return name;
}

#endif /* BG_FUZZ_FILE_H */
