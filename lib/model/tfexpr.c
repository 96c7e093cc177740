/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Which "${...}" in a value is Terraform's, and which is AWS Batch's or
 * the shell's. Terraform reads every string batchgen writes as a
 * template, so this decides what passes through as an expression and
 * what is escaped to reach AWS literally (model/tf.c). It is the one
 * reader of Terraform's template syntax in batchgen: the classifier,
 * both escapers and the import's inverse all walk a value through
 * bg__tf_next_seg(), so they cannot disagree.
 *
 * It follows the HCL native syntax (hclsyntax: the template scanner, the
 * expression grammar) and accepts a subset of it: what Terraform would
 * parse as one interpolation, and what can be valid where batchgen
 * writes it (an attribute of a resource with no count or for_each).
 *
 * A value is read left to right:
 *   - "${" starts an interpolation if the text from there is, in
 *     Terraform's grammar, one expression on one line closed by "}"
 *     (no strip markers "~", no heredoc, no comment other than a closed
 *     block comment, no directive inside its strings), holding at least
 *     one reference or built-in function call, and every name in it is
 *     Terraform's (below). Such a "${...}" is an expression segment,
 *     written as it is.
 *   - "$" directly before such an expression is Terraform's escape
 *     "$${": the "${...}" after it is literal text (one '$' less).
 *   - everything else is literal text and reaches AWS byte for byte:
 *     every "${" and "%{" in it is escaped when written.
 *
 * Names. A function call names one of Terraform's built-in functions.
 * A reference starts var.NAME, local.NAME, module.NAME,
 * data.TYPE.NAME, path.module, path.root, path.cwd, terraform.workspace,
 * or TYPE.NAME followed by '.' or '[' where TYPE names its provider
 * ("aws_iam_role": lowercase, a '_' inside). count, each and self are
 * never valid in what batchgen writes. A for expression's own variables,
 * true, false, null and object keys are Terraform's too. Any other bare
 * name (${AWS_BATCH_JOB_ID}, ${HOME}, ${user.home}, ${path.separator})
 * makes the "${...}" literal text.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "batchgen-int.h"

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

/* Nesting (brackets, calls, strings inside interpolations) and
 * for-expression variables are bounded: deeper text is not taken for
 * an expression, and the reader's stack stays small. */
#define MAX_DEPTH 32
#define MAX_FOR_VARS 16

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

enum tok {
	T_BAD,    /* not Terraform's, or not on one line */
	T_IDENT,  /* a name */
	T_NUMBER, /* a number literal */
	T_STRING, /* a quoted template, read whole */
	T_PUNCT,  /* an operator or bracket: text in p, n */
};

struct rd {
	const char *p; /* the next byte */
	enum tok t;    /* the current token */
	const char *tp;
	size_t tn;
	bool found;  /* a reference or a function call */
	bool refers; /* a reference */
	const char *var; /* the variable of the references, when they */
	size_t var_n;    /* are all var.NAME of one NAME; */
	bool others;     /* else true */
	int depth;
	int bound; /* for-expression variables in scope */
	const char *bound_var[MAX_FOR_VARS];
	size_t bound_len[MAX_FOR_VARS];
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

/* Spaces, tabs and closed block comments. A line comment ("#", "//")
 * runs to the end of the line, over the closing "}": never closed on
 * one line. */
static const char *
skip_space(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = p + 2;
			while (*end != '\0' && !(end[0] == '*' && end[1] == '/')) {
				if (*end == '\n' || *end == '\r') {
					return end;
				}
				end++;
			}
			if (*end == '\0') {
				return end;
			}
			p = end + 2;
		} else {
			return p;
		}
	}
}

static bool read_interp(struct rd *r);

/* A quoted template from after its opening quote to after its closing
 * one: HCL's escapes, "$${" and "%%{" literal, "${...}" read as an
 * expression in the same scope, no directive, no line break (HCL's
 * scanner takes any other character in a quoted literal, tabs and
 * control characters included). */
