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
	struct bg_result *result = NULL;
	struct bg_input in = { "f.yaml", (const char *)data, size };
	struct bg_request req = { .inputs = &in, .input_count = 1,
				  .emit = true, .format = BG_FORMAT_JSON };
	const struct bg_jobdef *const *defs;
	char *b = NULL, *hcl = NULL;
	const char *a;
	size_t n;

	if (set == NULL && bg_template_set_builtin(&set, diags) != BG_OK) {
		abort();
	}
	/* The pipeline writes the JSON; the jobs are written again, in
	 * both formats: the same bytes, and HCL too. */
	if (bg_build(set, &req, &result, diags) != BG_OK) {
		goto out;
	}
	n = bg_result_job_count(result);
	defs = bg_result_jobs(result);
	a = bg_result_output(result, NULL);
	if (a == NULL ||
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
	free(b);
	free(hcl);
	bg_result_destroy(result);
	bg_diags_destroy(diags);
	return 0;
}
