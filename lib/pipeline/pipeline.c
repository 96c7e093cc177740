/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The one pipeline: inputs (spec files, or a template and its options)
 * -> template -> model -> validate -> emit, with every diagnostic
 * located. The command line, the seed's template functions and the
 * fuzzers run it; the stages below never call one another.
 *
 *   spec files:  bg_spec_load_*   (pipeline/spec.c: input, template,
 *                                  validate and locate, per job)
 *   a template:  bg_template_apply, bg_validate
 *   all jobs:    bg_validate_unique; bg_check_replacement against an
 *                earlier output (read before the specs); bg_emit
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "batchgen-int.h"

struct bg_result {
	struct bg_spec **specs;
	size_t spec_count;
	struct bg_jobdef *own; /* the template job, or NULL */
	const struct bg_jobdef **jobs;
	size_t job_count;
	char *output;
	size_t output_len;
};

void
bg_result_destroy(struct bg_result *r)
{
	if (r == NULL) {
		return;
	}
	for (size_t i = 0; i < r->spec_count; i++) {
		bg_spec_destroy(r->specs[i]);
	}
	free(r->specs);
	bg_jobdef_destroy(r->own);
	free(r->jobs);
	free(r->output);
	free(r);
}

size_t
bg_result_job_count(const struct bg_result *r)
{
	return r != NULL ? r->job_count : 0;
}

const struct bg_jobdef *const *
bg_result_jobs(const struct bg_result *r)
{
	return r != NULL ? r->jobs : NULL;
}

const char *
bg_result_output(const struct bg_result *r, size_t *len)
{
	if (len != NULL) {
		*len = r != NULL ? r->output_len : 0;
	}
	return r != NULL ? r->output : NULL;
}

struct bg_jobdef *
bg__result_take_template_job(struct bg_result *r)
{
	struct bg_jobdef *def = r->own;

	r->own = NULL;
	return def;
}

/* Loads every input; *io when one cannot be read. */
static enum bg_status
load_specs(const struct bg_template_set *set, const struct bg_request *req,
	   struct bg_result *r, struct bg_diags *diags, bool *io,
	   bool *invalid)
{
	r->specs = calloc(req->input_count ? req->input_count : 1,
			  sizeof(*r->specs));
	if (r->specs == NULL) {
		return BG_ERR_NOMEM;
	}
	for (size_t i = 0; i < req->input_count; i++) {
		const struct bg_input *in = &req->inputs[i];
		struct bg_spec *spec = NULL;
		enum bg_status st =
			in->text != NULL
				? bg_spec_load_buffer(in->text, in->len, in->name,
						      set, &spec, diags)
				: bg_spec_load_file(in->name, set, &spec, diags);
		if (st == BG_ERR_NOMEM) {
			return st;
		}
		*io = *io || st == BG_ERR_IO;
		*invalid = *invalid || (st != BG_OK && st != BG_ERR_IO);
		if (spec != NULL) {
			r->specs[r->spec_count++] = spec;
			r->job_count += bg_spec_job_count(spec);
		}
	}
	return BG_OK;
}

/* bg_build, the text to write (or kept, write NULL). */
static enum bg_status
build(const struct bg_template_set *set, const struct bg_request *req,
      bg_write_fn write, void *ctx, struct bg_result **out,
      struct bg_diags *diags)
{
	struct bg_result *r;
	struct bg__previous *prev = NULL;
	bool io = false, invalid = false;
	enum bg_status st;
	size_t n = 0;

	if (set == NULL || req == NULL || out == NULL || *out != NULL ||
	    diags == NULL || (req->inputs == NULL && req->input_count > 0)) {
		return BG_ERR_ARG;
	}
	/* An earlier output is read first, and only what the replacement
	 * check needs is kept: its parsed document is not alive beside the
	 * jobs. */
	if (req->previous != NULL &&
	    bg__previous_read(req->previous, req->previous_len, &prev) ==
		    BG_ERR_NOMEM) {
		return BG_ERR_NOMEM;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL) {
		bg__previous_destroy(prev);
		return BG_ERR_NOMEM;
	}
	st = load_specs(set, req, r, diags, &io, &invalid);
	if (st == BG_OK && req->template_name != NULL) {
		static const struct bg_job_options none = { 0 };
		st = bg_template_apply(set, req->template_name,
				       req->options != NULL ? req->options
							    : &none,
				       &r->own, diags);
		if (st == BG_OK) {
			st = bg__validate_plan(r->own, NULL, diags);
		}
		if (st != BG_OK && st != BG_ERR_NOMEM) {
			invalid = true;
			st = BG_OK;
		}
		r->job_count += r->own != NULL;
	}
	if (st == BG_OK) {
		r->jobs = calloc(r->job_count ? r->job_count : 1,
				 sizeof(*r->jobs));
		st = r->jobs != NULL ? BG_OK : BG_ERR_NOMEM;
	}
	for (size_t i = 0; st == BG_OK && i < r->spec_count; i++) {
		for (size_t j = 0; j < bg_spec_job_count(r->specs[i]); j++) {
			r->jobs[n++] = bg_spec_job(r->specs[i], j);
		}
	}
	if (st == BG_OK && r->own != NULL) {
		r->jobs[n++] = r->own;
	}
	r->job_count = n;
	if (st == BG_OK && req->input_count > 0) {
		st = bg_validate_unique(r->jobs, n, diags);
		invalid = invalid || st == BG_ERR_INVALID;
		st = st == BG_ERR_INVALID ? BG_OK : st;
	}
	if (st == BG_OK && !io && !invalid && prev != NULL) {
		st = bg__previous_check(prev, r->jobs, n, diags);
	}
	bg__previous_destroy(prev);
	if (st == BG_OK && !io && !invalid && req->emit) {
		st = write != NULL ? bg_emit_to(r->jobs, n, req->format,
						write, ctx)
				   : bg_emit(r->jobs, n, req->format,
					     &r->output, &r->output_len);
	}
	if (st == BG_OK) {
		st = io ? BG_ERR_IO : invalid ? BG_ERR_INVALID : BG_OK;
	}
	if (st == BG_ERR_NOMEM || st == BG_ERR_ARG) {
		bg_result_destroy(r);
		return st;
	}
	*out = r;
	return st;
}

enum bg_status
bg_build(const struct bg_template_set *set, const struct bg_request *req,
	 struct bg_result **out, struct bg_diags *diags)
{
	return build(set, req, NULL, NULL, out, diags);
}

enum bg_status
bg_build_to(const struct bg_template_set *set, const struct bg_request *req,
	    bg_write_fn write, void *ctx, struct bg_result **out,
	    struct bg_diags *diags)
{
	if (write == NULL) {
		return BG_ERR_ARG;
	}
	return build(set, req, write, ctx, out, diags);
}