static bool
read_string(struct rd *r)
{
	const char *p = r->p;

	for (;;) {
		unsigned char c = (unsigned char)*p;
		if (c == '\0' || c == '\n' || c == '\r') {
			return false;
		}
		if (c == '"') {
			r->p = p + 1;
			return true;
		}
		if (c == '\\') {
			size_t hex = p[1] == 'u' ? 4 : p[1] == 'U' ? 8 : 0;
			if (hex == 0) {
				if (strchr("nrt\"\\", p[1]) == NULL || p[1] == '\0') {
					return false;
				}
				p += 2;
				continue;
			}
			unsigned long cp = 0;
			for (size_t i = 0; i < hex; i++) {
				char h = p[2 + i];
				int v = is_digit(h)		  ? h - '0'
					: (h >= 'a' && h <= 'f') ? h - 'a' + 10
					: (h >= 'A' && h <= 'F') ? h - 'A' + 10
								 : -1;
				if (v < 0) {
					return false;
				}
				cp = cp * 16 + (unsigned long)v;
			}
			if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
				return false;
			}
			p += 2 + hex;
			continue;
		}
		if ((c == '$' || c == '%') && p[1] == (char)c && p[2] == '{') {
			p += 3; /* "$${", "%%{": literal */
			continue;
		}
		if (c == '%' && p[1] == '{') {
			return false; /* a directive */
		}
		if (c == '$' && p[1] == '{') {
			r->p = p + 2;
			if (!read_interp(r)) {
				return false;
			}
			p = r->p;
			continue;
		}
		p++;
	}
}

/* Reads the next token at r->p into r->t. */
static void
next(struct rd *r)
{
	const char *p = skip_space(r->p);
	size_t n = 0;

	r->tp = p;
	r->t = T_BAD;
	if (is_letter(*p)) {
		while (is_letter(p[n]) || is_digit(p[n]) || p[n] == '-') {
			n++;
		}
		r->t = T_IDENT;
	} else if (is_digit(*p)) {
		while (is_digit(p[n])) {
			n++;
		}
		if (p[n] == '.' && is_digit(p[n + 1])) {
			for (n++; is_digit(p[n]); n++) {
			}
		}
		if ((p[n] == 'e' || p[n] == 'E') &&
		    (is_digit(p[n + 1]) ||
		     ((p[n + 1] == '+' || p[n + 1] == '-') && is_digit(p[n + 2])))) {
			for (n += 2; is_digit(p[n]); n++) {
			}
		}
		/* "12abc", "1.5.2": not one number */
		r->t = is_letter(p[n]) || (p[n] == '.' && is_digit(p[n + 1]))
			       ? T_BAD
			       : T_NUMBER;
	} else if (*p == '"') {
		r->p = p + 1;
		if (!read_string(r)) {
			r->t = T_BAD;
			return;
		}
		/* the string's interpolations used the token */
		r->t = T_STRING;
		r->tp = p;
		r->tn = (size_t)(r->p - p);
		return;
	} else {
		static const char *const two[] = { "==", "!=", "<=", ">=", "&&",
						   "||", "=>" };
		if (p[0] == '.' && p[1] == '.' && p[2] == '.') {
			n = 3;
		} else {
			for (size_t i = 0; i < ARRAY_LENGTH(two); i++) {
				if (p[0] == two[i][0] && p[1] == two[i][1]) {
					n = 2;
				}
			}
		}
		/* "<<" is a heredoc, "~" a strip marker, "&", "|", "$",
		 * "#", "//" and the rest are not Terraform's here */
		if (n == 0 && *p != '\0' && strchr("+-*/%<>=!?:,.()[]{}", *p) &&
		    !(p[0] == '<' && p[1] == '<') && !(p[0] == '/' && p[1] == '/')) {
			n = 1;
		}
		r->t = n > 0 ? T_PUNCT : T_BAD;
	}
	r->tn = n;
	r->p = p + n;
}

static bool
is(const struct rd *r, const char *punct)
{
	return r->t == T_PUNCT && r->tn == strlen(punct) &&
	       memcmp(r->tp, punct, r->tn) == 0;
}

