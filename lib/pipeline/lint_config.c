/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * lint's configuration (.batchgen.yaml), read with the YAML reader of
 * input/ and checked here, every problem located:
 *
 *   fail-on: warning              error (default), warning, note, none
 *   rules:
 *     sec-root-fs: off            off, error, warning or note
 *   ignore:
 *     - rule: sec-privileged      a rule code
 *       files: ["gpu/x.tf.json"]  globs on the path from the
 *                                 configuration's directory (* spans /)
 *       paths: ["jobs[0].*"]      optional: globs on the field path
 *       reason: needs the GPU driver's device files
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "config.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/lint.h"

struct ignore {
	const char *rule;
	char **files, **paths;
	size_t file_count, path_count;
	unsigned line, column;
	bool rule_given;
	bool used;
};

struct bg_lint_config {
	char *file;
	char *dir; /* the configuration's directory, resolved */
	int fail_on; /* a severity; -1: none; -2: not set */
	struct bg_kvlist levels; /* code -> off, error, warning, note */
	struct ignore *ignores;
	size_t ignore_count;
};

static const char *const level_names[] = { "error", "warning", "note",
					   "off", NULL };

struct reader {
	struct bg__ydoc *d;
	const char *file;
	struct bg_diags *diags;
	bool failed, nomem;
};

static void
bad(struct reader *r, const struct bg__ynode *n, const char *path,
    const char *msg)
{
	r->failed = true;
	r->nomem |= bg_diags_add(r->diags, BG_SEV_ERROR, "lint-config", r->file,
				 bg__ynode_line(n), bg__ynode_column(n), path,
				 "%s", msg) != BG_OK;
}

/* The text of scalar n, or NULL after an error. */
static const char *
text(struct reader *r, const struct bg__ynode *n, const char *path)
{
	const char *t = n->type == BG_Y_SCALAR ? bg__ynode_text(r->d, n) : NULL;

	if (t == NULL) {
		bad(r, n, path, "expected a value");
	}
	return t;
}

static int
level_of(const char *t)
{
	for (int i = 0; level_names[i] != NULL; i++) {
		if (strcmp(t, level_names[i]) == 0) {
			return i;
		}
	}
	return -1;
}

/* A list of globs (or one). */
static char **
globs(struct reader *r, struct bg__ynode *n, const char *path, size_t *count)
{
	size_t k = n->type == BG_Y_SEQ ? n->len : 1;
	char **out = calloc(k + 1, sizeof(*out));

	*count = 0;
	if (out == NULL) {
		r->nomem = true;
		return NULL;
	}
	for (size_t i = 0; i < k; i++) {
		struct bg__ynode *item =
			n->type == BG_Y_SEQ ? bg__ynode_item(r->d, n, i) : n;
		const char *t = text(r, item, path);
		if (t != NULL && (out[*count] = strdup(t)) != NULL) {
			(*count)++;
		} else if (t != NULL) {
			r->nomem = true;
		}
	}
	return out;
}

/* Whether the ignore entry has already read key (rule, files, paths). */
static bool
given_in_ignore(const struct ignore *ig, const char *key)
{
	return strcmp(key, "rule") == 0    ? ig->rule_given
	       : strcmp(key, "files") == 0 ? ig->files != NULL
	       : strcmp(key, "paths") == 0 ? ig->paths != NULL
					   : false;
}

static void
read_ignore(struct reader *r, struct bg_lint_config *c, struct bg__ynode *n,
	    size_t i)
{
	struct ignore *ig = &c->ignores[c->ignore_count];
	char path[64];

	snprintf(path, sizeof(path), "ignore[%zu]", i);
	if (n->type != BG_Y_MAP) {
		bad(r, n, path, "an ignore entry is {rule, files, paths, reason}");
		return;
	}
	memset(ig, 0, sizeof(*ig));
	ig->line = bg__ynode_line(n);
	ig->column = bg__ynode_column(n);
	for (size_t k = 0; k < n->len; k++) {
		const char *key = bg__ynode_text(r->d, bg__ynode_key(r->d, n, k));
		struct bg__ynode *v = bg__ynode_value(r->d, n, k);
		if (key != NULL && given_in_ignore(ig, key)) {
			/* a second value would be written over the first */
			bad(r, bg__ynode_key(r->d, n, k), path,
			    "a key of an ignore entry is given twice: give "
			    "it once");
		} else if (key != NULL && strcmp(key, "rule") == 0) {
			const char *t = text(r, v, path);
			if (t != NULL && !bg__rule_known(t)) {
				bad(r, v, path,
				    "no rule has this code ('batchgen rules' "
				    "lists them)");
			} else if (t != NULL) {
				ig->rule = bg__ynode_text(r->d, v);
			}
			ig->rule_given = true;
		} else if (key != NULL && strcmp(key, "files") == 0) {
			ig->files = globs(r, v, path, &ig->file_count);
		} else if (key != NULL && strcmp(key, "paths") == 0) {
			ig->paths = globs(r, v, path, &ig->path_count);
		} else if (key == NULL || strcmp(key, "reason") != 0) {
			bad(r, bg__ynode_key(r->d, n, k), path,
			    "an ignore entry takes rule, files, paths and "
			    "reason");
		}
	}
	if (ig->rule == NULL) {
		bad(r, n, path, "an ignore entry names its rule");
	} else if ((ig->rule = strdup(ig->rule)) == NULL) {
		r->nomem = true;
	}
	c->ignore_count++;
}

