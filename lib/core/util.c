/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Small string and buffer helpers shared by the library. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>

#include "batchgen-int.h"

char *
bg__strdup(const char *s, bool *failed)
{
	char *copy;

	if (s == NULL) {
		return NULL;
	}
	copy = strdup(s);
	if (copy == NULL) {
		*failed = true;
	}
	return copy;
}

void *
bg__grow(void *p, size_t *cap, size_t need, size_t elem)
{
	size_t cap2 = *cap ? *cap : 16;
	void *q;

	if (need <= *cap && p != NULL) {
		return p;
	}
	while (cap2 < need) {
		if (cap2 > SIZE_MAX / 2) {
			return NULL;
		}
		cap2 *= 2;
	}
	if (elem != 0 && cap2 > SIZE_MAX / elem) {
		return NULL;
	}
	q = realloc(p, cap2 * elem);
	if (q != NULL) {
		*cap = cap2;
	}
	return q;
}

char **
bg__strv_dup(char *const *v, size_t n, bool *failed)
{
	char **copy;

	if (n == 0) {
		return NULL;
	}
	copy = calloc(n, sizeof(*copy));
	if (copy == NULL) {
		*failed = true;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		copy[i] = bg__strdup(v[i], failed);
	}
	return copy;
}

void
bg__strv_free(char **v, size_t n)
{
	if (v == NULL) {
		return;
	}
	for (size_t i = 0; i < n; i++) {
		free(v[i]);
	}
	free(v);
}

/* Eight bytes at a time: the high bit of each byte (ASCII has none),
 * and each continuation byte (10xxxxxx) as its high bit. */
#define HIGH_BITS 0x8080808080808080u

static uint64_t
word_at(const char *s)
{
	uint64_t v;

	memcpy(&v, s, sizeof(v));
	return v;
}

static uint64_t
continuation_bits(uint64_t v)
{
	return v & ~(v << 1) & HIGH_BITS;
}

size_t
bg__utf8_len(const char *s)
{
	size_t len = strlen(s), n = len, i = 0;

	/* every byte but a continuation byte starts a character */
	for (; i + 8 <= len; i += 8) {
		n -= (size_t)__builtin_popcountll(continuation_bits(word_at(s + i)));
	}
	for (; i < len; i++) {
		n -= ((unsigned char)s[i] & 0xc0) == 0x80;
	}
	return n;
}

size_t
bg__utf8_char(const char *s, size_t avail)
{
	size_t n = 1;

	while (n < avail && n < 4 && ((unsigned char)s[0] & 0xc0) == 0xc0 &&
	       ((unsigned char)s[n] & 0xc0) == 0x80) {
		n++;
	}
	return n;
}

bool
bg__utf8_is_nfc(const char *s, size_t len)
{
	uint8_t buf[256];
	size_t n = sizeof(buf);
	uint8_t *nfc;
	bool same;
	size_t i = 0;

	while (i + 8 <= len && (word_at(s + i) & HIGH_BITS) == 0) {
		i += 8;
	}
	while (i < len && (unsigned char)s[i] < 0x80) {
		i++;
	}
	if (i == len || bg__utf8_invalid(s, len) < len) {
		return true; /* ASCII is NFC; not UTF-8: said elsewhere */
	}
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, buf, &n);
	if (nfc == NULL) {
		return true; /* out of memory: nothing to say */
	}
	same = n == len && memcmp(nfc, s, len) == 0;
	if (nfc != buf) {
		free(nfc);
	}
	return same;
}

char *
bg__utf8_nfc(const char *s)
{
	size_t len = strlen(s), n = 0;
	uint8_t *nfc;
	char *out;

	if (bg__utf8_is_nfc(s, len)) {
		return strdup(s);
	}
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &n);
	if (nfc == NULL) {
		return NULL;
	}
	out = malloc(n + 1);
	if (out != NULL) {
		memcpy(out, nfc, n);
		out[n] = '\0';
	}
	free(nfc);
	return out;
}

size_t
bg__utf8_invalid(const char *s, size_t len)
{
	const uint8_t *bad = u8_check((const uint8_t *)s, len);

	return bad != NULL ? (size_t)(bad - (const uint8_t *)s) : len;
}

