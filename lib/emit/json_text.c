/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The text of a cJSON tree, laid out as cJSON prints it, written
 * straight onto a buffer.
 *
 * cJSON_Print() returns a new string per call, indented with tabs and
 * grown by doubling; the output then had its tabs rewritten into two
 * spaces per level in a second pass, and each key was printed through a
 * cJSON string of its own. At 10,000 jobs that was about a tenth of
 * render's instructions (docs/benchmark.md). This writes the same bytes
 * once, at their final indentation. tests/test_json_text.c compares it
 * with cJSON_Print() and cJSON_PrintUnformatted() on generated trees.
 *
 * Layout (cJSON 1.7): an object is "{\n", one member a line ("key":
 * value), and "}" at the object's own indentation ("{\n}" when empty);
 * an array stays on one line, items joined by ", " ("," unformatted),
 * and counts as a level for the objects in it. Strings escape '"',
 * '\\', \b \f \n \r \t and other bytes below 0x20 as \u00xx; every
 * other byte is written as it is. Numbers are rare here (integers are
 * raw literals, bg__em_int): cJSON prints them, so their form is
 * cJSON's.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

void
bg__json_indent(struct bg__buf *b, unsigned level)
{
	static const char spaces[] = "                                ";

	for (size_t n = (size_t)level * 2; n > 0;) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		bg__buf_putn(b, spaces, k);
		n -= k;
	}
}

/* The escape of each byte: 0 none, 'u' \u00xx, else the letter after
 * the backslash. */
static const char escape_of[256] = {
	['\0'] = 'u', [1] = 'u', [2] = 'u', [3] = 'u', [4] = 'u', [5] = 'u',
	[6] = 'u', [7] = 'u', ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n',
	[11] = 'u', ['\f'] = 'f', ['\r'] = 'r', [14] = 'u', [15] = 'u',
	[16] = 'u', [17] = 'u', [18] = 'u', [19] = 'u', [20] = 'u', [21] = 'u',
	[22] = 'u', [23] = 'u', [24] = 'u', [25] = 'u', [26] = 'u', [27] = 'u',
	[28] = 'u', [29] = 'u', [30] = 'u', [31] = 'u', ['"'] = '"',
	['\\'] = '\\',
};

/* The mark of a byte a Terraform template could start at ('$', '{',
 * '%'): the string writer reports them beside its escapes. */
static const unsigned char template_of[256] = {
	['$'] = BG__SEEN_TEMPLATE,
	['{'] = BG__SEEN_TEMPLATE,
	['%'] = BG__SEEN_TEMPLATE,
};

