/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Which "${...}" in a value is Terraform's, and which is AWS Batch's or
 * the shell's. Terraform reads every string batchgen writes as a
 * template, so this decides what passes through as an expression and
 * what is escaped to reach AWS literally (model/tf.c).
 *
 * The rule. A "${...}" is Terraform's when its content is made of
 * Terraform expression syntax (identifiers, numbers, quoted strings,
 * operators, brackets; no newline) and holds at least one reference or
 * function call:
 *   - a reference: a root (var, local, module, data, path, terraform,
 *     each, count, self) followed by '.' or '[', or a resource address,
 *     TYPE.NAME followed by '.' or '[' where TYPE names its provider
 *     ("aws_iam_role": a word, '_', more);
 *   - a call of one of Terraform's built-in functions: its name
 *     followed by '(' (provider functions, provider::p::f(), are not
 *     recognised);
 * with index and attribute access, splats, conditionals, operators and
 * for expressions around them (var.images["etl"], upper(var.stage),
 * var.on ? "a" : "b", var.n * 1024). Every other bare word must be
 * Terraform's too: true, false, null, an attribute after '.', an object
 * key, a for expression's own variables. A bare name that Terraform
 * would take for an undeclared reference (${AWS_BATCH_JOB_ID}, ${HOME},
 * ${VAR:-default}, ${user.home}) makes the whole "${...}" literal text.
 * "$${" is always literal.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "batchgen-int.h"

/* The roots of Terraform's references. */
static const char *const tf_roots[] = {
	"var", "local", "module", "data", "path",
	"terraform", "each", "count", "self",
};

/* Terraform's built-in functions (`terraform metadata functions -json`,
 * Terraform 1.11, without the core:: spellings), sorted: a call to any
 * other name is not Terraform's ("Call to unknown function"). */
static const char *const tf_functions[] = {
	"abs", "abspath", "alltrue", "anytrue", "base64decode", "base64encode",
	"base64gzip", "base64sha256", "base64sha512", "basename", "bcrypt",
	"can", "ceil", "chomp", "chunklist", "cidrhost", "cidrnetmask",
	"cidrsubnet", "cidrsubnets", "coalesce", "coalescelist", "compact",
	"concat", "contains", "csvdecode", "dirname", "distinct", "element",
	"endswith", "ephemeralasnull", "file", "filebase64",
	"filebase64sha256", "filebase64sha512", "fileexists", "filemd5",
	"fileset", "filesha1", "filesha256", "filesha512", "flatten", "floor",
	"format", "formatdate", "formatlist", "indent", "index", "issensitive",
	"join", "jsondecode", "jsonencode", "keys", "length", "log", "lookup",
	"lower", "matchkeys", "max", "md5", "merge", "min", "nonsensitive",
	"one", "parseint", "pathexpand", "plantimestamp", "pow", "range",
	"regex", "regexall", "replace", "reverse", "rsadecrypt", "sensitive",
	"setintersection", "setproduct", "setsubtract", "setunion", "sha1",
	"sha256", "sha512", "signum", "slice", "sort", "split", "startswith",
	"strcontains", "strrev", "substr", "sum", "templatefile",
	"templatestring", "textdecodebase64", "textencodebase64", "timeadd",
	"timecmp", "timestamp", "title", "tobool", "tolist", "tomap",
	"tonumber", "toset", "tostring", "transpose", "trim", "trimprefix",
	"trimspace", "trimsuffix", "try", "upper", "urlencode", "uuid",
	"uuidv5", "values", "yamldecode", "yamlencode", "zipmap"
};

/* Bracket nesting and for-expression variables are bounded: deeper
 * text is not taken for an expression. */
#define MAX_DEPTH 32
#define MAX_FOR_VARS 8

struct scan {
	const char *p;
	bool found;   /* a reference or a function call */
	bool refers;  /* a reference */
	int nesting;  /* interpolations inside strings inside expressions */
	int for_vars; /* names in for_var */
	const char *for_var[MAX_FOR_VARS];
	size_t for_len[MAX_FOR_VARS];
};

static bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t
ident_len(const char *p)
{
	size_t n = 0;

	if (!is_letter(p[0])) {
		return 0;
	}
	while (is_letter(p[n]) || is_digit(p[n]) || p[n] == '-') {
		n++;
	}
	return n;
}

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t') {
		p++;
	}
	return p;
}

static bool
word_is(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(p, w, n) == 0;
}

static bool
is_root(const char *p, size_t n)
{
	for (size_t i = 0; i < ARRAY_LENGTH(tf_roots); i++) {
		if (word_is(p, n, tf_roots[i])) {
			return true;
		}
	}
	return false;
}

/* A resource type: lowercase letters, digits and '_', with a '_' that
 * is neither first nor last ("aws_iam_role"). */
