/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Spec files: many job definitions from one YAML or JSON document.
 *
 *   defaults: {...}      optional, merged under every job
 *   jobs:
 *     - name: ...        template options, the full attribute tree in
 *       template: ...    the seed's snake_case shape, or both
 *
 * Each job is read through the field tables of model/fields.c (shared with
 * templates). The template (if any) is applied to those options, the
 * result validated, and every diagnostic located at the line and column
 * where the user wrote the value.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "model/fields.h"

/* ================================================================== */
/* Raw spec document (as written) and its libcyaml schema              */
/* ================================================================== */

/* The spec document and its libcyaml schema: input/fields.c. */

/* ================================================================== */
/* Locating diagnostics                                                */
/* ================================================================== */

/* The node of a diagnostic's field path below job ("jobs[2]",
 * "defaults"): where the path says, or where its job-level shortcut was
 * written (model/fields.c knows them). */
static struct bg__ynode *
try_aliases(struct bg__ydoc *doc, const char *job, const char *rest)
{
	char path[768], shortcut[640];
	bool exact;
	struct bg__ynode *n;

	snprintf(path, sizeof(path), "%s.%s", job, rest);
	n = bg__ynode_at(doc, path, &exact);
	if (exact) {
		return n;
	}
	for (size_t i = 0; bg__shortcut_path(rest, i, shortcut,
					     sizeof(shortcut)) != NULL;
	     i++) {
		snprintf(path, sizeof(path), "%s.%s", job, shortcut);
		n = bg__ynode_at(doc, path, &exact);
		if (exact) {
			return n;
		}
	}
	return NULL;
}

/* "jobs[INDEX]" into buf (made for every job: without snprintf). */
static void
job_path(char buf[32], size_t index)
{
	char step[24];

	memcpy(buf, "jobs", 4);
	strcpy(buf + 4, bg__index_text(step, index));
}

/* Locates every diagnostic added since `from` for job `index`: paths
 * get the "jobs[N]." prefix, and the position of the value the user
 * wrote (at the job, under an alias, or in defaults), else of the
 * nearest enclosing node. */
