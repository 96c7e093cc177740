/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The command line, split by job:
 *   main.c      batchgen_main(): parse argv once, load templates, run
 *   options.c   the one option table; argv -> struct cli; help text
 *   compound.c  values of --efs-volume, --mount, --secret, ...
 *   commands.c  render, validate, describe, templates, rules, schema,
 *               and a template's own command
 *   output.c    atomic writes, --check, the previous output
 *   report.c    diagnostics and usage errors on stderr
 *   diagout.c   --diagnostics json|sarif: one document per run
 *   lint.c      lint: files and directories, --fail-on, --config
 *   hcl.c       .tf files, through the HCL helper bg-hcl
 *
 * Exit status: 0 ok (warnings allowed), 1 invalid definition, 2 usage
 * error, 3 I/O or internal error, 4 (import) the spec is written but
 * holds what AWS would refuse.
 */
#ifndef BATCHGEN_CLI_H
#define BATCHGEN_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "batchgen.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_INVALID = 1,
	EXIT_USAGE = 2,
	EXIT_IO = 3,
	EXIT_NEEDS_FIXING = 4,
};

/* What argv says, parsed once (options.c). */
struct cli {
	const char *command; /* argv[1]: a command or a template */
	const char *name;    /* for messages: the command or template */
	char **operands;     /* specs; or describe's TEMPLATE */
	size_t operand_count;
	const char *output; /* -o FILE */
	int format;         /* enum bg_format; -1: from -o's extension */
	bool check, json, help;
	bool spec_json, all_revisions; /* import: --format json, and
	                                  --all-revisions */
	bool as_templates;             /* import: --as-templates */
	const char *fail_on;           /* lint: --fail-on, or NULL */
	const char *config;            /* lint: --config FILE, or NULL */
	bool spec_format_given;        /* import: --format given (else
	                                  from -o's extension) */
	const char **template_dirs; /* --templates, in order */
	size_t template_dir_count;
	/* The options given, in order, applied once the command is known
	 * (a template's fields on render are refused, not applied). */
	struct cli_option *given;
	size_t given_count;
	struct bg_job_options opts; /* the template's fields */
};

/* --diagnostics (diagout.c): text is printed as it comes; json and
 * sarif are collected and written as one document when the run ends. */
enum diag_format { DIAG_TEXT, DIAG_JSON, DIAG_SARIF };
extern enum diag_format cli_diag_format;
/* What lint read, for the summary. */
struct lint_summary {
	bool linting;
	size_t files, jobs, skipped, suppressed;
};
extern struct lint_summary cli_lint_summary;
bool diag_format_parse(const char *arg);
bool diag_collect(const struct bg_diags *diags);
/* Writes the collected document (json, sarif) on stdout or stderr;
 * returns rc (EXIT_IO when it cannot). */
int diag_finish(int rc, bool to_stdout);

/* .tf files (hcl.c): whether path names one, and its text as the HCL
 * helper reads it into src (src->text is the caller's to free); an
 * exit code, and on failure why (a sentence, into why). */
bool hcl_file(const char *path);
int hcl_read(const char *file, struct bg_source *src, char *why,
	     size_t size);
/* Whether what hcl_read gave holds no definition and no error (a file
 * of a module that declares other things). */
bool hcl_holds_none(const struct bg_source *src);

/* Diagnostics (report.c). */
extern bool cli_verbose; /* -v: also template-shadow notes */
extern bool cli_werror;  /* --Werror: warnings fail the run */
bool failing(const struct bg_diags *diags);
void print_diags(const struct bg_diags *diags);
int usage_error(const char *fmt, ...) BG_PRINTF(1, 2);

/* Output (output.c). */
/* EXIT_USAGE with a message when output names the same file as one of
 * the inputs (writing it would replace the input); else -1. */
int output_clash(const char *output, char *const *inputs, size_t n);

/* Options (options.c). */
/* Parses argv[2...] into cli: -1 to go on, else an exit status. */
int cli_parse(struct cli *cli, int argc, char **argv);
/* Checks the options against what the command takes, and applies a
 * template's fields to cli->opts: -1 to go on, else an exit status.
 * template: the run is a template's (its fields are allowed). */
int cli_apply(struct cli *cli, bool template, bool describing);
void cli_finish(struct cli *cli);
/* The options of a template command, for --help. */
void print_template_options(void);
/* --format, else the extension of -o (.tf: HCL), else JSON. */
enum bg_format cli_format(const struct cli *cli);

/* Compound flag values (compound.c): false after a usage error or when
 * out of memory (then *nomem, where there is one). */
bool parse_command(const char *arg, struct bg_job_options *o);
bool parse_platform(const char *arg, struct bg_job_options *o);
bool parse_efs(const char *arg, struct bg_job_options *o);
bool parse_host(const char *arg, struct bg_job_options *o);
bool parse_mount(const char *arg, struct bg_job_options *o);
bool parse_secret(const char *arg, struct bg_job_options *o, bool *nomem);
bool parse_ulimit(const char *arg, struct bg_job_options *o, bool *nomem);
bool set_str(char **dst, const char *s);

/* Commands (commands.c). */
int run_command(const struct bg_template_set *set, struct cli *cli);
int cmd_lint(const struct bg_template_set *set, struct cli *cli);
extern const char usage_text[];

/* Output (output.c). */
int write_output(const char *path, const char *data, size_t len);
/* A text streamed into an unnamed file, then moved to its place. */
struct output {
	const char *path; /* NULL: standard output */
	int fd;
	mode_t mode;
	char dir[4096];
	bool failed; /* a write failed, with errno err */
	int err;
};
/* true when o streams to path (NULL or "-": standard output); else
 * nothing was opened and the text is to be kept and written with
 * write_output(). */
bool output_open(struct output *o, const char *path);
/* A bg_write_fn: appends to o's file. */
bool output_write(void *ctx, const char *data, size_t len);
/* keep: the text goes to its place (EXIT_OK, or EXIT_IO with a message);
 * else it is dropped. */
int output_close(struct output *o, bool keep);
int check_output(const char *path, const char *data, size_t len);
char *read_previous(const char *output, enum bg_format format, size_t *len);

int batchgen_main(int argc, char **argv);

#endif
