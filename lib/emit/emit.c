/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Emitter dispatch: Terraform JSON (emit_json.c) or HCL (emit_hcl.c),
 * both from the same API trees (api.c), into one string (bg_emit) or
 * handed on in pieces as written (bg_emit_to).
 */
#include "config.h"

#include "batchgen-int.h"

static enum bg_status
emit_into(const struct bg_jobdef *const *defs, size_t n, enum bg_format format,
	  struct bg__buf *b)
{
	if (defs == NULL && n > 0) {
		return BG_ERR_ARG;
	}
	switch (format) {
	case BG_FORMAT_JSON:
		return bg__emit_json(defs, n, b);
	case BG_FORMAT_HCL:
		return bg__emit_hcl(defs, n, b);
	case BG_FORMAT__COUNT:
		break;
	}
	return BG_ERR_ARG;
}

enum bg_status
bg_emit(const struct bg_jobdef *const *defs, size_t n, enum bg_format format,
	char **out, size_t *len)
{
	struct bg__buf b = { 0 };
	enum bg_status st;

	if (out == NULL || *out != NULL) {
		return BG_ERR_ARG;
	}
	st = emit_into(defs, n, format, &b);
	if (st != BG_OK) {
		bg__buf_finish(&b);
		return st;
	}
	*out = bg__buf_take(&b, len);
	return *out != NULL ? BG_OK : BG_ERR_NOMEM;
}

enum bg_status
bg_emit_to(const struct bg_jobdef *const *defs, size_t n, enum bg_format format,
	   bg_write_fn write, void *ctx)
{
	struct bg__buf b = { .sink = write, .sink_ctx = ctx };
	enum bg_status st;

	if (write == NULL) {
		return BG_ERR_ARG;
	}
	st = emit_into(defs, n, format, &b);
	if (st == BG_OK) {
		bg__buf_drain(&b, 0);
	}
	st = b.sink_failed ? BG_ERR_IO
	     : b.failed    ? BG_ERR_NOMEM
			   : st;
	bg__buf_finish(&b);
	return st;
}
