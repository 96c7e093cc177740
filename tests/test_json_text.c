/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The JSON writer of the emitters (lib/emit/json_text.c) against cJSON
 * itself: generated trees (every control byte, quotes, backslashes,
 * UTF-8, empty and nested objects and arrays, numbers, raw text, empty
 * keys) written by bg__json_put_unformatted() are byte for byte
 * cJSON_PrintUnformatted(), and by bg__json_put() at depth d are
 * cJSON_Print() with each tab of layout made two spaces, ":\t" made
 * ": ", and d levels more after each newline (the layout the output
 * had when cJSON printed it). Linked with the library's objects.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "test_common.h"
#include "emit/emit.h"

static uint32_t rng_state;

static uint32_t
rng(void)
{
	return test_rng(&rng_state);
}

static char *
random_text(void)
{
	static const char *const pieces[] = {
		"a",	 "Z",	  "0",	  " ",	  "\"",	  "\\",	 "/",
		"\b",	 "\f",	  "\n",	  "\r",	  "\t",	  "\x01", "\x1f",
		"\x7f",	 "\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "${x}",
		"%{",	 ":",	  ",",	  "{",	  "}",	  "[",	 "]",
	};
	size_t n = rng() % 12;
	char *s = calloc(1, n * 4 + 1);

	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < n; i++) {
		strcat(s, pieces[rng() % (sizeof(pieces) / sizeof(*pieces))]);
	}
	return s;
}

static cJSON *
random_tree(unsigned depth)
{
	unsigned kind = rng() % (depth < 5 ? 9 : 6);
	cJSON *v = NULL;
	char *t;

	switch (kind) {
	case 0: v = cJSON_CreateNull(); break;
	case 1: v = cJSON_CreateBool(rng() % 2); break;
	case 2: {
		static const double numbers[] = { 0, -1, 42, 2048, 0.25, 1e21,
						  -3.5e-7, 1.0 / 3, 16384.5 };
		v = cJSON_CreateNumber(numbers[rng() % 9]);
		break;
	}
	case 3:
		v = cJSON_CreateRaw(rng() % 2 ? "-12" : "${var.x}");
		break;
	case 4:
	case 5:
		t = random_text();
		v = cJSON_CreateString(t);
		free(t);
		break;
	case 6:
		v = cJSON_CreateArray();
		for (unsigned n = rng() % 4; n > 0; n--) {
			cJSON_AddItemToArray(v, random_tree(depth + 1));
		}
		break;
	default:
		v = cJSON_CreateObject();
		for (unsigned n = rng() % 5; n > 0; n--) {
			t = random_text();
			cJSON_AddItemToObject(v, t, random_tree(depth + 1));
			free(t);
		}
		break;
	}
	ck_assert_ptr_nonnull(v);
	return v;
}

/* cJSON_Print()'s text in the emitters' layout (see above). */
static char *
relaid(const char *text, unsigned depth)
{
	size_t cap = strlen(text) * (2 + depth * 2) + 1, at = 0;
	char *out = malloc(cap);

	ck_assert_ptr_nonnull(out);
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '\t') {
			out[at++] = ' ';
		} else if (*p == '\n') {
			out[at++] = '\n';
			for (unsigned i = 0; i < depth; i++) {
				out[at++] = ' ';
				out[at++] = ' ';
			}
			while (p[1] == '\t') {
				out[at++] = ' ';
				out[at++] = ' ';
				p++;
			}
		} else {
			out[at++] = *p;
		}
	}
	out[at] = '\0';
	return out;
}

START_TEST(writer_is_cjson)
{
	rng_state = 0x9e3779b9u;
	for (int i = 0; i < 3000; i++) {
		cJSON *tree = random_tree(0);
		unsigned depth = (unsigned)i % 4;
		char *plain = cJSON_PrintUnformatted(tree);
		char *pretty = cJSON_Print(tree);
		char *want = relaid(pretty, depth);
		struct bg__buf a = { 0 }, b = { 0 };

		bg__buf_puts(&a, "");
		bg__buf_puts(&b, "");
		bg__json_put_unformatted(&a, tree);
		bg__json_put(&b, tree, depth);
		ck_assert(!a.failed && !b.failed);
		ck_assert_msg(strcmp(a.data, plain) == 0,
			      "tree %d unformatted:\n%s\ncJSON:\n%s", i, a.data,
			      plain);
		ck_assert_msg(strcmp(b.data, want) == 0,
			      "tree %d at depth %u:\n%s\ncJSON:\n%s", i, depth,
			      b.data, want);
		bg__buf_finish(&a);
		bg__buf_finish(&b);
		free(want);
		cJSON_free(plain);
		cJSON_free(pretty);
		cJSON_Delete(tree);
	}
}
END_TEST

START_TEST(keys_and_strings)
{
	struct bg__buf b = { 0 };
	cJSON *k = cJSON_CreateString("k\"\x01\xe2\x80\xa8");
	char *want = cJSON_PrintUnformatted(k);

	bg__json_put_string(&b, "k\"\x01\xe2\x80\xa8");
	ck_assert_str_eq(b.data, want);
	ck_assert_str_eq(b.data, "\"k\\\"\\u0001\xe2\x80\xa8\"");
	bg__buf_finish(&b);
	cJSON_free(want);
	cJSON_Delete(k);
}
END_TEST

