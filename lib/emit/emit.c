/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Emitter dispatch: Terraform JSON (emit_json.c) or HCL (emit_hcl.c),
 * both from the same API trees (api.c).
 */
#include "config.h"

#include "batchgen-int.h"

enum bg_status
bg_emit(const struct bg_jobdef *const *defs, size_t n, enum bg_format format,
	char **out, size_t *len)
{
	if (out == NULL || *out != NULL || (defs == NULL && n > 0)) {
		return BG_ERR_ARG;
	}
	switch (format) {
	case BG_FORMAT_JSON:
		return bg__emit_json(defs, n, out, len);
	case BG_FORMAT_HCL:
		return bg__emit_hcl(defs, n, out, len);
	case BG_FORMAT__COUNT:
		break;
	}
	return BG_ERR_ARG;
}