bool
bg__str_set(char **dst, const char *src)
{
	bool failed = false;
	char *copy = bg__strdup(src, &failed);

	if (failed) {
		return false;
	}
	free(*dst);
	*dst = copy;
	return true;
}

static bool
buf_reserve(struct bg__buf *b, size_t extra)
{
	size_t want;
	char *grown;

	if (b->failed) {
		return false;
	}
	if (extra > SIZE_MAX / 2 - b->len) {
		b->failed = true;
		return false;
	}
	want = b->len + extra + 1;
	if (want <= b->cap) {
		return true;
	}
	if (want < b->cap * 2) {
		want = b->cap * 2;
	}
	if (want < 64) {
		want = 64;
	}
	grown = realloc(b->data, want);
	if (grown == NULL) {
		b->failed = true;
		return false;
	}
	b->data = grown;
	b->cap = want;
	return true;
}

void
bg__path_join(char *buf, size_t size, const char *base, const char *leaf)
{
	size_t nb = base != NULL ? strlen(base) : 0, nl = strlen(leaf), at;

	if (size == 0) {
		return;
	}
	nb = nb < size - 1 ? nb : size - 1;
	memcpy(buf, base != NULL ? base : "", nb);
	at = nb;
	if (base != NULL && at < size - 1) {
		buf[at++] = '.';
	}
	nl = nl < size - 1 - at ? nl : size - 1 - at;
	memcpy(buf + at, leaf, nl);
	buf[at + nl] = '\0';
}

/* The decimal digits of v at p; the end of them. */
static char *
put_digits(char *p, uint64_t v)
{
	char digits[24];
	size_t n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0) {
		*p++ = digits[--n];
	}
	return p;
}

const char *
bg__index_text(char buf[24], size_t index)
{
	char *p = put_digits(buf + 1, index);

	buf[0] = '[';
	*p++ = ']';
	*p = '\0';
	return buf;
}

const char *
bg__int_text(char buf[24], int64_t v)
{
	/* Unsigned, so that INT64_MIN has a magnitude too. */
	uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	char *p = buf;

	if (v < 0) {
		*p++ = '-';
	}
	*put_digits(p, mag) = '\0';
	return buf;
}

void
bg__line_col(char buf[24], unsigned line, unsigned col)
{
	char *p = put_digits(buf, line);

	*p++ = ':';
	*put_digits(p, col) = '\0';
}

char *
bg__buf_room_grow(struct bg__buf *b, size_t n)
{
	return buf_reserve(b, n) ? b->data + b->len : NULL;
}

void
bg__buf_putn_grow(struct bg__buf *b, const char *s, size_t n)
{
	if (!buf_reserve(b, n)) {
		return;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
bg__buf_puts(struct bg__buf *b, const char *s)
{
	bg__buf_putn(b, s, strlen(s));
}

void
bg__buf_printf(struct bg__buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!buf_reserve(b, (size_t)n)) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
bg__buf_drain(struct bg__buf *b, size_t at)
{
	if (b->sink == NULL || b->failed || b->len == 0 || b->len < at) {
		return;
	}
	if (!b->sink(b->sink_ctx, b->data, b->len)) {
		b->failed = true;
		b->sink_failed = true;
	}
	b->len = 0;
}

char *
bg__buf_take(struct bg__buf *b, size_t *len)
{
	char *data;

	if (b->failed || !buf_reserve(b, 0)) {
		bg__buf_finish(b);
		return NULL;
	}
	data = b->data;
	if (len != NULL) {
		*len = b->len;
	}
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return data;
}

void
bg__buf_finish(struct bg__buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = false;
}

char *
bg__vasprintf(const char *fmt, va_list ap)
{
	va_list again;
	int n;
	char *s;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0) {
		return NULL;
	}
	s = malloc((size_t)n + 1);
	if (s != NULL) {
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	}
	return s;
}

char *
bg__asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = bg__vasprintf(fmt, ap);
	va_end(ap);
	return s;
}