static bool
word(const struct rd *r, const char *w)
{
	return r->t == T_IDENT && r->tn == strlen(w) &&
	       memcmp(r->tp, w, r->tn) == 0;
}

/* Consumes punct, or fails. */
static bool
expect(struct rd *r, const char *punct)
{
	if (!is(r, punct)) {
		return false;
	}
	next(r);
	return true;
}

/* The next non-space byte, without moving. */
static char
peek(const struct rd *r)
{
	return *skip_space(r->p);
}

static int
cmp_name(const void *key, const void *elem)
{
	return strcmp(*(const char *const *)key, *(const char *const *)elem);
}

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

static bool
is_bound(const struct rd *r)
{
	for (int i = 0; i < r->bound; i++) {
		if (r->bound_len[i] == r->tn &&
		    memcmp(r->bound_var[i], r->tp, r->tn) == 0) {
			return true;
		}
	}
	return false;
}

/* ".NAME" after a root; with one of `only` when given. */
static bool
attr(struct rd *r, const char *const *only)
{
	if (!expect(r, ".") || r->t != T_IDENT) {
		return false;
	}
	for (; only != NULL && *only != NULL; only++) {
		if (word(r, *only)) {
			break;
		}
	}
	if (only != NULL && *only == NULL) {
		return false;
	}
	next(r);
	return true;
}

/* A reference's root and its first attributes, at an identifier that
 * is no call, no literal and no for variable. */
static bool
reference(struct rd *r)
{
	static const char *const path_attrs[] = { "module", "root", "cwd",
						  NULL };
	static const char *const tf_attrs[] = { "workspace", NULL };
	bool ok;

	r->found = r->refers = true;
	if (word(r, "var")) {
		next(r);
		if (!is(r, ".")) {
			return false;
		}
		next(r);
		if (r->t != T_IDENT) {
			return false;
		}
		if (r->var == NULL) {
			r->var = r->tp;
			r->var_n = r->tn;
		}
		r->others |= r->var_n != r->tn ||
			     memcmp(r->var, r->tp, r->tn) != 0;
		next(r);
		return true;
	}
	r->others = true;
	if (word(r, "local") || word(r, "module")) {
		next(r);
		return attr(r, NULL);
	}
	if (word(r, "data")) {
		next(r);
		return attr(r, NULL) && attr(r, NULL);
	}
	if (word(r, "path")) {
		next(r);
		return attr(r, path_attrs);
	}
	if (word(r, "terraform")) {
		next(r);
		return attr(r, tf_attrs);
	}
	if (!is_resource_type(r->tp, r->tn)) {
		return false; /* a bare name, count, each, self, ... */
	}
	next(r);
	ok = attr(r, NULL);
	return ok && (is(r, ".") || is(r, "["));
}

static bool expression(struct rd *r);

/* expr ("," expr)* [","] up to close; `expand` allows a final "...". */
static bool
list(struct rd *r, const char *close, bool expand)
{
	while (!is(r, close)) {
		if (!expression(r)) {
			return false;
		}
		if (expand && is(r, "...")) {
			next(r);
			return is(r, close);
		}
		if (!is(r, close) && !expect(r, ",")) {
			return false;
		}
	}
	return true;
}

/* "for" NAME ["," NAME] "in" EXPR ":" EXPR ["=>" EXPR ["..."]]
 * ["if" EXPR], then close; at "for". */
static bool
for_expr(struct rd *r, bool object)
{
	int outer = r->bound;
	bool ok = false;

	next(r);
	for (int i = 0; i < 2; i++) {
		if (r->t != T_IDENT || r->bound == MAX_FOR_VARS) {
			goto out;
		}
		r->bound_var[r->bound] = r->tp;
		r->bound_len[r->bound++] = r->tn;
		next(r);
		if (!is(r, ",")) {
			break;
		}
		next(r);
	}
	if (!word(r, "in")) {
		goto out;
	}
	next(r);
	/* the collection is read in the outer scope */
	{
		int inner = r->bound;
		r->bound = outer;
		ok = expression(r);
		r->bound = inner;
	}
	if (!ok || !expect(r, ":") || !expression(r)) {
		ok = false;
		goto out;
	}
	if (object) {
		ok = expect(r, "=>") && expression(r);
		if (ok && is(r, "...")) {
			next(r);
		}
	}
	if (ok && word(r, "if")) {
		next(r);
		ok = expression(r);
	}
	ok = ok && is(r, object ? "}" : "]");
out:
	r->bound = outer;
	return ok;
}

