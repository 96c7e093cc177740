/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Diagnostics: an ordered list of located problems; status strings. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batchgen-int.h"

struct bg_diags {
	struct bg_diag *items;
	size_t count;
	size_t cap;
	size_t by_severity[3]; /* counted as they are added: O(1) */
};

static const char *const status_strings[BG_ERR__COUNT] = {
	[BG_OK] = "success",
	[BG_ERR_NOMEM] = "out of memory",
	[BG_ERR_IO] = "input/output error",
	[BG_ERR_PARSE] = "input is not well-formed",
	[BG_ERR_SCHEMA] = "input has the wrong shape",
	[BG_ERR_TEMPLATE] = "template error",
	[BG_ERR_INVALID] = "invalid job definition",
	[BG_ERR_EMIT] = "output could not be produced",
	[BG_ERR_ARG] = "invalid argument",
};

const char *
bg_strerror(enum bg_status status)
{
	if ((unsigned)status >= BG_ERR__COUNT) {
		return "unknown status";
	}
	return status_strings[status];
}

const char *
bg_version(void)
{
	return BATCHGEN_VERSION;
}

struct bg_diags *
bg_diags_create(void)
{
	return calloc(1, sizeof(struct bg_diags));
}

void
bg_diags_destroy(struct bg_diags *diags)
{
	if (diags == NULL) {
		return;
	}
	for (size_t i = 0; i < diags->count; i++) {
		free((char *)diags->items[i].file);
		free((char *)diags->items[i].path);
		free((char *)diags->items[i].message);
	}
	free(diags->items);
	free(diags);
}

size_t
bg_diags_count(const struct bg_diags *diags)
{
	return diags != NULL ? diags->count : 0;
}

size_t
bg_diags_count_severity(const struct bg_diags *diags, enum bg_severity sev)
{
	if (diags == NULL || (unsigned)sev >= ARRAY_LENGTH(diags->by_severity)) {
		return 0;
	}
	return diags->by_severity[sev];
}

const struct bg_diag *
bg_diags_get(const struct bg_diags *diags, size_t i)
{
	if (diags == NULL || i >= diags->count) {
		return NULL;
	}
	return &diags->items[i];
}

enum bg_status
bg_diags_add(struct bg_diags *diags, enum bg_severity sev, const char *code,
	     const char *file, unsigned line, unsigned column,
	     const char *path, const char *fmt, ...)
{
	va_list ap;
	enum bg_status st;

	va_start(ap, fmt);
	st = bg__diags_vadd(diags, sev, code, file, line, column, path, fmt,
			    ap);
	va_end(ap);
	return st;
}

enum bg_status
bg__diags_vadd(struct bg_diags *diags, enum bg_severity sev, const char *code,
	       const char *file, unsigned line, unsigned column,
	       const char *path, const char *fmt, va_list ap)
{
	struct bg_diag d = { 0 };
	bool failed = false;
	va_list copy;
	int n;
	char *msg;

	if (diags == NULL) {
		return BG_ERR_ARG;
	}
	if (diags->count == diags->cap) {
		size_t cap = diags->cap ? diags->cap * 2 : 8;
		struct bg_diag *grown =
			realloc(diags->items, cap * sizeof(*grown));
		if (grown == NULL) {
			return BG_ERR_NOMEM;
		}
		diags->items = grown;
		diags->cap = cap;
	}
	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0) {
		return BG_ERR_ARG;
	}
	msg = malloc((size_t)n + 1);
	if (msg == NULL) {
		return BG_ERR_NOMEM;
	}
	vsnprintf(msg, (size_t)n + 1, fmt, ap);

	d.severity = sev;
	d.code = code;
	d.file = bg__strdup(file, &failed);
	d.line = line;
	d.column = column;
	d.path = bg__strdup(path, &failed);
	d.message = msg;
	if (failed) {
		free((char *)d.file);
		free((char *)d.path);
		free(msg);
		return BG_ERR_NOMEM;
	}
	diags->items[diags->count++] = d;
	if ((unsigned)sev < ARRAY_LENGTH(diags->by_severity)) {
		diags->by_severity[sev]++;
	}
	return BG_OK;
}

enum bg_status
bg__diag_locate(struct bg_diags *diags, size_t i, const char *file,
		unsigned line, unsigned column, const char *path)
{
	struct bg_diag *d = &diags->items[i];
	bool failed = false;
	char *f = bg__strdup(file, &failed);
	char *p = bg__strdup(path, &failed);

	if (failed) {
		free(f);
		free(p);
		return BG_ERR_NOMEM;
	}
	free((char *)d->file);
	free((char *)d->path);
	d->file = f;
	d->path = p;
	d->line = line;
	d->column = column;
	return BG_OK;
}

static const char *const severity_names[] = {
	[BG_SEV_ERROR] = "error",
	[BG_SEV_WARNING] = "warning",
	[BG_SEV_NOTE] = "note",
};

/* Text from the input (a key, a quoted value, a file name) is written
 * so that one diagnostic stays one line and cannot drive the terminal:
 * C0 and C1 control characters, DEL and U+2028/U+2029 are written as
 * escapes. */
static void
put_visible(const char *s, FILE *out)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p == '\n') {
			fputs("\\n", out);
		} else if (*p == '\t') {
			fputs("\\t", out);
		} else if (*p == '\r') {
			fputs("\\r", out);
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(out, "\\x%02x", *p);
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fprintf(out, "\\u%04x", p[1]);
			p++;
		} else if (*p == 0xe2 && p[1] == 0x80 &&
			   (p[2] == 0xa8 || p[2] == 0xa9)) {
			/* the line and paragraph separators */
			fprintf(out, "\\u%04x", 0x2000 + (p[2] & 0x3f));
			p += 2;
		} else {
			fputc(*p, out);
		}
	}
}

void
bg_diag_print(const struct bg_diag *d, FILE *out)
{
	if (d->file != NULL) {
		put_visible(d->file, out);
		if (d->line > 0) {
			fprintf(out, ":%u", d->line);
			if (d->column > 0) {
				fprintf(out, ":%u", d->column);
			}
		}
		fputs(": ", out);
	}
	fprintf(out, "%s: ", severity_names[d->severity]);
	if (d->path != NULL && d->path[0] != '\0') {
		put_visible(d->path, out);
		fputs(": ", out);
	}
	put_visible(d->message, out);
	if (d->code != NULL) {
		fprintf(out, " [%s]", d->code);
	}
	fputc('\n', out);
}