enum bg_status
bg_number_parse(const char *text, unsigned decimals, int64_t *value,
		bool *respelled, const char **problem)
{
	const char *p = text;
	const char *why = "write it in decimal digits, such as 512";
	uint64_t whole = 0, frac = 0, limit;
	unsigned frac_digits = 0, scale_digits;
	bool negative = false, zeros = false;
	uint64_t scale = 1;

	if (respelled != NULL) {
		*respelled = false;
	}
	if (text == NULL || decimals > 9) {
		goto bad;
	}
	for (unsigned i = 0; i < decimals; i++) {
		scale *= 10;
	}
	limit = (uint64_t)INT64_MAX / scale;
	if (*p == '+') {
		why = "a '+' sign is not allowed: write the number alone";
		goto bad;
	}
	if (*p == '-') {
		negative = true;
		p++;
	}
	if (*p == '.') {
		why = decimals > 0 ? "write a digit before the point (0.5, "
				     "not .5)"
				   : "a whole number is needed here";
		goto bad;
	}
	if (!(*p >= '0' && *p <= '9')) {
		goto bad;
	}
	if (p[0] == '0' && p[1] >= '0' && p[1] <= '9') {
		why = "leading zeros are not allowed (YAML 1.1 reads 010 "
		      "as the octal 8)";
		goto bad;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (whole > (limit - (uint64_t)(*p - '0')) / 10) {
			why = "the number is too large";
			goto bad;
		}
		whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		if (decimals == 0) {
			why = "a whole number is needed here (no fraction)";
			goto bad;
		}
		p++;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (++frac_digits > decimals) {
				why = decimals == 3 ? "at most 3 decimals"
						    : "too many decimals";
				goto bad;
			}
			frac = frac * 10 + (uint64_t)(*p - '0');
		}
		if (frac_digits == 0) {
			why = "write a digit after the point (1.0 or 1)";
			goto bad;
		}
		zeros = p[-1] == '0';
	}
	if (*p != '\0') {
		goto bad;
	}
	for (scale_digits = frac_digits; scale_digits < decimals;
	     scale_digits++) {
		frac *= 10;
	}
	if (whole * scale > (uint64_t)INT64_MAX - frac) {
		why = "the number is too large";
		goto bad;
	}
	if (value != NULL) {
		*value = (int64_t)(whole * scale + frac);
		if (negative) {
			*value = -*value;
		}
	}
	if (respelled != NULL) {
		*respelled = zeros;
	}
	return BG_OK;
bad:
	if (problem != NULL) {
		*problem = why;
	}
	return BG_ERR_ARG;
}

/* ================================================================== */
/* String index                                                        */
/* ================================================================== */

uint64_t
bg__str_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s != '\0'; s++) {
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	}
	return h;
}

/* s into the table (s->hash set): its key is not read, as a key's
 * string may lie anywhere in memory. */
static void
slot_insert(struct bg__strindex_slot *slots, size_t cap,
	    const struct bg__strindex_slot *s)
{
	size_t j = (size_t)s->hash & (cap - 1);

	while (slots[j].key != NULL) {
		j = (j + 1) & (cap - 1);
	}
	slots[j] = *s;
}

/* Doubles the hash table (or makes the first one from the small
 * array). */
static bool
strindex_grow(struct bg__strindex *x)
{
	size_t cap = x->cap ? x->cap * 2 : 32;
	struct bg__strindex_slot *slots = calloc(cap, sizeof(*slots));

	if (slots == NULL) {
		return false;
	}
	if (x->slots == NULL) {
		for (size_t i = 0; i < x->count; i++) {
			x->small[i].hash = bg__str_hash(x->small[i].key);
			slot_insert(slots, cap, &x->small[i]);
		}
	}
	for (size_t i = 0; i < x->cap; i++) {
		if (x->slots[i].key != NULL) {
			slot_insert(slots, cap, &x->slots[i]);
		}
	}
	free(x->slots);
	x->slots = slots;
	x->cap = cap;
	return true;
}

/* The position of key in the small array, or x->count. */
static size_t
small_index(const struct bg__strindex *x, const char *key)
{
	size_t i = 0;

	while (i < x->count && strcmp(x->small[i].key, key) != 0) {
		i++;
	}
	return i;
}

