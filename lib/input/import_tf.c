/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Terraform JSON (.tf.json) -> the API's shape, for import. Each
 * aws_batch_job_definition resource becomes the register-job-definition
 * input it stands for: the provider's attributes under the API's keys,
 * container_properties, node_properties and ecs_properties parsed from
 * their JSON strings, the eks_properties, retry_strategy and timeout
 * blocks turned into objects. Terraform expressions ("${...}") stay as
 * they are written. Anything else an attribute holds (an expression in
 * place of the JSON string, count, for_each, a lifecycle) has no place
 * in a spec, and is an error at the resource.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/import.h"
#include "model/fields.h"

struct tf {
	struct bg__ydoc *d;
	const char *file;
	struct bg_diags *diags;
	/* A plan's resource_changes by address (index in changes). */
	struct bg__ynode *changes;
	struct bg__strindex change_at;
	/* What terraform show -json says (a state or a plan): values, not
	 * configuration. Its text is literal; an attribute nobody set is
	 * there too, empty (null, "", [], {}) or, inside a block, 0. */
	bool state;
	/* Read from a .tf by the HCL helper (input/import_hcl.c): the JSON
	 * attributes may be the object jsonencode() was given; or NULL. */
	const struct bg__hcl *hcl;
	bool failed;
	/* The resource being read: each attribute's "LINE:COL" in file,
	 * where its spec paths are placed (its value was rebuilt). */
	struct bg_kvlist at_keys;
	/* With hcl: where each value built from a node is (the helper put
	 * every node at its place in the .tf). */
	struct bg__places places;
};

/* In a state: a value nobody set. */
static bool
unset(const struct tf *t, const struct bg__ynode *n, bool in_block)
{
	const char *text = bg__ynode_text(t->d, n);

	if (!t->state) {
		return false;
	}
	if (n->type != BG_Y_SCALAR) {
		return n->len == 0;
	}
	return text[0] == '\0' ||
	       (n->style == YAML_PLAIN_SCALAR_STYLE &&
		(strcmp(text, "null") == 0 ||
		 (in_block && strcmp(text, "0") == 0)));
}

static void
tf_error(struct tf *t, const struct bg__ynode *n, const char *code,
	 const char *what, const char *key)
{
	bg_diags_add(t->diags, BG_SEV_ERROR, code, t->file, bg__ynode_line(n),
		     bg__ynode_column(n), key, "%s", what);
	t->failed = true;
}

/* A reading as one string: each run of literal text as "t LEN:TEXT",
 * each expression as "e LEN:TEXT", so that two readings are equal when
 * they mean the same. */
static void
meaning_add(struct bg__buf *m, struct bg__buf *text, bool expr,
	    const char *p, size_t n)
{
	if (!expr) {
		bg__buf_putn(text, p, n);
		return;
	}
	if (text->len > 0) {
		bg__buf_printf(m, "t%zu:", text->len);
		bg__buf_putn(m, text->data, text->len);
		text->len = 0;
	}
	bg__buf_printf(m, "e%zu:", n);
	bg__buf_putn(m, p, n);
}

static char *
meaning_take(struct bg__buf *m, struct bg__buf *text)
{
	if (text->len > 0) {
		bg__buf_printf(m, "t%zu:", text->len);
		bg__buf_putn(m, text->data, text->len);
	}
	bg__buf_finish(text);
	bg__buf_puts(m, "");
	return bg__buf_take(m, NULL);
}

/* Whether batchgen reads spec as the meaning want. */
static bool
reads_as(const char *spec, const char *want)
{
	struct bg__buf m = { 0 }, text = { 0 };
	struct bg__tf_seg seg;
	size_t at = 0;
	char *got;
	bool same;

	while (bg__tf_next_seg(spec, &at, &seg)) {
		meaning_add(&m, &text, seg.kind == BG__TF_EXPR, seg.p, seg.n);
	}
	got = meaning_take(&m, &text);
	same = got != NULL && want != NULL && strcmp(got, want) == 0;
	free(got);
	return same;
}

/* The interpolations of a template, in order. */
struct interps {
	struct {
		const char *p;
		size_t n;
	} *at;
	size_t count, cap;
};

/* Around an interpolation's number in marked text: a byte UTF-8 never
 * holds (the readers take UTF-8 only), so that any text, DEL too, is
 * read as it is. */
#define MARK '\xff'

static void
template_error(struct tf *t, const struct bg__ynode *n, const char *key,
	       const char *bad, const char *what)
{
	bool whole = strcmp(what, "its text") == 0;
	int cut = whole ? (int)strlen(bad)
			: (int)strcspn(bad, "}") + (strchr(bad, '}') != NULL);
	char *msg = bg__asprintf(
		"Terraform reads '%.*s%s' here as %s; %s, so the definition is "
		"not imported: write the value, or an expression batchgen reads",
		cut > 60 ? 60 : cut, bad, cut > 60 ? "..." : "",
		whole ? "literal text and interpolations" : what,
		whole ? "a spec holding the same text would read as another "
			"expression"
		      : "batchgen reads an interpolation only with a reference "
			"or a call of a built-in function, and no directive");

	tf_error(t, n, "import-tf-expression",
		 msg != NULL ? msg : "an interpolation batchgen does not read",
		 key);
	free(msg);
}

