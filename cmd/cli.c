/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * batchgen: the command line. Arguments become struct bg_job_options;
 * the library applies the template, validates and emits; this file
 * prints the diagnostics and writes the output. main() is in main.c, so
 * that the argument fuzzer can call batchgen_main() too.
 *
 * Exit status: 0 ok (warnings allowed), 1 invalid definition, 2 usage
 * error, 3 I/O or internal error.
 */
/* O_TMPFILE, AT_EMPTY_PATH (Linux): unnamed output files. */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#include <cjson/cJSON.h>

#include "batchgen.h"
#include "cli.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_INVALID = 1,
	EXIT_USAGE = 2,
	EXIT_IO = 3,
};

static const char usage_text[] =
	"Usage: batchgen TEMPLATE [options]       write a job definition\n"
	"       batchgen render SPEC... [-o FILE] write every job of the specs\n"
	"       batchgen validate SPEC...         check specs, write nothing\n"
	"       batchgen describe SPEC...|TEMPLATE [options] [--json]\n"
	"                                         analyse jobs: resources, platforms\n"
	"       batchgen templates                list the templates\n"
	"       batchgen rules                    list the validation rules\n"
	"       batchgen --help | --version\n"
	"\n"
	"Turns workload templates and spec files into validated\n"
	"aws_batch_job_definition resources in Terraform JSON, printed to\n"
	"standard output (or -o FILE).\n"
	"\n"
	"Every command takes --templates DIR (repeatable; also the\n"
	"colon-separated BATCHGEN_TEMPLATE_PATH) to add user templates, and\n"
	"-v, --verbose to say when one replaces another.\n"
	"\n"
	"Templates: batch-processing, data-processing, fargate-container,\n"
	"  gpu-container, ml-training, multinode, real-time, simple-container\n"
	"\n"
	"Examples:\n"
	"  batchgen ml-training --gpus 2 > job.tf.json\n"
	"  batchgen render jobs.yaml -o batch.tf.json\n"
	"\n"
	"Run 'batchgen TEMPLATE --help' for the options of a template.\n"
	"\n"
	"Exit status: 0 ok, 1 invalid job definition, 2 usage error,\n"
	"3 input/output error.\n";

static const char options_text[] =
	"Options:\n"
	"      --name NAME              job definition name (default: the template's)\n"
	"      --label LABEL            Terraform resource label (default: from the name)\n"
	"      --image IMAGE            container image (default: an input variable)\n"
	"      --command CMD            container command: words split on spaces, or a\n"
	"                               JSON array such as '[\"python\",\"-c\",\"print(1)\"]'\n"
	"      --vcpus N                vCPUs; fractions (0.25, 0.5) on Fargate only\n"
	"      --memory MIB             memory in MiB\n"
	"      --gpus N                 GPUs (EC2 only)\n"
	"      --nodes N                number of nodes (multinode)\n"
	"      --main-node N            index of the main node (multinode)\n"
	"      --retry-attempts N       retry attempts, 1 to 10\n"
	"      --timeout SECONDS        attempt timeout, at least 60\n"
	"      --job-role-arn ARN       IAM role of the job (or ${aws_iam_role.x.arn})\n"
	"      --execution-role-arn ARN execution role (required on Fargate; default:\n"
	"                               an input variable)\n"
	"      --platform ec2|fargate   platform capability\n"
	"      --env NAME=VALUE         environment variable (repeatable)\n"
	"      --tag KEY=VALUE          tag (repeatable)\n"
	"      --parameter KEY=VALUE    default of a Ref::KEY parameter (repeatable)\n"
	"      --propagate-tags         propagate tags to the ECS task\n"
	"      --assign-public-ip[=ENABLED|DISABLED]\n"
	"                               Fargate public IP (bare flag: ENABLED)\n"
	"      --platform-version V     Fargate platform version (LATEST, 1.4.0)\n"
	"      --privileged             privileged container (EC2 only)\n"
	"      --readonly-root-filesystem\n"
	"                               read-only root file system\n"
	"      --user USER              user[:group] to run as\n"
	"      --efs-volume NAME=FS_ID[,root=DIR][,transit-encryption=ENABLED|DISABLED]\n"
	"                   [,port=N][,access-point=ID][,iam=ENABLED|DISABLED]\n"
	"                               EFS volume (repeatable)\n"
	"      --host-volume NAME[=PATH] host volume (repeatable; EC2 only)\n"
	"      --mount VOLUME:PATH[:ro] mount a volume (repeatable)\n"
	"      --shared-memory-size MIB /dev/shm size (EC2 only)\n"
	"      --init-process           run an init process in the container\n"
	"      --ulimit NAME=SOFT[:HARD] ulimit, -1 for unlimited (repeatable;\n"
	"                               EC2 only)\n"
	"      --secret NAME=ARN        environment variable from Secrets Manager\n"
	"                               or SSM (repeatable; needs an execution role)\n"
	"      --log-driver DRIVER      awslogs, splunk (Fargate), json-file, ...\n"
	"      --log-option KEY=VALUE   log driver option (repeatable)\n"
	"      --ephemeral-storage GIB  Fargate task storage, 21 to 200\n"
	"      --cpu-architecture X86_64|ARM64\n"
	"                               Fargate CPU architecture\n"
	"      --instance-type TYPE     instance type of every node (multinode)\n"
	"      --repository-credentials ARN\n"
	"                               secret with private registry credentials\n"
	"      --enable-execute-command allow ECS Exec into the container\n"
	"  -o, --output FILE            write to FILE (atomically) instead of stdout\n"
	"  -f, --format json|hcl        output format (default: from -o's extension,\n"
	"                               .tf is HCL; else Terraform JSON)\n"
	"      --check                  compare with the -o FILE instead of writing it:\n"
	"                               exit 0 if identical, 1 with a diff if stale\n"
	"      --templates DIR          add user templates from DIR (repeatable)\n"
	"      --Werror                 treat warnings as errors (exit 1)\n"
	"  -v, --verbose                say when a user template replaces another\n"
	"      --json                   with describe: the analysis as JSON\n"
	"  -h, --help                   show this help\n";

static const char render_help[] =
	"Usage: batchgen render SPEC... [-o FILE] [--templates DIR] [-v]\n"
	"       batchgen validate SPEC... [--templates DIR] [-v]\n"
	"       batchgen describe SPEC... [--json] [--templates DIR] [-v]\n"
	"       batchgen describe TEMPLATE [options] [--json]\n"
	"\n"
	"render writes one Terraform JSON document holding every job of every\n"
	"spec (YAML or JSON; '-' reads standard input). validate checks the\n"
	"specs and prints diagnostics only. describe prints each job's\n"
	"type, platforms, vCPUs, memory and GPUs (per node for multinode),\n"
	"retry strategy, timeout and volumes; --json for scripts. Every\n"
	"problem in every file is\n"
	"reported as FILE:LINE:COLUMN: error: FIELD: MESSAGE [CODE]; then the\n"
	"exit status is 1 and nothing is written.\n"
	"\n"
	"Examples:\n"
	"  batchgen render examples/*.yaml -o batch.tf.json\n"
	"  batchgen render jobs.yaml -o batch.tf --check   # in CI: is batch.tf current?\n"
	"  batchgen describe jobs.yaml --json\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE            write to FILE (atomically) instead of stdout\n"
	"  -f, --format json|hcl        output format (default: from -o's extension,\n"
	"                               .tf is HCL; else Terraform JSON)\n"
	"      --check                  compare with the -o FILE instead of writing it:\n"
	"                               exit 0 if identical, 1 with a diff if stale\n"
	"      --templates DIR          add user templates from DIR (repeatable)\n"
	"      --Werror                 treat warnings as errors (exit 1)\n"
	"  -v, --verbose                say when a user template replaces another\n"
	"  -h, --help                   show this help\n";

/* ================================================================== */
/* Diagnostics and usage errors                                        */
/* ================================================================== */

static bool verbose;
static bool werror; /* --Werror: warnings fail the run */

/* Errors, or warnings under --Werror. */
static bool
failing(const struct bg_diags *diags)
{
	return bg_diags_count_severity(diags, BG_SEV_ERROR) > 0 ||
	       (werror && bg_diags_count_severity(diags, BG_SEV_WARNING) > 0);
}

