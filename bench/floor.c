/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The floor of the stack, for bench/run.py: one libyaml event parse of
 * a spec (read as libyaml reads a file) and the writing of as many
 * output bytes as batchgen writes for it, from one buffer of that size
 * (the document, as the performance issue measured its floor: 85 MiB
 * at 100,000 jobs). batchgen cannot do less work than this (it parses
 * the spec at least once with libyaml, and writes its output), so its
 * CPU and memory are read as multiples of these.
 *   bg-floor SPEC.yaml OUTPUT_BYTES > /dev/null
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

int
main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_event_t event;
	unsigned long long events = 0, left;
	FILE *f;
	int done = 0;

	if (argc != 3 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: bg-floor SPEC.yaml OUTPUT_BYTES\n");
		return 2;
	}
	left = strtoull(argv[2], NULL, 10);
	if (!yaml_parser_initialize(&parser)) {
		return 1;
	}
	yaml_parser_set_input_file(&parser, f);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "bg-floor: %s\n", parser.problem);
			return 1;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
		events++;
	}
	yaml_parser_delete(&parser);
	fclose(f);
	{
		char *doc = malloc(left > 0 ? (size_t)left : 1);
		if (doc == NULL) {
			return 1;
		}
		memset(doc, ' ', (size_t)left);
		if (fwrite(doc, 1, (size_t)left, stdout) != left) {
			return 1;
		}
		free(doc);
	}
	fprintf(stderr, "bg-floor: %llu events\n", events);
	return 0;
}