static enum bg_status
locate(struct bg__ydoc *doc, struct bg_diags *diags, size_t from,
       size_t index)
{
	char job[32];
	char full[768];

	job_path(job, index);
	for (size_t i = from; i < bg_diags_count(diags); i++) {
		const struct bg_diag *d = bg_diags_get(diags, i);
		const char *rest;
		struct bg__ynode *n;
		bool exact;

		if (d->file != NULL) {
			continue;
		}
		if (d->path == NULL || d->path[0] == '\0') {
			snprintf(full, sizeof(full), "%s", job);
			rest = "";
		} else if (strncmp(d->path, job, strlen(job)) == 0) {
			snprintf(full, sizeof(full), "%s", d->path);
			rest = d->path + strlen(job);
			rest += *rest == '.';
		} else {
			snprintf(full, sizeof(full), "%s.%s", job, d->path);
			rest = d->path;
		}
		n = rest[0] != '\0' ? try_aliases(doc, job, rest) : NULL;
		if (n == NULL && rest[0] != '\0') {
			n = try_aliases(doc, "defaults", rest);
		}
		if (n == NULL) {
			n = bg__ynode_at(doc, full, &exact);
		}
		if (bg__diag_locate(diags, i, doc->file, bg__ynode_line(n),
				    bg__ynode_column(n), full) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}

/* ================================================================== */
/* Specs                                                               */
/* ================================================================== */

struct bg_spec {
	struct bg_jobdef **jobs;
	size_t count;
};

void
bg_spec_destroy(struct bg_spec *spec)
{
	if (spec == NULL) {
		return;
	}
	for (size_t i = 0; i < spec->count; i++) {
		bg_jobdef_destroy(spec->jobs[i]);
	}
	free(spec->jobs);
	free(spec);
}

size_t
bg_spec_job_count(const struct bg_spec *spec)
{
	return spec != NULL ? spec->count : 0;
}

const struct bg_jobdef *
bg_spec_job(const struct bg_spec *spec, size_t i)
{
	return spec != NULL && i < spec->count ? spec->jobs[i] : NULL;
}

static bool
looks_like_json(const char *buf, size_t len, const char *name)
{
	if (name != NULL && bg__ends_with(name, ".json")) {
		return true;
	}
	for (size_t i = 0; i < len; i++) {
		if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' &&
		    buf[i] != '\r') {
			return buf[i] == '{';
		}
	}
	return false;
}

/* The spec's text and where its jobs were written. The located view
 * is about three times the size of the text: it is freed once the
 * document is loaded, before the jobs are built, and read again from
 * the text only when a job has diagnostics to locate. */
struct spec_text {
	const char *buf;
	size_t len;
	bool json;
	struct {
		unsigned line, column;
	} *jobs; /* jobs[N]'s position */
	struct bg__under under; /* where the defaults give values */
};

/* The view, read again if it was freed. */
static enum bg_status
view_again(struct bg__ydoc *doc, const struct spec_text *t)
{
	if (doc->loaded) {
		return BG_OK;
	}
	return bg__ydoc_reread(doc, t->buf, t->len, t->json, doc->file) ==
			       BG_ERR_NOMEM
		       ? BG_ERR_NOMEM
		       : BG_OK;
}

/* Builds and validates job i. */
static enum bg_status
build_job(struct bg__conv *cv, const struct bg_template_set *set,
	  struct bg__spec_doc *raw, const struct spec_text *t, size_t i,
	  bool review, struct bg_jobdef **out)
{
	struct bg_job_options *o = raw->jobs[i];
	char base[32];
	size_t mark = bg_diags_count(cv->diags);
	enum bg_status st = BG_OK;

	job_path(base, i);
	/* The job as loaded, with the defaults under it (in place: the
	 * document is not read again). */
	if (raw->defaults != NULL) {
		st = bg__object_merge_under_at(&bg__obj_job, o, raw->defaults,
					       &t->under);
	}
	if (st == BG_OK && !cv->nomem) {
		st = bg__template_apply_take(set, o->template, o, out,
					     cv->diags);
	}
	/* Built: the job's options are not needed again (the located view
	 * keeps what diagnostics need), and each is a block of its own
	 * (BG_F_BOXED), so a large spec does not hold every job twice: the
	 * next jobs' models reuse the memory. */
	bg_job_options_finish(o);
	free(o);
	raw->jobs[i] = NULL;
	if (st == BG_OK) {
		(*out)->origin.file = strdup(cv->doc->file);
		(*out)->origin.path = strdup(base);
		(*out)->origin.line = t->jobs[i].line;
		(*out)->origin.column = t->jobs[i].column;
		if ((*out)->origin.file == NULL || (*out)->origin.path == NULL) {
			st = BG_ERR_NOMEM;
		}
	}
	if (st == BG_OK) {
		st = bg__validate_plan(*out, base, cv->diags);
	}
	if (*out != NULL && review && st != BG_ERR_NOMEM &&
	    bg__review(*out, base, cv->diags) == BG_ERR_NOMEM) {
		st = BG_ERR_NOMEM;
	}
	if (bg_diags_count(cv->diags) > mark &&
	    (view_again(cv->doc, t) != BG_OK ||
	     locate(cv->doc, cv->diags, mark, i) != BG_OK)) {
		st = BG_ERR_NOMEM;
	}
	return cv->nomem ? BG_ERR_NOMEM : st;
}

enum bg_status
bg_spec_load_buffer(const char *buf, size_t len, const char *name,
		    const struct bg_template_set *set, struct bg_spec **out,
		    struct bg_diags *diags)
{
	return bg__spec_load(buf, len, name, set, false, out, diags);
}

/* owned: buf, the caller's to give up; freed at the end. While the
 * jobs are built the text is kept instead of the located view (a third
 * of its size), to read the view again where a job has diagnostics. */
static enum bg_status
spec_load(const char *buf, size_t len, char *owned, const char *name,
	  const struct bg_template_set *set, bool review,
	  struct bg_spec **out, struct bg_diags *diags)
{
	struct bg__spec_doc *raw = NULL;
	struct bg__ydoc doc;
	struct bg__conv cv = { .doc = &doc, .diags = diags };
	struct bg_spec *spec = NULL;
	struct spec_text text = { .buf = buf != NULL ? buf : "", .len = len };
	enum bg_status st;
	enum bg_status result = BG_OK;

	if (out == NULL || *out != NULL || (buf == NULL && len > 0)) {
		free(owned);
		return BG_ERR_ARG;
	}
	name = name != NULL ? name : "<spec>";
	text.json = looks_like_json(buf, len, name);
	st = bg__load_checked(text.buf, len, text.json, name, &bg__obj_spec,
			      (void **)&raw, &doc, diags);
	if (raw == NULL) {
		free(owned);
		return st;
	}
	/* With schema problems, raw holds the rest of the document: build
	 * and validate it too, so one run reports every problem. */
	cv.failed = st != BG_OK;
	if (raw->defaults != NULL) {
		if (raw->defaults->name != NULL) {
			bg__conv_error(&cv, "defaults.name", "defaults-name",
				   "every job needs its own name; 'name' "
				   "cannot be a default");
		}
		if (raw->defaults->label != NULL) {
			bg__conv_error(&cv, "defaults.label", "defaults-name",
				   "every job needs its own label; 'label' "
				   "cannot be a default");
		}
	}
	spec = calloc(1, sizeof(*spec));
	text.jobs = calloc(raw->jobs_count + 1, sizeof(*text.jobs));
	if (spec == NULL || text.jobs == NULL ||
	    (spec->jobs = calloc(raw->jobs_count, sizeof(*spec->jobs))) ==
		    NULL) {
		cv.nomem = true;
	}
	for (size_t i = 0; !cv.nomem && i < raw->jobs_count; i++) {
		char base[32];
		bool exact;
		struct bg__ynode *node;

		job_path(base, i);
		node = bg__ynode_at(&doc, base, &exact);
		text.jobs[i].line = bg__ynode_line(node);
		text.jobs[i].column = bg__ynode_column(node);
	}
	bg__ydoc_finish(&doc);
	if (!cv.nomem && bg__object_under_find(&bg__obj_job, raw->defaults,
					       &text.under) != BG_OK) {
		cv.nomem = true;
	}
	for (size_t i = 0; !cv.nomem && i < raw->jobs_count; i++) {
		struct bg_jobdef *def = NULL;
		st = build_job(&cv, set, raw, &text, i, review, &def);
		if (st == BG_ERR_NOMEM) {
			cv.nomem = true;
		} else if (st != BG_OK) {
			result = BG_ERR_INVALID;
		}
		if (def != NULL) {
			spec->jobs[spec->count++] = def;
		}
	}
	if (!cv.nomem && spec != NULL) {
		st = bg__validate_unique((const struct bg_jobdef *const *)
						 spec->jobs,
					 spec->count, false, diags);
		if (st == BG_ERR_NOMEM) {
			cv.nomem = true;
		} else if (st != BG_OK) {
			result = BG_ERR_INVALID;
		}
	}
	bg__load_free(&bg__obj_spec, raw);
	bg__ydoc_finish(&doc);
	free(text.jobs);
	free(text.under.at);
	free(owned);
	if (cv.nomem) {
		bg_spec_destroy(spec);
		return BG_ERR_NOMEM;
	}
	if (cv.failed || result != BG_OK) {
		bg_spec_destroy(spec);
		return BG_ERR_INVALID;
	}
	*out = spec;
	return BG_OK;
}

enum bg_status
bg__spec_load(const char *buf, size_t len, const char *name,
	      const struct bg_template_set *set, bool review,
	      struct bg_spec **out, struct bg_diags *diags)
{
	return spec_load(buf, len, NULL, name, set, review, out, diags);
}

enum bg_status
bg_spec_load_file(const char *path, const struct bg_template_set *set,
		  struct bg_spec **out, struct bg_diags *diags)
{
	char *buf = NULL;
	size_t len = 0;
	enum bg_status st;

	if (path == NULL || out == NULL || *out != NULL) {
		return BG_ERR_ARG;
	}
	st = bg__read_file(path, &buf, &len, diags);
	if (st != BG_OK) {
		free(buf);
		return st;
	}
	/* The text is the load's to free once read. */
	return spec_load(buf, len, buf,
			 strcmp(path, "-") == 0 ? "<stdin>" : path, set, false,
			 out, diags);
}
