/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The one option table. A template's field flags come from the
 * library's field tables (bg_option_get: --memory, --user, ...; each
 * declared with its field); the flags that build a list entry or take
 * a compound value (--efs-volume, --mount, --secret, --ulimit, ...)
 * and the command-line's own options are declared here. argv is parsed
 * once, whatever the command; what a command does not take is refused
 * once the command is known (cli_apply), in argv order.
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum opt_id {
	OPT_COMMAND = 256,
	OPT_PLATFORM,
	OPT_PUBLIC_IP,
	OPT_EFS,
	OPT_HOST,
	OPT_MOUNT,
	OPT_SECRET,
	OPT_ULIMIT,
	OPT_TEMPLATES,
	OPT_CHECK,
	OPT_JSON,
	OPT_WERROR,
	OPT_ALL_REVISIONS,
	OPT_AS_TEMPLATES,
	OPT_DIAGNOSTICS,
	OPT_FAIL_ON,
	OPT_CONFIG,
	OPT_FIELD,   /* OPT_FIELD + i: bg_option_get(i) */
	OPT_REFUSED = OPT_FIELD + 1000, /* next_option refused the token */
};

enum opt_class {
	C_COMMON, /* every command */
	C_OUTPUT, /* render and a template's command */
	C_JSON,   /* describe */
	C_IMPORT, /* import */
	C_LINT,   /* lint */
	C_FIELD,  /* a template's command: a field of the job */
};

struct opt_def {
	const char *name;
	int has_arg;
	int id;
	enum opt_class cls;
	const char *arg;
	const char *help;
};

/* Field flags the library cannot set alone: they build a list entry,
 * or read a compound value. */
static const struct opt_def compound[] = {
	{ "assign-public-ip", optional_argument, OPT_PUBLIC_IP, C_FIELD,
	  "[=ENABLED|DISABLED]", "Fargate public IP (bare flag: ENABLED)" },
	{ "command", required_argument, OPT_COMMAND, C_FIELD, "CMD",
	  "container command: words split on spaces, or a JSON array such "
	  "as '[\"python\",\"-c\",\"print(1)\"]'" },
	{ "efs-volume", required_argument, OPT_EFS, C_FIELD,
	  "NAME=FS_ID[,root=DIR][,transit-encryption=ENABLED|DISABLED]"
	  "[,port=N][,access-point=ID][,iam=ENABLED|DISABLED]",
	  "EFS volume (repeatable)" },
	{ "host-volume", required_argument, OPT_HOST, C_FIELD, "NAME[=PATH]",
	  "host volume (repeatable; EC2 only)" },
	{ "mount", required_argument, OPT_MOUNT, C_FIELD, "VOLUME:PATH[:ro]",
	  "mount a volume (repeatable)" },
	{ "platform", required_argument, OPT_PLATFORM, C_FIELD, "ec2|fargate",
	  "platform capability" },
	{ "secret", required_argument, OPT_SECRET, C_FIELD, "NAME=ARN",
	  "environment variable from Secrets Manager or SSM (repeatable; "
	  "needs an execution role)" },
	{ "ulimit", required_argument, OPT_ULIMIT, C_FIELD, "NAME=SOFT[:HARD]",
	  "ulimit, -1 for unlimited (repeatable; EC2 only)" },
};

static const struct opt_def common[] = {
	{ "output", required_argument, 'o', C_OUTPUT, "FILE",
	  "write to FILE (atomically) instead of stdout" },
	{ "format", required_argument, 'f', C_OUTPUT, "json|hcl",
	  "output format (default: from -o's extension, .tf is HCL; else "
	  "Terraform JSON)" },
	{ "check", no_argument, OPT_CHECK, C_OUTPUT, NULL,
	  "compare with the -o FILE instead of writing it: exit 0 if "
	  "identical, 1 with a diff if stale" },
	{ "templates", required_argument, OPT_TEMPLATES, C_COMMON, "DIR",
	  "add user templates from DIR (repeatable)" },
	{ "Werror", no_argument, OPT_WERROR, C_COMMON, NULL,
	  "treat warnings as errors (exit 1)" },
	{ "verbose", no_argument, 'v', C_COMMON, NULL,
	  "say when a user template replaces another" },
	{ "json", no_argument, OPT_JSON, C_JSON, NULL,
	  "with describe: the analysis as JSON" },
	{ "all-revisions", no_argument, OPT_ALL_REVISIONS, C_IMPORT, NULL,
	  "with import: every revision of a describe answer, not the "
	  "newest ACTIVE one of each name" },
	{ "as-templates", no_argument, OPT_AS_TEMPLATES, C_IMPORT, NULL,
	  "with import: each job as the template that renders it with the "
	  "fewest values, and those values" },
	{ "diagnostics", required_argument, OPT_DIAGNOSTICS, C_COMMON,
	  "text|json|sarif",
	  "how diagnostics are written: text (default), or one JSON or "
	  "SARIF 2.1.0 document when the run ends (lint: on stdout; "
	  "other commands: on stderr)" },
	{ "fail-on", required_argument, OPT_FAIL_ON, C_LINT,
	  "error|warning|note|none",
	  "with lint: the least severity that fails the run (exit 1; "
	  "default error)" },
	{ "config", required_argument, OPT_CONFIG, C_LINT, "FILE",
	  "with lint: the configuration (default: .batchgen.yaml in the "
	  "working directory or the nearest one above it)" },
	{ "help", no_argument, 'h', C_COMMON, NULL, "show this help" },
};