static void
read_config(struct reader *r, struct bg_lint_config *c)
{
	struct bg__ynode *root = bg__ydoc_root(r->d);
	bool fail_on_given = false;

	if (root == NULL || bg__ynode_is_null(r->d, root)) {
		return; /* empty: the defaults */
	}
	if (root->type != BG_Y_MAP) {
		bad(r, root, NULL, "the configuration is a mapping of fail-on, "
				   "rules and ignore");
		return;
	}
	for (size_t i = 0; i < root->len; i++) {
		struct bg__ynode *k = bg__ynode_key(r->d, root, i);
		struct bg__ynode *v = bg__ynode_value(r->d, root, i);
		const char *key = bg__ynode_text(r->d, k);
		if (key != NULL && strcmp(key, "fail-on") == 0 &&
		    fail_on_given) {
			bad(r, k, key, "fail-on is given twice: give it once");
		} else if (key != NULL && strcmp(key, "fail-on") == 0) {
			const char *t = text(r, v, "fail-on");
			fail_on_given = true;
			int l = t != NULL ? level_of(t) : -1;
			if (t != NULL && strcmp(t, "none") == 0) {
				c->fail_on = -1;
			} else if (l >= 0 && l <= BG_SEV_NOTE) {
				c->fail_on = l;
			} else if (t != NULL) {
				bad(r, v, "fail-on",
				    "fail-on is error, warning, note or none");
			}
		} else if (key != NULL && strcmp(key, "rules") == 0 &&
			   v->type == BG_Y_MAP) {
			for (size_t j = 0; j < v->len; j++) {
				struct bg__ynode *rk = bg__ynode_key(r->d, v, j);
				const char *code = bg__ynode_text(r->d, rk);
				const char *t =
					text(r, bg__ynode_value(r->d, v, j),
					     "rules");
				if (!bg__rule_known(code)) {
					bad(r, rk, "rules",
					    "no rule has this code ('batchgen "
					    "rules' lists them)");
				} else if (bg_kvlist_get(&c->levels, code) !=
					   NULL) {
					/* known codes only: a short list */
					bad(r, rk, "rules",
					    "a rule is given twice: give it "
					    "once");
				} else if (t != NULL && level_of(t) < 0) {
					bad(r, bg__ynode_value(r->d, v, j),
					    "rules",
					    "a rule is off, error, warning or "
					    "note");
				} else if (t != NULL &&
					   bg__kvlist_push(&c->levels, code, t) !=
						   BG_OK) {
					r->nomem = true;
				}
			}
		} else if (key != NULL && strcmp(key, "ignore") == 0 &&
			   c->ignores != NULL) {
			/* a second list would be written over the first */
			bad(r, k, key, "ignore is given twice: give one list");
		} else if (key != NULL && strcmp(key, "ignore") == 0 &&
			   v->type == BG_Y_SEQ) {
			c->ignores = calloc(v->len + 1, sizeof(*c->ignores));
			for (size_t j = 0; c->ignores != NULL && j < v->len; j++) {
				read_ignore(r, c, bg__ynode_item(r->d, v, j), j);
			}
			r->nomem |= c->ignores == NULL;
		} else if (key != NULL && (strcmp(key, "rules") == 0 ||
					   strcmp(key, "ignore") == 0)) {
			bad(r, v, key,
			    strcmp(key, "rules") == 0
				    ? "rules is a mapping of rule codes to "
				      "off, error, warning or note"
				    : "ignore is a list of {rule, files, paths, "
				      "reason}");
		} else {
			bad(r, k, NULL,
			    "the configuration takes fail-on, rules and "
			    "ignore");
		}
	}
}