struct diag_order {
	const struct bg_diag *d;
	size_t file_rank; /* order in which files first appear */
	size_t index;
};

static int
diag_order_cmp(const void *a, const void *b)
{
	const struct diag_order *x = a, *y = b;

	if (x->file_rank != y->file_rank) {
		return x->file_rank < y->file_rank ? -1 : 1;
	}
	if (x->d->line != y->d->line) {
		return x->d->line < y->d->line ? -1 : 1;
	}
	if (x->d->column != y->d->column) {
		return x->d->column < y->d->column ? -1 : 1;
	}
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Prints the diagnostics in file order, then line and column order
 * (the order a reader fixes them in), whatever stage found them. */
static void
print_diags(const struct bg_diags *diags)
{
	size_t n = bg_diags_count(diags);
	struct diag_order *order = calloc(n ? n : 1, sizeof(*order));
	const char **files = calloc(n ? n : 1, sizeof(*files));
	size_t nfiles = 0;

	for (size_t i = 0; order != NULL && files != NULL && i < n; i++) {
		const struct bg_diag *d = bg_diags_get(diags, i);
		size_t rank = 0;
		if (d->file != NULL) {
			while (rank < nfiles && strcmp(files[rank], d->file)) {
				rank++;
			}
			if (rank == nfiles) {
				files[nfiles++] = d->file;
			}
			rank++; /* diagnostics without a file come first */
		}
		order[i].d = d;
		order[i].file_rank = rank;
		order[i].index = i;
	}
	if (order != NULL && files != NULL) {
		qsort(order, n, sizeof(*order), diag_order_cmp);
	}
	for (size_t i = 0; i < n; i++) {
		const struct bg_diag *d =
			order != NULL && files != NULL ? order[i].d
						       : bg_diags_get(diags, i);
		if (!verbose && d->code != NULL &&
		    strcmp(d->code, "template-shadow") == 0) {
			continue;
		}
		if (d->file == NULL) {
			fputs("batchgen: ", stderr);
		}
		bg_diag_print(d, stderr);
	}
	free(order);
	free(files);
}

static int
usage_error(const char *fmt, ...) BG_PRINTF(1, 2);

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("batchgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'batchgen --help'\n", stderr);
	return EXIT_USAGE;
}

/* ================================================================== */
/* Output                                                              */
/* ================================================================== */

static volatile sig_atomic_t interrupted;
static char tmp_path[4096];

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static bool
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR && !interrupted) {
				continue;
			}
			return false;
		}
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/* The directory part of path ("dir/" or ""), in dir. */
static bool
dir_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	int n = slash != NULL ? (int)(slash - path) + 1 : 0;

	return snprintf(dir, size, "%.*s", n, path) < (int)size;
}

/* A short new name for the temporary file in dir, whatever the length
 * of the output's name (a name built from it could pass NAME_MAX). */
static bool
temp_name(const char *dir, unsigned attempt)
{
	static unsigned serial;
	unsigned long r = (unsigned long)getpid() * 2654435761UL ^
			  (unsigned long)time(NULL) ^ (++serial * 40503UL) ^
			  attempt;

	return snprintf(tmp_path, sizeof(tmp_path), "%s.batchgen-%08lx.tmp",
			dir, r & 0xffffffffUL) < (int)sizeof(tmp_path);
}

#ifdef O_TMPFILE
/* Gives the unnamed file fd (O_TMPFILE) the name tmp_path. */
static bool
link_unnamed(int fd, const char *dir)
{
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		if (!temp_name(dir, attempt)) {
			return false;
		}
		/* Through /proc; without /proc, AT_EMPTY_PATH (which needs
		 * CAP_DAC_READ_SEARCH). EEXIST: try another name. */
		if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp_path,
			   AT_SYMLINK_FOLLOW) == 0) {
			return true;
		}
		if (errno == EEXIST) {
			continue;
		}
		if (linkat(fd, "", AT_FDCWD, tmp_path, AT_EMPTY_PATH) == 0) {
			return true;
		}
		if (errno != EEXIST) {
			return false;
		}
	}
	return false;
}
#endif

/* Writes, sets the mode and flushes fd; false (errno set) on failure. */
static bool
fill(int fd, const char *data, size_t len, mode_t mode)
{
	return write_all(fd, data, len) && fchmod(fd, mode) == 0 &&
	       fsync(fd) == 0 && !interrupted;
}

/*
 * Writes data to path so that a failed, interrupted or killed run never
 * leaves path truncated or changed. The data goes first into an unnamed
 * file in path's directory (O_TMPFILE), so a kill while writing leaves
 * nothing behind; only when everything is written and flushed does the
 * file get a short temporary name and is renamed over path. Where the
 * file system has no O_TMPFILE, a named temporary file is written
 * instead (a SIGKILL while writing can then leave it behind; SIGINT,
 * SIGTERM and SIGHUP remove it).
 */