#define MAX_OPTS (ARRAY_LEN(compound) + ARRAY_LEN(common) + 64)
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Every option, field flags included, for getopt_long and --help. */
static struct opt_def all[MAX_OPTS];
static struct option longopts[MAX_OPTS + 1];
static size_t all_count;

static void
build_table(void)
{
	size_t n = 0;

	if (all_count > 0) {
		return;
	}
	for (size_t i = 0; i < ARRAY_LEN(compound); i++) {
		all[n++] = compound[i];
	}
	for (size_t i = 0; i < bg_option_count() && n < MAX_OPTS; i++) {
		const struct bg_option_info *o = bg_option_get(i);
		all[n++] = (struct opt_def){
			o->flag,
			o->arg != NULL ? required_argument : no_argument,
			OPT_FIELD + (int)i,
			C_FIELD,
			o->arg,
			o->help,
		};
	}
	for (size_t i = 0; i < ARRAY_LEN(common) && n < MAX_OPTS; i++) {
		all[n++] = common[i];
	}
	for (size_t i = 0; i < n; i++) {
		longopts[i] = (struct option){ all[i].name, all[i].has_arg,
					       NULL, all[i].id };
	}
	all_count = n;
}

static const struct opt_def *
def_of(int id)
{
	for (size_t i = 0; i < all_count; i++) {
		if (all[i].id == id) {
			return &all[i];
		}
	}
	return NULL;
}

static int
def_cmp(const void *a, const void *b)
{
	return strcmp(((const struct opt_def *)a)->name,
		      ((const struct opt_def *)b)->name);
}

/* One option line: the flag and its value, then the help from column
 * 32, wrapped at 79. */
static void
print_option(const struct opt_def *d)
{
	char head[200];
	const char *p = d->help;
	int width;

	snprintf(head, sizeof(head), "  %s --%s%s%s",
		 d->id == 'o' ? "-o," : d->id == 'f' ? "-f," : d->id == 'v' ? "-v," : d->id == 'h' ? "-h," : "   ",
		 d->name,
		 d->arg != NULL && d->has_arg != optional_argument ? " " : "",
		 d->arg != NULL ? d->arg : "");
	width = (int)strlen(head);
	if (width > 79) {
		/* A long value: wrapped where an optional part starts. */
		const char *h = head;
		while (strlen(h) > 79) {
			const char *cut = h + 79;
			while (cut > h + 20 && *cut != '[') {
				cut--;
			}
			printf("%.*s\n%19s", (int)(cut - h), h, "");
			h = cut;
		}
		printf("%s\n%31s", h, "");
	} else if (width > 29) {
		printf("%s\n%31s", head, "");
	} else {
		printf("%-31s", head);
	}
	while (*p != '\0') {
		size_t n = strlen(p);
		if (n > 48) {
			n = 48;
			while (n > 0 && p[n] != ' ') {
				n--;
			}
			if (n == 0) {
				n = strcspn(p, " ");
			}
		}
		printf("%.*s\n", (int)n, p);
		p += n;
		p += *p == ' ';
		if (*p != '\0') {
			printf("%31s", "");
		}
	}
}

void
print_template_options(void)
{
	struct opt_def fields[MAX_OPTS];
	size_t n = 0;

	build_table();
	for (size_t i = 0; i < all_count; i++) {
		if (all[i].cls == C_FIELD) {
			fields[n++] = all[i];
		}
	}
	qsort(fields, n, sizeof(fields[0]), def_cmp);
	printf("Options (the job's fields; docs/spec.md for each):\n");
	for (size_t i = 0; i < n; i++) {
		print_option(&fields[i]);
	}
	printf("\nCommon options:\n");
	for (size_t i = 0; i < ARRAY_LEN(common); i++) {
		if (common[i].cls != C_IMPORT && common[i].cls != C_LINT) {
			print_option(&common[i]);
		}
	}
}

