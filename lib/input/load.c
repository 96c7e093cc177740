/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Loading a spec or template document: JSON syntax (cJSON), YAML syntax
 * and the located schema check (libyaml), then the typed load
 * (libcyaml). Every stage reports located diagnostics; libcyaml only
 * runs on input the check accepted.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "input.h"

static void
offset_to_position(const char *buf, size_t off, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/*
 * Checks JSON syntax strictly with cJSON (YAML would accept things JSON
 * does not) and returns a copy that libyaml reads the same way: JSON is
 * YAML except that YAML does not allow tabs as indentation, and in valid
 * JSON every raw tab is whitespace (tabs inside strings must be escaped),
 * so tabs become spaces. Lines and columns are unchanged.
 */
static char *
json_precheck(const char *buf, size_t len, const char *file,
	      struct bg_diags *diags, enum bg_status *st)
{
	const char *end = NULL;
	cJSON *doc;
	char *copy;

	if (memchr(buf, '\0', len) != NULL) {
		unsigned line, col;
		offset_to_position(buf, (size_t)((const char *)memchr(buf, '\0',
								      len) -
						 buf),
				   &line, &col);
		bg_diags_add(diags, BG_SEV_ERROR, "json-syntax", file, line, col,
			     NULL, "NUL byte in JSON input");
		*st = BG_ERR_PARSE;
		return NULL;
	}
	doc = cJSON_ParseWithLengthOpts(buf, len, &end, false);
	if (doc == NULL) {
		unsigned line, col;
		size_t off = end != NULL && end >= buf && end <= buf + len
				     ? (size_t)(end - buf)
				     : 0;
		offset_to_position(buf, off, &line, &col);
		bg_diags_add(diags, BG_SEV_ERROR, "json-syntax", file, line, col,
			     NULL, "invalid JSON");
		*st = BG_ERR_PARSE;
		return NULL;
	}
	cJSON_Delete(doc);
	/* Trailing garbage after the value. */
	while (end < buf + len && (*end == ' ' || *end == '\t' ||
				   *end == '\n' || *end == '\r')) {
		end++;
	}
	if (end < buf + len) {
		unsigned line, col;
		offset_to_position(buf, (size_t)(end - buf), &line, &col);
		bg_diags_add(diags, BG_SEV_ERROR, "json-syntax", file, line, col,
			     NULL, "unexpected text after the JSON value");
		*st = BG_ERR_PARSE;
		return NULL;
	}
	copy = malloc(len + 1);
	if (copy == NULL) {
		*st = BG_ERR_NOMEM;
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		copy[i] = buf[i] == '\t' ? ' ' : buf[i];
	}
	copy[len] = '\0';
	return copy;
}

struct log_ctx {
	struct bg__buf msg;
};

static void
log_to_buf(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	struct log_ctx *lc = ctx;
	char line[512];

	if (level < CYAML_LOG_ERROR) {
		return;
	}
	vsnprintf(line, sizeof(line), fmt, args);
	if (strncmp(line, "Load: ", 6) == 0) {
		memmove(line, line + 6, strlen(line + 6) + 1);
	}
	line[strcspn(line, "\n")] = '\0';
	if (line[0] == '\0') {
		return;
	}
	if (lc->msg.len > 0) {
		bg__buf_puts(&lc->msg, "; ");
	}
	bg__buf_puts(&lc->msg, line);
}

static const cyaml_config_t base_config = {
	.mem_fn = cyaml_mem,
	.log_level = CYAML_LOG_ERROR,
	.flags = CYAML_CFG_DEFAULT,
};

static int
emit_to_buf(void *data, unsigned char *buffer, size_t size)
{
	struct bg__buf *b = data;

	bg__buf_putn(b, (const char *)buffer, size);
	return !b->failed;
}

static int
prune_cmp(const void *a, const void *b)
{
	const struct bg__prune *x = a, *y = b;

	if (x->map != y->map) {
		return x->map < y->map ? -1 : 1;
	}
	/* Within one mapping, the last pair first. */
	return x->pair > y->pair ? -1 : x->pair < y->pair;
}

/*
 * Writes buf again without the pairs in prunes: parse it into a fresh
 * libyaml document (same node numbering as the checked one), drop the
 * pairs, and let libyaml's emitter write the rest. NULL when that
 * fails.
 */
static char *
pruned_copy(const char *buf, size_t len, struct bg__prune *prunes,
	    size_t count, size_t *out_len)
{
	yaml_parser_t parser;
	yaml_emitter_t emitter;
	yaml_document_t doc;
	struct bg__buf out = { 0 };
	bool ok;

	if (!yaml_parser_initialize(&parser)) {
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	ok = yaml_parser_load(&parser, &doc);
	yaml_parser_delete(&parser);
	if (!ok) {
		return NULL;
	}
	qsort(prunes, count, sizeof(*prunes), prune_cmp);
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *map;
		yaml_node_pair_t *pairs;
		size_t n;
		if (i > 0 && prunes[i].map == prunes[i - 1].map &&
		    prunes[i].pair == prunes[i - 1].pair) {
			continue;
		}
		map = yaml_document_get_node(&doc, (int)prunes[i].map);
		if (map == NULL || map->type != YAML_MAPPING_NODE) {
			continue;
		}
		pairs = map->data.mapping.pairs.start;
		n = (size_t)(map->data.mapping.pairs.top - pairs);
		if (prunes[i].pair >= n) {
			continue;
		}
		memmove(&pairs[prunes[i].pair], &pairs[prunes[i].pair + 1],
			(n - prunes[i].pair - 1) * sizeof(*pairs));
		map->data.mapping.pairs.top--;
	}
	if (!yaml_emitter_initialize(&emitter)) {
		yaml_document_delete(&doc);
		return NULL;
	}
	yaml_emitter_set_output(&emitter, emit_to_buf, &out);
	yaml_emitter_set_unicode(&emitter, 1);
	yaml_emitter_set_width(&emitter, -1);
	/* dump takes the document and deletes it. */
	ok = yaml_emitter_open(&emitter) && yaml_emitter_dump(&emitter, &doc) &&
	     yaml_emitter_close(&emitter);
	yaml_emitter_delete(&emitter);
	if (!ok) {
		bg__buf_finish(&out);
		return NULL;
	}
	return bg__buf_take(&out, out_len);
}

static cyaml_err_t
load_typed(const char *buf, size_t len, const cyaml_schema_value_t *schema,
	   void **raw, struct log_ctx *lc)
{
	cyaml_config_t config = base_config;

	config.log_fn = log_to_buf;
	config.log_ctx = lc;
	return cyaml_load_data((const uint8_t *)buf, len, &config, schema,
			       (cyaml_data_t **)raw, NULL);
}

enum bg_status
bg__load_checked(const char *buf, size_t len, bool json, const char *file,
		 const cyaml_schema_value_t *schema,
		 const struct bg__free_field *free_fields, void **raw,
		 struct bg__ydoc *doc, struct bg_diags *diags)
{
	struct log_ctx lc = { 0 };
	struct bg__prune *prunes = NULL;
	size_t prune_count = 0;
	enum bg_status st = BG_OK;
	enum bg_status check;
	char *json_copy = NULL;
	char *pruned = NULL;
	size_t pruned_len = 0;
	cyaml_err_t err;

	*raw = NULL;
	memset(doc, 0, sizeof(*doc));
	if (json) {
		json_copy = json_precheck(buf, len, file, diags, &st);
		if (json_copy == NULL) {
			return st;
		}
		buf = json_copy;
	}
	st = bg__ydoc_load(doc, buf, len, file, diags);
	if (st != BG_OK) {
		free(json_copy);
		return st;
	}
	check = bg__ycheck(doc, schema, free_fields, diags, &prunes,
			   &prune_count);
	if (check != BG_OK) {
		if (prunes != NULL) {
			pruned = pruned_copy(buf, len, prunes, prune_count,
					     &pruned_len);
		}
		free(prunes);
		free(json_copy);
		if (pruned == NULL ||
		    load_typed(pruned, pruned_len, schema, raw, &lc) !=
			    CYAML_OK) {
			/* Cannot go on: report what the check found. */
			free(pruned);
			bg__buf_finish(&lc.msg);
			bg__ydoc_finish(doc);
			*raw = NULL;
			return check;
		}
		free(pruned);
		bg__buf_finish(&lc.msg);
		return check;
	}
	err = load_typed(buf, len, schema, raw, &lc);
	free(json_copy);
	if (err != CYAML_OK) {
		/* The check accepted something libcyaml did not. */
		bg_diags_add(diags, BG_SEV_ERROR, "schema-load", file, 0, 0,
			     NULL, "%s",
			     lc.msg.len > 0 ? lc.msg.data : cyaml_strerror(err));
		bg__buf_finish(&lc.msg);
		bg__ydoc_finish(doc);
		*raw = NULL;
		return err == CYAML_ERR_OOM ? BG_ERR_NOMEM : BG_ERR_SCHEMA;
	}
	bg__buf_finish(&lc.msg);
	return BG_OK;
}

void
bg__load_free(const cyaml_schema_value_t *schema, void *raw)
{
	if (raw != NULL) {
		cyaml_free(&base_config, schema, raw, 0);
	}
}

/* Larger inputs are refused: far beyond any real spec (100,000 jobs
 * take about 10 MiB), small enough to bound memory. */
#define MAX_INPUT (256u * 1024 * 1024)

enum bg_status
bg__read_file(const char *path, char **buf, size_t *len,
	      struct bg_diags *diags)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	struct bg__buf b = { 0 };
	struct stat st;
	char chunk[65536];
	size_t n;

	*buf = NULL;
	*len = 0;
	if (f == NULL) {
		bg_diags_add(diags, BG_SEV_ERROR, "io", path, 0, 0, NULL,
			     "cannot read: %s", strerror(errno));
		return BG_ERR_IO;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		bg_diags_add(diags, BG_SEV_ERROR, "io", path, 0, 0, NULL,
			     "cannot read: is a directory");
		if (!is_stdin) {
			fclose(f);
		}
		return BG_ERR_IO;
	}
	bg__buf_puts(&b, "");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > MAX_INPUT) {
			bg_diags_add(diags, BG_SEV_ERROR, "io", path, 0, 0,
				     NULL, "input larger than %u MiB",
				     MAX_INPUT >> 20);
			bg__buf_finish(&b);
			if (!is_stdin) {
				fclose(f);
			}
			return BG_ERR_IO;
		}
		bg__buf_putn(&b, chunk, n);
	}
	if (ferror(f)) {
		bg_diags_add(diags, BG_SEV_ERROR, "io", path, 0, 0, NULL,
			     "cannot read: %s", strerror(errno));
		bg__buf_finish(&b);
		if (!is_stdin) {
			fclose(f);
		}
		return BG_ERR_IO;
	}
	if (!is_stdin) {
		fclose(f);
	}
	*buf = bg__buf_take(&b, len);
	return *buf != NULL ? BG_OK : BG_ERR_NOMEM;
}
