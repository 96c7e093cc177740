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
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "input/cyschema.h"
#include "input/import.h"

static unsigned
hex4(const char *p)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v = v * 16 + (unsigned)(c >= '0' && c <= '9'	 ? c - '0'
					: c >= 'a' && c <= 'f' ? c - 'a' + 10
							       : c - 'A' + 10);
	}
	return v;
}

/* The length of the raw character at p that libyaml would not read
 * as it stands inside a double-quoted string, or 0: U+007F and the C1
 * controls U+0080-U+009F (libyaml refuses them, and folds U+0085, a
 * YAML line break, into a space), and U+2028/U+2029 (line breaks to
 * YAML). All of them are legal raw in a JSON string (RFC 8259). */
static size_t
yaml_unsafe_len(const unsigned char *p, size_t left)
{
	if (p[0] == 0x7f) {
		return 1;
	}
	if (left >= 2 && p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		return 2;
	}
	if (left >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0xa8 || p[2] == 0xa9)) {
		return 3;
	}
	return 0;
}

/*
 * Copies valid JSON into out so that libyaml reads it the same: raw
 * tabs become spaces (in valid JSON a raw tab is always whitespace); a
 * UTF-16 surrogate pair escape (\ud83d\ude80), which YAML does not
 * allow, becomes the YAML escape \U0001f680 (two characters shorter);
 * and the raw characters of yaml_unsafe_len become \u escapes (up to
 * five characters longer). On such a line, later columns shift by as
 * much. In valid JSON a backslash or a byte of those characters can
 * only stand inside a string, so no string state is needed, and runs
 * of other bytes are copied whole.
 */
static void
json_for_yaml(const char *buf, size_t len, struct bg__buf *out)
{
	size_t i = 0;

	while (i < len) {
		size_t run = i;
		unsigned char c;
		size_t unsafe;
		while (run < len && buf[run] != '\t' && buf[run] != '\\' &&
		       (unsigned char)buf[run] != 0x7f &&
		       (unsigned char)buf[run] != 0xc2 &&
		       (unsigned char)buf[run] != 0xe2) {
			run++;
		}
		bg__buf_putn(out, buf + i, run - i);
		if (run == len) {
			break;
		}
		i = run;
		c = (unsigned char)buf[i];
		if (c == '\t') {
			bg__buf_putc(out, ' ');
			i++;
			continue;
		}
		if (c == '\\') {
			if (i + 11 < len && buf[i + 1] == 'u' &&
			    buf[i + 6] == '\\' && buf[i + 7] == 'u') {
				unsigned hi = hex4(buf + i + 2);
				unsigned lo = hex4(buf + i + 8);
				if (hi >= 0xd800 && hi <= 0xdbff &&
				    lo >= 0xdc00 && lo <= 0xdfff) {
					bg__buf_printf(
						out, "\\U%08x",
						0x10000 + ((hi - 0xd800) << 10) +
							(lo - 0xdc00));
					i += 12;
					continue;
				}
			}
			/* An escape: its second character is never special. */
			bg__buf_putn(out, buf + i, i + 1 < len ? 2 : 1);
			i += 2;
			continue;
		}
		unsafe = yaml_unsafe_len((const unsigned char *)buf + i, len - i);
		if (unsafe == 0) {
			bg__buf_putc(out, (char)c);
			i++;
			continue;
		}
		bg__buf_printf(out, "\\u%04x",
			       unsafe == 1   ? 0x7fu
			       : unsafe == 2 ? (unsigned char)buf[i + 1]
					     : 0x2000u + ((unsigned char)buf[i + 2] &
							  0x3fu));
		i += unsafe;
	}
}

/*
 * Checks JSON syntax strictly with cJSON (YAML would accept things JSON
 * does not) and returns a copy that libyaml reads the same way: JSON is
 * YAML except that YAML does not allow tabs as indentation, and in valid
 * JSON every raw tab is whitespace (tabs inside strings must be escaped),
 * so tabs become spaces (see json_for_yaml).
 */
