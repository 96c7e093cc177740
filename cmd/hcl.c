/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * .tf files: read by the HCL helper bg-hcl (cmd/hcl/bg-hcl.go, on
 * HashiCorp's hclsyntax), whose output the library reads as the .tf
 * (struct bg_source). The helper is $BATCHGEN_HCL, else bg-hcl next to
 * this program (the build tree), else where it is installed
 * (BG_HCL_HELPER: LIBEXECDIR/batchgen/bg-hcl).
 */
#include "config.h"

#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

extern char **environ;

bool
hcl_file(const char *path)
{
	size_t n = strlen(path);

	return n > 3 && strcmp(path + n - 3, ".tf") == 0;
}

static bool
executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(path, X_OK) == 0;
}

/* The helper's path, or NULL. */
static const char *
find_helper(void)
{
	static char found[PATH_MAX + 8];
	const char *env = getenv("BATCHGEN_HCL");
	char self[PATH_MAX];
	ssize_t n;

	if (env != NULL && env[0] != '\0') {
		return env;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		char *slash;
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash != NULL) {
			*slash = '\0';
			if (snprintf(found, sizeof(found), "%s/bg-hcl",
				     self) < (int)sizeof(found) &&
			    executable(found)) {
				return found;
			}
		}
	}
#ifdef BG_HCL_HELPER
	if (executable(BG_HCL_HELPER)) {
		return BG_HCL_HELPER;
	}
#endif
	return NULL;
}

/* The helper, looked up once a run. */
static const char *
helper(void)
{
	static bool looked;
	static const char *path;

	if (!looked) {
		path = find_helper();
		looked = true;
	}
	return path;
}

/* What the helper prints for a .tf without a definition. */
static const char none[] =
	"{\"resource\":{},\"batchgen_hcl\":{\"version\":1,\"at\":[[1,1]],"
	"\"errors\":[],\"notes\":[]}}\n";

/* Whether the helper's output (or none) holds no definition and no
 * error: a file of a module that declares other things. */
bool
hcl_holds_none(const struct bg_source *src)
{
	return src->text != NULL &&
	       strstr(src->text, "\"aws_batch_job_definition\"") == NULL &&
	       strstr(src->text, "\"errors\":[]") != NULL;
}

int
hcl_read(const char *file, struct bg_source *src, char *why, size_t size)
{
	static const char type[] = "aws_batch_job_definition";
	const char *prog;
	char *argv[] = { "bg-hcl", (char *)file, NULL };
	posix_spawn_file_actions_t actions;
	int pipefd[2];
	pid_t pid;
	int status = 0, err;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	struct bg_diags *said = bg_diags_create();
	bool named;

	src->name = file;
	src->text = NULL;
	src->len = 0;
	/* the library's reader: a regular file only, never waiting on one */
	if (said == NULL || bg_file_read(file, &buf, &len, said) != BG_OK) {
		snprintf(why, size, "%s",
			 said != NULL && bg_diags_count(said) > 0
				 ? bg_diags_get(said, 0)->message
				 : "out of memory");
		bg_diags_destroy(said);
		return EXIT_IO;
	}
	bg_diags_destroy(said);
	/* A .tf that does not name the resource type holds no definition:
	 * the helper is not run for it (lint walks every .tf of a
	 * repository). */
	named = memmem(buf, len, type, sizeof(type) - 1) != NULL;
	free(buf);
	buf = NULL;
	len = 0;
	if (!named) {
		src->text = strdup(none);
		src->len = sizeof(none) - 1;
		if (src->text == NULL) {
			snprintf(why, size, "out of memory");
			return EXIT_IO;
		}
		return EXIT_OK;
	}
	prog = helper();
	if (prog == NULL) {
		snprintf(why, size,
			 "reading a .tf file takes the HCL helper bg-hcl, "
			 "which this batchgen does not have: build it with "
			 "meson -Dhcl=enabled (it needs the Debian packages "
			 "golang-go and golang-github-hashicorp-hcl-v2-dev), "
			 "or read what 'terraform show -json' prints of a "
			 "plan");
		return EXIT_IO;
	}
	if (pipe(pipefd) != 0) {
		snprintf(why, size, "%s", strerror(errno));
		return EXIT_IO;
	}
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&actions, pipefd[0]);
	posix_spawn_file_actions_addclose(&actions, pipefd[1]);
	err = posix_spawn(&pid, prog, &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(pipefd[1]);
	if (err != 0) {
		close(pipefd[0]);
		snprintf(why, size, "cannot run the HCL helper %s: %s", prog,
			 strerror(err));
		return EXIT_IO;
	}
	for (;;) {
		ssize_t got;
		if (cap - len < 65536) {
			char *grown = realloc(buf, cap = cap * 2 + 65536);
			if (grown == NULL) {
				kill(pid, SIGKILL); /* it would wait to write */
				free(buf);
				buf = NULL;
				break;
			}
			buf = grown;
		}
		got = read(pipefd[0], buf + len, cap - len);
		if (got < 0 && errno == EINTR) {
			continue;
		}
		if (got <= 0) {
			break;
		}
		len += (size_t)got;
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || buf == NULL ||
	    len == 0) {
		if (buf == NULL) {
			snprintf(why, size, "out of memory");
		} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			snprintf(why, size, "the HCL helper %s printed nothing",
				 prog);
		} else if (WIFSIGNALED(status)) {
			snprintf(why, size, "the HCL helper %s died of signal %d",
				 prog, WTERMSIG(status));
		} else {
			/* and it said why on stderr */
			snprintf(why, size, "the HCL helper %s failed (exit %d)",
				 prog, WEXITSTATUS(status));
		}
		free(buf);
		return EXIT_IO;
	}
	src->text = buf;
	src->len = len;
	return EXIT_OK;
}
