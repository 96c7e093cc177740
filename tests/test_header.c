/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* The public header compiles on its own with -std=c99 -pedantic. */
#include <batchgen.h>

int
main(void)
{
	struct bg_opt_int v = { 0 };

	return (int)v.value + (bg_strerror(BG_OK) == 0);
}
