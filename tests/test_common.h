/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Shared helpers of the Check suites. */
#ifndef BG_TEST_COMMON_H
#define BG_TEST_COMMON_H

#include <stdint.h>

#include <check.h>
#include <stdbool.h>

#include "batchgen.h"

/* One TCase per test, named after the function. */
#define add_test(s, fn)                             \
	do {                                        \
		TCase *tc_ = tcase_create(#fn);     \
		tcase_add_test(tc_, fn);            \
		suite_add_tcase((s), tc_);          \
	} while (0)

/* The suite of this test executable (defined by each test_*.c). */
Suite *test_suite(void);

/* The first diagnostic with this code (and path, unless NULL). */
const struct bg_diag *find_diag(const struct bg_diags *d, const char *code,
				const char *path);
/* True when a diagnostic with code and path (NULL: any) has a message
 * containing text. */
bool has_diag(const struct bg_diags *d, const char *code, const char *path,
	      const char *text);
#define assert_diag(d, code, path, text)                                   \
	ck_assert_msg(has_diag((d), (code), (path), (text)),               \
		      "no diagnostic %s at %s saying '%s'", (code),        \
		      (path) ? (path) : "-", (text))

/* The next number of a xorshift32 sequence whose state is *state (not
 * 0): the same generated cases on every machine. */
uint32_t test_rng(uint32_t *state);

/* Builds a job from a built-in template with no user options beyond
 * name and image (image NULL: scaffolded). Asserts success. */
struct bg_jobdef *make_job(const char *template_name, const char *image);

#endif