/* Template s read as Terraform reads it: "$${" and "%%{" are the
 * literal "${" and "%{", each "${...}" an interpolation. Onto out: the
 * literal text, each interpolation as MARK NUMBER MARK (its text in
 * ix). An interpolation batchgen does not read as the same expression
 * (no reference and no call, a root or function it does not know), a
 * directive, or a MARK in the text is an error at n. */
static bool
read_template(struct tf *t, const struct bg__ynode *n, const char *key,
	      const char *s, struct bg__buf *out, struct interps *ix)
{
	bg__buf_puts(out, "");
	while (*s != '\0') {
		size_t len;
		if ((s[0] == '$' || s[0] == '%') && s[1] == s[0] &&
		    s[2] == '{') {
			bg__buf_putc(out, s[0]);
			bg__buf_putc(out, '{');
			s += 3;
		} else if (s[0] == '$' && s[1] == '{') {
			len = bg__tf_expr_len(s);
			if (len == 0) {
				template_error(t, n, key, s, "an interpolation");
				return false;
			}
			if (ix->count == ix->cap) {
				size_t cap = ix->cap ? 2 * ix->cap : 8;
				void *grown = realloc(ix->at,
						      cap * sizeof(*ix->at));
				if (grown == NULL) {
					out->failed = true;
					return false;
				}
				ix->at = grown;
				ix->cap = cap;
			}
			ix->at[ix->count].p = s;
			ix->at[ix->count].n = len;
			bg__buf_printf(out, "%c%zu%c", MARK, ix->count++, MARK);
			s += len;
		} else if (s[0] == '%' && s[1] == '{') {
			template_error(t, n, key, s, "a template directive");
			return false;
		} else if (*s == MARK) {
			template_error(t, n, key, s, "text that is not UTF-8");
			return false;
		} else {
			bg__buf_putc(out, *s++);
		}
	}
	return !out->failed;
}

/* Marked text (read_template's) as a spec says it: literal text as a
 * spec writes literal text, each interpolation as its expression; the
 * spec is read back, and must mean the same (literal text next to an
 * expression can read as something else: "${\"" before one). NULL on
 * error (reported at n) or ENOMEM. */
static char *
spec_of(struct tf *t, const struct bg__ynode *n, const char *key,
	const char *marked, const struct interps *ix)
{
	static const char special[] = { '$', MARK, '\0' };
	struct bg__buf b = { 0 }, lit = { 0 }, m = { 0 }, mtext = { 0 };
	const char *s = marked;
	char *want, *out;

	/* No interpolation and no '$': the text is the spec's as it is
	 * (it reads back as one literal, as the check below would find). */
	if (strpbrk(marked, special) == NULL) {
		return strdup(marked);
	}
	bg__buf_puts(&b, "");
	bg__buf_puts(&lit, "");
	while (*s != '\0') {
		char *end;
		size_t i;
		if (*s != MARK) {
			meaning_add(&m, &mtext, false, s, 1);
			bg__buf_putc(&lit, *s++);
			continue;
		}
		i = (size_t)strtoul(s + 1, &end, 10);
		s = *end == MARK ? end + 1 : end;
		if (i >= ix->count || lit.data == NULL) {
			break; /* not ours: cannot happen */
		}
		bg__tf_spec_text_into(&b, lit.data);
		lit.len = 0;
		lit.data[0] = '\0';
		bg__buf_putn(&b, ix->at[i].p, ix->at[i].n);
		meaning_add(&m, &mtext, true, ix->at[i].p, ix->at[i].n);
	}
	b.failed |= lit.data == NULL || lit.failed;
	bg__tf_spec_text_into(&b, lit.data != NULL ? lit.data : "");
	bg__buf_finish(&lit);
	want = meaning_take(&m, &mtext);
	out = bg__buf_take(&b, NULL);
	if (out != NULL && want != NULL && !reads_as(out, want)) {
		template_error(t, n, key, out, "its text");
		free(out);
		out = NULL;
	}
	free(want);
	return out;
}

/* Terraform's template text s as a spec says it. Caller frees; NULL on
 * error (reported) or ENOMEM. */
static char *
spec_text(struct tf *t, const struct bg__ynode *n, const char *key,
	  const char *s)
{
	struct bg__buf marked = { 0 };
	struct interps ix = { 0 };
	char *spec = NULL;

	if (read_template(t, n, key, s, &marked, &ix)) {
		spec = spec_of(t, n, key, marked.data, &ix);
	}
	bg__buf_finish(&marked);
	free(ix.at);
	return spec;
}