void
bg_lint_config_destroy(struct bg_lint_config *c)
{
	if (c == NULL) {
		return;
	}
	for (size_t i = 0; i < c->ignore_count; i++) {
		for (size_t k = 0; k < c->ignores[i].file_count; k++) {
			free(c->ignores[i].files[k]);
		}
		for (size_t k = 0; k < c->ignores[i].path_count; k++) {
			free(c->ignores[i].paths[k]);
		}
		free(c->ignores[i].files);
		free(c->ignores[i].paths);
		free((char *)c->ignores[i].rule);
	}
	free(c->ignores);
	bg_kvlist_finish(&c->levels);
	free(c->file);
	free(c->dir);
	free(c);
}

enum bg_status
bg_lint_config_load(const char *file, struct bg_lint_config **out,
		    struct bg_diags *diags)
{
	struct bg_lint_config *c;
	struct bg__ydoc doc;
	struct reader r = { .d = &doc, .file = file, .diags = diags };
	char *buf = NULL, *slash, real[PATH_MAX];
	size_t len = 0;
	enum bg_status st;

	if (file == NULL || out == NULL || *out != NULL || diags == NULL) {
		return BG_ERR_ARG;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		return BG_ERR_NOMEM;
	}
	c->fail_on = -2;
	st = bg__read_file(file, &buf, &len, diags);
	if (st == BG_OK) {
		st = bg__ydoc_load(&doc, buf, len, false, file, diags);
		if (st == BG_OK) {
			read_config(&r, c);
			bg__ydoc_finish(&doc);
			st = r.nomem ? BG_ERR_NOMEM
			     : r.failed ? BG_ERR_SCHEMA
					: BG_OK;
		}
	}
	free(buf);
	if (st == BG_OK && realpath(file, real) != NULL &&
	    (slash = strrchr(real, '/')) != NULL) {
		*slash = '\0';
		c->dir = strdup(real[0] != '\0' ? real : "/");
		c->file = strdup(file);
		st = c->dir != NULL && c->file != NULL ? BG_OK : BG_ERR_NOMEM;
	}
	if (st != BG_OK) {
		bg_lint_config_destroy(c);
		return st;
	}
	*out = c;
	return BG_OK;
}

int
bg_lint_config_fail_on(const struct bg_lint_config *config)
{
	return config != NULL ? config->fail_on : -2;
}

const char *
bg__lint_config_path(const struct bg_lint_config *c, const char *file,
		     char *buf)
{
	size_t n;

	if (c == NULL || c->dir == NULL || realpath(file, buf) == NULL) {
		return NULL;
	}
	if (strcmp(c->dir, "/") == 0) {
		return buf + 1;
	}
	n = strlen(c->dir);
	return strncmp(buf, c->dir, n) == 0 && buf[n] == '/' ? buf + n + 1
							      : NULL;
}

static bool
any_match(char *const *globs, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++) {
		if (s != NULL && fnmatch(globs[i], s, 0) == 0) {
			return true;
		}
	}
	return false;
}

int
bg__lint_config_level(struct bg_lint_config *c, const char *rel,
		      const struct bg_diag *d)
{
	const char *level;

	if (c == NULL) {
		return (int)d->severity;
	}
	for (size_t i = 0; i < c->ignore_count; i++) {
		struct ignore *ig = &c->ignores[i];
		if (ig->rule == NULL || strcmp(ig->rule, d->code) != 0) {
			continue;
		}
		if (ig->file_count > 0 &&
		    !any_match(ig->files, ig->file_count, rel)) {
			continue;
		}
		if (ig->path_count > 0 &&
		    !any_match(ig->paths, ig->path_count, d->path)) {
			continue;
		}
		ig->used = true;
		return -1;
	}
	level = bg_kvlist_get(&c->levels, d->code);
	return level != NULL ? (level_of(level) <= BG_SEV_NOTE ? level_of(level)
							       : -1)
			     : (int)d->severity;
}

enum bg_status
bg_lint_config_finish(const struct bg_lint_config *c, struct bg_diags *diags)
{
	for (size_t i = 0; c != NULL && i < c->ignore_count; i++) {
		const struct ignore *ig = &c->ignores[i];
		if (!ig->used && ig->rule != NULL &&
		    bg_diags_add(diags, BG_SEV_NOTE, "lint-ignore-unused",
				 c->file, ig->line, ig->column, NULL,
				 "this ignore entry (%s) matched no finding",
				 ig->rule) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}
