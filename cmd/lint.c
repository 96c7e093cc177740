/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * lint [PATH...]: the job definitions a repository has, checked in
 * place (bg_lint_file). A directory is walked in name order for .json,
 * .yaml and .yml files, skipping .git, .terraform, node_modules and
 * cdk.out unless named; a file that holds no job definition is
 * skipped. Nothing is written.
 *
 * Exit: 0 no finding at or above --fail-on (default: error), 1
 * findings, 2 usage, 3 an input that cannot be read.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char lint_help[] =
	"Usage: batchgen lint [PATH...] [--fail-on error|warning|note|none]\n"
	"                     [--diagnostics text|json|sarif] [--config FILE]\n"
	"\n"
	"Checks the AWS Batch job definitions that exist, where they are\n"
	"written, and writes nothing: batchgen specs, Terraform HCL (.tf,\n"
	"read by the helper bg-hcl) and JSON (.tf.json), 'terraform show\n"
	"-json' of a plan or state, CloudFormation templates in YAML or JSON\n"
	"(cdk synth, SAM), 'aws batch describe-job-definitions' answers and\n"
	"register-job-definition inputs. A directory (default: .) is walked\n"
	"for .tf, .json, .yaml and .yml files, skipping .git, .terraform,\n"
	"node_modules and cdk.out unless named; files that hold no job\n"
	"definition are skipped.\n"
	"\n"
	"Every validation rule runs ('batchgen rules'), and a security and\n"
	"cost review (sec-*, cost-*) of every container of every job kind.\n"
	"Each finding names the file, line and column where the value is\n"
	"written, the field path and the rule.\n"
	"\n"
	"Options:\n"
	"  --fail-on LEVEL      the least severity that fails the run:\n"
	"                       error (default), warning, note or none\n"
	"  --diagnostics FORMAT text (default), json, or sarif (SARIF 2.1.0\n"
	"                       for GitHub code scanning), on stdout\n"
	"  --config FILE        the configuration (default: .batchgen.yaml\n"
	"                       here or in the nearest directory above)\n"
	"  --templates DIR      user templates, for specs that name them\n"
	"\n"
	"Exit status: 0 no finding at or above --fail-on, 1 findings,\n"
	"2 usage error (or a configuration with a problem), 3 an input that\n"
	"cannot be read.\n";

/* Directories a walk does not enter (named, they are linted). */
static const char *const skipped_dirs[] = { ".git", ".terraform",
					    "node_modules", "cdk.out", NULL };

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool
lintable(const char *name)
{
	return ends_with(name, ".json") || ends_with(name, ".yaml") ||
	       ends_with(name, ".yml") || hcl_file(name);
}

struct run {
	const struct bg_template_set *set;
	struct bg_lint_config *config;
	struct bg_diags *diags;
	bool io;     /* an input could not be read */
	bool nomem;
};

static void
lint_one(struct run *r, const char *file)
{
	struct bg_lint_result res = { 0 };
	enum bg_status st;

	struct bg_source src = { .name = file };

	if (hcl_file(file)) {
		char why[512];
		if (hcl_read(file, &src, why, sizeof(why)) != EXIT_OK) {
			bg_diags_add(r->diags, BG_SEV_ERROR, "io", file, 0, 0,
				     NULL, "%s", why);
			r->io = true;
			return;
		}
	}
	st = bg_lint_source(r->set, &src, r->config, &res, r->diags);
	free((char *)src.text);
	if (st == BG_ERR_NOMEM) {
		r->nomem = true;
	} else if (st == BG_ERR_IO) {
		r->io = true;
	}
	cli_lint_summary.files++;
	cli_lint_summary.jobs += res.jobs;
	cli_lint_summary.suppressed += res.suppressed;
	if (st == BG_OK && res.jobs == 0) {
		cli_lint_summary.skipped++;
	}
}