/* Every string and key of v as a spec says it (spec_of). */
static bool
spec_strings(struct tf *t, const struct bg__ynode *n, const char *key,
	     cJSON *v, const struct interps *ix)
{
	for (cJSON *c = v->child; c != NULL; c = c->next) {
		char *spec;
		if (c->string != NULL && !(c->type & cJSON_StringIsConst)) {
			spec = spec_of(t, n, key, c->string, ix);
			if (spec == NULL) {
				return false;
			}
			free(c->string);
			c->string = spec;
		}
		if (cJSON_IsString(c)) {
			spec = spec_of(t, n, key, c->valuestring, ix);
			if (spec == NULL || cJSON_SetValuestring(c, spec) == NULL) {
				free(spec);
				return false;
			}
			free(spec);
		} else if (!spec_strings(t, n, key, c, ix)) {
			return false;
		}
	}
	return true;
}

/* A configuration's JSON string attribute: a template whose result is
 * JSON. Read as Terraform reads it (the template first), then parsed,
 * then each string as a spec says it. NULL: an error (reported) or not
 * JSON (*said false). */
static cJSON *
template_json(struct tf *t, const struct bg__ynode *n, const char *key,
	      const char *text, bool *said)
{
	struct bg__buf marked = { 0 };
	struct interps ix = { 0 };
	cJSON *v = NULL;

	*said = false;
	if (!read_template(t, n, key, text, &marked, &ix)) {
		*said = !marked.failed;
	} else if ((v = cJSON_Parse(marked.data)) != NULL &&
		   !spec_strings(t, n, key, v, &ix)) {
		cJSON_Delete(v);
		v = NULL;
		*said = true;
	}
	bg__buf_finish(&marked);
	free(ix.at);
	return v;
}

/* The text of a string written as the interpolation of one quoted HCL
 * string, ${"..."} (how a string with a raw carriage return must be
 * written in Terraform JSON), with its backslash escapes undone; NULL
 * when s is not that. */
static char *
hcl_string(const char *s)
{
	size_t n = strlen(s);
	struct bg__buf b = { 0 };

	if (n < 5 || strncmp(s, "${\"", 3) != 0 ||
	    strcmp(s + n - 2, "\"}") != 0) {
		return NULL;
	}
	bg__buf_puts(&b, "");
	for (size_t i = 3; i < n - 2; i++) {
		char c = s[i];
		unsigned long u;
		char *end;
		if (c == '"') {
			bg__buf_finish(&b);
			return NULL; /* more than one string */
		}
		if (c != '\\') {
			bg__buf_putc(&b, c);
			continue;
		}
		switch (s[++i]) {
		case 'n': bg__buf_putc(&b, '\n'); break;
		case 'r': bg__buf_putc(&b, '\r'); break;
		case 't': bg__buf_putc(&b, '\t'); break;
		case '"': bg__buf_putc(&b, '"'); break;
		case '\\': bg__buf_putc(&b, '\\'); break;
		case 'u': {
			char hex[5] = { 0 };
			memcpy(hex, s + i + 1, i + 4 < n - 2 ? 4 : 0);
			u = strtoul(hex, &end, 16);
			if (end != hex + 4 || u == 0) {
				bg__buf_finish(&b);
				return NULL;
			}
			/* UTF-8 of a code point below 0x10000 */
			if (u < 0x80) {
				bg__buf_putc(&b, (char)u);
			} else if (u < 0x800) {
				bg__buf_putc(&b, (char)(0xc0 | (u >> 6)));
				bg__buf_putc(&b, (char)(0x80 | (u & 0x3f)));
			} else {
				bg__buf_putc(&b, (char)(0xe0 | (u >> 12)));
				bg__buf_putc(&b, (char)(0x80 | ((u >> 6) & 0x3f)));
				bg__buf_putc(&b, (char)(0x80 | (u & 0x3f)));
			}
			i += 4;
			break;
		}
		default:
			bg__buf_finish(&b);
			return NULL;
		}
	}
	return bg__buf_take(&b, NULL);
}

/* Any value as cJSON; plain true/false and numbers keep their type. */
static cJSON *
plain(struct tf *t, const struct bg__ynode *n, bool eks, const char *key);

static cJSON *scalar_of(struct tf *t, const struct bg__ynode *n);

/* A scalar as cJSON; from a .tf, where it is is remembered. */
static cJSON *
scalar(struct tf *t, const struct bg__ynode *n)
{
	cJSON *v = scalar_of(t, n);

	if (t->hcl != NULL) {
		bg__places_add(&t->places, v, n);
	}
	return v;
}

static cJSON *
scalar_of(struct tf *t, const struct bg__ynode *n)
{
	const char *text = bg__ynode_text(t->d, n);
	char *end;

	if (n->style == YAML_PLAIN_SCALAR_STYLE) {
		if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
			return cJSON_CreateBool(text[0] == 't');
		}
		(void)strtod(text, &end);
		if (text[0] != '\0' && *end == '\0' &&
		    strspn(text, "-+0123456789.eE") == strlen(text)) {
			return cJSON_CreateRaw(text);
		}
	}
	if (t->state) { /* AWS's text, literal */
		return bg__import_literal_string(text);
	}
	{
		char *quoted = hcl_string(text);
		char *spec = spec_text(t, n, NULL, quoted != NULL ? quoted : text);
		cJSON *v = spec != NULL ? cJSON_CreateString(spec) : NULL;
		free(quoted);
		free(spec);
		return v;
	}
}

