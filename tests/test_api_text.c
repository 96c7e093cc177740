/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The Terraform JSON output's container and ECS properties written as
 * text (bg__api_text, lib/emit/api.c) against the tree both formats
 * build from the same walk: on generated models (every field of the
 * tables, given or not, strings with quotes, control bytes, UTF-8,
 * '$', '%', '{', Terraform expressions), the text is byte for byte the
 * tree printed unformatted, and it is refused exactly where the JSON
 * output changes the tree before printing it (a string or key that its
 * escaping reads, an expression it encodes). Linked with the library's
 * objects.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "test_common.h"
#include "emit/emit.h"
#include "model/fields.h"

static uint32_t rng_state;

static uint32_t
rng(void)
{
	return test_rng(&rng_state);
}

/* Text; with hostile, '$', '%' and '{' among its pieces. */
static char *
random_text(bool hostile)
{
	static const char *const plain[] = {
		"a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r",
		"\t", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x80\xa8",
		"\xf0\x9f\x98\x80", ":", ",", "}", "[", "]", "Ref::x",
	};
	static const char *const marked[] = { "${x}", "%{", "{", "$", "%" };
	size_t n = rng() % 10;
	char *s = calloc(1, n * 8 + 1);

	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < n; i++) {
		strcat(s, hostile && rng() % 8 == 0
				  ? marked[rng() % ARRAY_LENGTH(marked)]
				  : plain[rng() % ARRAY_LENGTH(plain)]);
	}
	return s;
}

static void
random_int(struct bg_opt_int *v, bool hostile)
{
	unsigned pick = rng() % 8;

	if (hostile && pick == 0) {
		v->expr = strdup("${var.n}");
		ck_assert_ptr_nonnull(v->expr);
	} else if (pick < 5) {
		v->set = true;
		v->value = (int64_t)(rng() % 100000) - (pick == 1 ? 50 : 0);
	}
}

static void fill(const struct bg__object *t, void *p, bool hostile,
		 unsigned depth);

#define AT(p, off) ((void *)((char *)(p) + (off)))

static void
fill_field(const struct bg__field *f, void *p, bool hostile, unsigned depth)
{
	void *m = AT(p, f->off);

	if (rng() % 3 == 0) {
		return; /* not given */
	}
	switch (f->kind) {
	case BG_K_STR:
		*(char **)m = random_text(hostile);
		break;
	case BG_K_INT:
	case BG_K_NUM:
		random_int(m, hostile);
		break;
	case BG_K_BOOL: {
		struct bg_opt_bool *v = m;
		if (hostile && rng() % 8 == 0) {
			v->expr = strdup("${var.b}");
		} else {
			v->set = true;
			v->value = rng() % 2 == 0;
		}
		break;
	}
	case BG_K_FLAG:
		*(bool *)m = rng() % 2 == 0;
		break;
	case BG_K_STRS: {
		size_t n = rng() % 4;
		char **v = calloc(n + 1, sizeof(*v));
		ck_assert_ptr_nonnull(v);
		for (size_t i = 0; i < n; i++) {
			v[i] = random_text(hostile);
		}
		*(char ***)m = v;
		*(size_t *)AT(p, f->count_off) = n;
		break;
	}
	case BG_K_MAP:
	case BG_K_ENV:
		for (size_t i = rng() % 4; i > 0; i--) {
			char *k = random_text(hostile);
			char *v = random_text(hostile);
			ck_assert_int_eq(bg__kvlist_push(m, k, v), BG_OK);
			free(k);
			free(v);
		}
		break;
	case BG_K_OBJ:
		if (depth < 3) {
			void *o = calloc(1, f->sub->size);
			ck_assert_ptr_nonnull(o);
			fill(f->sub, o, hostile, depth + 1);
			*(void **)m = o;
		}
		break;
	case BG_K_OBJS: {
		size_t n = depth < 3 ? rng() % 4 : 0;
		char *items;
		if (n == 0) {
			break;
		}
		ck_assert(!(f->flags & BG_F_BOXED));
		items = calloc(n, f->sub->size);
		ck_assert_ptr_nonnull(items);
		for (size_t i = 0; i < n; i++) {
			fill(f->sub, items + i * f->sub->size, hostile,
			     depth + 1);
		}
		*(void **)m = items;
		*(size_t *)AT(p, f->count_off) = n;
		break;
	}
	case BG_K_EMBED:
		if (f->present > 0) {
			*(bool *)AT(p, f->present - 1) = rng() % 2 == 0;
		}
		if (rng() % 2 == 0) {
			fill(f->sub, m, hostile, depth + 1);
		}
		break;
	default:
		/* BG_K_RESOURCES: the container's vcpus, memory and gpus
		 * (fields of their own); BG_K_INLINE: not written. */
		break;
	}
}