enum bg_status
bg__strindex_put(struct bg__strindex *x, const char *key, size_t value,
		 size_t *existing)
{
	uint64_t hash;
	size_t j;

	if (x->slots == NULL) {
		size_t i = small_index(x, key);
		if (i < x->count) {
			if (existing != NULL) {
				*existing = x->small[i].value;
			}
			return BG_ERR_ARG;
		}
		if (x->count < ARRAY_LENGTH(x->small)) {
			x->small[x->count].key = key;
			x->small[x->count++].value = value;
			return BG_OK;
		}
		/* Past the small array: hash what it holds. */
		if (!strindex_grow(x)) {
			return BG_ERR_NOMEM;
		}
	}
	if ((x->count + 1) * 2 > x->cap && !strindex_grow(x)) {
		return BG_ERR_NOMEM;
	}
	hash = bg__str_hash(key);
	j = (size_t)hash & (x->cap - 1);
	while (x->slots[j].key != NULL) {
		if (x->slots[j].hash == hash &&
		    strcmp(x->slots[j].key, key) == 0) {
			if (existing != NULL) {
				*existing = x->slots[j].value;
			}
			return BG_ERR_ARG;
		}
		j = (j + 1) & (x->cap - 1);
	}
	x->slots[j].key = key;
	x->slots[j].value = value;
	x->slots[j].hash = hash;
	x->count++;
	return BG_OK;
}

void
bg__strindex_finish(struct bg__strindex *x)
{
	free(x->slots);
	memset(x, 0, sizeof(*x));
}

static const char *
keyslots_key(const struct bg__keyslots *t, size_t item)
{
	const char *at = (const char *)t->items + item * t->stride + t->key_off;
	const char *key;

	memcpy(&key, at, sizeof(key));
	return key;
}

static size_t
keyslots_start(const struct bg__keyslots *t, size_t group, const char *key)
{
	return (size_t)((bg__str_hash(key) ^
			 (UINT64_C(0x9e3779b97f4a7c15) * (group + 1))) &
			(t->count - 1));
}

size_t
bg__keyslots_find(const struct bg__keyslots *t, size_t group, size_t lo,
		  size_t hi, const char *key)
{
	for (size_t j = keyslots_start(t, group, key); t->slots[j] != 0;
	     j = (j + 1) & (t->count - 1)) {
		size_t item = t->slots[j] - 1u;
		if (item >= lo && item < hi &&
		    strcmp(keyslots_key(t, item), key) == 0) {
			return item;
		}
	}
	return SIZE_MAX;
}

void
bg__keyslots_put(const struct bg__keyslots *t, size_t group, size_t lo,
		 size_t hi)
{
	for (size_t item = lo; item < hi; item++) {
		const char *key = keyslots_key(t, item);
		size_t j = keyslots_start(t, group, key);
		if (bg__keyslots_find(t, group, lo, hi, key) != SIZE_MAX) {
			continue;
		}
		while (t->slots[j] != 0) {
			j = (j + 1) & (t->count - 1);
		}
		t->slots[j] = (uint16_t)(item + 1);
	}
}

bool
bg__strindex_get(const struct bg__strindex *x, const char *key, size_t *value)
{
	uint64_t hash;
	size_t j;

	if (x->slots == NULL) {
		size_t i = small_index(x, key);
		if (i < x->count) {
			*value = x->small[i].value;
		}
		return i < x->count;
	}
	hash = bg__str_hash(key);
	j = (size_t)hash & (x->cap - 1);
	while (x->slots[j].key != NULL) {
		if (x->slots[j].hash == hash &&
		    strcmp(x->slots[j].key, key) == 0) {
			*value = x->slots[j].value;
			return true;
		}
		j = (j + 1) & (x->cap - 1);
	}
	return false;
}

int
bg__buf_yaml_write(void *data, unsigned char *buffer, size_t size)
{
	struct bg__buf *b = data;

	bg__buf_putn(b, (const char *)buffer, size);
	return !b->failed;
}

bool
bg__ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}
