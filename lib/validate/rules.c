/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The rules table: every diagnostic code, with the field it concerns,
 * its severity and a one-line summary. `batchgen rules` and docs/rules.md
 * print it; tests/check-codes.py holds the sources to it.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "validate/rules.h"

/* ================================================================== */
/* The rule table                                                      */
/* ================================================================== */


const struct bg_rule_info bg__rules[R__COUNT] = {
#define R(id, code, field, severity, summary) \
	[R_##id] = { code, field, severity, summary, NULL, NULL, NULL },
#define RV(id, code, field, severity, summary, cwe, score, help) \
	[R_##id] = { code, field, severity, summary, cwe, score, help },
#include "validate/rules.def"
#undef RV
#undef R
};

size_t
bg_rule_count(void)
{
	return R__COUNT;
}

const struct bg_rule_info *
bg_rule_get(size_t i)
{
	return i < R__COUNT ? &bg__rules[i] : NULL;
}

const char *
bg__rule_code(const char *code)
{
	for (size_t i = 0; code != NULL && i < R__COUNT; i++) {
		if (strcmp(bg__rules[i].code, code) == 0) {
			return bg__rules[i].code;
		}
	}
	return NULL;
}

bool
bg__rule_known(const char *code)
{
	return bg__rule_code(code) != NULL;
}