static void
fill(const struct bg__object *t, void *p, bool hostile, unsigned depth)
{
	for (size_t i = 0; i < t->count; i++) {
		fill_field(&t->fields[i], p, hostile, depth);
	}
}

/* Whether the JSON output changes tree v before printing it: a key or
 * string with '$', '%' or '{' (its escaping reads those), or a raw item
 * that is an expression, not an integer literal. */
static bool
changed_by_output(const cJSON *v)
{
	const cJSON *c;

	if (v->string != NULL && strpbrk(v->string, "${%") != NULL) {
		return true;
	}
	if (cJSON_IsString(v)) {
		return strpbrk(v->valuestring, "${%") != NULL;
	}
	if (cJSON_IsRaw(v)) {
		return v->valuestring[0] != '-' &&
		       !(v->valuestring[0] >= '0' && v->valuestring[0] <= '9');
	}
	cJSON_ArrayForEach(c, v)
	{
		if (changed_by_output(c)) {
			return true;
		}
	}
	return false;
}

/* One generated model of table t: text and tree agree; @return whether
 * the text was taken. */
static bool
compare_one(const struct bg__object *t, bool hostile, bool fargate)
{
	void *p = calloc(1, t->size);
	struct em em = { .api_text = true };
	struct bg__buf text = { 0 }, printed = { 0 };
	cJSON *tree;
	bool taken;

	ck_assert_ptr_nonnull(p);
	fill(t, p, hostile, 0);
	taken = bg__api_text(&em, t, p, fargate, &text);
	tree = t == &bg__obj_ecs ? bg__api_ecs(&em, p, fargate)
				 : bg__api_container(&em, p, fargate);
	ck_assert_ptr_nonnull(tree);
	ck_assert(!em.failed);
	bg__buf_puts(&printed, "");
	bg__json_put_unformatted(&printed, tree);
	ck_assert(!printed.failed);
	if (taken) {
		ck_assert_str_eq(text.data, printed.data);
	}
	/* Refused exactly where the output needs the tree. */
	ck_assert_int_eq(taken, !changed_by_output(tree));
	cJSON_Delete(tree);
	bg__buf_finish(&text);
	bg__buf_finish(&printed);
	bg__object_finish(t, p);
	free(p);
	return taken;
}

static void
compare_many(const struct bg__object *t, uint32_t seed)
{
	size_t taken = 0, refused = 0;

	rng_state = seed;
	for (int i = 0; i < 3000; i++) {
		bool hostile = i % 2 == 1;
		if (compare_one(t, hostile, rng() % 2 == 0)) {
			taken++;
		} else {
			refused++;
		}
	}
	/* Both ways were taken often enough to say something. */
	ck_assert_uint_gt(taken, 1000);
	ck_assert_uint_gt(refused, 300);
}

START_TEST(container_text_is_the_tree_printed)
{
	compare_many(&bg__obj_container, 0x2545f491u);
}
END_TEST

START_TEST(ecs_text_is_the_tree_printed)
{
	compare_many(&bg__obj_ecs, 0x9e3779b9u);
}
END_TEST

/* A model with nothing to escape is written as text; one '$' anywhere
 * (here deep in a list of objects' map) sends it to the tree. */
START_TEST(plain_model_is_text_and_one_dollar_is_not)
{
	struct bg_container c = { 0 };
	struct em em = { .api_text = true };
	struct bg__buf text = { 0 };

	c.image = strdup("busybox");
	c.vcpus_milli.set = true;
	c.vcpus_milli.value = 250;
	ck_assert_int_eq(bg__kvlist_push(&c.environment, "B", "2"), BG_OK);
	ck_assert_int_eq(bg__kvlist_push(&c.environment, "A", "1"), BG_OK);
	ck_assert(bg__api_text(&em, &bg__obj_container, &c, false, &text));
	ck_assert_str_eq(text.data,
			 "{\"environment\":[{\"name\":\"A\",\"value\":\"1\"},"
			 "{\"name\":\"B\",\"value\":\"2\"}],"
			 "\"image\":\"busybox\",\"resourceRequirements\":"
			 "[{\"type\":\"VCPU\",\"value\":\"0.25\"}]}");
	ck_assert_int_eq(bg__kvlist_push(&c.environment, "C", "$5"), BG_OK);
	ck_assert(!bg__api_text(&em, &bg__obj_container, &c, false, &text));
	bg__buf_finish(&text);
	bg__object_finish(&bg__obj_container, &c);
}
END_TEST

/* A generated job definition: every value of the resource table,
 * container or ECS properties (or none), retry conditions, a timeout,
 * and with hostile text sometimes a precondition. */
