/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Lint: the job definitions of one file, checked where they are.
 *
 *   the file:    bg__read_file, bg__ydoc_read (input/)
 *   a spec:      bg__spec_load with the review (validate/review.c):
 *                every diagnostic at its line in the spec
 *   otherwise:   import's steps (pipeline/import.c): the definitions
 *                as spec jobs and where each path came from, the spec
 *                text, bg__spec_load with the review, and each
 *                diagnostic moved to its source line
 *
 * Nothing is written. Import's notes on how it writes a spec are not
 * findings about the definitions, and are left out; its errors (a
 * definition it cannot read) are kept.
 *
 * Then the suppressions: a job's own (a spec job's x-batchgen-ignore,
 * a CloudFormation resource's Metadata.batchgen.ignore) and the
 * configuration's (pipeline/lint_config.c). A silenced finding is
 * counted, never dropped without a word; an in-file entry that
 * silences nothing is a note.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "pipeline/import_steps.h"
#include "pipeline/lint.h"

/* One code a job silences, where it is written. */
struct ignore {
	size_t job;
	char code[64];
	unsigned line, column;
	bool used;
};

struct ignores {
	struct ignore *items;
	size_t count, cap;
	bool nomem;
};

static void
ignore_add(struct ignores *l, size_t job, const char *code, unsigned line,
	   unsigned column)
{
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct ignore *items = realloc(l->items, cap * sizeof(*items));
		if (items == NULL) {
			l->nomem = true;
			return;
		}
		l->items = items;
		l->cap = cap;
	}
	l->items[l->count] = (struct ignore){ .job = job, .line = line,
					      .column = column };
	snprintf(l->items[l->count].code, sizeof(l->items[0].code), "%s",
		 code != NULL ? code : "");
	l->count++;
}

/* The x-batchgen-ignore lists of a spec's jobs. */
static void
spec_ignores(struct bg__ydoc *doc, struct ignores *l)
{
	struct bg__ynode *jobs = bg__ynode_get(doc, bg__ydoc_root(doc), "jobs");

	for (size_t i = 0; jobs != NULL && jobs->type == BG_Y_SEQ &&
			   i < jobs->len;
	     i++) {
		struct bg__ynode *job = bg__ynode_item(doc, jobs, i);
		struct bg__ynode *list =
			job->type == BG_Y_MAP
				? bg__ynode_get(doc, job, "x-batchgen-ignore")
				: NULL;
		size_t n = list == NULL ? 0 : list->type == BG_Y_SEQ ? list->len : 1;
		for (size_t k = 0; k < n; k++) {
			struct bg__ynode *c = list->type == BG_Y_SEQ
						      ? bg__ynode_item(doc, list, k)
						      : list;
			ignore_add(l, i, bg__ynode_text(doc, c),
				   bg__ynode_line(c), bg__ynode_column(c));
		}
	}
}

/* The Metadata.batchgen.ignore lists import found: "jobs[N]" ->
 * "CODE LINE:COL". */
static void
imported_ignores(const struct bg__import *imp, struct ignores *l)
{
	for (size_t i = 0; i < imp->ignores.count; i++) {
		char code[64] = "";
		unsigned line = 0, col = 0;
		size_t job = 0;
		sscanf(imp->ignores.items[i].key, "jobs[%zu]", &job);
		sscanf(imp->ignores.items[i].value, "%63s %u:%u", code, &line,
		       &col);
		ignore_add(l, job, code, line, col);
	}
}

/* The job of path ("jobs[3].container_properties..."), or -1. */
static long
job_of(const char *path)
{
	size_t job;
	int n = 0;

	if (path == NULL || sscanf(path, "jobs[%zu]%n", &job, &n) != 1 ||
	    (path[n] != '\0' && path[n] != '.')) {
		return -1;
	}
	return (long)job;
}

static int
by_job(const void *a, const void *b)
{
	const struct ignore *x = a, *y = b;

	if (x->job != y->job) {
		return x->job < y->job ? -1 : 1;
	}
	return x->line != y->line ? (x->line < y->line ? -1 : 1)
				  : (x->column > y->column) -
					    (x->column < y->column);
}

/* The findings of file (found) onto diags, but those a job or the
 * configuration silences; then what is wrong with the jobs' own
 * suppressions. */
static enum bg_status
suppress(const char *file, const struct bg_diags *found, struct ignores *l,
	 struct bg_lint_config *config, size_t *suppressed,
	 struct bg_diags *diags)
{
	char buf[PATH_MAX];
	/* the configuration's globs see the file's path from its directory:
	 * resolved once, not per finding */
	const char *rel = bg__lint_config_path(config, file, buf);