/* The escape of byte c (escape_of[c] != 0) at o; the end of it. */
static char *
put_escape(char *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e = escape_of[c];

	if (e != 'u') {
		o[0] = '\\';
		o[1] = e;
		return o + 2;
	}
	memcpy(o, "\\u00", 4);
	o[4] = hex[c >> 4];
	o[5] = hex[c & 15];
	return o + 6;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Eight bytes at a time where the first byte of a word is its lowest. */
#define EIGHT_AT_A_TIME 1
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The high bit of each byte of v that escape_of escapes (below 0x20,
 * '"', '\\'), by the tests of "Bit Twiddling Hacks" (hasless,
 * haszero). A borrow can mark a byte above a marked one too, never
 * below: the lowest mark is always a byte to escape. */
static uint64_t
escaped8(uint64_t v)
{
	uint64_t q = v ^ (ONES * '"');
	uint64_t bs = v ^ (ONES * '\\');

	return (((v - ONES * 0x20) & ~v) | ((q - ONES) & ~q) |
		((bs - ONES) & ~bs)) &
	       HIGHS;
}
#endif

/* The escape of byte c (escape_of[c] != 0) as it reads inside another
 * string literal, its backslash (and a quote or backslash after it)
 * escaped again: '"' is written \\\", '\n' \\n, 0x01 \\u0001; the end
 * of it. */
static char *
put_escape_twice(char *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e = escape_of[c];

	o[0] = '\\';
	o[1] = '\\';
	if (e == '"' || e == '\\') {
		o[2] = '\\';
		o[3] = e;
		return o + 4;
	}
	if (e != 'u') {
		o[2] = e;
		return o + 3;
	}
	memcpy(o + 2, "u00", 3);
	o[5] = hex[c >> 4];
	o[6] = hex[c & 15];
	return o + 7;
}

#ifdef EIGHT_AT_A_TIME
/* The high bit of a byte of v that is '$', '{' or '%' (haszero of each;
 * exact as a whole: nonzero when one of them is there). */
static uint64_t
template8(uint64_t v)
{
	uint64_t d = v ^ (ONES * '$'), b = v ^ (ONES * '{'),
		 p = v ^ (ONES * '%');

	return (((d - ONES) & ~d) | ((b - ONES) & ~b) | ((p - ONES) & ~p)) &
	       HIGHS;
}
#endif

/* The literal of s between its quotes; twice: escaped for a string
 * literal inside another (put_escape_twice). seen (when not NULL) gets
 * BG__SEEN_TEMPLATE for a '$', '{' or '%' and BG__SEEN_CR for a '\r'.
 * Eight bytes are tested and stored at once (the room holds them: the
 * string has eight more); where one is to be escaped, the bytes before
 * it stand and the escape is written from its place on. The last bytes
 * of a string of eight or more are tested as the word that ends it, a
 * string of four to seven as its first and last four. */
static inline char *
string_body_at(char *o, const char *s, size_t len, bool twice,
	       unsigned *seen)
{
	size_t i = 0;
	unsigned marks = 0;

#ifdef EIGHT_AT_A_TIME
	uint64_t templates = 0;

	while (i + 8 <= len) {
		uint64_t v, hit;
		unsigned k;
		memcpy(&v, s + i, 8);
		memcpy(o, &v, 8);
		hit = escaped8(v);
		if (seen != NULL) {
			templates |= template8(v);
		}
		if (hit == 0) {
			o += 8;
			i += 8;
			continue;
		}
		k = (unsigned)__builtin_ctzll(hit) / 8;
		if (s[i + k] == '\r') {
			marks |= BG__SEEN_CR;
		}
		o = twice ? put_escape_twice(o + k, (unsigned char)s[i + k])
			  : put_escape(o + k, (unsigned char)s[i + k]);
		i += k + 1;
	}
	if (len >= 8 && i < len) {
		/* The bytes left, lowest first, with zeros above them */
		unsigned skip = (unsigned)(8 - (len - i));
		uint64_t v, in = ~(uint64_t)0 >> (8 * skip);
		memcpy(&v, s + len - 8, 8);
		v >>= 8 * skip;
		if (seen != NULL) {
			templates |= template8(v) & in;
		}
		if ((escaped8(v) & in) == 0) {
			memcpy(o, &v, 8);
			o += len - i;
			i = len;
		}
	}
	if (len >= 4 && len < 8) {
		/* Its first and last four bytes (they overlap) */
		uint32_t a, b;
		uint64_t v;
		memcpy(&a, s, 4);
		memcpy(&b, s + len - 4, 4);
		v = (uint64_t)a | (uint64_t)b << 32;
		if (seen != NULL) {
			templates |= template8(v);
		}
		if (escaped8(v) == 0) {
			memcpy(o, &a, 4);
			memcpy(o + len - 4, &b, 4);
			o += len;
			i = len;
		}
	}
	if (templates != 0) {
		marks |= BG__SEEN_TEMPLATE;
	}
#endif
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		marks |= template_of[c];
		if (escape_of[c] == 0) {
			*o++ = (char)c;
			continue;
		}
		if (c == '\r') {
			marks |= BG__SEEN_CR;
		}
		o = twice ? put_escape_twice(o, c) : put_escape(o, c);
	}
	if (seen != NULL) {
		*seen |= marks;
	}
	return o;
}

