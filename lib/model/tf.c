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
 * exception is a Terraform expression written on purpose (model/tfexpr.c
 * says which "${...}" are: a reference or a function call, with
 * Terraform's syntax around it, such as ${var.x}, ${aws_iam_role.job.arn},
 * ${var.images["etl"]} or ${upper(var.stage)}). Those are kept as they
 * are. Everything else reaches AWS literally: environment-style names
 * (${AWS_BATCH_JOB_ID}, ${HOME}, ${VAR:-default}) and the dotted
 * placeholders of Java, Spring and Log4j (${user.home},
 * ${java.io.tmpdir}), which Terraform would read as references to
 * undeclared resources.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "batchgen-int.h"

/* Length of the Terraform identifier at p (a letter or '_', then
 * letters, digits, '_' and '-'), or 0. */
static size_t
ident_len(const char *p)
{
	size_t n = 0;

	for (;; n++) {
		char c = p[n];
		bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		if (!(letter || c == '_' ||
		      (n > 0 && ((c >= '0' && c <= '9') || c == '-')))) {
			return n;
		}
	}
}

/* One character of literal text inside a quoted HCL string. */
static void
hcl_char(struct bg__buf *b, unsigned char c)
{
	switch (c) {
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
		if (c < 0x20 || c == 0x7f) {
			bg__buf_printf(b, "\\u%04x", c);
		} else {
			bg__buf_putc(b, (char)c);
		}
	}
}

/* Literal text as a template: "${" and "%{" escaped as "$${" and
 * "%%{" ('$' and '%' before them stay as they are: Terraform reads
 * "$$${" as "$" and a literal "${"). quoted: also the backslash escapes
 * of a quoted HCL string. */
static void
put_text(struct bg__buf *b, const char *s, size_t n, bool quoted)
{
	for (size_t i = 0; i < n; i++) {
		if ((s[i] == '$' || s[i] == '%') && i + 1 < n && s[i + 1] == '{') {
			bg__buf_putc(b, s[i]);
		}
		if (quoted) {
			hcl_char(b, (unsigned char)s[i]);
		} else {
			bg__buf_putc(b, s[i]);
		}
	}
}

/* s as Terraform template text, in the one reading of it: every
 * expression copied as it is (its text is already HCL expression
 * syntax, quotes and escapes included), literal text escaped
 * (put_text). */
static void
put_template(struct bg__buf *b, const char *s, bool quoted)
{
	struct bg__tf_seg seg;
	size_t at = 0;

	while (bg__tf_next_seg(s, &at, &seg)) {
		if (seg.kind == BG__TF_EXPR) {
			bg__buf_putn(b, seg.p, seg.n);
		} else {
			put_text(b, seg.p, seg.n, quoted);
		}
	}
}

void
bg__tf_escape_into(struct bg__buf *b, const char *s)
{
	put_template(b, s, false);
}

void
bg__tf_spec_text_into(struct bg__buf *b, const char *s)
{
	while (*s != '\0') {
		/* a spec reads "$" before an expression as the escape, so
		 * "$${expr}" is the literal "${expr}" */
		size_t run = strcspn(s, "$");
		size_t n;
		bg__buf_putn(b, s, run);
		s += run;
		if (*s == '\0') {
			break;
		}
		n = s[1] == '{' ? bg__tf_expr_len(s) : 0;
		if (n > 0) {
			bg__buf_putc(b, '$');
			bg__buf_putn(b, s, n);
			s += n;
		} else {
			bg__buf_putc(b, *s++);
		}
	}
}

char *
bg__tf_spec_text(const char *s)
{
	struct bg__buf b = { 0 };

	bg__buf_puts(&b, "");
	bg__tf_spec_text_into(&b, s);
	return bg__buf_take(&b, NULL);
}

/* A quoted HCL string: the template text with the backslash escapes
 * of a quoted string in its literal text. */
void
bg__hcl_quote_into(struct bg__buf *b, const char *s)
{
	bg__buf_putc(b, '"');
	put_template(b, s, true);
	bg__buf_putc(b, '"');
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
	size_t n = s != NULL ? ident_len(s) : 0;

	return n > 0 && s[n] == '\0';
}

static bool
is_separator(char c)
{
	return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		 (c >= '0' && c <= '9'));
}

/* The label of a name with expressions: its literal text, each
 * expression a separator, runs of separators one, none at the ends. */
static char *
label_of_parts(const char *name)
{
	char *lit = bg__tf_literal(name, '-');
	char *label;
	size_t o = 0;

	if (lit == NULL) {
		return NULL;
	}
	for (size_t i = 0; lit[i] != '\0'; i++) {
		if (!is_separator(lit[i]) ||
		    (o > 0 && !is_separator(lit[o - 1]))) {
			lit[o++] = lit[i];
		}
	}
	while (o > 0 && is_separator(lit[o - 1])) {
		o--;
	}
	lit[o] = '\0';
	label = o > 0 ? bg_tf_label(lit) : strdup("");
	free(lit);
	return label;
}

char *
bg_tf_label(const char *name)
{
	struct bg__buf b = { 0 };

	if (bg__tf_has_expr(name)) {
		return label_of_parts(name);
	}

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