/* ================================================================== */
/* Parsing                                                             */
/* ================================================================== */

struct cli_option {
	int id;
	const char *token; /* as written, for messages */
	const char *arg;
};

/*
 * getopt_long, without abbreviations: glibc takes "--Werr" for
 * "--Werror". A long option must be written whole; anything else is
 * refused here (OPT_REFUSED, after a usage error).
 */
static const char *opt_token; /* the option next_option read last */

static int
next_option(int argc, char **argv)
{
	int index = -1;
	int c = getopt_long(argc, argv, ":o:f:hv", longopts, &index);
	const char *token, *name;
	size_t len;

	if (c == -1) {
		return c;
	}
	/* The token is the last one read, or the one before it when the
	 * value came as a separate argument. */
	token = argv[optind - 1];
	if (c != '?' && c != ':' && optarg != NULL &&
	    optarg == argv[optind - 1] && optind >= 2) {
		token = argv[optind - 2];
	}
	opt_token = token;
	if (c == '?' || c == ':' || index < 0) {
		return c;
	}
	name = longopts[index].name;
	len = strcspn(token + 2, "=");
	if (strncmp(token, "--", 2) == 0 &&
	    (len != strlen(name) || strncmp(token + 2, name, len) != 0)) {
		usage_error("unknown option '%.*s': write options whole "
			    "(--%s?)",
			    (int)(len + 2), token, name);
		return OPT_REFUSED;
	}
	return c;
}

int
cli_parse(struct cli *cli, int argc, char **argv)
{
	int c;
	size_t most = 1;

	build_table();
	cli->command = argv[1];
	cli->name = argv[1];
	cli->format = -1;
	/* Options given, at most: one per character of the arguments
	 * (short options bundle: -vvv is three). */
	for (int i = 1; i < argc; i++) {
		most += strlen(argv[i]) + 1;
	}
	cli->given = calloc(most, sizeof(*cli->given));
	cli->template_dirs = calloc(most, sizeof(*cli->template_dirs));
	if (cli->given == NULL || cli->template_dirs == NULL) {
		fputs("batchgen: out of memory\n", stderr);
		return EXIT_IO;
	}
	optind = 0; /* 0: glibc resets its whole getopt state */
	opterr = 0;
	/* argv[1] (the command) stands where getopt expects the program. */
	while ((c = next_option(argc - 1, argv + 1)) != -1) {
		if (c == OPT_REFUSED) {
			return EXIT_USAGE;
		}
		/* What every command takes, and what must be known before
		 * the command runs (its templates). */
		if (c == OPT_TEMPLATES) {
			cli->template_dirs[cli->template_dir_count++] = optarg;
		} else if (c == OPT_WERROR) {
			cli_werror = true;
		} else if (c == 'v') {
			cli_verbose = true;
		} else if (c == OPT_DIAGNOSTICS && !diag_format_parse(optarg)) {
			return EXIT_USAGE;
		}
		cli->given[cli->given_count++] =
			(struct cli_option){ c, opt_token, optarg };
	}
	cli->operands = argv + 1 + optind;
	cli->operand_count = (size_t)(argc - 1 - optind);
	return -1;
}

static bool
parse_format(const char *arg, int *out)
{
	if (strcmp(arg, "json") == 0 || strcmp(arg, "hcl") == 0) {
		*out = strcmp(arg, "hcl") == 0 ? (int)BG_FORMAT_HCL
					       : (int)BG_FORMAT_JSON;
		return true;
	}
	usage_error("--format: '%s' is not a format; use json or hcl", arg);
	return false;
}

enum bg_format
cli_format(const struct cli *cli)
{
	size_t n = cli->output != NULL ? strlen(cli->output) : 0;

	if (cli->format >= 0) {
		return (enum bg_format)cli->format;
	}
	if (n > 3 && strcmp(cli->output + n - 3, ".tf") == 0) {
		return BG_FORMAT_HCL;
	}
	return BG_FORMAT_JSON;
}

/* A field flag the library sets: its problems are usage errors. */
static bool
set_field(struct bg_job_options *o, const char *flag, const char *arg,
	  bool *nomem)
{
	struct bg_diags *diags = bg_diags_create();
	enum bg_status st = diags != NULL
				    ? bg_job_options_set(o, flag, arg, diags)
				    : BG_ERR_NOMEM;

	for (size_t i = 0; i < bg_diags_count(diags); i++) {
		const struct bg_diag *d = bg_diags_get(diags, i);
		if (d->severity == BG_SEV_ERROR) {
			usage_error("--%s: %s", flag, d->message);
		} else {
			fprintf(stderr, "batchgen: warning: --%s: %s [%s]\n",
				flag, d->message, d->code);
		}
	}
	bg_diags_destroy(diags);
	*nomem = st == BG_ERR_NOMEM;
	return st == BG_OK;
}

