/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Output safety: the text goes to an unnamed temporary file beside the
 * target, is flushed, named and renamed over it at once, so that an
 * existing file is never left half-written (signals included); --check
 * compares with the file instead (diff -u); and an earlier Terraform
 * JSON output is read to warn where terraform would replace a job
 * definition.
 */
/* O_TMPFILE, AT_EMPTY_PATH (Linux): unnamed output files. */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

extern char **environ;

static volatile sig_atomic_t interrupted;
static char tmp_path[4096];

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* SIGINT, SIGTERM and SIGHUP only set `interrupted` while a file is
 * written and named, so that its temporary name is removed. */
struct signals {
	struct sigaction int_, term, hup;
};

static void
catch_signals(struct signals *old)
{
	struct sigaction sa = { 0 };

	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old->int_);
	sigaction(SIGTERM, &sa, &old->term);
	sigaction(SIGHUP, &sa, &old->hup);
}

static void
restore_signals(const struct signals *old)
{
	sigaction(SIGINT, &old->int_, NULL);
	sigaction(SIGTERM, &old->term, NULL);
	sigaction(SIGHUP, &old->hup, NULL);
}

int
output_clash(const char *output, char *const *inputs, size_t n)
{
	struct stat out, in;

	if (output == NULL || stat(output, &out) != 0) {
		return -1; /* stdout, or a new file: no input */
	}
	for (size_t i = 0; i < n; i++) {
		if (stat(inputs[i], &in) == 0 && in.st_dev == out.st_dev &&
		    in.st_ino == out.st_ino) {
			return usage_error("-o %s: that is the input %s; "
					   "writing it would replace the "
					   "input (nothing is written)",
					   output, inputs[i]);
		}
	}
	return -1;
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

/* The file -o path replaces: only a regular file (renaming over a link
 * would replace the link, and a device or directory is not a file to
 * overwrite), or none yet. Its mode (or the new file's, from the umask)
 * into *mode and its directory into dir; say: what is wrong goes to
 * stderr. */
static bool
output_target(const char *path, mode_t *mode, char dir[4096], bool say)
{
	struct stat st;

	if (lstat(path, &st) == 0) {
		const char *what = S_ISDIR(st.st_mode)	 ? "is a directory"
				   : S_ISLNK(st.st_mode) ? "is a symbolic link; "
							   "give the file it "
							   "points to"
				   : !S_ISREG(st.st_mode)
					   ? "not a regular file"
					   : NULL;
		if (what != NULL) {
			if (say) {
				fprintf(stderr, "batchgen: %s: %s\n", path,
					what);
			}
			return false;
		}
		*mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		*mode = 0666 & ~mask;
	}
	if (!dir_of(path, dir, 4096) || !temp_name(dir, 0)) {
		if (say) {
			fprintf(stderr, "batchgen: %s: path too long\n", path);
		}
		return false;
	}
	return true;
}

/* A new file under a temporary name in dir (tmp_path: a new name
 * while one is taken), or -1 with errno set and tmp_path empty. */
static int
create_temp(const char *dir)
{
	int fd = -1;

	for (unsigned attempt = 0; attempt <= 100 && temp_name(dir, attempt);
	     attempt++) {
		fd = open(tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			  0600);
		if (fd >= 0 || errno != EEXIST) {
			break;
		}
	}
	if (fd < 0) {
		tmp_path[0] = '\0';
	}
	return fd;
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
int
write_output(const char *path, const char *data, size_t len)
{
	char dir[4096];
	int fd;
	mode_t mode = 0644;
	struct signals old;
	bool unnamed = false;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			fprintf(stderr, "batchgen: error writing output: %s\n",
				strerror(errno));
			return EXIT_IO;
		}
		return EXIT_OK;
	}
	if (!output_target(path, &mode, dir, true)) {
		return EXIT_IO;
	}
	catch_signals(&old);
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
		}
	}