static int
name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void
walk(struct run *r, const char *dir, unsigned depth)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, name_cmp);

	if (n < 0) {
		bg_diags_add(r->diags, BG_SEV_ERROR, "io", dir, 0, 0, NULL,
			     "cannot read the directory: %s", strerror(errno));
		r->io = true;
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t len = strlen(dir) + strlen(name) + 2;
		char *path = malloc(len);
		struct stat st;
		bool skip = strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
		for (size_t k = 0; !skip && skipped_dirs[k] != NULL; k++) {
			skip = strcmp(name, skipped_dirs[k]) == 0;
		}
		if (path == NULL) {
			r->nomem = true;
		} else if (!skip) {
			snprintf(path, len, "%s%s%s", dir,
				 ends_with(dir, "/") ? "" : "/", name);
			/* lstat: a link is not followed (no cycles) */
			if (lstat(path, &st) != 0) {
				/* gone since it was listed: nothing to lint */
			} else if (S_ISDIR(st.st_mode) && depth < 64) {
				walk(r, path, depth + 1);
			} else if (S_ISREG(st.st_mode) && lintable(name)) {
				lint_one(r, path);
			}
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

/* --config FILE, else the .batchgen.yaml of the working directory or
 * the nearest directory above it: BG_OK (*config may stay NULL: none),
 * or the configuration's problems on diags. */
static enum bg_status
load_config(const char *given, struct bg_lint_config **config,
	    struct bg_diags *diags)
{
	char dir[4096], path[4200];

	if (given != NULL) {
		return bg_lint_config_load(given, config, diags);
	}
	if (getcwd(dir, sizeof(dir)) == NULL) {
		return BG_OK;
	}
	for (;;) {
		char *slash;
		snprintf(path, sizeof(path), "%s/.batchgen.yaml",
			 strcmp(dir, "/") == 0 ? "" : dir);
		if (access(path, F_OK) == 0) {
			return bg_lint_config_load(path, config, diags);
		}
		slash = strrchr(dir, '/');
		if (slash == NULL || strcmp(dir, "/") == 0) {
			return BG_OK;
		}
		*(slash == dir ? slash + 1 : slash) = '\0';
	}
}

static bool
parse_fail_on(const char *arg, int *out)
{
	static const char *const names[] = { "error", "warning", "note",
					     "none" };

	for (int i = 0; i < 4; i++) {
		if (strcmp(arg, names[i]) == 0) {
			/* severities up to i fail the run; none: -1 */
			*out = i < 3 ? i : -1;
			return true;
		}
	}
	usage_error("--fail-on: '%s' is not a level; use error, warning, "
		    "note or none",
		    arg);
	return false;
}

/* Findings at or above the level fail_on (enum bg_severity; -1:
 * none). */
static size_t
failing_count(const struct bg_diags *diags, int fail_on)
{
	size_t n = 0;

	for (int sev = BG_SEV_ERROR; sev <= BG_SEV_NOTE && sev <= fail_on;
	     sev++) {
		n += bg_diags_count_severity(diags, (enum bg_severity)sev);
	}
	return n;
}

static void
print_summary(const struct bg_diags *diags)
{
	const struct lint_summary *s = &cli_lint_summary;

	fprintf(stderr,
		"batchgen lint: %zu file%s, %zu job definition%s: %zu "
		"error%s, %zu warning%s, %zu note%s",
		s->files, s->files == 1 ? "" : "s", s->jobs,
		s->jobs == 1 ? "" : "s",
		bg_diags_count_severity(diags, BG_SEV_ERROR),
		bg_diags_count_severity(diags, BG_SEV_ERROR) == 1 ? "" : "s",
		bg_diags_count_severity(diags, BG_SEV_WARNING),
		bg_diags_count_severity(diags, BG_SEV_WARNING) == 1 ? "" : "s",
		bg_diags_count_severity(diags, BG_SEV_NOTE),
		bg_diags_count_severity(diags, BG_SEV_NOTE) == 1 ? "" : "s");
	if (s->skipped > 0) {
		fprintf(stderr, "; %zu file%s without one skipped", s->skipped,
			s->skipped == 1 ? "" : "s");
	}
	if (s->suppressed > 0) {
		fprintf(stderr, "; %zu finding%s suppressed", s->suppressed,
			s->suppressed == 1 ? "" : "s");
	}
	fputc('\n', stderr);
}

int
cmd_lint(const struct bg_template_set *set, struct cli *cli)
{
	static char *const here[] = { "." };
	struct run r = { .set = set };
	char *const *paths = cli->operands;
	size_t n = cli->operand_count;
	int fail_on = cli_werror ? BG_SEV_WARNING : BG_SEV_ERROR;
	int rc = cli_apply(cli, false, false);
	enum bg_status st;

	if (rc < 0 && cli->help) {
		fputs(lint_help, stdout);
		return EXIT_OK;
	}
	if (rc < 0 && cli->fail_on != NULL &&
	    !parse_fail_on(cli->fail_on, &fail_on)) {
		rc = EXIT_USAGE;
	}
	if (rc >= 0) {
		return rc;
	}
	if (n == 0) {
		paths = here;
		n = 1;
	}
	r.diags = bg_diags_create();
	if (r.diags == NULL) {
		return EXIT_IO;
	}
	st = load_config(cli->config, &r.config, r.diags);
	if (st != BG_OK) {
		/* a configuration that says what it does not mean is a usage
		 * error: nothing is linted under it */
		print_diags(r.diags);
		bg_diags_destroy(r.diags);
		return st == BG_ERR_IO ? EXIT_IO : EXIT_USAGE;
	}
	if (cli->fail_on == NULL && !cli_werror &&
	    bg_lint_config_fail_on(r.config) >= -1) {
		fail_on = bg_lint_config_fail_on(r.config);
	}
	cli_lint_summary.linting = true;
	for (size_t i = 0; i < n && !r.nomem; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			walk(&r, paths[i], 0);
		} else {
			lint_one(&r, paths[i]);
		}
	}
	if (bg_lint_config_finish(r.config, r.diags) != BG_OK) {
		r.nomem = true;
	}
	print_diags(r.diags);
	if (cli_diag_format == DIAG_TEXT) {
		print_summary(r.diags);
	}
	if (r.nomem) {
		fputs("batchgen: out of memory\n", stderr);
		rc = EXIT_IO;
	} else if (r.io) {
		rc = EXIT_IO;
	} else {
		rc = failing_count(r.diags, fail_on) > 0 ? EXIT_INVALID
							 : EXIT_OK;
	}
	bg_diags_destroy(r.diags);
	bg_lint_config_destroy(r.config);
	return rc;
}
