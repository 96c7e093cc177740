/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Fuzz target: the round trip. Any spec that loads renders to JSON that
 * parses; every container_properties / node_properties string in it is
 * itself JSON once Terraform's template escapes ($${, %%{) are undone;
 * the HCL renders too; and rendering twice gives the same bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "batchgen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What Terraform makes of a template string with no references. */
static char *
unescape_template(const char *s)
{
	char *out = malloc(strlen(s) + 1);
	char *o = out;

	if (out == NULL) {
		abort();
	}
	while (*s != '\0') {
		if ((s[0] == '$' && s[1] == '$' && s[2] == '{') ||
		    (s[0] == '%' && s[1] == '%' && s[2] == '{')) {
			s++;
		}
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

static void
check_properties(const cJSON *res, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(res, key);
	char *plain;
	cJSON *parsed;

	if (v == NULL) {
		return;
	}
	if (!cJSON_IsString(v)) {
		abort();
	}
	plain = unescape_template(v->valuestring);
	/* References (${var.x}) are inserted as they are; the spec's
	 * string values may hold them, so only check strings without. */
	if (strstr(plain, "${") == NULL) {
		parsed = cJSON_Parse(plain);
		if (parsed == NULL) {
			abort();
		}
		cJSON_Delete(parsed);
	}
	free(plain);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bg_template_set *set;
	struct bg_diags *diags = bg_diags_create();
	struct bg_spec *spec = NULL;
	const struct bg_jobdef **defs = NULL;
	char *a = NULL, *b = NULL, *hcl = NULL;
	size_t n;

	if (set == NULL && bg_template_set_builtin(&set, diags) != BG_OK) {
		abort();
	}
	if (bg_spec_load_buffer((const char *)data, size, "f.yaml", set, &spec,
				diags) != BG_OK) {
		goto out;
	}
	n = bg_spec_job_count(spec);
	defs = calloc(n ? n : 1, sizeof(*defs));
	for (size_t i = 0; defs != NULL && i < n; i++) {
		defs[i] = bg_spec_job(spec, i);
	}
	if (defs == NULL || bg_validate_unique(defs, n, diags) != BG_OK) {
		goto out;
	}
	if (bg_emit(defs, n, BG_FORMAT_JSON, &a, NULL) != BG_OK ||
	    bg_emit(defs, n, BG_FORMAT_JSON, &b, NULL) != BG_OK ||
	    strcmp(a, b) != 0 ||
	    bg_emit(defs, n, BG_FORMAT_HCL, &hcl, NULL) != BG_OK) {
		abort();
	}
	{
		cJSON *doc = cJSON_Parse(a);
		const cJSON *res;
		if (doc == NULL) {
			abort();
		}
		res = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(doc, "resource"),
			"aws_batch_job_definition");
		for (const cJSON *r = res ? res->child : NULL; r != NULL;
		     r = r->next) {
			check_properties(r, "container_properties");
			check_properties(r, "node_properties");
		}
		cJSON_Delete(doc);
	}
out:
	free(a);
	free(b);
	free(hcl);
	free(defs);
	bg_spec_destroy(spec);
	bg_diags_destroy(diags);
	return 0;
}