/* An object constructor's elements, after "{". */
static bool
object(struct rd *r)
{
	while (!is(r, "}")) {
		if (r->t == T_IDENT || r->t == T_STRING) {
			next(r); /* a key, not a reference */
		} else if (is(r, "(")) {
			next(r);
			if (!expression(r) || !expect(r, ")")) {
				return false;
			}
		} else {
			return false;
		}
		if (!(is(r, "=") || is(r, ":"))) {
			return false;
		}
		next(r);
		if (!expression(r)) {
			return false;
		}
		if (!is(r, "}") && !expect(r, ",")) {
			return false;
		}
	}
	return true;
}

/* A term and what follows it: index, attribute, splat. */
static bool
term(struct rd *r)
{
	bool postfix = true;

	if (++r->depth > MAX_DEPTH) {
		return false;
	}
	if (r->t == T_NUMBER || r->t == T_STRING) {
		next(r);
		postfix = false;
	} else if (is(r, "(")) {
		next(r);
		if (!expression(r) || !expect(r, ")")) {
			return false;
		}
	} else if (is(r, "[") || is(r, "{")) {
		bool obj = is(r, "{");
		next(r);
		if (word(r, "for")) {
			if (!for_expr(r, obj)) {
				return false;
			}
		} else if (!(obj ? object(r) : list(r, "]", false))) {
			return false;
		}
		next(r);
	} else if (r->t != T_IDENT) {
		return false;
	} else if (peek(r) == '(') {
		if (!is_function(r->tp, r->tn)) {
			return false;
		}
		r->found = true;
		next(r);
		next(r);
		if (!list(r, ")", true)) {
			return false;
		}
		next(r);
	} else if (word(r, "true") || word(r, "false") || word(r, "null")) {
		next(r);
		postfix = false;
	} else if (is_bound(r)) {
		next(r);
	} else if (!reference(r)) {
		return false;
	}
	while (postfix) {
		if (is(r, "[")) {
			next(r);
			if (is(r, "*")) {
				next(r);
			} else if (!expression(r)) {
				return false;
			}
			if (!expect(r, "]")) {
				return false;
			}
		} else if (is(r, ".")) {
			next(r);
			/* an attribute, a splat, a legacy index ".0" */
			if (r->t == T_NUMBER) {
				for (size_t i = 0; i < r->tn; i++) {
					if (!is_digit(r->tp[i])) {
						return false;
					}
				}
			} else if (r->t != T_IDENT && !is(r, "*")) {
				return false;
			}
			next(r);
		} else {
			break;
		}
	}
	r->depth--;
	return true;
}

static bool
binary_op(const struct rd *r)
{
	static const char *const ops[] = { "==", "!=", "<", ">", "<=", ">=",
					   "+",	 "-",  "*", "/", "%",  "&&",
					   "||" };

	for (size_t i = 0; i < ARRAY_LENGTH(ops); i++) {
		if (is(r, ops[i])) {
			return true;
		}
	}
	return false;
}

/* unary* term (binop unary* term)* ["?" expr ":" expr] */
static bool
expression(struct rd *r)
{
	if (++r->depth > MAX_DEPTH) {
		return false;
	}
	for (;;) {
		while (is(r, "-") || is(r, "!")) {
			next(r);
		}
		if (!term(r)) {
			return false;
		}
		if (!binary_op(r)) {
			break;
		}
		next(r);
	}
	if (is(r, "?")) {
		next(r);
		if (!expression(r) || !expect(r, ":") || !expression(r)) {
			return false;
		}
	}
	r->depth--;
	return true;
}