static int
write_output(const char *path, const char *data, size_t len)
{
	struct stat st;
	char dir[4096];
	int fd;
	mode_t mode = 0644;
	mode_t mask;
	struct sigaction sa = { 0 };
	struct sigaction old_int, old_term, old_hup;
	bool unnamed = false;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			fprintf(stderr, "batchgen: error writing output: %s\n",
				strerror(errno));
			return EXIT_IO;
		}
		return EXIT_OK;
	}
	if (lstat(path, &st) == 0) {
		/* Only a regular file is replaced: renaming over a link
		 * would replace the link, and a device or directory is not
		 * a file to overwrite. */
		if (S_ISDIR(st.st_mode)) {
			fprintf(stderr, "batchgen: %s: is a directory\n", path);
			return EXIT_IO;
		}
		if (S_ISLNK(st.st_mode)) {
			fprintf(stderr,
				"batchgen: %s: is a symbolic link; give the "
				"file it points to\n",
				path);
			return EXIT_IO;
		}
		if (!S_ISREG(st.st_mode)) {
			fprintf(stderr, "batchgen: %s: not a regular file\n",
				path);
			return EXIT_IO;
		}
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (!dir_of(path, dir, sizeof(dir)) || !temp_name(dir, 0)) {
		fprintf(stderr, "batchgen: %s: path too long\n", path);
		return EXIT_IO;
	}
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
	tmp_path[0] = '\0';
#ifdef O_TMPFILE
	fd = open(dir[0] ? dir : ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
	if (fd >= 0) {
		if (!fill(fd, data, len, mode)) {
			fprintf(stderr, "batchgen: %s: %s\n", path,
				interrupted ? "interrupted" : strerror(errno));
			close(fd);
			goto fail_signals;
		}
		unnamed = link_unnamed(fd, dir);
		if (!unnamed) {
			/* It cannot be named here: a named file instead. */
			close(fd);
			tmp_path[0] = '\0';
			if (!temp_name(dir, 0)) {
				goto fail_signals;
			}
		}
	}
#endif
	if (!unnamed) {
		/* No O_TMPFILE here: a named temporary file. */
		for (unsigned attempt = 0;; attempt++) {
			fd = open(tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
				  0600);
			if (fd >= 0 || errno != EEXIST || attempt == 100 ||
			    !temp_name(dir, attempt + 1)) {
				break;
			}
		}
		if (fd < 0) {
			fprintf(stderr,
				"batchgen: %s: cannot create a file there: %s\n",
				path, strerror(errno));
			tmp_path[0] = '\0';
			goto fail_signals;
		}
		if (!fill(fd, data, len, mode)) {
			fprintf(stderr, "batchgen: %s: %s\n", path,
				interrupted ? "interrupted" : strerror(errno));
			close(fd);
			goto fail;
		}
	}
	if (close(fd) != 0 || interrupted) {
		fprintf(stderr, "batchgen: %s: %s\n", path,
			interrupted ? "interrupted" : strerror(errno));
		goto fail;
	}
	if (rename(tmp_path, path) != 0) {
		fprintf(stderr, "batchgen: %s: %s\n", path, strerror(errno));
		goto fail;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	return EXIT_OK;
fail:
	unlink(tmp_path);
fail_signals:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	return EXIT_IO;
}

/*
 * --check: compares data with the existing FILE without writing
 * anything. 0 when identical; 1 with a unified diff (diff -u) on stderr
 * when FILE would change; 3 when FILE cannot be read.
 */
static int
check_output(const char *path, const char *data, size_t len)
{
	char label[4200];
	char *argv[] = { "diff", "-u", "--label", (char *)path, "--label",
			 label, (char *)path, "-", NULL };
	posix_spawn_file_actions_t actions;
	int pipefd[2];
	pid_t pid;
	int status = 0;
	struct bg_diags *diags;
	struct stat sb;
	char *old = NULL;
	size_t old_len = 0;
	bool same;

	if (path == NULL || strcmp(path, "-") == 0) {
		return usage_error("--check needs -o FILE: the file to compare "
				   "with");
	}
	if (stat(path, &sb) != 0 && errno == ENOENT) {
		fprintf(stderr, "batchgen: %s: %s; --check found nothing to "
				"compare with (it would be created)\n",
			path, strerror(errno));
		return EXIT_INVALID;
	}
	/* Only a regular file is compared: a FIFO would block, and a
	 * directory is no output. */
	diags = bg_diags_create();
	if (diags == NULL || bg_file_read(path, &old, &old_len, diags) != BG_OK) {
		print_diags(diags);
		bg_diags_destroy(diags);
		return EXIT_IO;
	}
	bg_diags_destroy(diags);
	same = old_len == len && memcmp(old, data, len) == 0;
	free(old);
	if (same) {
		return EXIT_OK;
	}
	fprintf(stderr, "batchgen: %s is out of date; regenerate it:\n", path);
	snprintf(label, sizeof(label), "%s (regenerated)", path);
	/* diff reads the new text on stdin and writes to our stderr. */
	if (pipe(pipefd) != 0) {
		return EXIT_INVALID;
	}
	fflush(stderr); /* diff writes to the same stderr */
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, pipefd[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO,
					 STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&actions, pipefd[1]);
	if (posix_spawnp(&pid, "diff", &actions, NULL, argv, environ) != 0) {
		fprintf(stderr, "batchgen: (no 'diff' program to show the "
				"changes)\n");
		pid = -1;
	}
	posix_spawn_file_actions_destroy(&actions);
	close(pipefd[0]);
	if (pid > 0) {
		struct sigaction ign = { 0 }, old_pipe;
		ign.sa_handler = SIG_IGN;
		sigaction(SIGPIPE, &ign, &old_pipe);
		write_all(pipefd[1], data, len);
		close(pipefd[1]);
		waitpid(pid, &status, 0);
		sigaction(SIGPIPE, &old_pipe, NULL);
	} else {
		close(pipefd[1]);
	}
	return EXIT_INVALID;
}

/* Writing Terraform JSON over an earlier output: warn where terraform
 * would replace a job definition instead of adding a revision.
 * @return false when out of memory. */
static bool
check_previous(const char *output, enum bg_format format,
	       const struct bg_jobdef *const *defs, size_t n,
	       struct bg_diags *diags)
{
	struct bg_diags *ignored;
	char *old = NULL;
	size_t len = 0;
	struct stat sb;
	enum bg_status st = BG_OK;

	/* Only a regular file can be an earlier output (write_output
	 * refuses the rest); nothing there yet: nothing replaced. */
	if (output == NULL || strcmp(output, "-") == 0 ||
	    format != BG_FORMAT_JSON || lstat(output, &sb) != 0 ||
	    !S_ISREG(sb.st_mode)) {
		return true;
	}
	/* What cannot be read is reported when it is written. */
	ignored = bg_diags_create();
	if (ignored == NULL) {
		return false;
	}
	if (bg_file_read(output, &old, &len, ignored) == BG_OK) {
		st = bg_check_replacement(old, len, defs, n, diags);
	}
	free(old);
	bg_diags_destroy(ignored);
	return st != BG_ERR_NOMEM;
}

/* ================================================================== */
/* Option values                                                       */
/* ================================================================== */

static const struct {
	const char *name;
	enum bg_format format;
} formats[] = {
	{ "hcl", BG_FORMAT_HCL },
	{ "json", BG_FORMAT_JSON },
};

static bool
parse_format(const char *arg, int *out)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
		if (strcmp(formats[i].name, arg) == 0) {
			*out = (int)formats[i].format;
			return true;
		}
	}
	usage_error("--format: '%s' is not a format; use json or hcl", arg);
	return false;
}

/* --format, else the extension of -o (.tf: HCL), else JSON. */
static enum bg_format
pick_format(int format, const char *output)
{
	size_t n = output != NULL ? strlen(output) : 0;

	if (format >= 0) {
		return (enum bg_format)format;
	}
	if (n > 3 && strcmp(output + n - 3, ".tf") == 0) {
		return BG_FORMAT_HCL;
	}
	return BG_FORMAT_JSON;
}

/* Numbers follow the library's one rule (bg_number_parse). */
static bool
parse_int(const char *opt, const char *arg, struct bg_opt_int *out)
{
	const char *why = NULL;

	if (bg_number_parse(arg, 0, &out->value, NULL, &why) != BG_OK) {
		usage_error("--%s: '%s' is not a whole number: %s", opt, arg,
			    why);
		return false;
	}
	out->set = true;
	return true;
}

static bool
parse_vcpus(const char *arg, struct bg_opt_int *out)
{
	const char *why = NULL;
	bool respelled = false;
	char canon[32];

	if (bg_number_parse(arg, 3, &out->value, &respelled, &why) != BG_OK) {
		usage_error("--vcpus: '%s' is not a number of vCPUs (such as "
			    "1, 2 or 0.25): %s",
			    arg, why);
		return false;
	}
	if (respelled) {
		bg_vcpus_format(out->value, canon, sizeof(canon));
		fprintf(stderr,
			"batchgen: warning: --vcpus: '%s' is written as '%s': "
			"AWS stores the shortest form and refuses '%s' on "
			"EC2 [number-spelling]\n",
			arg, canon, arg);
	}
	out->set = true;
	return true;
}

static bool
parse_kv(const char *opt, const char *arg, struct bg_kvlist *list)
{
	const char *eq = strchr(arg, '=');
	char *key;
	enum bg_status st;

	if (eq == NULL) {
		usage_error("--%s: expected KEY=VALUE, got '%s'", opt, arg);
		return false;
	}
	key = strndup(arg, (size_t)(eq - arg));
	if (key == NULL) {
		return false;
	}
	st = bg_kvlist_set(list, key, eq + 1);
	free(key);
	return st == BG_OK;
}

static bool
push_str(char ***v, size_t *n, const char *s)
{
	char **grown = realloc(*v, (*n + 1) * sizeof(**v));

	if (grown == NULL) {
		return false;
	}
	*v = grown;
	grown[*n] = strdup(s);
	if (grown[*n] == NULL) {
		return false;
	}
	(*n)++;
	return true;
}

/* --command: a JSON array of strings (read with cJSON), or words. */
static bool
parse_command(const char *arg, struct bg_job_options *o)
{
	const char *p = arg;

	for (size_t i = 0; i < o->c.command_count; i++) {
		free(o->c.command[i]);
	}
	free(o->c.command);
	o->c.command = NULL;
	o->c.command_count = 0;
	while (*p == ' ') {
		p++;
	}
	if (*p == '[') {
		cJSON *arr = cJSON_Parse(p);
		const cJSON *item;
		bool ok = cJSON_IsArray(arr);
		cJSON_ArrayForEach(item, arr)
		{
			if (!cJSON_IsString(item)) {
				ok = false;
				break;
			}
			if (!push_str(&o->c.command, &o->c.command_count,
				      item->valuestring)) {
				ok = false;
				break;
			}
		}
		cJSON_Delete(arr);
		if (!ok) {
			usage_error("--command: '%s' is not a JSON array of "
				    "strings",
				    arg);
		}
		return ok;
	}
	while (*p != '\0') {
		size_t n = strcspn(p, " \t");
		char *word = strndup(p, n);
		bool ok = word != NULL &&
			  push_str(&o->c.command, &o->c.command_count, word);
		free(word);
		if (!ok) {
			return false;
		}
		p += n;
		p += strspn(p, " \t");
	}
	return true;
}