static char *
json_precheck(const char *buf, size_t len, const char *file,
	      struct bg_diags *diags, enum bg_status *st)
{
	const char *end = NULL;
	cJSON *doc;
	struct bg__buf copy = { 0 };
	const char *nul;

	nul = memchr(buf, '\0', len);
	if (nul != NULL) {
		unsigned line, col;
		bg__offset_position(buf, (size_t)(nul - buf), &line, &col);
		bg_diags_add(diags, BG_SEV_ERROR, "json-syntax", file, line, col,
			     NULL, "NUL byte in JSON input");
		*st = BG_ERR_PARSE;
		return NULL;
	}
	{
		size_t bad = bg__utf8_invalid(buf, len);
		if (bad < len) {
			unsigned line, col;
			bg__offset_position(buf, bad, &line, &col);
			bg_diags_add(diags, BG_SEV_ERROR, "json-syntax", file,
				     line, col, NULL,
				     "invalid UTF-8 (JSON text is UTF-8)");
			*st = BG_ERR_PARSE;
			return NULL;
		}
	}
	doc = cJSON_ParseWithLengthOpts(buf, len, &end, false);
	if (doc == NULL) {
		unsigned line, col;
		size_t off = end != NULL && end >= buf && end <= buf + len
				     ? (size_t)(end - buf)
				     : 0;
		bg__offset_position(buf, off, &line, &col);
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
		bg__offset_position(buf, (size_t)(end - buf), &line, &col);
		bg_diags_add(diags, BG_SEV_ERROR, "json-syntax", file, line, col,
			     NULL, "unexpected text after the JSON value");
		*st = BG_ERR_PARSE;
		return NULL;
	}
	bg__buf_puts(&copy, "");
	json_for_yaml(buf, len, &copy);
	if (copy.failed) {
		bg__buf_finish(&copy);
		*st = BG_ERR_NOMEM;
		return NULL;
	}
	return bg__buf_take(&copy, NULL);
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

/*
 * libcyaml's allocator. libcyaml grows a sequence by one entry per
 * realloc; with 100,000 jobs that copies the growing array 100,000
 * times wherever realloc cannot extend in place (under ASan it took
 * minutes). Growing to at least twice the usable size makes it
 * amortized linear. A size of 0 frees, as cyaml_mem does.
 */
static void *
grow_mem(void *ctx, void *ptr, size_t size)
{
	size_t usable;

	(void)ctx;
	if (size == 0) {
		free(ptr);
		return NULL;
	}
	if (ptr == NULL) {
		return malloc(size);
	}
	usable = malloc_usable_size(ptr);
	if (size <= usable) {
		return ptr;
	}
	if (size < usable * 2) {
		void *grown = realloc(ptr, usable * 2);
		if (grown != NULL) {
			return grown;
		}
	}
	return realloc(ptr, size);
}

static const cyaml_config_t base_config = {
	.mem_fn = grow_mem,
	.log_level = CYAML_LOG_ERROR,
	.flags = CYAML_CFG_DEFAULT,
};

static int
prune_cmp(const void *a, const void *b)
{
	const struct bg__prune *x = a, *y = b;

	if (x->map != y->map) {
		return x->map < y->map ? -1 : 1;
	}
	return x->pair < y->pair ? -1 : x->pair > y->pair;
}

struct pruner {
	struct bg__ydoc *doc;
	yaml_emitter_t emitter;
	const struct bg__prune *prunes;
	size_t count;
	bool failed;
};

static bool
pruned(const struct pruner *p, size_t map, size_t pair)
{
	struct bg__prune key = { map, pair };

	return p->count > 0 && bsearch(&key, p->prunes, p->count, sizeof(key), prune_cmp) !=
	       NULL;
}

static void
emit_event(struct pruner *p, yaml_event_t *e, int ok)
{
	if (!ok || !yaml_emitter_emit(&p->emitter, e)) {
		p->failed = true;
	}
}

/* Emits node n (aliases expanded: the check bounded their number). */
static void
emit_node(struct pruner *p, const struct bg__ynode *n, unsigned depth)
{
	yaml_event_t e;

	if (p->failed || depth > 64) {
		p->failed = true;
		return;
	}
	switch (n->type) {
	case BG_Y_SCALAR: {
		const char *text = bg__ynode_text(p->doc, n);
		bool plain = n->style == YAML_PLAIN_SCALAR_STYLE ||
			     n->style == YAML_ANY_SCALAR_STYLE;
		emit_event(p, &e,
			   yaml_scalar_event_initialize(
				   &e, NULL, NULL, (yaml_char_t *)text,
				   (int)n->len, plain, !plain,
				   plain ? YAML_PLAIN_SCALAR_STYLE
					 : YAML_DOUBLE_QUOTED_SCALAR_STYLE));
		break;
	}
	case BG_Y_SEQ:
		emit_event(p, &e,
			   yaml_sequence_start_event_initialize(
				   &e, NULL, NULL, 1, YAML_ANY_SEQUENCE_STYLE));
		for (size_t i = 0; i < n->len && !p->failed; i++) {
			emit_node(p, bg__ynode_item(p->doc, n, i), depth + 1);
		}
		emit_event(p, &e, yaml_sequence_end_event_initialize(&e));
		break;
	default:
		emit_event(p, &e,
			   yaml_mapping_start_event_initialize(
				   &e, NULL, NULL, 1, YAML_ANY_MAPPING_STYLE));
		for (size_t i = 0; i < n->len && !p->failed; i++) {
			if (pruned(p, bg__ynode_index(p->doc, n), i)) {
				continue;
			}
			emit_node(p, bg__ynode_key(p->doc, n, i), depth + 1);
			emit_node(p, bg__ynode_value(p->doc, n, i), depth + 1);
		}
		emit_event(p, &e, yaml_mapping_end_event_initialize(&e));
		break;
	}
}

/*
 * Writes the document again without the pairs in prunes, through
 * libyaml's emitter, so libcyaml can load the rest. NULL when that
 * fails.
 */
static char *
pruned_copy(struct bg__ydoc *doc, struct bg__prune *prunes, size_t count,
	    size_t *out_len)
{
	struct pruner p = { .doc = doc, .prunes = prunes, .count = count };
	struct bg__buf out = { 0 };
	yaml_event_t e;

	if (count > 0) {
		qsort(prunes, count, sizeof(*prunes), prune_cmp);
	}
	if (bg__ydoc_root(doc) == NULL ||
	    !yaml_emitter_initialize(&p.emitter)) {
		return NULL;
	}
	yaml_emitter_set_output(&p.emitter, bg__buf_yaml_write, &out);
	yaml_emitter_set_unicode(&p.emitter, 1);
	yaml_emitter_set_width(&p.emitter, -1);
	emit_event(&p, &e,
		   yaml_stream_start_event_initialize(&e, YAML_UTF8_ENCODING));
	emit_event(&p, &e,
		   yaml_document_start_event_initialize(&e, NULL, NULL, NULL,
							1));
	emit_node(&p, bg__ydoc_root(doc), 0);
	emit_event(&p, &e, yaml_document_end_event_initialize(&e, 1));
	emit_event(&p, &e, yaml_stream_end_event_initialize(&e));
	yaml_emitter_delete(&p.emitter);
	if (p.failed) {
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
/* The located view of *buf: JSON checked strictly first (then *buf and
 * *len are its checked copy, *copy, which the caller frees once it is
 * done with *buf; libcyaml reads it after the view). */
static enum bg_status
read_view(struct bg__ydoc *doc, const char **buf, size_t *len, bool json,
	  bool cfn_tags, const char *file, struct bg_diags *diags, char **copy)
{
	enum bg_status st = BG_OK;

	memset(doc, 0, sizeof(*doc));
	*copy = NULL;
	if (json) {
		*copy = json_precheck(*buf, *len, file, diags, &st);
		if (*copy == NULL) {
			return st;
		}
		*buf = *copy;
		*len = strlen(*copy);
	}
	return bg__ydoc_load(doc, *buf, *len, cfn_tags, file, diags);
}


enum bg_status
bg__ydoc_read(struct bg__ydoc *doc, const char *buf, size_t len, bool json,
	      const char *file, struct bg_diags *diags)
{
	char *copy = NULL;
	enum bg_status st =
		read_view(doc, &buf, &len, json, true, file, diags, &copy);

	free(copy);
	return st;
}

enum bg_status
bg__load_checked(const char *buf, size_t len, bool json, const char *file,
		 const struct bg__object *root, void **out,
		 struct bg__ydoc *doc, struct bg_diags *diags)
{
	const struct bg__schemas *sc = bg__schemas(root);
	struct bg__conv cv = { .doc = doc, .diags = diags };
	struct log_ctx lc = { 0 };
	struct bg__prune *prunes = NULL, *twice = NULL;
	size_t prune_count = 0, twice_count = 0;
	enum bg_status st = BG_OK;
	enum bg_status check;
	char *json_copy = NULL;
	char *pruned = NULL;
	size_t pruned_len = 0;
	cyaml_err_t err;

	*out = NULL;
	memset(doc, 0, sizeof(*doc));
	if (sc == NULL) {
		return BG_ERR_NOMEM;
	}
	st = read_view(doc, &buf, &len, json, false, file, diags, &json_copy);
	if (st != BG_OK) {
		free(json_copy);
		return st;
	}
	check = bg__ycheck(doc, sc->check, sc->free_fields, diags, &prunes,
			   &prune_count);
	if (check != BG_OK && prunes == NULL) {
		/* Cannot go on: report what the check found. */
		free(json_copy);
		bg__ydoc_finish(doc);
		return check;
	}
	if (prune_count > 0) {
		qsort(prunes, prune_count, sizeof(*prunes), prune_cmp);
	}
	/* Said twice: the tree's pair goes too. */
	if (bg__twice(&cv, root, prunes, prune_count, &twice, &twice_count) ==
		    BG_OK &&
	    twice_count > 0) {
		struct bg__prune *all = realloc(
			prunes, (prune_count + twice_count) * sizeof(*all));
		if (all == NULL) {
			cv.nomem = true;
		} else {
			memcpy(all + prune_count, twice,
			       twice_count * sizeof(*all));
			prunes = all;
			prune_count += twice_count;
			qsort(prunes, prune_count, sizeof(*prunes), prune_cmp);
		}
	}
	free(twice);
	if (!cv.nomem && (prune_count > 0 || doc->rewritten)) {
		/* libcyaml knows no merge keys, and must not see what was
		 * refused: it loads the view, written out again. */
		pruned = pruned_copy(doc, prunes, prune_count, &pruned_len);
		cv.nomem = pruned == NULL;
		buf = pruned;
		len = pruned_len;
	}
	err = cv.nomem ? CYAML_ERR_OOM
		       : load_typed(buf, len, sc->load, out, &lc);
	free(pruned);
	free(json_copy);
	if (err != CYAML_OK) {
		if (check == BG_OK && !cv.failed && err != CYAML_ERR_OOM) {
			/* The check accepted something libcyaml did not. */
			bg_diags_add(diags, BG_SEV_ERROR, "schema-load", file,
				     0, 0, NULL, "%s",
				     lc.msg.len > 0 ? lc.msg.data
						    : cyaml_strerror(err));
		}
		free(prunes);
		bg__buf_finish(&lc.msg);
		bg__ydoc_finish(doc);
		*out = NULL;
		return err == CYAML_ERR_OOM ? BG_ERR_NOMEM
		       : check != BG_OK	    ? check
					    : BG_ERR_SCHEMA;
	}
	bg__buf_finish(&lc.msg);
	st = bg__fill(&cv, root, *out, prunes, prune_count);
	free(prunes);
	if (st == BG_ERR_NOMEM || cv.nomem) {
		bg__load_free(root, *out);
		bg__ydoc_finish(doc);
		*out = NULL;
		return BG_ERR_NOMEM;
	}
	return check != BG_OK ? check : cv.failed ? BG_ERR_SCHEMA : BG_OK;
}

enum bg_status
bg__ydoc_reread(struct bg__ydoc *doc, const char *buf, size_t len, bool json,
		const char *file)
{
	struct bg_diags *said = bg_diags_create();
	char *copy = NULL;
	enum bg_status st = BG_ERR_NOMEM;

	if (said != NULL) {
		st = read_view(doc, &buf, &len, json, false, file, said, &copy);
	}
	free(copy);
	bg_diags_destroy(said);
	return st;
}

void
bg__load_free(const struct bg__object *root, void *data)
{
	if (data != NULL) {
		bg__object_finish(root, data);
		free(data);
	}
}

/* Larger inputs are refused, to bound memory: room for 1,000,000 jobs
 * (bench/gen_spec.py writes 309 MiB for them, about 325 bytes a job
 * with a command, parameters, environment and tags), which the
 * performance work keeps linear. */
#define MAX_INPUT (1024u * 1024 * 1024)

/* Opens path for reading only when it is a regular file: a FIFO would
 * block the open (and the read) until a writer came, and a directory
 * or device is no spec. O_NONBLOCK makes the open of a FIFO return at
 * once; fstat then refuses it. -1 with errno set, or EISDIR/EINVAL for
 * what is not a regular file. */
static int
open_regular(const char *path, const char **why)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

	*why = NULL;
	if (fd < 0) {
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode)    ? "is a directory"
		       : S_ISFIFO(st.st_mode) ? "is a FIFO, not a regular file"
					      : "not a regular file";
		close(fd);
		return -1;
	}
	/* Regular files never block; clear the flag all the same. */
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

enum bg_status
bg__read_file(const char *path, char **buf, size_t *len,
	      struct bg_diags *diags)
{
	bool is_stdin = strcmp(path, "-") == 0;
	struct bg__buf b = { 0 };
	const char *why = NULL;
	char chunk[65536];
	ssize_t n;
	int fd;

	*buf = NULL;
	*len = 0;
	fd = is_stdin ? STDIN_FILENO : open_regular(path, &why);
	if (fd < 0) {
		bg_diags_add(diags, BG_SEV_ERROR, "io", path, 0, 0, NULL,
			     "cannot read: %s", why ? why : strerror(errno));
		return BG_ERR_IO;
	}
	bg__buf_puts(&b, "");
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			bg_diags_add(diags, BG_SEV_ERROR, "io", path, 0, 0,
				     NULL, "cannot read: %s", strerror(errno));
			break;
		}
		if (b.len + (size_t)n > MAX_INPUT) {
			bg_diags_add(diags, BG_SEV_ERROR, "io", path, 0, 0,
				     NULL, "input larger than %u MiB",
				     MAX_INPUT >> 20);
			n = -1;
			break;
		}
		bg__buf_putn(&b, chunk, (size_t)n);
	}
	if (!is_stdin) {
		close(fd);
	}
	if (n != 0) {
		bg__buf_finish(&b);
		return BG_ERR_IO;
	}
	*buf = bg__buf_take(&b, len);
	return *buf != NULL ? BG_OK : BG_ERR_NOMEM;
}

enum bg_status
bg_file_read(const char *path, char **buf, size_t *len,
	     struct bg_diags *diags)
{
	size_t ignored;

	if (path == NULL || buf == NULL || diags == NULL) {
		return BG_ERR_ARG;
	}
	return bg__read_file(path, buf, len != NULL ? len : &ignored, diags);
}