/* The blocks the provider allows once: an object in the API. */
static bool
single_block(const char *key)
{
	static const char *const single[] = {
		"pod_properties", "resources", "security_context", "metadata",
		"empty_dir",	  "host_path", "secret",
	};

	for (size_t i = 0; i < ARRAY_LENGTH(single); i++) {
		if (strcmp(key, single[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* An eks_properties attribute's API key. */
static void
eks_key(const char *key, char *buf, size_t size)
{
	if (strcmp(key, "image_pull_secret") == 0) {
		snprintf(buf, size, "imagePullSecrets");
	} else if (strcmp(key, "read_only_root_file_system") == 0) {
		snprintf(buf, size, "readOnlyRootFilesystem");
	} else {
		bg__camel_case(key, buf, size);
	}
}

static cJSON *plain_of(struct tf *t, const struct bg__ynode *n, bool eks,
			const char *key);

/* eks: inside eks_properties (its block keys become the API's; the
 * keys of its maps, labels and resource amounts, stay as written).
 * From a .tf, where the value is is remembered. */
static cJSON *
plain(struct tf *t, const struct bg__ynode *n, bool eks, const char *key)
{
	cJSON *v = plain_of(t, n, eks, key);

	if (t->hcl != NULL && n->type != BG_Y_SCALAR) {
		bg__places_add(&t->places, v, n);
	}
	return v;
}

static cJSON *
plain_of(struct tf *t, const struct bg__ynode *n, bool eks, const char *key)
{
	cJSON *out;
	bool map_of_text = key != NULL && (strcmp(key, "limits") == 0 ||
					   strcmp(key, "requests") == 0 ||
					   strcmp(key, "labels") == 0);

	if (n->type == BG_Y_SCALAR) {
		return scalar(t, n);
	}
	if (n->type == BG_Y_SEQ && eks && key != NULL && single_block(key)) {
		/* a block written as a list of one */
		return n->len == 1 ? plain(t, bg__ynode_item(t->d, n, 0), eks,
					   NULL)
		       : t->state ? NULL
				  : cJSON_CreateObject();
	}
	out = n->type == BG_Y_SEQ ? cJSON_CreateArray() : cJSON_CreateObject();
	for (size_t i = 0; out != NULL && i < n->len; i++) {
		if (n->type == BG_Y_SEQ) {
			cJSON_AddItemToArray(
				out, plain(t, bg__ynode_item(t->d, n, i), eks,
					   key));
			continue;
		}
		const char *k =
			bg__ynode_text(t->d, bg__ynode_key(t->d, n, i));
		char api[64];
		if (k == NULL ||
		    unset(t, bg__ynode_value(t->d, n, i), eks && !map_of_text)) {
			continue;
		}
		if (eks && !map_of_text) {
			eks_key(k, api, sizeof(api));
		} else {
			snprintf(api, sizeof(api), "%s", k);
		}
		cJSON_AddItemToObject(out, api,
				      plain(t, bg__ynode_value(t->d, n, i),
					    eks && !map_of_text, k));
	}
	if (t->state && out != NULL && out->child == NULL &&
	    n->type == BG_Y_MAP) {
		cJSON_Delete(out); /* nothing in it was set */
		return NULL;
	}
	return out;
}

/* A block (an object, or a list of one object). */
static struct bg__ynode *
block(struct tf *t, struct bg__ynode *n)
{
	if (n->type == BG_Y_SEQ && n->len == 1) {
		n = bg__ynode_item(t->d, n, 0);
	}
	return n->type == BG_Y_MAP ? n : NULL;
}

/* A JSON attribute of a state, as the spec says it: AWS's echo of
 * what nobody set (null, [], {}) left out, text literal ("" is a
 * value there: an environment variable may be empty). */
static bool
state_json(cJSON *v)
{
	cJSON *c = v->child;

	while (c != NULL) {
		cJSON *next = c->next;
		if (cJSON_IsString(c)) {
			char *spec = bg__tf_spec_text(c->valuestring);
			if (spec == NULL ||
			    !cJSON_SetValuestring(c, spec)) {
				free(spec);
				return false;
			}
			free(spec);
		} else if ((cJSON_IsArray(c) || cJSON_IsObject(c)) &&
			   !state_json(c)) {
			return false;
		}
		if (cJSON_IsObject(v) &&
		    (cJSON_IsNull(c) ||
		     ((cJSON_IsArray(c) || cJSON_IsObject(c)) &&
		      c->child == NULL))) {
			cJSON_Delete(cJSON_DetachItemViaPointer(v, c));
		}
		c = next;
	}
	return true;
}

struct inside {
	struct tf *t;
	unsigned line, indent; /* the heredoc's text line, <<- indent */
};

/* item, read from a heredoc's text as n, placed at n's line and column
 * in the .tf. */
static void
place_inside(struct bg__ydoc *d, struct bg__ynode *n, const cJSON *item,
	     void *ctx)
{
	const struct inside *in = ctx;

	(void)d;
	bg__places_at(&in->t->places, item, in->line + bg__ynode_line(n) - 1,
		      bg__ynode_column(n) + in->indent);
}

static int
heredoc_cmp(const void *key, const void *elem)
{
	uint32_t node = *(const uint32_t *)key;
	uint32_t other = ((const struct bg__heredoc *)elem)->node;

	return node < other ? -1 : node > other;
}

/* From a .tf: where the values of v, parsed from heredoc n, are in it
 * (when the heredoc's text is JSON as it is written: an interpolation
 * outside a JSON string leaves them at the attribute). */
static void
place_heredoc(struct tf *t, const struct bg__ynode *n, const cJSON *v)
{
	uint32_t index = (uint32_t)(n - t->d->nodes);
	/* by node index: the helper's places come in document order */
	const struct bg__heredoc *h =
		t->hcl->count == 0
			? NULL
			: bsearch(&index, t->hcl->heredocs, t->hcl->count,
				  sizeof(*t->hcl->heredocs), heredoc_cmp);
	const char *text = bg__ynode_text(t->d, n);
	struct bg_diags *quiet;
	struct bg__ydoc inner;

	if (h == NULL || text == NULL || (quiet = bg_diags_create()) == NULL) {
		return;
	}
	if (bg__ydoc_read(&inner, text, strlen(text), true, t->file, quiet) ==
	    BG_OK) {
		struct bg__ynode *root = bg__ydoc_root(&inner);
		if (root != NULL) {
			bg__ynode_cjson_walk(&inner, root, v, place_inside,
					     &(struct inside){ t, h->line,
							       h->indent });
		}
		bg__ydoc_finish(&inner);
	}
	bg_diags_destroy(quiet);
}

/* A JSON string attribute, parsed. */
static cJSON *
json_string(struct tf *t, const struct bg__ynode *n, const char *key)
{
	const char *text = bg__ynode_text(t->d, n);
	const char *p = text;
	cJSON *v;

	while (p != NULL && (*p == ' ' || *p == '\n' || *p == '\t')) {
		p++;
	}
	/* a state's text is JSON as it is; configuration's is a template */
	bool said = false;

	if (t->state) {
		v = cJSON_Parse(text);
	} else if (p != NULL && strncmp(p, "${", 2) != 0) {
		v = template_json(t, n, key, text, &said);
	} else {
		v = NULL;
	}
	if (said) {
		return NULL;
	}
	if (t->state && v != NULL && !state_json(v)) {
		cJSON_Delete(v); /* out of memory: an error, not a gap */
		v = NULL;
	}
	if (t->hcl != NULL && v != NULL) {
		place_heredoc(t, n, v);
	}
	if (v == NULL || !cJSON_IsObject(v)) {
		cJSON_Delete(v);
		tf_error(t, n, "import-shape",
			 "a JSON string is expected here: an expression "
			 "(jsonencode(...), a variable) is Terraform's to "
			 "evaluate, so batchgen cannot read this definition; "
			 "write its value as JSON, or read what terraform "
			 "show -json prints of a plan",
			 key);
		return NULL;
	}
	return v;
}

static const char *const same[][2] = {
	{ "name", "jobDefinitionName" },
	{ "type", "type" },
	{ "parameters", "parameters" },
	{ "tags", "tags" },
	{ "platform_capabilities", "platformCapabilities" },
	{ "propagate_tags", "propagateTags" },
	{ "scheduling_priority", "schedulingPriority" },
	{ "deregister_on_new_revision", "deregisterOnNewRevision" },
};
static const char *const strings[][2] = {
	{ "container_properties", "containerProperties" },
	{ "node_properties", "nodeProperties" },
	{ "ecs_properties", "ecsProperties" },
};

/* An attribute only AWS or the provider sets. */
static bool
computed(const char *key)
{
	static const char *const keys[] = {
		"arn", "arn_prefix", "id", "revision", "tags_all",
	};

	for (size_t i = 0; i < ARRAY_LENGTH(keys); i++) {
		if (strcmp(key, keys[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* In a state: an attribute only AWS or the provider sets, or a value
 * that is the provider's default. */
static bool
state_default(const struct tf *t, const char *key, const struct bg__ynode *v)
{
	static const char *const defaults[][2] = {
		{ "propagate_tags", "false" },
		{ "scheduling_priority", "0" },
		{ "deregister_on_new_revision", "true" },
	};
	const char *text = bg__ynode_text(t->d, v);

	if (computed(key)) {
		return true;
	}
	for (size_t i = 0; text != NULL && i < ARRAY_LENGTH(defaults); i++) {
		if (strcmp(key, defaults[i][0]) == 0 &&
		    strcmp(text, defaults[i][1]) == 0) {
			return true;
		}
	}
	return false;
}

static size_t items(const struct bg__ynode *n);
static struct bg__ynode *item(struct bg__ydoc *d, struct bg__ynode *n,
			      size_t i);

/* Whether lifecycle block v holds only preconditions batchgen wrote:
 * each has a condition and an error_message that ends with the code of
 * one of its rules, "[vcpus]" (render writes them again from the
 * spec's rules). */
static bool
own_preconditions(struct tf *t, struct bg__ynode *v)
{
	struct bg__ynode *b = block(t, v);
	struct bg__ynode *list;

	if (b == NULL || b->len != 1 ||
	    (list = bg__ynode_get(t->d, b, "precondition")) == NULL) {
		return false;
	}
	for (size_t i = 0; i < items(list); i++) {
		struct bg__ynode *p = item(t->d, list, i);
		struct bg__ynode *msg = p->type == BG_Y_MAP
						? bg__ynode_get(t->d, p, "error_message")
						: NULL;
		const char *text = msg != NULL ? bg__ynode_text(t->d, msg) : NULL;
		const char *open = text != NULL ? strrchr(text, '[') : NULL;
		char code[64];
		size_t n;
		if (open == NULL || p->len != 2 ||
		    bg__ynode_get(t->d, p, "condition") == NULL) {
			return false;
		}
		n = strlen(open + 1);
		if (n < 2 || n > sizeof(code) || open[n] != ']') {
			return false;
		}
		memcpy(code, open + 1, n - 1);
		code[n - 1] = '\0';
		if (!bg__rule_known(code)) {
			return false;
		}
	}
	return items(list) > 0;
}

/* Resource body n (label) in the API's shape, or NULL (an error). */
static cJSON *
resource(struct tf *t, struct bg__ynode *n, const char *label)
{
	cJSON *out = cJSON_CreateObject();

	cJSON_AddStringToObject(out, "label", label);
	for (size_t i = 0; out != NULL && i < n->len; i++) {
		struct bg__ynode *k = bg__ynode_key(t->d, n, i);
		struct bg__ynode *v = bg__ynode_value(t->d, n, i);
		const char *key = bg__ynode_text(t->d, k);
		struct bg__ynode *b;
		bool done = false;
		char where[32];
		if (key == NULL || unset(t, v, false) ||
		    (t->state && state_default(t, key, v))) {
			continue;
		}
		snprintf(where, sizeof(where), "%u:%u", bg__ynode_line(v),
			 bg__ynode_column(v));
		if (bg__kvlist_push(&t->at_keys, key, where) != BG_OK) {
			t->failed = true;
		}
		for (size_t s = 0; !done && s < ARRAY_LENGTH(same); s++) {
			if (strcmp(key, same[s][0]) == 0) {
				cJSON_AddItemToObject(out, same[s][1],
						      plain(t, v, false, key));
				done = true;
			}
		}
		for (size_t s = 0; !done && s < ARRAY_LENGTH(strings); s++) {
			if (strcmp(key, strings[s][0]) == 0) {
				bool object = t->hcl && v->type == BG_Y_MAP;
				cJSON *j = object ? plain(t, v, false, key)
					   : v->type == BG_Y_SCALAR
						   ? json_string(t, v, key)
						   : NULL;
				if (v->type != BG_Y_SCALAR && !object) {
					tf_error(t, v, "import-shape",
						 "a JSON string is expected "
						 "here",
						 key);
				}
				if (j != NULL) {
					cJSON_AddItemToObject(out, strings[s][1],
							      j);
				}
				done = true;
			}
		}
		if (done) {
			continue;
		}
		if (strcmp(key, "lifecycle") == 0 && !t->state &&
		    own_preconditions(t, v)) {
			bg_diags_add(t->diags, BG_SEV_NOTE,
				     "import-tf-precondition", t->file,
				     bg__ynode_line(k), bg__ynode_column(k), key,
				     "the preconditions batchgen wrote are left "
				     "out: render writes them again from the "
				     "spec's rules");
		} else if (strcmp(key, "eks_properties") == 0 &&
			   (b = block(t, v)) != NULL) {
			cJSON_AddItemToObject(out, "eksProperties",
					      plain(t, b, true, NULL));
		} else if (strcmp(key, "retry_strategy") == 0 &&
			   (b = block(t, v)) != NULL) {
			cJSON *r = cJSON_AddObjectToObject(out, "retryStrategy");
			struct bg__ynode *a = bg__ynode_get(t->d, b, "attempts");
			struct bg__ynode *e =
				bg__ynode_get(t->d, b, "evaluate_on_exit");
			if (e != NULL && unset(t, e, false)) {
				e = NULL; /* a state's [] */
			}
			if (a != NULL) {
				cJSON_AddItemToObject(r, "attempts",
						      scalar(t, a));
			}
			if (e != NULL) {
				/* its keys, camelCase: the eks mapping does */
				cJSON_AddItemToObject(r, "evaluateOnExit",
						      plain(t, e, true, NULL));
			}
			if (b->len != (uint32_t)((a != NULL) + (e != NULL)) &&
			    !t->state) {
				tf_error(t, b, "import-unknown-key",
					 "retry_strategy takes attempts and "
					 "evaluate_on_exit only",
					 key);
			}
		} else if (strcmp(key, "timeout") == 0 &&
			   (b = block(t, v)) != NULL &&
			   bg__ynode_get(t->d, b, "attempt_duration_seconds") !=
				   NULL &&
			   b->len == 1) {
			cJSON *o = cJSON_AddObjectToObject(out, "timeout");
			cJSON_AddItemToObject(
				o, "attemptDurationSeconds",
				scalar(t, bg__ynode_get(t->d, b,
							"attempt_duration_"
							"seconds")));
		} else {
			char what[320];
			snprintf(what, sizeof(what),
				 "'%.60s' of resource "
				 "aws_batch_job_definition.%.60s has no place "
				 "in a batchgen spec: batchgen cannot write it, "
				 "so this definition is not imported",
				 key, label);
			tf_error(t, k, "import-unknown-key", what, key);
		}
	}
	return out;
}

/* Resource body (label) onto imp; *st becomes its failure. */
static enum bg_status
import_resource(struct tf *t, struct bg__ynode *body, const char *label,
		const char *origin, struct bg__import *imp, enum bg_status *st)
{
	bool failed = t->failed;
	enum bg_status one = BG_OK;
	cJSON *api;

	t->failed = false;
	api = resource(t, body, label);
	if (!t->failed && api != NULL) {
		one = bg__import_api(api, t->file, bg__ynode_line(body),
				     bg__ynode_column(body), &t->at_keys,
				     t->hcl ? &t->places : NULL, origin, imp,
				     t->diags);
		if (t->places.nomem) {
			one = BG_ERR_NOMEM;
		}
		if (one != BG_OK) {
			*st = one;
		}
	}
	cJSON_Delete(api);
	bg_kvlist_finish(&t->at_keys);
	bg__places_finish(&t->places);
	t->failed = t->failed || failed;
	return one;
}

/* Holds n a true anywhere (after_unknown: a value known after apply)? */
static bool
any_true(const struct tf *t, const struct bg__ynode *n)
{
	const char *text = bg__ynode_text(t->d, n);

	if (text != NULL) {
		return n->style == YAML_PLAIN_SCALAR_STYLE &&
		       strcmp(text, "true") == 0;
	}
	for (size_t i = 0; i < n->len; i++) {
		if (any_true(t, n->type == BG_Y_SEQ
					? bg__ynode_item(t->d, n, i)
					: bg__ynode_value(t->d, n, i))) {
			return true;
		}
	}
	return false;
}

/* In a plan: the attributes of address that terraform knows only after
 * apply (they refer to what is not created yet) are an error, since
 * the plan does not hold them. */
static bool
unknown_after_apply(struct tf *t, const char *address,
		    const struct bg__ynode *at)
{
	struct bg__ynode *change, *unknown;
	struct bg__buf keys = { 0 };
	bool bad;
	size_t i;

	if (t->changes == NULL || address == NULL ||
	    !bg__strindex_get(&t->change_at, address, &i)) {
		return false;
	}
	change = bg__ynode_get(t->d, bg__ynode_item(t->d, t->changes, i),
			       "change");
	unknown = change != NULL ? bg__ynode_get(t->d, change, "after_unknown")
				 : NULL;
	for (size_t k = 0; unknown != NULL && unknown->type == BG_Y_MAP &&
			   k < unknown->len;
	     k++) {
		const char *key =
			bg__ynode_text(t->d, bg__ynode_key(t->d, unknown, k));
		if (key != NULL && !computed(key) &&
		    any_true(t, bg__ynode_value(t->d, unknown, k))) {
			bg__buf_printf(&keys, "%s%s", keys.len ? ", " : "",
				       key);
		}
	}
	bad = keys.len > 0;
	if (bad) {
		char *what = bg__asprintf(
			"%s known only after apply (it refers to what the plan "
			"creates), so the plan does not hold it: import the "
			"state after apply (terraform show -json)",
			keys.data);
		tf_error(t, at, "import-shape", what != NULL ? what : address,
			 address);
		free(what);
	}
	bg__buf_finish(&keys);
	return bad;
}

/* The job definitions of module m (a state's or a plan's, with its
 * child modules) onto imp. */
static void
state_module(struct tf *t, struct bg__ynode *m, struct bg__import *imp,
	     size_t *found, enum bg_status *st)
{
	struct bg__ynode *rs = bg__ynode_get(t->d, m, "resources");
	struct bg__ynode *kids = bg__ynode_get(t->d, m, "child_modules");

	for (size_t i = 0; rs != NULL && rs->type == BG_Y_SEQ && i < rs->len;
	     i++) {
		struct bg__ynode *r = bg__ynode_item(t->d, rs, i);
		const char *type, *mode, *label, *address;
		struct bg__ynode *body;
		char origin[600];
		if (r->type != BG_Y_MAP) {
			continue;
		}
		type = bg__ynode_text(t->d, bg__ynode_get(t->d, r, "type"));
		mode = bg__ynode_text(t->d, bg__ynode_get(t->d, r, "mode"));
		label = bg__ynode_text(t->d, bg__ynode_get(t->d, r, "name"));
		address = bg__ynode_text(t->d,
					 bg__ynode_get(t->d, r, "address"));
		body = bg__ynode_get(t->d, r, "values");
		if (type == NULL || strcmp(type, "aws_batch_job_definition") ||
		    mode == NULL || strcmp(mode, "managed") || label == NULL ||
		    body == NULL || body->type != BG_Y_MAP) {
			continue;
		}
		(*found)++;
		if (bg__ynode_get(t->d, r, "index") != NULL) {
			tf_error(t, r, "import-shape",
				 "an instance of count or for_each: a spec "
				 "writes one resource per job, so write the "
				 "instances as jobs of their own",
				 address);
			continue;
		}
		if (unknown_after_apply(t, address, r)) {
			continue;
		}
		snprintf(origin, sizeof(origin), "%s, %s (line %u)", t->file,
			 address != NULL ? address : label,
			 bg__ynode_line(r));
		if (import_resource(t, body, label, origin, imp, st) ==
		    BG_ERR_NOMEM) {
			*st = BG_ERR_NOMEM;
			return;
		}
	}
	for (size_t i = 0;
	     kids != NULL && kids->type == BG_Y_SEQ && i < kids->len; i++) {
		struct bg__ynode *k = bg__ynode_item(t->d, kids, i);
		if (k->type == BG_Y_MAP) {
			state_module(t, k, imp, found, st);
		}
	}
}

enum bg_status
bg__import_terraform_state(struct bg__ydoc *d, struct bg__ynode *values,
			   struct bg__ynode *changes, const char *file,
			   struct bg__import *imp, struct bg_diags *diags)
{
	struct tf t = { .d = d, .file = file, .diags = diags, .state = true };
	struct bg__ynode *root = bg__ynode_get(d, values, "root_module");
	size_t found = 0;
	enum bg_status st = BG_OK;

	if (changes != NULL && changes->type == BG_Y_SEQ) {
		t.changes = changes;
		for (size_t i = 0; st == BG_OK && i < changes->len; i++) {
			const char *a = bg__ynode_text(
				d, bg__ynode_get(d, bg__ynode_item(d, changes, i),
						 "address"));
			if (a != NULL && bg__strindex_put(&t.change_at, a, i,
							  NULL) == BG_ERR_NOMEM) {
				st = BG_ERR_NOMEM;
			}
		}
	}
	if (st == BG_OK && root != NULL && root->type == BG_Y_MAP) {
		state_module(&t, root, imp, &found, &st);
	}
	bg__strindex_finish(&t.change_at);
	if (st == BG_ERR_NOMEM) {
		return st;
	}
	if (found == 0) {
		bg_diags_add(diags, BG_SEV_ERROR, "import-shape", file,
			     bg__ynode_line(values), bg__ynode_column(values),
			     NULL,
			     "no aws_batch_job_definition resource in this "
			     "terraform show -json output");
		return BG_ERR_SCHEMA;
	}
	return t.failed ? BG_ERR_SCHEMA : st;
}

/* Terraform JSON writes a nesting level as one object or a list of
 * them: how many there are (n NULL: none), and item i. */
static size_t
items(const struct bg__ynode *n)
{
	return n == NULL ? 0 : n->type == BG_Y_SEQ ? n->len : 1;
}

static struct bg__ynode *
item(struct bg__ydoc *d, struct bg__ynode *n, size_t i)
{
	return n->type == BG_Y_SEQ ? bg__ynode_item(d, n, i) : n;
}

enum bg_status
bg__import_terraform(struct bg__ydoc *d, const char *file,
		     const struct bg__hcl *hcl, struct bg__import *imp,
		     struct bg_diags *diags)
{
	struct tf t = { .d = d, .file = file, .diags = diags, .hcl = hcl };
	struct bg__ynode *root = bg__ydoc_root(d);
	struct bg__ynode *res = bg__ynode_get(d, root, "resource");
	struct bg__ynode *defs;
	size_t found = 0;
	enum bg_status st = BG_OK;

	/* "resource": {TYPE: {LABEL: {...}}}, or lists of such objects */
	for (size_t r = 0; r < items(res); r++) {
		struct bg__ynode *one = item(d, res, r);
		defs = one->type == BG_Y_MAP
			       ? bg__ynode_get(d, one, "aws_batch_job_definition")
			       : NULL;
		for (size_t l = 0; l < items(defs); l++) {
			struct bg__ynode *m = item(d, defs, l);
			for (size_t i = 0; m->type == BG_Y_MAP && i < m->len;
			     i++) {
				const char *label = bg__ynode_text(
					d, bg__ynode_key(d, m, i));
				struct bg__ynode *body =
					block(&t, bg__ynode_value(d, m, i));
				char origin[600];
				if (label == NULL || body == NULL) {
					continue;
				}
				found++;
				snprintf(origin, sizeof(origin),
					 "%s, resource "
					 "aws_batch_job_definition.%s (line %u)",
					 file, label, bg__ynode_line(body));
				if (import_resource(&t, body, label, origin,
						    imp, &st) == BG_ERR_NOMEM) {
					return BG_ERR_NOMEM;
				}
			}
		}
	}
	if (found == 0) {
		bg_diags_add(diags, BG_SEV_ERROR, "import-shape", file,
			     root != NULL ? bg__ynode_line(root) : 0,
			     root != NULL ? bg__ynode_column(root) : 0, NULL,
			     "no aws_batch_job_definition resource in this "
			     "%s", hcl ? ".tf file" : "Terraform JSON");
		return BG_ERR_SCHEMA;
	}
	return t.failed ? BG_ERR_SCHEMA : st;
}