	if (l->count > 1) {
		qsort(l->items, l->count, sizeof(*l->items), by_job);
	}
	for (size_t i = 0; i < bg_diags_count(found); i++) {
		const struct bg_diag *d = bg_diags_get(found, i);
		long job = job_of(d->path);
		bool silenced = false;
		int level;
		/* the job's own entries: sorted by job, found by halving */
		size_t lo = 0, hi = l->count;
		while (job >= 0 && lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (l->items[mid].job < (size_t)job) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		for (size_t k = lo; job >= 0 && k < l->count &&
				    l->items[k].job == (size_t)job;
		     k++) {
			if (strcmp(l->items[k].code, d->code) == 0) {
				l->items[k].used = true;
				silenced = true;
			}
		}
		level = silenced ? -1 : bg__lint_config_level(config, rel, d);
		if (level < 0) {
			(*suppressed)++;
			continue;
		}
		if (bg_diags_add(diags, (enum bg_severity)level, d->code,
				 d->file, d->line, d->column, d->path, "%s",
				 d->message) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	for (size_t k = 0; k < l->count; k++) {
		const struct ignore *ig = &l->items[k];
		char path[64];
		enum bg_status st = BG_OK;
		snprintf(path, sizeof(path), "jobs[%zu]", ig->job);
		if (!bg__rule_known(ig->code)) {
			st = bg_diags_add(diags, BG_SEV_ERROR, "lint-ignore-code",
					  file, ig->line, ig->column, path,
					  "'%s' is no rule code ('batchgen "
					  "rules' lists them): it silences "
					  "nothing",
					  ig->code);
		} else if (!ig->used) {
			st = bg_diags_add(diags, BG_SEV_NOTE,
					  "lint-ignore-unused", file, ig->line,
					  ig->column, path,
					  "%s is silenced here, but this job has "
					  "no such finding",
					  ig->code);
		}
		if (st != BG_OK) {
			return st;
		}
	}
	return l->nomem ? BG_ERR_NOMEM : BG_OK;
}

/* Whether the text can hold a job definition at all: it names one of
 * the keys every source has (a spec's jobs, the API's jobDefinition...,
 * CloudFormation's AWS::Batch::JobDefinition, Terraform's
 * aws_batch_job_definition). A repository's other YAML and JSON (CI
 * workflows, Kubernetes manifests, Helm templates that are not YAML
 * until rendered, package.json) is skipped before it is parsed. */
static bool
may_hold_definitions(const char *buf)
{
	return strstr(buf, "jobs") != NULL ||
	       strstr(buf, "obDefinition") != NULL || /* JobDefinition, jobDefinition... */
	       strstr(buf, "batch_job_definition") != NULL ||
	       strstr(buf, "\"batchgen_hcl\"") != NULL; /* a .tf read by bg-hcl */
}

/* A spec: a mapping whose jobs is a list, and none of the keys import
 * reads (a CI workflow's jobs is a mapping). */
static bool
is_spec(struct bg__ydoc *doc)
{
	struct bg__ynode *root = bg__ydoc_root(doc);
	struct bg__ynode *jobs = root != NULL && root->type == BG_Y_MAP
					 ? bg__ynode_get(doc, root, "jobs")
					 : NULL;

	return jobs != NULL && jobs->type == BG_Y_SEQ &&
	       bg__ynode_get(doc, root, "Resources") == NULL &&
	       bg__ynode_get(doc, root, "resource") == NULL;
}

static size_t
spec_jobs(struct bg__ydoc *doc)
{
	struct bg__ynode *jobs = bg__ynode_get(doc, bg__ydoc_root(doc), "jobs");

	return jobs != NULL && jobs->type == BG_Y_SEQ ? jobs->len : 1;
}

/* Import's diagnostics of from that lint keeps: not its notes and
 * warnings on writing the spec (codes import-...). */
static enum bg_status
keep_findings(const struct bg_diags *from, struct bg_diags *to)
{
	for (size_t i = 0; i < bg_diags_count(from); i++) {
		const struct bg_diag *d = bg_diags_get(from, i);
		if (d->severity != BG_SEV_ERROR &&
		    strncmp(d->code, "import-", 7) == 0) {
			continue;
		}
		if (bg_diags_add(to, d->severity, d->code, d->file, d->line,
				 d->column, d->path, "%s",
				 d->message) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}

/* Whether from says only that the file holds no definition: the
 * document is none of the shapes import reads (import-shape about the
 * whole document, without a field path). A definition that is there
 * but cannot be read is said, never skipped. */
static bool
holds_none(const struct bg__import *imp, const struct bg_diags *from)
{
	if (imp->job_count > 0) {
		return false;
	}
	for (size_t i = 0; i < bg_diags_count(from); i++) {
		const struct bg_diag *d = bg_diags_get(from, i);
		if (d->severity == BG_SEV_ERROR &&
		    (strcmp(d->code, "import-shape") != 0 || d->path != NULL)) {
			return false;
		}
	}
	return true;
}

/* The definitions import reads in doc, linted. */
static enum bg_status
lint_imported(const struct bg_template_set *set, struct bg__ydoc *doc,
	      const char *file, size_t *jobs, struct ignores *l,
	      struct bg_diags *diags)
{
	struct bg__import imp = { .jobs = cJSON_CreateArray() };
	struct bg_diags *read = bg_diags_create(), *checked = NULL;
	struct bg_spec *spec = NULL;
	char *text = NULL;
	size_t len = 0;
	enum bg_status st = imp.jobs != NULL && read != NULL ? BG_OK
							     : BG_ERR_NOMEM;
	enum bg_status got = BG_OK;

	if (st == BG_OK) {
		got = bg__import_parsed(doc, file, false, &imp, read);
		st = got == BG_ERR_NOMEM || imp.nomem ? BG_ERR_NOMEM : BG_OK;
	}
	if (st == BG_OK && holds_none(&imp, read)) {
		goto done; /* nothing to lint: not an error */
	}
	/* a definition that could not be read is one found */
	*jobs = imp.job_count > 0 ? imp.job_count : 1;
	imported_ignores(&imp, l);
	st = st == BG_OK ? keep_findings(read, diags) : st;
	if (st == BG_OK && imp.job_count > 0) {
		text = bg__import_text(&imp, "", true, &len);
		checked = bg_diags_create();
		st = text != NULL && checked != NULL ? BG_OK : BG_ERR_NOMEM;
	}
	if (st == BG_OK && text != NULL) {
		if (bg__spec_load(text, len, file, set, true, &spec, checked) ==
		    BG_ERR_NOMEM) {
			st = BG_ERR_NOMEM;
		} else {
			st = bg__import_relocate(&imp, checked, true, diags);
		}
	}
done:
	bg_spec_destroy(spec);
	bg_diags_destroy(checked);
	bg_diags_destroy(read);
	free(text);
	bg__import_finish(&imp);
	return st;
}

enum bg_status
bg_lint_file(const struct bg_template_set *set, const char *file,
	     struct bg_lint_config *config, struct bg_lint_result *result,
	     struct bg_diags *diags)
{
	struct bg_source src = { .name = file };

	return bg_lint_source(set, &src, config, result, diags);
}

enum bg_status
bg_lint_source(const struct bg_template_set *set,
	       const struct bg_source *source, struct bg_lint_config *config,
	       struct bg_lint_result *result, struct bg_diags *diags)
{
	const char *file = source != NULL ? source->name : NULL;
	char *buf = NULL;
	size_t len = 0;
	struct bg_lint_result none;
	struct bg__ydoc doc;
	struct bg_spec *spec = NULL;
	struct bg_diags *found;
	struct ignores l = { 0 };
	enum bg_status st;

	if (set == NULL || file == NULL || diags == NULL) {
		return BG_ERR_ARG;
	}
	result = result != NULL ? result : &none;
	memset(result, 0, sizeof(*result));
	st = bg__source_text(source, &buf, &len, diags);
	if (st != BG_OK) {
		return st;
	}
	if (!may_hold_definitions(buf)) {
		free(buf);
		return BG_OK; /* result->jobs 0: none here */
	}
	st = bg__ydoc_read(&doc, buf, len, bg__import_is_json(file, buf), file,
			   diags);
	if (st != BG_OK) {
		free(buf);
		return st;
	}
	found = bg_diags_create();
	if (found == NULL) {
		st = BG_ERR_NOMEM;
	} else if (is_spec(&doc)) {
		result->jobs = spec_jobs(&doc);
		spec_ignores(&doc, &l);
		st = bg__spec_load(buf, len, file, set, true, &spec, found);
		bg_spec_destroy(spec);
		st = st == BG_ERR_NOMEM ? st : BG_OK;
	} else {
		st = lint_imported(set, &doc, file, &result->jobs, &l, found);
	}
	if (st == BG_OK) {
		st = suppress(file, found, &l, config, &result->suppressed,
			      diags);
	}
	bg_diags_destroy(found);
	free(l.items);
	bg__ydoc_finish(&doc);
	free(buf);
	return st;
}