#endif
	if (!unnamed) {
		/* No O_TMPFILE here: a named temporary file. */
		fd = create_temp(dir);
		if (fd < 0) {
			fprintf(stderr,
				"batchgen: %s: cannot create a file there: %s\n",
				path, strerror(errno));
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
	restore_signals(&old);
	return EXIT_OK;
fail:
	unlink(tmp_path);
fail_signals:
	restore_signals(&old);
	return EXIT_IO;
}

/*
 * Streaming: the text goes into an unnamed file (O_TMPFILE) as the
 * library writes it, so that a large output is never held in memory.
 * For -o FILE the file is in FILE's directory and, once everything is
 * written, flushed, named and renamed over FILE as write_output() does;
 * for standard output it is in $TMPDIR (or /tmp) and copied out at the
 * end, so that nothing reaches standard output unless every job passed
 * and the whole text was written. A kill while writing leaves nothing
 * behind: the file has no name. Where an unnamed file cannot be made
 * (no O_TMPFILE, an output that is no regular file), output_open says
 * so and the caller keeps the text in memory and writes it with
 * write_output(), which reports what is wrong with the output.
 */
bool
output_open(struct output *o, const char *path)
{
	memset(o, 0, sizeof(*o));
	o->fd = -1;
#ifdef O_TMPFILE
	const char *tmp;

	if (path != NULL && strcmp(path, "-") == 0) {
		path = NULL;
	}
	o->path = path;
	if (path == NULL) {
		tmp = getenv("TMPDIR");
		tmp = tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp";
		o->fd = open(tmp, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
		return o->fd >= 0;
	}
	if (!output_target(path, &o->mode, o->dir, false)) {
		return false; /* write_output says what is wrong */
	}
	o->fd = open(o->dir[0] ? o->dir : ".", O_TMPFILE | O_RDWR | O_CLOEXEC,
		     o->mode);
	return o->fd >= 0;
#else
	(void)path;
	return false;
#endif
}

bool
output_write(void *ctx, const char *data, size_t len)
{
	struct output *o = ctx;

	if (!o->failed && !write_all(o->fd, data, len)) {
		o->failed = true;
		o->err = errno;
	}
	return !o->failed;
}

/* Copies fd's text from its start to out (a file being written, or
 * standard output). */
static bool
copy_out(int fd, int out)
{
	char chunk[65536];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) != 0) {
		return false;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR && !interrupted) {
				continue;
			}
			return false;
		}
		if (!write_all(out, chunk, (size_t)n)) {
			return false;
		}
	}
	return true;
}

#ifdef O_TMPFILE
/* Names the written unnamed file and renames it over o->path. */
static int
commit_file(struct output *o)
{
	struct signals old;
	int fd = -1;

	catch_signals(&old);
	tmp_path[0] = '\0';
	if (fchmod(o->fd, o->mode) != 0 || fsync(o->fd) != 0 || interrupted) {
		goto fail_quiet;
	}
	if (!link_unnamed(o->fd, o->dir)) {
		/* It cannot be named here: a named copy instead. */
		fd = create_temp(o->dir);
		if (fd < 0) {
			goto fail_quiet;
		}
		if (!copy_out(o->fd, fd) || fchmod(fd, o->mode) != 0 ||
		    fsync(fd) != 0 || close(fd) != 0 || interrupted) {
			goto fail_quiet;
		}
	}
	if (rename(tmp_path, o->path) != 0) {
		goto fail_quiet;
	}
	restore_signals(&old);
	return EXIT_OK;
fail_quiet:
	fprintf(stderr, "batchgen: %s: %s\n", o->path,
		interrupted ? "interrupted" : strerror(errno));
	if (tmp_path[0] != '\0') {
		unlink(tmp_path);
	}
	restore_signals(&old);
	return EXIT_IO;
}
#endif

int
output_close(struct output *o, bool keep)
{
	int rc = EXIT_OK;

	if (o->fd < 0) {
		return EXIT_OK;
	}
	if (keep && o->failed) {
		fprintf(stderr, "batchgen: %s: %s\n",
			o->path != NULL ? o->path : "error writing output",
			strerror(o->err));
		rc = EXIT_IO;
	} else if (keep && o->path == NULL) {
		if (fflush(stdout) != 0 || !copy_out(o->fd, STDOUT_FILENO)) {
			fprintf(stderr, "batchgen: error writing output: %s\n",
				strerror(errno));
			rc = EXIT_IO;
		}
	} else if (keep) {
#ifdef O_TMPFILE
		rc = commit_file(o);
#endif
	}
	close(o->fd);
	o->fd = -1;
	return rc;
}

/*
 * --check: compares data with the existing FILE without writing
 * anything. 0 when identical; 1 with a unified diff (diff -u) on stderr
 * when FILE would change; 3 when FILE cannot be read.
 */
int
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

/* Writing Terraform JSON over an earlier output: its text, for the
 * library to warn where terraform would replace a job definition
 * instead of adding a revision. NULL when there is nothing to compare
 * (no file yet, not a regular file, HCL) or it cannot be read (that is
 * reported when it is written). */
char *
read_previous(const char *output, enum bg_format format, size_t *len)
{
	struct bg_diags *ignored;
	char *old = NULL;
	struct stat sb;

	*len = 0;
	if (output == NULL || strcmp(output, "-") == 0 ||
	    format != BG_FORMAT_JSON || lstat(output, &sb) != 0 ||
	    !S_ISREG(sb.st_mode)) {
		return NULL;
	}
	ignored = bg_diags_create();
	if (ignored != NULL && bg_file_read(output, &old, len, ignored) != BG_OK) {
		old = NULL;
		*len = 0;
	}
	bg_diags_destroy(ignored);
	return old;
}

