/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The built-in template set (loaded, then resolved), and the seed's
 * template functions in C: a built-in template and the user's options
 * through the pipeline (bg_build).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "model/tset.h"

enum bg_status
bg_template_set_builtin(struct bg_template_set **out, struct bg_diags *diags)
{
	struct bg_template_set *set;
	enum bg_status st = BG_OK;

	if (out == NULL || *out != NULL) {
		return BG_ERR_ARG;
	}
	set = calloc(1, sizeof(*set));
	if (set == NULL) {
		return BG_ERR_NOMEM;
	}
	st = bg__tset_add_builtin(set, diags);
	if (st == BG_OK) {
		st = bg_template_set_resolve(set, diags);
	}
	if (st != BG_OK) {
		bg_template_set_destroy(set);
		return st == BG_ERR_NOMEM ? st : BG_ERR_TEMPLATE;
	}
	*out = set;
	return BG_OK;
}

/* ================================================================== */
/* The seed's template functions                                       */
/* ================================================================== */

static enum bg_status
template_job(const char *template_name, const char *name, const char *image,
	     const struct bg_job_options *opts, struct bg_jobdef **out,
	     struct bg_diags *diags)
{
	struct bg_template_set *set = NULL;
	struct bg_job_options o = { 0 };
	struct bg_jobdef *def = NULL;
	enum bg_status st;

	if (out == NULL || *out != NULL) {
		return BG_ERR_ARG;
	}
	st = bg_template_set_builtin(&set, diags);
	if (st == BG_OK && opts != NULL) {
		st = bg__job_options_overlay(&o, opts);
	}
	if (st == BG_OK && ((name != NULL && !bg__str_set(&o.name, name)) ||
			    (image != NULL && !bg__str_set(&o.c.image, image)))) {
		st = BG_ERR_NOMEM;
	}
	if (st == BG_OK) {
		struct bg_request req = { .template_name = template_name,
					  .options = &o };
		struct bg_result *result = NULL;
		st = bg_build(set, &req, &result, diags);
		if (st == BG_OK) {
			def = bg__result_take_template_job(result);
		}
		bg_result_destroy(result);
	}
	bg_job_options_finish(&o);
	bg_template_set_destroy(set);
	if (st != BG_OK) {
		bg_jobdef_destroy(def);
		return st;
	}
	*out = def;
	return BG_OK;
}

#define DEFINE_TEMPLATE_FUNCTION(fn, template_name)                       \
	BG_TEMPLATE_FUNCTION(fn)                                          \
	{                                                                 \
		return template_job(template_name, name, image, opts, out, \
				    diags);                               \
	}

DEFINE_TEMPLATE_FUNCTION(bg_simple_container_job, "simple-container")
DEFINE_TEMPLATE_FUNCTION(bg_fargate_container_job, "fargate-container")
DEFINE_TEMPLATE_FUNCTION(bg_gpu_container_job, "gpu-container")
DEFINE_TEMPLATE_FUNCTION(bg_multinode_job, "multinode")
DEFINE_TEMPLATE_FUNCTION(bg_data_processing_job, "data-processing")
DEFINE_TEMPLATE_FUNCTION(bg_ml_training_job, "ml-training")
DEFINE_TEMPLATE_FUNCTION(bg_batch_processing_job, "batch-processing")
DEFINE_TEMPLATE_FUNCTION(bg_real_time_job, "real-time")