static struct bg_volume *
new_volume(struct bg_job_options *o)
{
	struct bg_volume *grown =
		realloc(o->c.volumes, (o->c.volume_count + 1) * sizeof(*grown));

	if (grown == NULL) {
		return NULL;
	}
	o->c.volumes = grown;
	memset(&grown[o->c.volume_count], 0, sizeof(*grown));
	return &grown[o->c.volume_count++];
}

/* --efs-volume NAME=FS_ID[,key=value...] */
static bool
parse_efs(const char *arg, struct bg_job_options *o)
{
	char *copy = strdup(arg);
	char *eq = copy != NULL ? strchr(copy, '=') : NULL;
	char *save = NULL;
	char *fs;
	const char *root = NULL, *transit = NULL, *ap = NULL, *iam = NULL;
	const char *port = NULL;
	struct bg_volume *vol;
	bool ok = true;

	if (eq == NULL) {
		free(copy);
		usage_error("--efs-volume: expected NAME=FS_ID[,OPTION=VALUE...]"
			    ", got '%s'",
			    arg);
		return false;
	}
	*eq = '\0';
	fs = strtok_r(eq + 1, ",", &save);
	for (char *kv = strtok_r(NULL, ",", &save); kv != NULL && ok;
	     kv = strtok_r(NULL, ",", &save)) {
		char *v = strchr(kv, '=');
		if (v == NULL) {
			ok = false;
			break;
		}
		*v++ = '\0';
		if (strcmp(kv, "root") == 0) {
			root = v;
		} else if (strcmp(kv, "transit-encryption") == 0) {
			transit = v;
		} else if (strcmp(kv, "access-point") == 0) {
			ap = v;
		} else if (strcmp(kv, "iam") == 0) {
			iam = v;
		} else if (strcmp(kv, "port") == 0) {
			port = v;
		} else {
			ok = false;
		}
	}
	if (!ok) {
		usage_error("--efs-volume: '%s': options are root=DIR, "
			    "transit-encryption=ENABLED|DISABLED, port=N, "
			    "access-point=ID, iam=ENABLED|DISABLED",
			    arg);
		free(copy);
		return false;
	}
	vol = new_volume(o);
	ok = vol != NULL && bg_efs_volume(vol, copy, fs != NULL ? fs : "",
					  root, transit, ap, iam) == BG_OK;
	if (ok && port != NULL) {
		ok = parse_int("efs-volume port", port,
			       &vol->efs->transit_encryption_port);
	}
	free(copy);
	return ok;
}

/* --host-volume NAME[=PATH] */
static bool
parse_host(const char *arg, struct bg_job_options *o)
{
	const char *eq = strchr(arg, '=');
	char *name = strndup(arg, eq != NULL ? (size_t)(eq - arg) : strlen(arg));
	struct bg_volume *vol = name != NULL ? new_volume(o) : NULL;
	bool ok = vol != NULL &&
		  bg_host_volume(vol, name, eq != NULL ? eq + 1 : NULL) == BG_OK;

	free(name);
	return ok;
}

/* --mount VOLUME:PATH[:ro|:rw] */
static bool
parse_mount(const char *arg, struct bg_job_options *o)
{
	const char *colon = strchr(arg, ':');
	const char *path;
	const char *mode;
	char *vol;
	char *cpath;
	bool ro = false;
	struct bg_mount_point *grown;
	enum bg_status st;

	if (colon == NULL) {
		usage_error("--mount: expected VOLUME:PATH[:ro], got '%s'", arg);
		return false;
	}
	path = colon + 1;
	mode = strrchr(path, ':');
	if (mode != NULL &&
	    (strcmp(mode, ":ro") == 0 || strcmp(mode, ":rw") == 0)) {
		ro = strcmp(mode, ":ro") == 0;
	} else {
		mode = path + strlen(path);
	}
	grown = realloc(o->c.mount_points,
			(o->c.mount_point_count + 1) * sizeof(*grown));
	if (grown == NULL) {
		return false;
	}
	o->c.mount_points = grown;
	vol = strndup(arg, (size_t)(colon - arg));
	cpath = strndup(path, (size_t)(mode - path));
	st = vol != NULL && cpath != NULL
		     ? bg_standard_mount_point(&grown[o->c.mount_point_count],
					       vol, cpath, ro)
		     : BG_ERR_NOMEM;
	free(vol);
	free(cpath);
	if (st != BG_OK) {
		return false;
	}
	o->c.mount_point_count++;
	return true;
}

static bool
parse_platform(const char *arg, struct bg_job_options *o)
{
	char *upper = strdup(arg);

	if (upper == NULL) {
		return false;
	}
	for (char *p = upper; *p != '\0'; p++) {
		if (*p >= 'a' && *p <= 'z') {
			*p = (char)(*p - 'a' + 'A');
		}
	}
	for (size_t i = 0; i < o->platform_capability_count; i++) {
		free(o->platform_capabilities[i]);
	}
	o->platform_capability_count = 0;
	if (!push_str(&o->platform_capabilities, &o->platform_capability_count,
		      upper)) {
		free(upper);
		return false;
	}
	free(upper);
	return true;
}

static bool
set_str(char **dst, const char *s)
{
	char *copy = strdup(s);

	if (copy == NULL) {
		return false;
	}
	free(*dst);
	*dst = copy;
	return true;
}

/* ================================================================== */
/* Commands                                                            */
/* ================================================================== */

enum opt_id {
	OPT_NAME = 256,
	OPT_LABEL,
	OPT_IMAGE,
	OPT_COMMAND,
	OPT_VCPUS,
	OPT_MEMORY,
	OPT_GPUS,
	OPT_NODES,
	OPT_MAIN_NODE,
	OPT_RETRY,
	OPT_TIMEOUT,
	OPT_JOB_ROLE,
	OPT_EXEC_ROLE,
	OPT_PLATFORM,
	OPT_ENV,
	OPT_TAG,
	OPT_PARAMETER,
	OPT_PROPAGATE_TAGS,
	OPT_PUBLIC_IP,
	OPT_PLATFORM_VERSION,
	OPT_PRIVILEGED,
	OPT_READONLY_ROOT,
	OPT_USER,
	OPT_EFS,
	OPT_HOST,
	OPT_MOUNT,
	OPT_SHM,
	OPT_INIT,
	OPT_LOG_DRIVER,
	OPT_LOG_OPTION,
	OPT_SECRET,
	OPT_ULIMIT,
	OPT_EPHEMERAL,
	OPT_CPU_ARCH,
	OPT_INSTANCE_TYPE,
	OPT_REPO_CREDENTIALS,
	OPT_EXEC_COMMAND,
	OPT_TEMPLATES,
	OPT_FORMAT,
	OPT_CHECK,
	OPT_JSON,
	OPT_WERROR,
	OPT_REFUSED, /* next_option refused the token and said why */
};

/*
 * getopt_long, without abbreviations: glibc takes "--Werr" for
 * "--Werror", but main() reads --templates, --Werror and -v from argv
 * before any command parses it, by their full names, so an abbreviation
 * would be accepted and then do nothing. A long option must be written
 * whole; anything else is refused here (OPT_REFUSED, after a usage
 * error).
 */
static const char *opt_token; /* the option next_option read last */