/* Applies one field option to o. False after a usage error (or when
 * out of memory: *nomem is then set). */
static bool
apply_field(int id, const char *arg, struct bg_job_options *o, bool *nomem)
{
	bool ok = true;

	switch (id) {
	case OPT_COMMAND:
		ok = parse_command(arg, o);
		break;
	case OPT_PLATFORM:
		*nomem = !parse_platform(arg, o);
		return !*nomem;
	case OPT_PUBLIC_IP:
		*nomem = !set_str(&o->c.assign_public_ip,
				  arg != NULL ? arg : "ENABLED");
		return !*nomem;
	case OPT_EFS:
		ok = parse_efs(arg, o);
		break;
	case OPT_HOST:
		*nomem = !parse_host(arg, o);
		return !*nomem;
	case OPT_MOUNT:
		ok = parse_mount(arg, o);
		break;
	case OPT_SECRET:
		return parse_secret(arg, o, nomem);
	case OPT_ULIMIT:
		return parse_ulimit(arg, o, nomem);
	default:
		return set_field(o, bg_option_get((size_t)(id - OPT_FIELD))->flag,
				 arg, nomem);
	}
	return ok;
}

int
cli_apply(struct cli *cli, bool template, bool describing)
{
	const char *cmd = cli->name;
	bool import = strcmp(cli->command, "import") == 0;
	bool lint = strcmp(cli->command, "lint") == 0;
	bool render = strcmp(cli->command, "render") == 0 || import;

	for (size_t i = 0; i < cli->given_count; i++) {
		const struct cli_option *g = &cli->given[i];
		const struct opt_def *d = def_of(g->id);
		bool nomem = false;

		if (g->id == '?') {
			return usage_error("%s: unknown option '%s'", cmd,
					   g->token);
		}
		if (g->id == ':') {
			return usage_error("%s: option '%s' needs a value", cmd,
					   g->token);
		}
		if (d == NULL) {
			return EXIT_IO;
		}
		if (d->cls == C_FIELD && !template) {
			return usage_error("%s: unknown option '%s'", cmd,
					   g->token);
		}
		if (d->cls == C_OUTPUT && !template && !render) {
			return usage_error("%s: unknown option '%s'", cmd,
					   g->token);
		}
		if ((d->cls == C_IMPORT && !import) ||
		    (import && g->id == OPT_CHECK)) {
			return usage_error("%s: unknown option '%s'", cmd,
					   g->token);
		}
		if (d->cls == C_LINT && !lint) {
			return usage_error("%s: unknown option '%s'", cmd,
					   g->token);
		}
		if (d->cls == C_JSON && !describing) {
			return template ? usage_error("%s: --json is an option "
						      "of describe",
						      cmd)
					: usage_error("%s: unknown option '%s'",
						      cmd, g->token);
		}
		switch (g->id) {
		case 'h':
			cli->help = true;
			return -1;
		case 'o':
			cli->output = g->arg;
			break;
		case 'f':
			if (import && (strcmp(g->arg, "yaml") == 0 ||
				       strcmp(g->arg, "json") == 0)) {
				cli->spec_json = strcmp(g->arg, "json") == 0;
				cli->spec_format_given = true;
			} else if (import) {
				return usage_error("--format: '%s' is not a "
						   "spec format; use yaml or "
						   "json",
						   g->arg);
			} else if (!parse_format(g->arg, &cli->format)) {
				return EXIT_USAGE;
			}
			break;
		case OPT_ALL_REVISIONS:
			cli->all_revisions = true;
			break;
		case OPT_AS_TEMPLATES:
			cli->as_templates = true;
			break;
		case OPT_CHECK:
			cli->check = true;
			break;
		case OPT_JSON:
			cli->json = true;
			break;
		case OPT_FAIL_ON:
			cli->fail_on = g->arg;
			break;
		case OPT_CONFIG:
			cli->config = g->arg;
			break;
		default:
			if (d->cls == C_FIELD &&
			    !apply_field(g->id, g->arg, &cli->opts, &nomem)) {
				return nomem ? EXIT_IO : EXIT_USAGE;
			}
			break;
		}
	}
	return -1;
}

void
cli_finish(struct cli *cli)
{
	bg_job_options_finish(&cli->opts);
	free(cli->given);
	free(cli->template_dirs);
}
