/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The library's small helpers that trade a plain loop for a faster one,
 * against the plain definition, on generated input: counting UTF-8
 * characters eight bytes at a time (lib/core/util.c), the ASCII prefix
 * the NFC check skips, the growth of arrays an item at a time, and the
 * sorted view of a map (lib/emit/api.c: an insertion sort for short
 * maps, qsort past them). Linked with the library's objects.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>

#include "test_common.h"
#include "batchgen-int.h"
#include "emit/emit.h"

static uint32_t rng_state;

static uint32_t
rng(void)
{
	return test_rng(&rng_state);
}

/* Every byte but a continuation byte (10xxxxxx) starts a character. */
static size_t
plain_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		n += ((unsigned char)*s & 0xc0) != 0x80;
	}
	return n;
}

START_TEST(utf8_len_is_the_plain_count)
{
	char buf[80];

	rng_state = 11;
	for (int round = 0; round < 20000; round++) {
		size_t len = rng() % 70;
		/* bytes of every kind, continuation bytes often */
		for (size_t i = 0; i < len; i++) {
			unsigned r = rng() % 4;
			buf[i] = (char)(r == 0   ? 0x80 | (rng() % 0x40)
					: r == 1 ? 0xc0 | (rng() % 0x40)
					: r == 2 ? 1 + rng() % 0x7f
						 : 1 + rng() % 0xff);
		}
		buf[len] = '\0';
		/* and at every alignment */
		for (size_t off = 0; off < 8 && off <= len; off++) {
			ck_assert_uint_eq(bg__utf8_len(buf + off),
					  plain_utf8_len(buf + off));
		}
	}
}
END_TEST

static bool
plain_is_nfc(const char *s, size_t len)
{
	uint8_t *nfc;
	size_t n = 0;
	bool same;

	if (bg__utf8_invalid(s, len) < len) {
		return true;
	}
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &n);
	ck_assert_ptr_nonnull(nfc);
	same = n == len && memcmp(nfc, s, len) == 0;
	free(nfc);
	return same;
}

START_TEST(nfc_check_sees_past_any_ascii_prefix)
{
	/* "e" and a combining acute accent: NFC composes them */
	static const char *const tails[] = { "e\xcc\x81", "\xc3\xa9", "",
					     "A\xcc\x8a", "\xe2\x84\xab" };
	char buf[64];

	for (size_t prefix = 0; prefix < 40; prefix++) {
		for (size_t t = 0; t < ARRAY_LENGTH(tails); t++) {
			memset(buf, 'a', prefix);
			strcpy(buf + prefix, tails[t]);
			ck_assert_int_eq(bg__utf8_is_nfc(buf, strlen(buf)),
					 plain_is_nfc(buf, strlen(buf)));
		}
	}
	ck_assert(!bg__utf8_is_nfc("abcdefghijklmnope\xcc\x81", 19));
	ck_assert(bg__utf8_is_nfc("abcdefghijklmnop\xc3\xa9", 18));
}
END_TEST

START_TEST(grow_an_item_at_a_time_doubles)
{
	uint32_t *v = NULL;
	size_t cap = 0, changes = 0;

	/* none asked for: an array all the same */
	v = bg__grow(v, &cap, 0, sizeof(*v));
	ck_assert_ptr_nonnull(v);
	for (size_t n = 1; n <= 100000; n++) {
		size_t before = cap;
		uint32_t *g = bg__grow(v, &cap, n, sizeof(*v));
		ck_assert_ptr_nonnull(g);
		v = g;
		v[n - 1] = (uint32_t)n;
		changes += cap != before;
		ck_assert_uint_ge(cap, n);
	}
	/* 16 to 131,072 by doubling */
	ck_assert_uint_eq(changes, 13);
	for (size_t i = 0; i < 100000; i++) {
		ck_assert_uint_eq(v[i], i + 1);
	}
	/* too large to count in a size_t: refused, the array kept */
	ck_assert_ptr_null(bg__grow(v, &cap, SIZE_MAX / 2 + 2, sizeof(*v)));
	ck_assert_uint_eq(v[99999], 100000);
	free(v);
}
END_TEST

static int
kv_ptr_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct bg_kv *const *)a)->key,
		      (*(const struct bg_kv *const *)b)->key);
}