static int
next_option(int argc, char **argv, const char *shortopts,
	    const struct option *longopts)
{
	int index = -1;
	int c = getopt_long(argc, argv, shortopts, longopts, &index);
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

static const struct option template_options[] = {
	{ "name", required_argument, NULL, OPT_NAME },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "image", required_argument, NULL, OPT_IMAGE },
	{ "command", required_argument, NULL, OPT_COMMAND },
	{ "vcpus", required_argument, NULL, OPT_VCPUS },
	{ "memory", required_argument, NULL, OPT_MEMORY },
	{ "gpus", required_argument, NULL, OPT_GPUS },
	{ "nodes", required_argument, NULL, OPT_NODES },
	{ "main-node", required_argument, NULL, OPT_MAIN_NODE },
	{ "retry-attempts", required_argument, NULL, OPT_RETRY },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "job-role-arn", required_argument, NULL, OPT_JOB_ROLE },
	{ "execution-role-arn", required_argument, NULL, OPT_EXEC_ROLE },
	{ "platform", required_argument, NULL, OPT_PLATFORM },
	{ "env", required_argument, NULL, OPT_ENV },
	{ "tag", required_argument, NULL, OPT_TAG },
	{ "parameter", required_argument, NULL, OPT_PARAMETER },
	{ "propagate-tags", no_argument, NULL, OPT_PROPAGATE_TAGS },
	{ "assign-public-ip", optional_argument, NULL, OPT_PUBLIC_IP },
	{ "platform-version", required_argument, NULL, OPT_PLATFORM_VERSION },
	{ "privileged", no_argument, NULL, OPT_PRIVILEGED },
	{ "readonly-root-filesystem", no_argument, NULL, OPT_READONLY_ROOT },
	{ "user", required_argument, NULL, OPT_USER },
	{ "efs-volume", required_argument, NULL, OPT_EFS },
	{ "host-volume", required_argument, NULL, OPT_HOST },
	{ "mount", required_argument, NULL, OPT_MOUNT },
	{ "shared-memory-size", required_argument, NULL, OPT_SHM },
	{ "init-process", no_argument, NULL, OPT_INIT },
	{ "log-driver", required_argument, NULL, OPT_LOG_DRIVER },
	{ "log-option", required_argument, NULL, OPT_LOG_OPTION },
	{ "secret", required_argument, NULL, OPT_SECRET },
	{ "ulimit", required_argument, NULL, OPT_ULIMIT },
	{ "ephemeral-storage", required_argument, NULL, OPT_EPHEMERAL },
	{ "cpu-architecture", required_argument, NULL, OPT_CPU_ARCH },
	{ "instance-type", required_argument, NULL, OPT_INSTANCE_TYPE },
	{ "repository-credentials", required_argument, NULL,
	  OPT_REPO_CREDENTIALS },
	{ "enable-execute-command", no_argument, NULL, OPT_EXEC_COMMAND },
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "templates", required_argument, NULL, OPT_TEMPLATES },
	{ "Werror", no_argument, NULL, OPT_WERROR },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Applies one parsed option. Returns false after a usage error (or when
 * out of memory: *nomem is then set). */
static struct bg_linux_parameters *
linux_parameters(struct bg_job_options *o)
{
	if (o->c.extras.linux_parameters == NULL) {
		o->c.extras.linux_parameters =
			calloc(1, sizeof(*o->c.extras.linux_parameters));
	}
	return o->c.extras.linux_parameters;
}

static struct bg_log_configuration *
log_configuration(struct bg_job_options *o)
{
	if (o->c.extras.log_configuration == NULL) {
		o->c.extras.log_configuration =
			calloc(1, sizeof(*o->c.extras.log_configuration));
	}
	return o->c.extras.log_configuration;
}

/* --secret NAME=VALUE_FROM. */
static bool
parse_secret(const char *arg, struct bg_job_options *o, bool *nomem)
{
	const char *eq = strchr(arg, '=');
	struct bg_container_extras *x = &o->c.extras;
	struct bg_secret *grown;

	if (eq == NULL || eq == arg || eq[1] == '\0') {
		usage_error("--secret: expected NAME=ARN, got '%s'", arg);
		return false;
	}
	grown = realloc(x->secrets, (x->secret_count + 1) * sizeof(*grown));
	if (grown == NULL) {
		*nomem = true;
		return false;
	}
	x->secrets = grown;
	grown[x->secret_count].name = strndup(arg, (size_t)(eq - arg));
	grown[x->secret_count].value_from = strdup(eq + 1);
	x->secret_count++;
	if (grown[x->secret_count - 1].name == NULL ||
	    grown[x->secret_count - 1].value_from == NULL) {
		*nomem = true;
		return false;
	}
	return true;
}

/* --ulimit NAME=SOFT[:HARD] (HARD defaults to SOFT; -1: unlimited). */
static bool
parse_ulimit(const char *arg, struct bg_job_options *o, bool *nomem)
{
	const char *eq = strchr(arg, '=');
	struct bg_container_extras *x = &o->c.extras;
	struct bg_ulimit u = { 0 };
	struct bg_ulimit *grown;
	char soft[32];
	const char *colon = eq != NULL ? strchr(eq + 1, ':') : NULL;
	size_t soft_len = colon != NULL ? (size_t)(colon - eq - 1)
			  : eq != NULL	? strlen(eq + 1)
					: 0;
	const char *why = "expected NAME=SOFT[:HARD]";

	if (eq != NULL && eq != arg && soft_len < sizeof(soft)) {
		memcpy(soft, eq + 1, soft_len);
		soft[soft_len] = '\0';
		if (bg_number_parse(soft, 0, &u.soft_limit.value, NULL,
				    &why) == BG_OK &&
		    bg_number_parse(colon != NULL ? colon + 1 : soft, 0,
				    &u.hard_limit.value, NULL,
				    &why) == BG_OK) {
			why = NULL;
		}
	}
	if (why != NULL) {
		usage_error("--ulimit: expected NAME=SOFT[:HARD] with whole "
			    "numbers (-1: unlimited), got '%s': %s",
			    arg, why);
		return false;
	}
	u.soft_limit.set = u.hard_limit.set = true;
	grown = realloc(x->ulimits, (x->ulimit_count + 1) * sizeof(*grown));
	u.name = strndup(arg, (size_t)(eq - arg));
	if (grown != NULL) {
		x->ulimits = grown;
	}
	if (grown == NULL || u.name == NULL) {
		free(u.name);
		*nomem = true;
		return false;
	}
	grown[x->ulimit_count++] = u;
	return true;
}

static bool
apply_option(int c, const char *arg, struct bg_job_options *o, bool *nomem)
{
	bool ok = true;
	bool parsed = true;
	struct bg_linux_parameters *lp = NULL;
	struct bg_log_configuration *lc = NULL;

	switch (c) {
	case OPT_NAME:
		ok = set_str(&o->name, arg);
		break;
	case OPT_LABEL:
		ok = set_str(&o->label, arg);
		break;
	case OPT_IMAGE:
		ok = set_str(&o->c.image, arg);
		break;
	case OPT_COMMAND:
		parsed = parse_command(arg, o);
		break;
	case OPT_VCPUS:
		parsed = parse_vcpus(arg, &o->c.vcpus_milli);
		break;
	case OPT_MEMORY:
		parsed = parse_int("memory", arg, &o->c.memory);
		break;
	case OPT_GPUS:
		parsed = parse_int("gpus", arg, &o->c.gpus);
		break;
	case OPT_NODES:
		parsed = parse_int("nodes", arg, &o->num_nodes);
		break;
	case OPT_MAIN_NODE:
		parsed = parse_int("main-node", arg, &o->main_node);
		break;
	case OPT_RETRY:
		parsed = parse_int("retry-attempts", arg, &o->retry_attempts);
		break;
	case OPT_TIMEOUT:
		parsed = parse_int("timeout", arg, &o->timeout_seconds);
		break;
	case OPT_JOB_ROLE:
		ok = set_str(&o->c.job_role_arn, arg);
		break;
	case OPT_EXEC_ROLE:
		ok = set_str(&o->c.execution_role_arn, arg);
		break;
	case OPT_PLATFORM:
		ok = parse_platform(arg, o);
		break;
	case OPT_ENV:
		parsed = parse_kv("env", arg, &o->c.environment);
		break;
	case OPT_TAG:
		parsed = parse_kv("tag", arg, &o->tags);
		break;
	case OPT_PARAMETER:
		parsed = parse_kv("parameter", arg, &o->parameters);
		break;
	case OPT_PROPAGATE_TAGS:
		o->propagate_tags.set = true;
		o->propagate_tags.value = true;
		break;
	case OPT_PUBLIC_IP:
		ok = set_str(&o->c.assign_public_ip,
			     arg != NULL ? arg : "ENABLED");
		break;
	case OPT_PLATFORM_VERSION:
		ok = set_str(&o->c.platform_version, arg);
		break;
	case OPT_PRIVILEGED:
		o->c.privileged.set = true;
		o->c.privileged.value = true;
		break;
	case OPT_READONLY_ROOT:
		o->c.readonly_root_filesystem.set = true;
		o->c.readonly_root_filesystem.value = true;
		break;
	case OPT_USER:
		ok = set_str(&o->c.user, arg);
		break;
	case OPT_EFS:
		parsed = parse_efs(arg, o);
		break;
	case OPT_HOST:
		ok = parse_host(arg, o);
		break;
	case OPT_MOUNT:
		parsed = parse_mount(arg, o);
		break;
	case OPT_SHM:
		ok = (lp = linux_parameters(o)) != NULL;
		parsed = ok && parse_int("shared-memory-size", arg,
					 &lp->shared_memory_size);
		break;
	case OPT_INIT:
		ok = (lp = linux_parameters(o)) != NULL;
		if (ok) {
			lp->init_process_enabled.set = true;
			lp->init_process_enabled.value = true;
		}
		break;
	case OPT_LOG_DRIVER:
		ok = (lc = log_configuration(o)) != NULL &&
		     set_str(&lc->log_driver, arg);
		break;
	case OPT_LOG_OPTION:
		ok = (lc = log_configuration(o)) != NULL;
		parsed = ok && parse_kv("log-option", arg, &lc->options);
		break;
	case OPT_SECRET:
		parsed = parse_secret(arg, o, nomem);
		break;
	case OPT_ULIMIT:
		parsed = parse_ulimit(arg, o, nomem);
		break;
	case OPT_EPHEMERAL:
		parsed = parse_int("ephemeral-storage", arg,
				   &o->c.extras.ephemeral_storage);
		break;
	case OPT_CPU_ARCH:
		ok = set_str(&o->c.extras.cpu_architecture, arg);
		break;
	case OPT_INSTANCE_TYPE:
		ok = set_str(&o->c.extras.instance_type, arg);
		break;
	case OPT_REPO_CREDENTIALS:
		ok = set_str(&o->c.extras.repository_credentials, arg);
		break;
	case OPT_EXEC_COMMAND:
		o->c.extras.enable_execute_command.set = true;
		o->c.extras.enable_execute_command.value = true;
		break;
	default:
		parsed = false;
		break;
	}
	if (!ok) {
		*nomem = true;
	}
	return ok && parsed;
}

