/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Fuzz target: the command line's argument handling. The input is split
 * at NUL bytes into arguments. Run it with -close_fd_mask=3 (fuzz/run.sh
 * does) so its output goes nowhere. Every option is fuzzed; a run stays
 * inside an empty directory made for it (the working directory), so the
 * arguments that could reach the rest of the file system are dropped:
 * any holding '/' or "..", "-" and "=-" (standard input), and -o, which
 * would write a file (also bundled, -vo FILE). A relative name is then
 * a file or directory that does not exist, or the empty directory
 * itself (`lint .`, the default).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

static int
touches_files(const char *arg)
{
	if (strchr(arg, '/') != NULL || strstr(arg, "..") != NULL ||
	    strcmp(arg, "-") == 0 || ends_with(arg, "=-") ||
	    strncmp(arg, "--o", 3) == 0) {
		return 1;
	}
	/* -o FILE, and short options bundled with o (-vo FILE). */
	return arg[0] == '-' && arg[1] != '-' && strchr(arg, 'o') != NULL;
}

static char cwd[] = "/tmp/bg-fuzz-cli-cwd.XXXXXX";

static void
remove_cwd(void)
{
	(void)rmdir(cwd);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (mkdtemp(cwd) == NULL || chdir(cwd) != 0) {
		perror("fuzz-cli: an empty working directory");
		abort();
	}
	atexit(remove_cwd);
	return 0;
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
