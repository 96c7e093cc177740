/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Terraform's syntax, as every stage needs it: what a reference, an
 * identifier and a label are, and the escaping of template sequences.
 * (Model level: templates derive labels, the rules check them, the
 * emitters escape.)
 *
 * Escaping rule. Terraform reads every string of a .tf.json file (and
 * every quoted HCL string) as a template, so a literal "${" or "%{" in
 * a user value would be taken as an interpolation or a directive. The
 * emitter writes "$${" and "%%{" instead, so Terraform passes them
 * through literally (e.g. ${AWS_BATCH_JOB_ID} in a command). The one
 * exception is a Terraform reference written on purpose: a "${...}"
 * that starts with one of Terraform's roots and a '.' (var.x, local.x,
 * module.m.out, data.aws_x.y.z, path.module, terraform.workspace,
 * each.key, count.index, self.x), or with a resource address, a type
 * that names its provider ("aws_iam_role": a word, '_', more) followed
 * by ".NAME." and an attribute (aws_iam_role.job.arn). Those are kept
 * as they are. Everything else reaches AWS literally: environment-style
 * names (${AWS_BATCH_JOB_ID}, ${HOME}) and the dotted placeholders of
 * Java, Spring and Log4j (${user.home}, ${java.io.tmpdir}), which
 * Terraform would read as references to undeclared resources.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "batchgen-int.h"

/* The roots of Terraform's references, each followed by a '.'. */
static const char *const tf_roots[] = {
	"var", "local", "module", "data", "path",
	"terraform", "each", "count", "self",
};

/* Length of the Terraform identifier at p (a letter or '_', then
 * letters, digits, '_' and '-'), or 0; with lower, only lowercase
 * letters count (reference roots and resource types are lowercase). */
static size_t
ident_len(const char *p, bool lower)
{
	size_t n = 0;

	for (;; n++) {
		char c = p[n];
		bool letter = (c >= 'a' && c <= 'z') ||
			      (!lower && c >= 'A' && c <= 'Z');
		if (!(letter || c == '_' ||
		      (n > 0 && ((c >= '0' && c <= '9') || c == '-')))) {
			return n;
		}
	}
}

/* Whether the text at p starts a Terraform reference: a root and '.',
 * or TYPE.NAME. where TYPE is provider_rest (aws_iam_role). */
static bool
starts_reference(const char *p)
{
	size_t n = *p != '_' ? ident_len(p, true) : 0;
	size_t name;

	if (n == 0 || p[n] != '.') {
		return false;
	}
	for (size_t i = 0; i < ARRAY_LENGTH(tf_roots); i++) {
		if (strlen(tf_roots[i]) == n && memcmp(p, tf_roots[i], n) == 0) {
			return true;
		}
	}
	/* A resource type names its provider: "aws_" and more. */
	if (memchr(p, '_', n) == NULL || p[n - 1] == '_') {
		return false;
	}
	p += n + 1;
	name = ident_len(p, false);
	return name > 0 && (p[name] == '.' || p[name] == '[');
}

size_t
bg__tf_reference_len(const char *s)
{
	const char *p;
	int depth = 0;

	if (s[0] != '$' || s[1] != '{') {
		return 0;
	}
	p = s + 2;
	while (*p == ' ') {
		p++;
	}
	if (!starts_reference(p)) {
		return 0;
	}
	for (; *p != '\0'; p++) {
		if (*p == '{') {
			depth++;
		} else if (*p == '}') {
			if (depth == 0) {
				return (size_t)(p - s) + 1;
			}
			depth--;
		} else if (*p == '"' || *p == '\n') {
			/* Keep it simple: references never hold these. */
			return 0;
		}
	}
	return 0;
}

void
bg__tf_escape_into(struct bg__buf *b, const char *s)
{
	const char *start = s;

	while (*s != '\0') {
		if (s[0] == '$' && s[1] == '{') {
			size_t ref = bg__tf_reference_len(s);
			if (ref > 0) {
				s += ref;
				continue;
			}
			bg__buf_putn(b, start, (size_t)(s - start));
			bg__buf_putc(b, '$');
			start = s;
			s += 2;
		} else if (s[0] == '%' && s[1] == '{') {
			bg__buf_putn(b, start, (size_t)(s - start));
			bg__buf_putc(b, '%');
			start = s;
			s += 2;
		} else {
			s++;
		}
	}
	bg__buf_putn(b, start, (size_t)(s - start));
}

/* A quoted HCL string: template sequences escaped (the same rule as the
 * JSON output), then backslash escapes. */
void
bg__hcl_quote_into(struct bg__buf *b, const char *s)
{
	struct bg__buf tmp = { 0 };
	const char *text;

	bg__buf_puts(&tmp, "");
	bg__tf_escape_into(&tmp, s);
	text = tmp.data != NULL ? tmp.data : "";
	bg__buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0';
	     p++) {
		switch (*p) {
		case '"':
			bg__buf_puts(b, "\\\"");
			break;
		case '\\':
			bg__buf_puts(b, "\\\\");
			break;
		case '\n':
			bg__buf_puts(b, "\\n");
			break;
		case '\r':
			bg__buf_puts(b, "\\r");
			break;
		case '\t':
			bg__buf_puts(b, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				bg__buf_printf(b, "\\u%04x", *p);
			} else {
				bg__buf_putc(b, (char)*p);
			}
		}
	}
	bg__buf_putc(b, '"');
	if (tmp.failed) {
		b->failed = true;
	}
	bg__buf_finish(&tmp);
}

char *
bg_tf_escape(const char *text)
{
	struct bg__buf b = { 0 };

	bg__buf_puts(&b, "");
	bg__tf_escape_into(&b, text);
	return bg__buf_take(&b, NULL);
}

bool
bg__is_tf_identifier(const char *s)
{
	size_t n = s != NULL ? ident_len(s, false) : 0;

	return n > 0 && s[n] == '\0';
}

char *
bg_tf_label(const char *name)
{
	struct bg__buf b = { 0 };

	if (name[0] >= '0' && name[0] <= '9') {
		bg__buf_puts(&b, "job_");
	} else if (name[0] == '\0') {
		bg__buf_puts(&b, "job");
	}
	for (const char *p = name; *p != '\0'; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_')) {
			c = '_';
		}
		bg__buf_putc(&b, c);
	}
	return bg__buf_take(&b, NULL);
}