static void
print_template_help(const struct bg_template_set *set, const char *name)
{
	for (size_t i = 0; i < bg_template_set_count(set); i++) {
		struct bg_template_info info;
		const struct bg_job_options *d = &info.defaults;
		char v[32];

		bg_template_info(set, i, &info);
		if (strcmp(info.name, name) != 0) {
			continue;
		}
		bg_vcpus_format(d->c.vcpus_milli.value, v, sizeof(v));
		printf("Usage: batchgen %s [options]\n\n%s.\n", name,
		       info.description);
		if (info.extends != NULL) {
			printf("Extends %s.\n", info.extends);
		}
		printf("\nDefaults: %s vCPU, %lld MiB", v,
		       (long long)d->c.memory.value);
		if (d->c.gpus.set) {
			printf(", %lld GPU", (long long)d->c.gpus.value);
		}
		if (d->num_nodes.set) {
			printf(", %lld nodes (main node %lld)",
			       (long long)d->num_nodes.value,
			       (long long)d->main_node.value);
		}
		if (d->retry_attempts.set) {
			printf(", %lld attempts",
			       (long long)d->retry_attempts.value);
		}
		if (d->timeout_seconds.set) {
			printf(", timeout %lld s",
			       (long long)d->timeout_seconds.value);
		}
		printf(".\nPlatform: %s.\n",
		       info.platform != NULL ? info.platform
		       : d->platform_capability_count > 0
			       ? d->platform_capabilities[0]
			       : "EC2 unless --platform fargate is given");
		printf("\nExample:\n  batchgen %s --name my-job --image "
		       "repo/app:1.0 > job.tf.json\n\n%s",
		       name, options_text);
	}
}

/* The seed's resource analysis as a table, or JSON (--json). */
static int
describe(const struct bg_jobdef *const *defs, size_t n, bool json)
{
	if (json) {
		char *text = NULL;
		size_t len = 0;
		int rc;
		if (bg_describe_json(defs, n, &text, &len) != BG_OK) {
			fputs("batchgen: out of memory\n", stderr);
			return EXIT_IO;
		}
		rc = write_output(NULL, text, len);
		free(text);
		return rc;
	}
	printf("%-24s %-9s %-11s %6s %7s %4s %5s %5s %7s  %s\n", "JOB", "TYPE",
	       "PLATFORMS", "VCPU", "MEMORY", "GPUS", "NODES", "RETRY",
	       "TIMEOUT", "VOLUMES");
	for (size_t i = 0; i < n; i++) {
		const struct bg_jobdef *d = defs[i];
		const struct bg_container *c =
			d->container != NULL ? d->container
			: d->node_properties != NULL &&
					d->node_properties->range_count > 0
				? d->node_properties->ranges[0].container
				: NULL;
		char v[32], nodes[24] = "-", retry[24] = "-", timeout[32] = "-";
		const char *platforms =
			bg_jobdef_supports_ec2(d) && bg_jobdef_supports_fargate(d)
				? "EC2,FARGATE"
			: bg_jobdef_supports_fargate(d) ? "FARGATE"
							: "EC2";

		bg_vcpus_format(bg_jobdef_estimated_vcpus_milli(d), v,
				sizeof(v));
		if (d->node_properties != NULL) {
			snprintf(nodes, sizeof(nodes), "%lld",
				 (long long)d->node_properties->num_nodes.value);
		}
		if (bg_jobdef_has_retry_strategy(d)) {
			snprintf(retry, sizeof(retry), "%lld",
				 (long long)d->retry_attempts.value);
		}
		if (bg_jobdef_has_timeout(d)) {
			snprintf(timeout, sizeof(timeout), "%llds",
				 (long long)d->timeout_seconds.value);
		}
		printf("%-24s %-9s %-11s %6s %7lld %4lld %5s %5s %7s  ",
		       d->name, bg_jobdef_is_multinode_job(d) ? "multinode"
							     : "container",
		       platforms, v,
		       (long long)bg_jobdef_estimated_memory_mib(d),
		       (long long)bg_jobdef_estimated_gpus(d), nodes, retry,
		       timeout);
		for (size_t j = 0; c != NULL && j < c->volume_count; j++) {
			const struct bg_volume *vol = &c->volumes[j];
			printf("%s%s(%s)", j > 0 ? ", " : "", vol->name,
			       vol->efs != NULL ? "efs" : "host");
			for (size_t k = 0; k < c->mount_point_count; k++) {
				const struct bg_mount_point *m =
					&c->mount_points[k];
				if (m->source_volume != NULL &&
				    vol->name != NULL &&
				    strcmp(m->source_volume, vol->name) == 0) {
					printf(" %s%s", m->container_path,
					       m->read_only ? ":ro" : "");
				}
			}
		}
		printf("%s\n", c == NULL || c->volume_count == 0 ? "-" : "");
	}
	for (size_t i = 0; i < n; i++) {
		if (defs[i]->node_properties == NULL) {
			continue;
		}
		fputs("(vCPU, memory and GPUs of a multinode job are per "
		      "node)\n",
		      stdout);
		break;
	}
	return EXIT_OK;
}