START_TEST(what_cjson_cannot_print_fails)
{
	struct bg__buf b = { 0 };
	cJSON *raw = cJSON_CreateRaw("x");
	cJSON *arr = cJSON_CreateArray();

	/* A raw item with no text: cJSON prints nothing for the tree. */
	cJSON_free(raw->valuestring);
	raw->valuestring = NULL;
	cJSON_AddItemToArray(arr, raw);
	ck_assert_ptr_null(cJSON_PrintUnformatted(arr));
	bg__json_put(&b, arr, 0);
	ck_assert(b.failed);
	bg__buf_finish(&b);
	cJSON_Delete(arr);
}
END_TEST

/* Every byte at every place of a string that spans words of eight
 * (the writer tests eight bytes at once), alone and next to a second
 * one, escaped as cJSON escapes it. */
START_TEST(every_byte_at_every_place)
{
	for (unsigned c = 1; c < 256; c++) {
		for (size_t at = 0; at < 24; at++) {
			char text[26];
			struct bg__buf b = { 0 };
			cJSON *str;
			char *want;
			memset(text, 'a', 25);
			text[25] = '\0';
			text[at] = (char)c;
			text[at + 1] = (char)(c == 255 ? 1 : c + 1);
			if (at % 3 == 0) {
				text[at + 1] = 'b'; /* alone */
			}
			str = cJSON_CreateString(text);
			want = cJSON_PrintUnformatted(str);
			ck_assert_ptr_nonnull(want);
			bg__buf_puts(&b, "");
			bg__json_put_string(&b, text);
			ck_assert_msg(!b.failed && strcmp(b.data, want) == 0,
				      "byte %u at %zu: %s, not %s", c, at,
				      b.data, want);
			bg__buf_finish(&b);
			cJSON_free(want);
			cJSON_Delete(str);
		}
	}
}
END_TEST

/* The literal writer of the text output (bg__json_literal_at) at every
 * length it treats apart (under four bytes, four to seven, words of
 * eight and the word that ends a longer string), with every byte at
 * every place, alone and next to a second one: once, as cJSON escapes
 * the string; twice, as cJSON escapes that literal (its quotes left
 * out); and what it saw: a '$', '{' or '%', a carriage return, exactly
 * where the string holds one. */
START_TEST(literals_at_every_length)
{
	for (size_t len = 1; len <= 19; len++) {
		for (size_t at = 0; at < len; at++) {
			for (unsigned c = 1; c < 256; c++) {
				char text[20], *once, *twice_want;
				char got[20 * 7 + 4];
				unsigned seen = 0, want_seen = 0;
				cJSON *str, *outer;
				size_t n;
				memset(text, 'a', len);
				text[len] = '\0';
				text[at] = (char)c;
				if (at + 1 < len && at % 3 != 0) {
					text[at + 1] = (char)(c == 255 ? 1 : c + 1);
				}
				if (strpbrk(text, "${%") != NULL) {
					want_seen |= BG__SEEN_TEMPLATE;
				}
				if (strchr(text, '\r') != NULL) {
					want_seen |= BG__SEEN_CR;
				}
				str = cJSON_CreateString(text);
				once = cJSON_PrintUnformatted(str);
				ck_assert_ptr_nonnull(once);
				outer = cJSON_CreateString(once);
				twice_want = cJSON_PrintUnformatted(outer);
				ck_assert_ptr_nonnull(twice_want);

				n = (size_t)(bg__json_literal_at(got, text, len,
								 false, &seen) -
					     got);
				ck_assert_msg(n == strlen(once) &&
						      memcmp(got, once, n) == 0,
					      "byte %u at %zu of %zu: %.*s, not %s",
					      c, at, len, (int)n, got, once);
				ck_assert_uint_eq(seen, want_seen);
				seen = 0;
				n = (size_t)(bg__json_literal_at(got, text, len,
								 true, &seen) -
					     got);
				/* cJSON's quotes around it are not the
				 * writer's: it writes the inner literal */
				ck_assert_msg(n == strlen(twice_want) - 2 &&
						      memcmp(got, twice_want + 1,
							     n) == 0,
					      "twice: byte %u at %zu of %zu: "
					      "%.*s, not %s",
					      c, at, len, (int)n, got,
					      twice_want);
				ck_assert_uint_eq(seen, want_seen);
				cJSON_free(once);
				cJSON_free(twice_want);
				cJSON_Delete(str);
				cJSON_Delete(outer);
			}
		}
	}
}
END_TEST

/* Integers (bg__em_int's raw literals, resource requirement values)
 * are written as "%lld" prints them. */
START_TEST(integers_are_printf)
{
	static const int64_t edges[] = { 0, 1, -1, 9, 10, -10, INT64_MAX,
					 INT64_MIN, INT64_MIN + 1 };
	uint64_t x = 2463534242u;

	for (size_t i = 0; i < 20000; i++) {
		int64_t v;
		char want[32], got[24];
		if (i < sizeof(edges) / sizeof(edges[0])) {
			v = edges[i];
		} else {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			v = (int64_t)(x >> (x % 64));
		}
		snprintf(want, sizeof(want), "%lld", (long long)v);
		ck_assert_str_eq(bg__int_text(got, v), want);
	}
}
END_TEST

Suite *
test_suite(void)
{
	Suite *s = suite_create("json_text");

	add_test(s, writer_is_cjson);
	add_test(s, keys_and_strings);
	add_test(s, what_cjson_cannot_print_fails);
	add_test(s, integers_are_printf);
	add_test(s, every_byte_at_every_place);
	add_test(s, literals_at_every_length);
	return s;
}
