/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * How batchgen reads values as Terraform templates, for the
 * differential test: a JSON array of strings on stdin, and on stdout
 * for each string its segments, [["t", literal text] or ["e", "${...}"],
 * ...], as bg__tf_next_seg() gives them (the reader every escaper
 * uses). The test compares what these say with what terraform plans.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "batchgen-int.h"

int
main(void)
{
	struct bg__buf in = { 0 };
	char chunk[65536];
	size_t got;
	char *text, *printed;
	cJSON *strings, *out, *s;

	bg__buf_puts(&in, "");
	while ((got = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		bg__buf_putn(&in, chunk, got);
	}
	text = bg__buf_take(&in, NULL);
	strings = text != NULL ? cJSON_Parse(text) : NULL;
	free(text);
	out = cJSON_CreateArray();
	if (!cJSON_IsArray(strings) || out == NULL) {
		fputs("tf-segments: expected a JSON array of strings\n", stderr);
		return 2;
	}
	cJSON_ArrayForEach(s, strings)
	{
		cJSON *segs = cJSON_CreateArray();
		struct bg__tf_seg seg;
		size_t at = 0;

		if (!cJSON_IsString(s) || segs == NULL) {
			return 2;
		}
		while (bg__tf_next_seg(s->valuestring, &at, &seg)) {
			cJSON *pair = cJSON_CreateArray();
			char *piece = strndup(seg.p, seg.n);
			cJSON_AddItemToArray(pair, cJSON_CreateString(
				seg.kind == BG__TF_EXPR ? "e" : "t"));
			cJSON_AddItemToArray(pair, cJSON_CreateString(piece));
			cJSON_AddItemToArray(segs, pair);
			free(piece);
		}
		cJSON_AddItemToArray(out, segs);
	}
	printed = cJSON_PrintUnformatted(out);
	if (printed == NULL) {
		return 2;
	}
	puts(printed);
	cJSON_free(printed);
	cJSON_Delete(out);
	cJSON_Delete(strings);
	return 0;
}