static bool
is_resource_type(const char *p, size_t n)
{
	bool under = false;

	if (n < 3 || p[0] == '_' || p[n - 1] == '_') {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '_') {
			under = true;
		} else if (!((p[i] >= 'a' && p[i] <= 'z') || is_digit(p[i]))) {
			return false;
		}
	}
	return under;
}

static int
cmp_name(const void *key, const void *elem)
{
	return strcmp(*(const char *const *)key, *(const char *const *)elem);
}

/* Whether the identifier at p (n bytes) names a built-in function. */
static bool
is_function(const char *p, size_t n)
{
	char name[32];
	const char *key = name;

	if (n >= sizeof(name)) {
		return false;
	}
	memcpy(name, p, n);
	name[n] = '\0';
	return bsearch(&key, tf_functions, ARRAY_LENGTH(tf_functions),
		       sizeof(tf_functions[0]), cmp_name) != NULL;
}

static bool scan_template_string(struct scan *s);

/* Scans expression tokens from s->p up to the '}' that closes the
 * interpolation, leaving s->p after it; false when the text is not
 * Terraform expression syntax. */
static bool
scan_expr(struct scan *s)
{
	char stack[MAX_DEPTH];
	int depth = 0;
	bool after_dot = false; /* the previous token was '.' */
	bool in_for = false;    /* between "for" and "in" */
	const char *p = skip_space(s->p);

	if (*p == '~') {
		p = skip_space(p + 1);
	}
	if (*p == '}') {
		return false; /* "${}" */
	}
	for (;;) {
		size_t n;

		p = skip_space(p);
		if (*p == '\0' || *p == '\n' || *p == '\r') {
			return false;
		}
		if (*p == '~' && skip_space(p + 1)[0] == '}' && depth == 0) {
			p = skip_space(p + 1);
		}
		if (*p == '}' && depth == 0) {
			s->p = p + 1;
			return true;
		}
		n = ident_len(p);
		if (n > 0) {
			const char *next = skip_space(p + n);
			bool open = depth > 0 && stack[depth - 1] == '{';
			bool known = after_dot;

			if (!known && *next == '(' && is_function(p, n)) {
				s->found = true; /* a function call */
				known = true;
			}
			if (!known && (*next == '.' || *next == '[') &&
			    is_root(p, n)) {
				s->found = s->refers = true;
				known = true;
			}
			if (!known && *next == '.' && is_resource_type(p, n)) {
				size_t m = ident_len(next + 1);
				const char *after = skip_space(next + 1 + m);
				if (m > 0 && (*after == '.' || *after == '[')) {
					s->found = s->refers = true;
					known = true;
				}
			}
			if (!known && (word_is(p, n, "true") ||
				       word_is(p, n, "false") ||
				       word_is(p, n, "null"))) {
				known = true;
			}
			if (!known && depth > 0 &&
			    (word_is(p, n, "for") || word_is(p, n, "in") ||
			     word_is(p, n, "if"))) {
				in_for = word_is(p, n, "for");
				known = true;
			} else if (!known && in_for) {
				if (s->for_vars == MAX_FOR_VARS) {
					return false;
				}
				s->for_var[s->for_vars] = p;
				s->for_len[s->for_vars++] = n;
				known = true;
			}
			for (int i = 0; !known && i < s->for_vars; i++) {
				known = s->for_len[i] == n &&
					memcmp(s->for_var[i], p, n) == 0;
			}
			if (!known && open && (*next == '=' || *next == ':') &&
			    next[1] != '=') {
				known = true; /* an object key */
			}
			if (!known) {
				return false; /* a bare name */
			}
			p += n;
			after_dot = false;
			continue;
		}
		after_dot = false;
		if (is_digit(*p)) {
			while (is_digit(*p)) {
				p++;
			}
			if (*p == '.' && is_digit(p[1])) {
				p++;
				while (is_digit(*p)) {
					p++;
				}
			}
			if ((*p == 'e' || *p == 'E') &&
			    (is_digit(p[1]) ||
			     ((p[1] == '+' || p[1] == '-') && is_digit(p[2])))) {
				p += 2;
				while (is_digit(*p)) {
					p++;
				}
			}
			if (is_letter(*p)) {
				return false; /* 12abc */
			}
			continue;
		}
		switch (*p) {
		case '"':
			s->p = p + 1;
			if (!scan_template_string(s)) {
				return false;
			}
			p = s->p;
			continue;
		case '(':
		case '[':
		case '{':
			if (depth == MAX_DEPTH) {
				return false;
			}
			stack[depth++] = *p;
			p++;
			continue;
		case ')':
		case ']':
		case '}':
			if (depth == 0 ||
			    stack[depth - 1] != (*p == ')'   ? '('
						 : *p == ']' ? '['
							     : '{')) {
				return false;
			}
			depth--;
			p++;
			continue;
		case '.':
			if (p[1] == '.' && p[2] == '.') {
				p += 3; /* expansion */
				continue;
			}
			after_dot = true;
			p++;
			continue;
		case '=':
		case '!':
		case '<':
		case '>':
			p += p[1] == '=' || (*p == '=' && p[1] == '>') ? 2 : 1;
			continue;
		case '&':
		case '|':
			if (p[1] != *p) {
				return false; /* the shell's, not Terraform's */
			}
			p += 2;
			continue;
		case ':':
			in_for = false;
			p++;
			continue;
		case '+':
		case '-':
		case '*':
		case '/':
		case '%':
		case '?':
		case ',':
			p++;
			continue;
		default:
			return false;
		}
	}
}

