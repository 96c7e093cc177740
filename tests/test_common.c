/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

const struct bg_diag *
find_diag(const struct bg_diags *d, const char *code, const char *path)
{
	for (size_t i = 0; i < bg_diags_count(d); i++) {
		const struct bg_diag *x = bg_diags_get(d, i);
		if (x->code != NULL && strcmp(x->code, code) == 0 &&
		    (path == NULL ||
		     (x->path != NULL && strcmp(x->path, path) == 0))) {
			return x;
		}
	}
	return NULL;
}

bool
has_diag(const struct bg_diags *d, const char *code, const char *path,
	 const char *text)
{
	for (size_t i = 0; i < bg_diags_count(d); i++) {
		const struct bg_diag *x = bg_diags_get(d, i);
		if (x->code != NULL && strcmp(x->code, code) == 0 &&
		    (path == NULL ||
		     (x->path != NULL && strcmp(x->path, path) == 0)) &&
		    strstr(x->message, text) != NULL) {
			return true;
		}
	}
	return false;
}

struct bg_jobdef *
make_job(const char *template_name, const char *image)
{
	struct bg_template_set *set = NULL;
	struct bg_diags *diags = bg_diags_create();
	struct bg_job_options o = { 0 };
	struct bg_jobdef *def = NULL;

	ck_assert_int_eq(bg_template_set_builtin(&set, diags), BG_OK);
	if (image != NULL) {
		o.c.image = strdup(image);
	}
	ck_assert_int_eq(bg_template_apply(set, template_name, &o, &def, diags),
			 BG_OK);
	bg_job_options_finish(&o);
	bg_template_set_destroy(set);
	bg_diags_destroy(diags);
	return def;
}

int
main(void)
{
	SRunner *sr = srunner_create(test_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

uint32_t
test_rng(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}