/* A template command; with describe, the analysis instead of output. */
static int
template_run(const struct bg_template_set *set, const char *name, int argc,
	     char **argv, bool describing)
{
	struct bg_job_options opts = { 0 };
	struct bg_diags *diags = bg_diags_create();
	struct bg_jobdef *def = NULL;
	const char *output = NULL;
	char *text = NULL;
	size_t len = 0;
	bool nomem = false;
	bool check = false;
	bool json = false;
	int format = -1;
	int rc = EXIT_IO;
	int c;
	enum bg_status st;

	if (diags == NULL) {
		return EXIT_IO;
	}
	optind = 0; /* 0: glibc resets its whole getopt state */
	opterr = 0;
	while ((c = next_option(argc, argv, ":o:f:hv", template_options)) !=
	       -1) {
		if (c == OPT_REFUSED) {
			rc = EXIT_USAGE;
			goto out;
		} else if (c == OPT_TEMPLATES || c == 'v' || c == OPT_WERROR) {
			continue; /* handled in main() */
		} else if (c == OPT_CHECK) {
			check = true;
		} else if (c == OPT_JSON) {
			if (!describing) {
				rc = usage_error("%s: --json is an option of "
						 "describe",
						 name);
				goto out;
			}
			json = true;
		} else if (c == 'f') {
			if (!parse_format(optarg, &format)) {
				rc = EXIT_USAGE;
				goto out;
			}
		} else if (c == 'h') {
			print_template_help(set, name);
			rc = EXIT_OK;
			goto out;
		} else if (c == 'o') {
			output = optarg;
		} else if (c == '?') {
			rc = usage_error("%s: unknown option '%s'", name,
					 opt_token);
			goto out;
		} else if (c == ':') {
			rc = usage_error("%s: option '%s' needs a value", name,
					 opt_token);
			goto out;
		} else if (!apply_option(c, optarg, &opts, &nomem)) {
			rc = nomem ? EXIT_IO : EXIT_USAGE;
			goto out;
		}
	}
	if (optind < argc) {
		rc = usage_error("%s: unexpected argument '%s'", name,
				 argv[optind]);
		goto out;
	}

	st = bg_template_apply(set, name, &opts, &def, diags);
	if (st == BG_OK) {
		st = bg_validate(def, NULL, diags);
	}
	if (st == BG_OK && !describing) {
		const struct bg_jobdef *defs[] = { def };
		if (!check_previous(output, pick_format(format, output), defs,
				    1, diags)) {
			st = BG_ERR_NOMEM;
		}
	}
	print_diags(diags);
	if (st == BG_ERR_INVALID || (st == BG_OK && failing(diags))) {
		rc = EXIT_INVALID;
		goto out;
	}
	if (st == BG_OK && describing) {
		const struct bg_jobdef *defs[] = { def };
		rc = describe(defs, 1, json);
		goto out;
	}
	if (st == BG_OK) {
		const struct bg_jobdef *defs[] = { def };
		st = bg_emit(defs, 1, pick_format(format, output), &text, &len);
	}
	if (st != BG_OK) {
		fprintf(stderr, "batchgen: %s\n", bg_strerror(st));
		rc = EXIT_IO;
		goto out;
	}
	rc = check ? check_output(output, text, len)
		   : write_output(output, text, len);
out:
	free(text);
	bg_jobdef_destroy(def);
	bg_job_options_finish(&opts);
	bg_diags_destroy(diags);
	return rc;
}

static const struct option list_options[] = {
	{ "templates", required_argument, NULL, OPT_TEMPLATES },
	{ "Werror", no_argument, NULL, OPT_WERROR },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Options of commands that take none of their own. Returns -1 to go
 * on, else an exit status. */
static int
parse_list_options(const char *cmd, int argc, char **argv, const char *help)
{
	int c;

	optind = 0; /* 0: glibc resets its whole getopt state */
	opterr = 0;
	while ((c = next_option(argc, argv, ":hv", list_options)) != -1) {
		if (c == OPT_REFUSED) {
			return EXIT_USAGE;
		} else if (c == 'h') {
			fputs(help, stdout);
			return EXIT_OK;
		} else if (c == '?') {
			return usage_error("%s: unknown option '%s'", cmd,
					   opt_token);
		} else if (c == ':') {
			return usage_error("%s: option '%s' needs a value", cmd,
					   opt_token);
		}
	}
	if (optind < argc) {
		return usage_error("%s: unexpected argument '%s'", cmd,
				   argv[optind]);
	}
	return -1;
}

static int
cmd_template(const struct bg_template_set *set, const char *name, int argc,
	     char **argv)
{
	return template_run(set, name, argc, argv, false);
}

static int
cmd_templates(const struct bg_template_set *set, int argc, char **argv)
{
	int rc = parse_list_options(
		"templates", argc, argv,
		"Usage: batchgen templates [--templates DIR] [-v]\n\n"
		"Lists the templates with their defaults and where each comes "
		"from.\n\nExample:\n  batchgen templates --templates "
		"./my-templates\n");

	if (rc >= 0) {
		return rc;
	}
	printf("%-18s %-13s %5s %7s %4s %5s %7s  %-18s %-10s %s\n",
	       "TEMPLATE", "PLATFORM", "VCPU", "MEMORY", "GPUS", "RETRY",
	       "TIMEOUT", "EXTENDS", "FROM", "TAGS");
	for (size_t i = 0; i < bg_template_set_count(set); i++) {
		struct bg_template_info info;
		const struct bg_job_options *d = &info.defaults;
		char v[32] = "-", memory[24] = "-", gpus[24] = "-";
		char retry[24] = "-", timeout[24] = "-";
		char platform[32];
		char tags[512] = "";
		size_t used = 0;

		bg_template_info(set, i, &info);
		if (d->c.vcpus_milli.set) {
			bg_vcpus_format(d->c.vcpus_milli.value, v, sizeof(v));
		}
		if (d->c.memory.set) {
			snprintf(memory, sizeof(memory), "%lld",
				 (long long)d->c.memory.value);
		}
		if (d->c.gpus.set) {
			snprintf(gpus, sizeof(gpus), "%lld",
				 (long long)d->c.gpus.value);
		}
		if (d->retry_attempts.set) {
			snprintf(retry, sizeof(retry), "%lld",
				 (long long)d->retry_attempts.value);
		}
		if (d->timeout_seconds.set) {
			snprintf(timeout, sizeof(timeout), "%lld",
				 (long long)d->timeout_seconds.value);
		}
		if (info.platform != NULL) {
			snprintf(platform, sizeof(platform), "%s only",
				 info.platform);
		} else {
			snprintf(platform, sizeof(platform), "%s",
				 d->platform_capability_count > 0
					 ? d->platform_capabilities[0]
					 : "any");
		}
		for (size_t t = 0; t < d->tags.count && used < sizeof(tags);
		     t++) {
			int n = snprintf(tags + used, sizeof(tags) - used,
					 "%s%s=%s", t > 0 ? "," : "",
					 d->tags.items[t].key,
					 d->tags.items[t].value);
			used += n > 0 ? (size_t)n : 0;
		}
		printf("%-18s %-13s %5s %7s %4s %5s %7s  %-18s %-10s %s\n",
		       info.name, platform, v, memory, gpus, retry, timeout,
		       info.extends != NULL ? info.extends : "-", info.origin,
		       tags[0] != '\0' ? tags : "-");
		if (info.shadows_builtin) {
			printf("%18s (%s replaces the built-in template)\n",
			       "", info.name);
		}
	}
	return EXIT_OK;
}

static int
cmd_rules(const struct bg_template_set *set, int argc, char **argv)
{
	int rc = parse_list_options(
		"rules", argc, argv,
		"Usage: batchgen rules [--templates DIR] [-v]\n\nLists the "
		"validation rules: code, "
		"severity, summary.\n\nExample:\n  batchgen rules | grep "
		"fargate\n");

	(void)set;
	if (rc >= 0) {
		return rc;
	}
	printf("%-24s %-8s %s\n", "CODE", "SEVERITY", "SUMMARY");
	for (size_t i = 0; i < bg_rule_count(); i++) {
		const struct bg_rule_info *r = bg_rule_get(i);
		printf("%-24s %-8s %s\n", r->code,
		       r->severity == BG_SEV_ERROR	   ? "error"
		       : r->severity == BG_SEV_WARNING ? "warning"
						       : "note",
		       r->summary);
	}
	return EXIT_OK;
}

static int
cmd_schema(const struct bg_template_set *set, int argc, char **argv)
{
	int rc = parse_list_options(
		"schema", argc, argv,
		"Usage: batchgen schema [-v]\n\nPrints the JSON Schema (draft "
		"2020-12) of spec files: every key, type, enum\nand "
		"description. Editors use it to complete and check specs:\n"
		"\n  batchgen schema > batchgen.schema.json\n  # first line "
		"of a spec:\n  # yaml-language-server: "
		"$schema=batchgen.schema.json\n");
	char *text = NULL;

	(void)set;
	if (rc >= 0) {
		return rc;
	}
	if (bg_spec_schema(&text, NULL) != BG_OK) {
		fprintf(stderr, "batchgen: out of memory\n");
		return EXIT_IO;
	}
	printf("%s\n", text);
	free(text);
	return EXIT_OK;
}

static const struct option render_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "templates", required_argument, NULL, OPT_TEMPLATES },
	{ "Werror", no_argument, NULL, OPT_WERROR },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* render, validate and describe: load every spec, report every problem. */