/* An interpolation from after its "${" to after its "}". */
static bool
read_interp(struct rd *r)
{
	int depth = r->depth;

	if (++r->depth > MAX_DEPTH) {
		return false;
	}
	next(r);
	if (!expression(r) || !is(r, "}")) {
		return false;
	}
	/* r->p is after the "}" */
	r->depth = depth;
	return true;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

size_t
bg__tf_expr_len(const char *s)
{
	struct rd r = { 0 };

	if (s[0] != '$' || s[1] != '{') {
		return 0;
	}
	r.p = s + 2;
	if (!read_interp(&r) || !r.found) {
		return 0;
	}
	return (size_t)(r.p - s);
}

bool
bg__tf_next_seg(const char *s, size_t *at, struct bg__tf_seg *seg)
{
	size_t i = *at, n;

	if (s[i] == '\0') {
		return false;
	}
	if (s[i] == '$' && s[i + 1] == '{' && (n = bg__tf_expr_len(s + i)) > 0) {
		*seg = (struct bg__tf_seg){ BG__TF_EXPR, s + i, n };
		*at = i + n;
		return true;
	}
	if (s[i] == '$' && s[i + 1] == '$' && s[i + 2] == '{' &&
	    (n = bg__tf_expr_len(s + i + 1)) > 0) {
		/* Terraform's escape: the expression's text, literal */
		*seg = (struct bg__tf_seg){ BG__TF_TEXT, s + i + 1, n };
		*at = i + 1 + n;
		return true;
	}
	/* literal text up to the next expression or escaped one */
	for (n = i + 1; s[n] != '\0'; n++) {
		if (s[n] == '$' && s[n + 1] == '{' && bg__tf_expr_len(s + n) > 0) {
			/* a '$' before it makes it the escape */
			if (s[n - 1] == '$') {
				n--;
			}
			break;
		}
	}
	*seg = (struct bg__tf_seg){ BG__TF_TEXT, s + i, n - i };
	*at = n;
	return true;
}

bool
bg__tf_next_expr(const char *s, size_t *at, size_t *len)
{
	struct bg__tf_seg seg;

	while (bg__tf_next_seg(s, at, &seg)) {
		if (seg.kind == BG__TF_EXPR) {
			*at -= seg.n;
			*len = seg.n;
			return true;
		}
	}
	return false;
}

bool
bg__tf_has_expr(const char *s)
{
	size_t at = 0, len;

	/* Every expression segment starts at a "${": most strings have
	 * none, and strstr finds that out faster than the scanner. */
	return s != NULL && strstr(s, "${") != NULL &&
	       bg__tf_next_expr(s, &at, &len);
}

bool
bg__tf_is_expr(const char *s)
{
	size_t n = s != NULL ? bg__tf_expr_len(s) : 0;

	return n > 0 && s[n] == '\0';
}

char *
bg__tf_literal(const char *s, char sep)
{
	struct bg__buf b = { 0 };
	struct bg__tf_seg seg;
	size_t at = 0;

	bg__buf_puts(&b, "");
	while (bg__tf_next_seg(s, &at, &seg)) {
		if (seg.kind == BG__TF_TEXT) {
			bg__buf_putn(&b, seg.p, seg.n);
		} else if (sep != '\0') {
			bg__buf_putc(&b, sep);
		}
	}
	return bg__buf_take(&b, NULL);
}

char *
bg__tf_expr_inner(const char *s)
{
	size_t start = 2, end = strlen(s) - 1;
	char *out;

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

/* Reads cond, an expression batchgen wrote, into r; false when it is
 * not in the syntax read here. */
static bool
read_cond(struct rd *r, const char *cond)
{
	r->p = cond;
	next(r);
	return expression(r) && r->t == T_BAD && *r->tp == '\0';
}

bool
bg__tf_cond_refers(const char *cond)
{
	struct rd r = { 0 };

	return !read_cond(&r, cond) || r.refers;
}

size_t
bg__tf_cond_var(const char *cond, const char **name)
{
	struct rd r = { 0 };

	if (!read_cond(&r, cond) || r.var == NULL || r.others) {
		return 0;
	}
	*name = r.var;
	return r.var_n;
}