START_TEST(sorted_map_is_qsorts_order)
{
	rng_state = 5;
	for (int round = 0; round < 3000; round++) {
		struct bg_kvlist list = { 0 };
		const struct bg_kv *small[BG__SMALL_SORT];
		const struct bg_kv **got, **want;
		size_t n = rng() % 40; /* either side of BG__SMALL_SORT */
		char key[16];

		for (size_t i = 0; i < n; i++) {
			/* distinct keys, as a map's are */
			snprintf(key, sizeof(key), "%c%zu", 'a' + (int)(rng() % 26),
				 i);
			ck_assert_int_eq(bg__kvlist_push(&list, key, "v"), BG_OK);
		}
		want = calloc(n + 1, sizeof(*want));
		ck_assert_ptr_nonnull(want);
		for (size_t i = 0; i < n; i++) {
			want[i] = &list.items[i];
		}
		qsort(want, n, sizeof(*want), kv_ptr_cmp);
		got = bg__kv_sorted(&list, small);
		ck_assert_ptr_nonnull(got);
		ck_assert(n > BG__SMALL_SORT ? got != small : got == small);
		for (size_t i = 0; i < n; i++) {
			ck_assert_ptr_eq(got[i], want[i]);
		}
		bg__kv_sorted_free(got, small);
		free(want);
		bg_kvlist_finish(&list);
	}
}
END_TEST

/* The string index against a plain search of what was put: keys that
 * share a prefix, the empty key, keys said again (answered with the
 * first value), through the small array and every growth of the hash
 * table; keys never put are not found. */
START_TEST(strindex_is_a_plain_search)
{
	enum { N = 3000 };
	static char keys[N][16];
	struct bg__strindex x = { 0 };
	size_t put = 0;

	rng_state = 0x7f4a7c15u;
	for (size_t i = 0; i < N; i++) {
		/* one key in four repeats an earlier one */
		if (i > 0 && rng() % 4 == 0) {
			memcpy(keys[i], keys[rng() % i], sizeof(keys[i]));
		} else if (i == 7) {
			keys[i][0] = '\0';
		} else {
			snprintf(keys[i], sizeof(keys[i]), "k%zu-%u", i % 97,
				 (unsigned)(rng() % 100000));
		}
	}
	for (size_t i = 0; i < N; i++) {
		size_t first = N, existing = N, got = N;
		for (size_t j = 0; j < i && first == N; j++) {
			if (strcmp(keys[j], keys[i]) == 0) {
				first = j;
			}
		}
		if (first == N) {
			ck_assert_int_eq(bg__strindex_put(&x, keys[i], i, &existing),
					 BG_OK);
			put++;
		} else {
			ck_assert_int_eq(bg__strindex_put(&x, keys[i], i, &existing),
					 BG_ERR_ARG);
			ck_assert_uint_eq(existing, first);
		}
		ck_assert(bg__strindex_get(&x, keys[i], &got));
		ck_assert_uint_eq(got, first == N ? i : first);
		ck_assert(!bg__strindex_get(&x, "absent", &got));
	}
	ck_assert_uint_eq(x.count, put);
	ck_assert_uint_gt(x.cap, 2 * 1000);
	bg__strindex_finish(&x);
}
END_TEST

/* The buffer's fast paths (no growth where the room is there) against
 * a plain string: pieces of every length from 0 to 70 written by
 * putn, putc and room + commit, so that they end at, just before and
 * just past every capacity the buffer grows through; NUL-terminated
 * after each. */
START_TEST(buffer_writes_are_a_plain_string)
{
	static char want[200000];
	struct bg__buf b = { 0 };
	size_t len = 0;
	char piece[80];

	rng_state = 0x2f6b3c19u;
	while (len + 80 < sizeof(want)) {
		size_t n = rng() % 71;
		unsigned how = rng() % 3;
		char *room;
		for (size_t i = 0; i < n; i++) {
			piece[i] = (char)('a' + rng() % 26);
		}
		if (how == 1) {
			n = 1;
			bg__buf_putc(&b, piece[0]);
		} else if (how == 2) {
			room = bg__buf_room(&b, n + 5);
			ck_assert_ptr_nonnull(room);
			memcpy(room, piece, n);
			bg__buf_commit(&b, n);
		} else {
			bg__buf_putn(&b, piece, n);
		}
		memcpy(want + len, piece, n);
		len += n;
		ck_assert(!b.failed);
		ck_assert_uint_eq(b.len, len);
		ck_assert_uint_lt(b.len, b.cap);
		ck_assert_int_eq(b.data[b.len], '\0');
	}
	ck_assert(memcmp(b.data, want, len) == 0);
	bg__buf_finish(&b);
}
END_TEST

Suite *
test_suite(void)
{
	Suite *s = suite_create("util");

	add_test(s, utf8_len_is_the_plain_count);
	add_test(s, nfc_check_sees_past_any_ascii_prefix);
	add_test(s, grow_an_item_at_a_time_doubles);
	add_test(s, sorted_map_is_qsorts_order);
	add_test(s, strindex_is_a_plain_search);
	add_test(s, buffer_writes_are_a_plain_string);
	return s;
}
