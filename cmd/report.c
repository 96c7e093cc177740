/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Printing diagnostics (file order, then line and column) and usage
 * errors.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

bool cli_verbose;
bool cli_werror;

/* Errors, or warnings under --Werror. */
bool
failing(const struct bg_diags *diags)
{
	return bg_diags_count_severity(diags, BG_SEV_ERROR) > 0 ||
	       (cli_werror && bg_diags_count_severity(diags, BG_SEV_WARNING) > 0);
}

struct diag_order {
	const struct bg_diag *d;
	size_t file_rank; /* order in which files first appear */
	size_t index;
};

static int
diag_order_cmp(const void *a, const void *b)
{
	const struct diag_order *x = a, *y = b;

	if (x->file_rank != y->file_rank) {
		return x->file_rank < y->file_rank ? -1 : 1;
	}
	if (x->d->line != y->d->line) {
		return x->d->line < y->d->line ? -1 : 1;
	}
	if (x->d->column != y->d->column) {
		return x->d->column < y->d->column ? -1 : 1;
	}
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Prints the diagnostics in file order, then line and column order
 * (the order a reader fixes them in), whatever stage found them. */
void
print_diags(const struct bg_diags *diags)
{
	size_t n = bg_diags_count(diags);
	struct diag_order *order;
	const char **files;
	size_t nfiles = 0;

	if (cli_diag_format != DIAG_TEXT) {
		if (!diag_collect(diags)) {
			fputs("batchgen: out of memory\n", stderr);
		}
		return;
	}
	order = calloc(n ? n : 1, sizeof(*order));
	files = calloc(n ? n : 1, sizeof(*files));

	for (size_t i = 0; order != NULL && files != NULL && i < n; i++) {
		const struct bg_diag *d = bg_diags_get(diags, i);
		size_t rank = 0;
		if (d->file != NULL) {
			while (rank < nfiles && strcmp(files[rank], d->file)) {
				rank++;
			}
			if (rank == nfiles) {
				files[nfiles++] = d->file;
			}
			rank++; /* diagnostics without a file come first */
		}
		order[i].d = d;
		order[i].file_rank = rank;
		order[i].index = i;
	}
	if (order != NULL && files != NULL) {
		qsort(order, n, sizeof(*order), diag_order_cmp);
	}
	for (size_t i = 0; i < n; i++) {
		const struct bg_diag *d =
			order != NULL && files != NULL ? order[i].d
						       : bg_diags_get(diags, i);
		if (!cli_verbose && d->code != NULL &&
		    strcmp(d->code, "template-shadow") == 0) {
			continue;
		}
		if (d->file == NULL) {
			fputs("batchgen: ", stderr);
		}
		bg_diag_print(d, stderr);
	}
	free(order);
	free(files);
}

int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("batchgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'batchgen --help'\n", stderr);
	return EXIT_USAGE;
}