/* A quoted string inside an expression, from s->p (after the opening
 * quote) to after the closing quote. It is a template itself: a nested
 * "${" must be Terraform's, and directives are not followed. */
static bool
scan_template_string(struct scan *s)
{
	const char *p = s->p;

	for (;;) {
		switch (*p) {
		case '\0':
		case '\n':
		case '\r':
			return false;
		case '"':
			s->p = p + 1;
			return true;
		case '\\':
			if (p[1] == '\0') {
				return false;
			}
			p += 2;
			continue;
		case '$':
		case '%':
			if (p[1] == *p && p[2] == '{') {
				p += 3; /* $${ and %%{ are literal */
				continue;
			}
			if (p[1] == '{') {
				if (*p == '%') {
					return false;
				}
				s->p = p + 2;
				if (++s->nesting > MAX_DEPTH || !scan_expr(s)) {
					return false;
				}
				s->nesting--;
				p = s->p;
				continue;
			}
			p++;
			continue;
		default:
			p++;
		}
	}
}

size_t
bg__tf_expr_len(const char *s)
{
	struct scan sc = { 0 };

	if (s[0] != '$' || s[1] != '{') {
		return 0;
	}
	sc.p = s + 2;
	if (!scan_expr(&sc) || !sc.found) {
		return 0;
	}
	return (size_t)(sc.p - s);
}

bool
bg__tf_next_expr(const char *s, size_t *at, size_t *len)
{
	for (size_t i = *at; s[i] != '\0'; i++) {
		if (s[i] == '$' && s[i + 1] == '$' && s[i + 2] == '{') {
			i += 2; /* "$${": literal */
			continue;
		}
		if (s[i] == '$' && s[i + 1] == '{') {
			size_t n = bg__tf_expr_len(s + i);
			if (n > 0) {
				*at = i;
				*len = n;
				return true;
			}
		}
	}
	return false;
}

bool
bg__tf_has_expr(const char *s)
{
	size_t at = 0, len;

	return s != NULL && bg__tf_next_expr(s, &at, &len);
}

bool
bg__tf_is_expr(const char *s)
{
	size_t at = 0, len;

	return s != NULL && bg__tf_next_expr(s, &at, &len) && at == 0 &&
	       s[len] == '\0';
}

char *
bg__tf_literal(const char *s, char sep)
{
	struct bg__buf b = { 0 };
	size_t at = 0, len, from = 0;

	bg__buf_puts(&b, "");
	while (bg__tf_next_expr(s, &at, &len)) {
		bg__buf_putn(&b, s + from, at - from);
		if (sep != '\0') {
			bg__buf_putc(&b, sep);
		}
		at += len;
		from = at;
	}
	bg__buf_puts(&b, s + from);
	return bg__buf_take(&b, NULL);
}

char *
bg__tf_expr_inner(const char *s)
{
	size_t start = 2, end = strlen(s) - 1;
	char *out;

	if (s[start] == '~') {
		start++;
	}
	if (end > start && s[end - 1] == '~') {
		end--;
	}
	while (s[start] == ' ' || s[start] == '\t') {
		start++;
	}
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t')) {
		end--;
	}
	out = malloc(end - start + 1);
	if (out != NULL) {
		memcpy(out, s + start, end - start);
		out[end - start] = '\0';
	}
	return out;
}

bool
bg__tf_cond_refers(const char *cond)
{
	struct bg__buf b = { 0 };
	struct scan sc = { 0 };
	char *text;
	bool known, refers;

	bg__buf_puts(&b, "${");
	bg__buf_puts(&b, cond);
	bg__buf_puts(&b, "}");
	text = bg__buf_take(&b, NULL);
	if (text == NULL) {
		return true;
	}
	sc.p = text + 2;
	known = scan_expr(&sc) && *sc.p == '\0';
	refers = sc.refers;
	free(text);
	return !known || refers;
}
