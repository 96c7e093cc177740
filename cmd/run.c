/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * batchgen_main(): argv is parsed once (options.c), the templates are
 * loaded (built-in, BATCHGEN_TEMPLATE_PATH, --templates), and the
 * command runs (commands.c). main() is in main.c, so that the argument
 * fuzzer can call batchgen_main() too.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Adds one template directory; *io when it or a file in it cannot be
 * read. */
static bool
add_template_dir(struct bg_template_set *set, const char *dir,
		 struct bg_diags *diags, bool *io)
{
	enum bg_status st = bg_template_set_add_dir(set, dir, diags);

	*io = *io || st == BG_ERR_IO || st == BG_ERR_NOMEM;
	return st == BG_OK;
}

/* Adds user template directories: BATCHGEN_TEMPLATE_PATH first, then
 * every --templates DIR (later ones win). *io when a directory or
 * template file cannot be read (exit 3, not 1). */
static bool
load_user_templates(struct bg_template_set *set, const struct cli *cli,
		    struct bg_diags *diags, bool *io)
{
	const char *env = getenv("BATCHGEN_TEMPLATE_PATH");
	bool ok = true;

	if (env != NULL && env[0] != '\0') {
		char *copy = strdup(env);
		char *save = NULL;
		if (copy == NULL) {
			return false;
		}
		for (char *dir = strtok_r(copy, ":", &save); dir != NULL;
		     dir = strtok_r(NULL, ":", &save)) {
			ok = add_template_dir(set, dir, diags, io) && ok;
		}
		free(copy);
	}
	for (size_t i = 0; i < cli->template_dir_count; i++) {
		ok = add_template_dir(set, cli->template_dirs[i], diags, io) &&
		     ok;
	}
	return bg_template_set_resolve(set, diags) == BG_OK && ok;
}

int
batchgen_main(int argc, char **argv)
{
	struct bg_template_set *set = NULL;
	struct bg_diags *diags = NULL;
	int rc = EXIT_IO;
	bool io = false;

	struct cli cli = { 0 };

	cli_verbose = false;
	cli_werror = false;
	cli_diag_format = DIAG_TEXT;
	memset(&cli_lint_summary, 0, sizeof(cli_lint_summary));
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("batchgen %s\n", bg_version());
		return EXIT_OK;
	}
	rc = cli_parse(&cli, argc, argv);
	if (rc >= 0) {
		cli_finish(&cli);
		return rc;
	}
	rc = EXIT_IO;
	diags = bg_diags_create();
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	/* The argument fuzzer calls this millions of times and passes no
	 * --templates: reuse one built-in set. */
	static struct bg_template_set *fuzz_set;
	if (fuzz_set == NULL &&
	    bg_template_set_builtin(&fuzz_set, diags) != BG_OK) {
		abort();
	}
	set = fuzz_set;
	if (diags == NULL) {
#else
	if (diags == NULL || bg_template_set_builtin(&set, diags) != BG_OK) {
#endif
		print_diags(diags);
		fputs("batchgen: cannot load the built-in templates\n", stderr);
		goto out;
	}
	if (!load_user_templates(set, &cli, diags, &io)) {
		print_diags(diags);
		rc = io || bg_diags_count_severity(diags, BG_SEV_ERROR) == 0
			     ? EXIT_IO
			     : EXIT_INVALID;
		goto out;
	}
	print_diags(diags);
	rc = run_command(set, &cli);
out:
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	bg_template_set_destroy(set);
#endif
	bg_diags_destroy(diags);
	rc = diag_finish(rc, strcmp(cli.command, "lint") == 0);
	cli_finish(&cli);
	return rc;
}