/* The JSON string literal of s (len bytes), escaped as cJSON escapes
 * it, written at o, which has room for len * 6 + 2 bytes: the end of
 * it. */
char *
bg__json_string_at(char *o, const char *s, size_t len)
{
	*o++ = '"';
	o = string_body_at(o, s, len, false, NULL);
	*o++ = '"';
	return o;
}

char *
bg__json_literal_at(char *o, const char *s, size_t len, bool twice,
		    unsigned *seen)
{
	if (twice) {
		memcpy(o, "\\\"", 2);
		o = string_body_at(o + 2, s, len, true, seen);
		memcpy(o, "\\\"", 2);
		return o + 2;
	}
	*o++ = '"';
	o = string_body_at(o, s, len, false, seen);
	*o++ = '"';
	return o;
}

/* The string literal of s onto b, written into room for the longest
 * escape of every byte, then committed. */
static void
put_string(struct bg__buf *b, const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;
	char *o = len <= (SIZE_MAX - 2) / 6 ? bg__buf_room(b, len * 6 + 2)
					    : NULL;

	if (o == NULL) {
		b->failed = true;
		return;
	}
	bg__buf_commit(b, (size_t)(bg__json_string_at(o, s, len) - o));
}

/* level: the objects around v (pretty), or -1 for no layout. */
static void
put_value(struct bg__buf *b, const cJSON *v, int level)
{
	const cJSON *c;

	switch (v->type & 0xff) {
	case cJSON_False:
		bg__buf_putn(b, "false", 5);
		return;
	case cJSON_True:
		bg__buf_putn(b, "true", 4);
		return;
	case cJSON_NULL:
		bg__buf_putn(b, "null", 4);
		return;
	case cJSON_String:
		put_string(b, v->valuestring);
		return;
	case cJSON_Raw:
		if (v->valuestring == NULL) {
			b->failed = true;
			return;
		}
		bg__buf_puts(b, v->valuestring);
		return;
	case cJSON_Number: {
		/* cJSON's own form (%d, %1.15g or %1.17g, null). */
		cJSON copy = *v;
		char *text;
		copy.next = copy.prev = copy.child = NULL;
		copy.string = NULL;
		text = cJSON_PrintUnformatted(&copy);
		if (text == NULL) {
			b->failed = true;
			return;
		}
		bg__buf_puts(b, text);
		cJSON_free(text);
		return;
	}
	case cJSON_Array:
		bg__buf_putc(b, '[');
		for (c = v->child; c != NULL; c = c->next) {
			put_value(b, c, level >= 0 ? level + 1 : -1);
			if (c->next != NULL) {
				bg__buf_putn(b, ", ", level >= 0 ? 2 : 1);
			}
		}
		bg__buf_putc(b, ']');
		return;
	case cJSON_Object:
		bg__buf_putc(b, '{');
		if (level >= 0) {
			bg__buf_putc(b, '\n');
		}
		for (c = v->child; c != NULL; c = c->next) {
			if (level >= 0) {
				bg__json_indent(b, (unsigned)level + 1);
			}
			put_string(b, c->string);
			bg__buf_putn(b, ": ", level >= 0 ? 2 : 1);
			put_value(b, c, level >= 0 ? level + 1 : -1);
			if (c->next != NULL) {
				bg__buf_putc(b, ',');
			}
			if (level >= 0) {
				bg__buf_putc(b, '\n');
			}
		}
		if (level >= 0) {
			bg__json_indent(b, (unsigned)level);
		}
		bg__buf_putc(b, '}');
		return;
	default:
		/* cJSON_Invalid: cJSON prints nothing for the whole tree. */
		b->failed = true;
		return;
	}
}

void
bg__json_put(struct bg__buf *b, const cJSON *v, unsigned depth)
{
	put_value(b, v, (int)depth);
}

void
bg__json_put_unformatted(struct bg__buf *b, const cJSON *v)
{
	put_value(b, v, -1);
}

void
bg__json_put_string(struct bg__buf *b, const char *s)
{
	put_string(b, s);
}