static struct bg_jobdef *
random_job(size_t i, bool hostile)
{
	struct bg_jobdef *def = bg_jobdef_create();
	char label[32];
	unsigned props = rng() % 10;

	ck_assert_ptr_nonnull(def);
	snprintf(label, sizeof(label), "job_%zu", i);
	def->label = strdup(label);
	ck_assert_ptr_nonnull(def->label);
	fill(&bg__obj_resource, def, hostile, 0);
	if (props < 6) {
		def->container = bg_container_create();
		ck_assert_ptr_nonnull(def->container);
		fill(&bg__obj_container, def->container, hostile, 0);
	} else if (props < 8) {
		def->ecs_properties = calloc(1, bg__obj_ecs.size);
		ck_assert_ptr_nonnull(def->ecs_properties);
		fill(&bg__obj_ecs, def->ecs_properties, hostile, 0);
	}
	if (rng() % 2 == 0) {
		random_int(&def->retry_attempts, hostile);
	}
	def->evaluate_on_exit_count = rng() % 3;
	def->evaluate_on_exit = calloc(def->evaluate_on_exit_count + 1,
				       sizeof(*def->evaluate_on_exit));
	ck_assert_ptr_nonnull(def->evaluate_on_exit);
	for (size_t k = 0; k < def->evaluate_on_exit_count; k++) {
		struct bg_evaluate_on_exit *e = &def->evaluate_on_exit[k];
		e->action = strdup(rng() % 2 == 0 ? "RETRY" : "exit");
		e->on_exit_code = rng() % 2 == 0 ? random_text(hostile) : NULL;
		e->on_reason = rng() % 2 == 0 ? random_text(hostile) : NULL;
		e->on_status_reason =
			rng() % 2 == 0 ? random_text(hostile) : NULL;
	}
	if (rng() % 2 == 0) {
		random_int(&def->timeout_seconds, hostile);
	}
	if (hostile && rng() % 8 == 0) {
		ck_assert_int_eq(bg__kvlist_push(&def->preconditions,
						 "var.n > 0", "n is positive"),
				 BG_OK);
	}
	return def;
}

/* Two documents of several kilobytes: equal, or the first difference
 * shown with what comes before it. */
static void
assert_same_text(const char *got, const char *want)
{
	size_t at = 0;

	while (got[at] != '\0' && got[at] == want[at]) {
		at++;
	}
	ck_assert_msg(got[at] == want[at],
		      "differs at byte %zu, after '%.60s': '%.40s' against "
		      "'%.40s'",
		      at, at > 60 ? got + at - 60 : got, got + at, want + at);
}

/* Whole documents of generated jobs: written with the bodies as text
 * where they can be, byte for byte the document whose bodies are all
 * written from their trees; both ways taken often. */
START_TEST(bodies_as_text_are_the_trees_printed)
{
	size_t as_text = 0, from_trees = 0;

	rng_state = 0x51ed270bu;
	for (int round = 0; round < 150; round++) {
		struct bg_jobdef *defs[20];
		struct bg__buf text = { 0 }, trees = { 0 }, one = { 0 };
		struct em em = { .api_text = true };

		for (size_t i = 0; i < ARRAY_LENGTH(defs); i++) {
			defs[i] = random_job(i, round % 2 == 1);
			one.len = 0;
			if (bg__resource_text(&em, defs[i], &one, 3)) {
				as_text++;
			} else {
				from_trees++;
			}
		}
		ck_assert_int_eq(bg__emit_json((const struct bg_jobdef *const *)
						       defs,
					       ARRAY_LENGTH(defs), &text),
				 BG_OK);
		ck_assert_int_eq(bg__emit_json_trees(
					 (const struct bg_jobdef *const *)defs,
					 ARRAY_LENGTH(defs), &trees),
				 BG_OK);
		ck_assert(!text.failed && !trees.failed);
		assert_same_text(text.data, trees.data);
		for (size_t i = 0; i < ARRAY_LENGTH(defs); i++) {
			bg_jobdef_destroy(defs[i]);
		}
		bg__buf_finish(&text);
		bg__buf_finish(&trees);
		bg__buf_finish(&one);
		bg__em_finish(&em);
	}
	ck_assert_uint_gt(as_text, 300);
	ck_assert_uint_gt(from_trees, 800);
}
END_TEST

Suite *
test_suite(void)
{
	Suite *s = suite_create("api_text");

	add_test(s, container_text_is_the_tree_printed);
	add_test(s, ecs_text_is_the_tree_printed);
	add_test(s, plain_model_is_text_and_one_dollar_is_not);
	add_test(s, bodies_as_text_are_the_trees_printed);
	return s;
}
