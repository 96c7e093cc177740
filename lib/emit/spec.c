/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * A spec document from its jobs (cJSON, snake_case): YAML through
 * libyaml's emitter, each job under a comment that says where it came
 * from; or JSON through cJSON, the origins listed under the top-level
 * "x-imported-from" (x- keys are the reader's to ignore). Used by
 * import.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "emit.h"

struct yw {
	yaml_emitter_t e;
	bool failed;
};

static void
event(struct yw *w, yaml_event_t *ev, int ok)
{
	if (!ok || !yaml_emitter_emit(&w->e, ev)) {
		w->failed = true;
	}
}

/* Whether a YAML reader would take text, written plain, as something
 * other than this text: a number, a boolean, null, or nothing. */
static bool
needs_quotes(const char *text)
{
	static const char *const words[] = {
		"", "~", "null", "Null", "NULL", "true", "True", "TRUE",
		"false", "False", "FALSE", "yes", "Yes", "YES", "no", "No",
		"NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
	};
	char *end;

	for (size_t i = 0; i < ARRAY_LENGTH(words); i++) {
		if (strcmp(text, words[i]) == 0) {
			return true;
		}
	}
	(void)strtod(text, &end);
	return *end == '\0' || text[0] == '.' || text[0] == '-' ||
	       text[0] == '+' || strchr(text, '\n') != NULL;
}

static void
scalar(struct yw *w, const char *text, bool quoted)
{
	yaml_event_t ev;

	event(w, &ev,
	      yaml_scalar_event_initialize(
		      &ev, NULL, NULL, (yaml_char_t *)text, (int)strlen(text),
		      1, 1,
		      quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
			     : YAML_ANY_SCALAR_STYLE));
}

static void
node(struct yw *w, const cJSON *v, unsigned depth)
{
	yaml_event_t ev;
	bool empty = v->child == NULL;
	const cJSON *c;

	if (w->failed || depth > 64) {
		w->failed = true;
		return;
	}
	if (cJSON_IsObject(v)) {
		event(w, &ev,
		      yaml_mapping_start_event_initialize(
			      &ev, NULL, NULL, 1,
			      empty ? YAML_FLOW_MAPPING_STYLE
				    : YAML_BLOCK_MAPPING_STYLE));
		cJSON_ArrayForEach(c, v)
		{
			scalar(w, c->string, needs_quotes(c->string));
			node(w, c, depth + 1);
		}
		event(w, &ev, yaml_mapping_end_event_initialize(&ev));
	} else if (cJSON_IsArray(v)) {
		event(w, &ev,
		      yaml_sequence_start_event_initialize(
			      &ev, NULL, NULL, 1,
			      empty ? YAML_FLOW_SEQUENCE_STYLE
				    : YAML_BLOCK_SEQUENCE_STYLE));
		cJSON_ArrayForEach(c, v)
		{
			node(w, c, depth + 1);
		}
		event(w, &ev, yaml_sequence_end_event_initialize(&ev));
	} else if (cJSON_IsRaw(v)) {
		scalar(w, v->valuestring, false); /* a number, as written */
	} else if (cJSON_IsBool(v)) {
		scalar(w, cJSON_IsTrue(v) ? "true" : "false", false);
	} else if (cJSON_IsString(v)) {
		scalar(w, v->valuestring, needs_quotes(v->valuestring));
	} else {
		scalar(w, "null", false);
	}
}

/* Job v as one YAML document (no markers) onto b, each line indented
 * as an item of the spec's jobs list. */
static bool
job_yaml(struct bg__buf *b, const cJSON *v)
{
	struct bg__buf text = { 0 };
	struct yw w = { .failed = false };
	yaml_event_t ev;
	bool first = true;

	if (!yaml_emitter_initialize(&w.e)) {
		return false;
	}
	yaml_emitter_set_output(&w.e, bg__buf_yaml_write, &text);
	yaml_emitter_set_unicode(&w.e, 1);
	yaml_emitter_set_width(&w.e, -1);
	yaml_emitter_set_indent(&w.e, 2);
	event(&w, &ev,
	      yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	event(&w, &ev,
	      yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	node(&w, v, 0);
	event(&w, &ev, yaml_document_end_event_initialize(&ev, 1));
	event(&w, &ev, yaml_stream_end_event_initialize(&ev));
	yaml_emitter_delete(&w.e);
	if (w.failed || text.failed) {
		bg__buf_finish(&text);
		return false;
	}
	for (const char *p = text.data; p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		bg__buf_puts(b, first ? "  - " : "    ");
		bg__buf_putn(b, p, n);
		bg__buf_putc(b, '\n');
		first = false;
		p = nl != NULL ? nl + 1 : NULL;
	}
	bg__buf_finish(&text);
	return true;
}

char *
bg__spec_text(const cJSON *jobs, const char *const *origins, const char *head,
	      bool json, size_t *len)
{
	struct bg__buf b = { 0 };
	const cJSON *job;
	size_t i = 0;

	if (json) {
		/* x- keys at the top are the reader's to ignore. */
		cJSON *doc = cJSON_CreateObject();
		cJSON *from = doc != NULL
				      ? cJSON_AddArrayToObject(doc, "x-imported-from")
				      : NULL;
		cJSON_ArrayForEach(job, jobs)
		{
			cJSON_AddItemToArray(from,
					     cJSON_CreateString(origins[i++]));
		}
		cJSON_AddItemToObject(doc, "jobs", cJSON_Duplicate(jobs, true));
		if (doc != NULL) {
			bg__json_put(&b, doc, 0);
			bg__buf_putc(&b, '\n');
		} else {
			b.failed = true;
		}
		cJSON_Delete(doc);
		return bg__buf_take(&b, len);
	}
	bg__buf_puts(&b, head);
	bg__buf_puts(&b, "jobs:\n");
	cJSON_ArrayForEach(job, jobs)
	{
		if (i > 0) {
			bg__buf_putc(&b, '\n');
		}
		bg__buf_puts(&b, "  # from ");
		for (const char *p = origins[i++]; *p != '\0'; p++) {
			/* one comment line, whatever the file is called */
			bg__buf_putc(&b, (unsigned char)*p < 0x20 ? '?' : *p);
		}
		bg__buf_putc(&b, '\n');
		if (!job_yaml(&b, job)) {
			b.failed = true;
			break;
		}
	}
	return bg__buf_take(&b, len);
}