enum spec_mode {
	SPECS_RENDER,
	SPECS_VALIDATE,
	SPECS_DESCRIBE,
};

static int
run_specs(const struct bg_template_set *set, int argc, char **argv,
	  enum spec_mode mode)
{
	static const char *const names[] = { "render", "validate",
					     "describe" };
	const char *cmd = names[mode];
	bool write = mode == SPECS_RENDER;
	bool json = false;
	struct bg_diags *diags = bg_diags_create();
	struct bg_spec **specs = NULL;
	const struct bg_jobdef **defs = NULL;
	const char *output = NULL;
	int format = -1;
	bool check = false;
	size_t nspecs = 0, ndefs = 0;
	bool io_error = false, invalid = false;
	char *text = NULL;
	size_t len = 0;
	int rc = EXIT_IO;
	int c;
	enum bg_status st;

	if (diags == NULL) {
		return EXIT_IO;
	}
	optind = 0; /* 0: glibc resets its whole getopt state */
	opterr = 0;
	while ((c = next_option(argc, argv, write ? ":o:f:hv" : ":hv",
				render_options)) != -1) {
		if (c == OPT_REFUSED) {
			rc = EXIT_USAGE;
			goto out;
		} else if (c == OPT_WERROR || c == OPT_TEMPLATES || c == 'v') {
			continue; /* handled in main() */
		} else if (c == OPT_CHECK && write) {
			check = true;
		} else if (c == OPT_JSON && mode == SPECS_DESCRIBE) {
			json = true;
		} else if (c == 'f' && write) {
			if (!parse_format(optarg, &format)) {
				rc = EXIT_USAGE;
				goto out;
			}
		} else if (c == 'h') {
			fputs(render_help, stdout);
			rc = EXIT_OK;
			goto out;
		} else if (c == 'o' && write) {
			output = optarg;
		} else if (c == '?' || c == OPT_JSON ||
			   ((c == 'o' || c == 'f' || c == OPT_CHECK) && !write)) {
			rc = usage_error("%s: unknown option '%s'", cmd,
					 opt_token);
			goto out;
		} else if (c == ':') {
			rc = usage_error("%s: option '%s' needs a value", cmd,
					 opt_token);
			goto out;
		}
	}
	if (optind >= argc) {
		rc = usage_error("%s: give at least one spec file", cmd);
		goto out;
	}
	specs = calloc((size_t)(argc - optind), sizeof(*specs));
	if (specs == NULL) {
		goto out;
	}
	for (int i = optind; i < argc; i++) {
		struct bg_spec *spec = NULL;
		st = bg_spec_load_file(argv[i], set, &spec, diags);
		if (st == BG_ERR_NOMEM) {
			goto out;
		}
		io_error = io_error || st == BG_ERR_IO;
		invalid = invalid || (st != BG_OK && st != BG_ERR_IO);
		if (spec != NULL) {
			specs[nspecs++] = spec;
			ndefs += bg_spec_job_count(spec);
		}
	}
	defs = calloc(ndefs > 0 ? ndefs : 1, sizeof(*defs));
	if (defs == NULL) {
		goto out;
	}
	ndefs = 0;
	for (size_t i = 0; i < nspecs; i++) {
		for (size_t j = 0; j < bg_spec_job_count(specs[i]); j++) {
			defs[ndefs++] = bg_spec_job(specs[i], j);
		}
	}
	st = bg_validate_unique(defs, ndefs, diags);
	if (st == BG_ERR_NOMEM) {
		goto out;
	}
	if (st == BG_OK && write && !io_error && !invalid &&
	    !check_previous(output, pick_format(format, output), defs, ndefs,
			    diags)) {
		goto out;
	}
	invalid = invalid || st != BG_OK || failing(diags);
	print_diags(diags);
	if (io_error || invalid) {
		rc = io_error ? EXIT_IO : EXIT_INVALID;
		goto out;
	}
	if (mode == SPECS_DESCRIBE) {
		rc = describe(defs, ndefs, json);
		goto out;
	}
	if (!write) {
		rc = EXIT_OK;
		goto out;
	}
	st = bg_emit(defs, ndefs, pick_format(format, output), &text, &len);
	if (st != BG_OK) {
		fprintf(stderr, "batchgen: %s\n", bg_strerror(st));
		goto out;
	}
	rc = check ? check_output(output, text, len)
		   : write_output(output, text, len);
out:
	free(text);
	free(defs);
	for (size_t i = 0; i < nspecs; i++) {
		bg_spec_destroy(specs[i]);
	}
	free(specs);
	bg_diags_destroy(diags);
	return rc;
}

static int
cmd_render(const struct bg_template_set *set, int argc, char **argv)
{
	return run_specs(set, argc, argv, SPECS_RENDER);
}

static int
cmd_validate(const struct bg_template_set *set, int argc, char **argv)
{
	return run_specs(set, argc, argv, SPECS_VALIDATE);
}

/* describe TEMPLATE [options] | describe SPEC... [--json] */
static int
cmd_describe(const struct bg_template_set *set, int argc, char **argv)
{
	struct stat st;

	if (argc >= 2 && bg_template_exists(set, argv[1]) &&
	    stat(argv[1], &st) != 0) {
		return template_run(set, argv[1], argc - 1, argv + 1, true);
	}
	return run_specs(set, argc, argv, SPECS_DESCRIBE);
}

struct command {
	const char *name;
	int (*run)(const struct bg_template_set *set, int argc, char **argv);
};

/* Keep alphabetized: looked up with bsearch. */
static const struct command commands[] = {
	{ "describe", cmd_describe },
	{ "render", cmd_render },
	{ "rules", cmd_rules },
	{ "schema", cmd_schema },
	{ "templates", cmd_templates },
	{ "validate", cmd_validate },
};

static int
command_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct command *)elem)->name);
}

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
 * every --templates DIR in argv (later ones win). Also reads -v.
 * *io when a directory or template file cannot be read (exit 3, not 1). */
static bool
load_user_templates(struct bg_template_set *set, int argc, char **argv,
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
	for (int i = 1; i < argc; i++) {
		const char *dir = NULL;
		if (strcmp(argv[i], "--") == 0) {
			break;
		}
		if (strcmp(argv[i], "--templates") == 0 && i + 1 < argc) {
			dir = argv[++i];
		} else if (strncmp(argv[i], "--templates=", 12) == 0) {
			dir = argv[i] + 12;
		} else if (strcmp(argv[i], "-v") == 0 ||
			   strcmp(argv[i], "--verbose") == 0) {
			verbose = true;
		} else if (strcmp(argv[i], "--Werror") == 0) {
			werror = true;
		}
		if (dir != NULL) {
			ok = add_template_dir(set, dir, diags, io) && ok;
		}
	}
	return bg_template_set_resolve(set, diags) == BG_OK && ok;
}

int
batchgen_main(int argc, char **argv)
{
	struct bg_template_set *set = NULL;
	struct bg_diags *diags = NULL;
	const struct command *cmd;
	int rc = EXIT_IO;
	bool io = false;

	verbose = false;
	werror = false;
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
	if (!load_user_templates(set, argc, argv, diags, &io)) {
		print_diags(diags);
		rc = io || bg_diags_count_severity(diags, BG_SEV_ERROR) == 0
			     ? EXIT_IO
			     : EXIT_INVALID;
		goto out;
	}
	print_diags(diags);
	cmd = bsearch(argv[1], commands, sizeof(commands) / sizeof(*commands),
		      sizeof(*commands), command_cmp);
	if (cmd != NULL) {
		rc = cmd->run(set, argc - 1, argv + 1);
	} else if (bg_template_exists(set, argv[1])) {
		rc = cmd_template(set, argv[1], argc - 1, argv + 1);
	} else {
		rc = usage_error("unknown command or template '%s'", argv[1]);
	}
out:
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	bg_template_set_destroy(set);
#endif
	bg_diags_destroy(diags);
	return rc;
}
