/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Fuzz target: the command line's argument handling. The input is split
 * at NUL bytes into arguments. Run it with -close_fd_mask=3 (fuzz/run.sh
 * does) so its output goes nowhere; options that
 * name files to write or read (-o, --check, --templates, render SPEC...)
 * are dropped, so a run never touches the file system.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
touches_files(const char *arg)
{
	static const char *const bad[] = { "-o", "--o", "--check", "--te",
					   "render", "validate", "describe",
					   "-" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (strncmp(arg, bad[i], strlen(bad[i])) == 0) {
			return 1;
		}
	}
	/* Short options bundled with o (-vo FILE). */
	return arg[0] == '-' && arg[1] != '-' && strchr(arg, 'o') != NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	char *argv[64];
	int argc = 0;
	size_t start = 0;

	if (copy == NULL) {
		return 0;
	}
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = "batchgen";
	for (size_t i = 0; i <= size && argc < 63; i++) {
		if (i == size || copy[i] == '\0') {
			copy[i] = '\0';
			if (!touches_files(copy + start)) {
				argv[argc++] = copy + start;
			}
			start = i + 1;
		}
	}
	argv[argc] = NULL;
	batchgen_main(argc, argv);
	free(copy);
	return 0;
}
