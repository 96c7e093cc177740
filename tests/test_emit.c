/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* The Terraform JSON emitter, its escaping rule and labels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "test_common.h"

static char *
emit_one(const struct bg_jobdef *def)
{
	const struct bg_jobdef *defs[] = { def };
	char *out = NULL;
	size_t len = 0;

	ck_assert_int_eq(bg_emit(defs, 1, BG_FORMAT_JSON, &out, &len), BG_OK);
	ck_assert_uint_eq(strlen(out), len);
	return out;
}

/* The resource block of the single job in text. */
static cJSON *
resource_of(cJSON *doc, const char *label)
{
	cJSON *r = cJSON_GetObjectItemCaseSensitive(doc, "resource");
	cJSON *t = cJSON_GetObjectItemCaseSensitive(r,
						    "aws_batch_job_definition");
	return cJSON_GetObjectItemCaseSensitive(t, label);
}

/* container_properties decoded from its JSON string. */
static cJSON *
decode_attr(cJSON *res, const char *attr)
{
	cJSON *s = cJSON_GetObjectItemCaseSensitive(res, attr);

	char *text, *out;
	size_t o = 0;
	cJSON *v;

	ck_assert(cJSON_IsString(s));
	/* A value holding a Terraform expression is written
	 * ${jsonencode(tostring(EXPR))}: read back as the string "${EXPR}". */
	text = s->valuestring;
	out = malloc(strlen(text) + 1);
	ck_assert_ptr_nonnull(out);
	for (size_t i = 0; text[i] != '\0';) {
		const char *pre = "${jsonencode(tostring(";
		if (strncmp(text + i, pre, strlen(pre)) == 0) {
			const char *end = strstr(text + i, "))}");
			ck_assert_ptr_nonnull(end);
			i += strlen(pre);
			out[o++] = '"';
			out[o++] = '$';
			out[o++] = '{';
			while (text + i < end) {
				out[o++] = text[i++];
			}
			out[o++] = '}';
			out[o++] = '"';
			i += 3;
		} else {
			out[o++] = text[i++];
		}
	}
	out[o] = '\0';
	v = cJSON_Parse(out);
	free(out);
	return v;
}

START_TEST(ml_training_document_shape)
{
	struct bg_jobdef *def = make_job("ml-training", "pytorch:2");
	char *text = emit_one(def);
	cJSON *doc = cJSON_Parse(text);
	cJSON *res = resource_of(doc, "ml_training");
	cJSON *cp, *rr, *item;

	ck_assert_ptr_nonnull(res);
	ck_assert_str_eq(
		cJSON_GetObjectItemCaseSensitive(res, "name")->valuestring,
		"ml-training");
	ck_assert_str_eq(
		cJSON_GetObjectItemCaseSensitive(res, "type")->valuestring,
		"container");
	ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(
				 cJSON_GetObjectItemCaseSensitive(
					 res, "retry_strategy"),
				 "attempts")
				 ->valueint,
			 2);
	ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(
				 cJSON_GetObjectItemCaseSensitive(res, "timeout"),
				 "attempt_duration_seconds")
				 ->valueint,
			 14400);
	/* No provider or terraform blocks: drops into any module. */
	ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(doc, "provider"));
	ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(doc, "terraform"));

	cp = decode_attr(res, "container_properties");
	ck_assert_ptr_nonnull(cp);
	ck_assert_str_eq(
		cJSON_GetObjectItemCaseSensitive(cp, "image")->valuestring,
		"pytorch:2");
	/* Never the deprecated keys; resources as strings, sorted. */
	ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(cp, "vcpus"));
	ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(cp, "memory"));
	rr = cJSON_GetObjectItemCaseSensitive(cp, "resourceRequirements");
	ck_assert_int_eq(cJSON_GetArraySize(rr), 3);
	item = cJSON_GetArrayItem(rr, 0);
	ck_assert_str_eq(cJSON_GetObjectItem(item, "type")->valuestring, "GPU");
	ck_assert_str_eq(cJSON_GetObjectItem(item, "value")->valuestring, "1");
	item = cJSON_GetArrayItem(rr, 1);
	ck_assert_str_eq(cJSON_GetObjectItem(item, "type")->valuestring,
			 "MEMORY");
	ck_assert_str_eq(cJSON_GetObjectItem(item, "value")->valuestring,
			 "16384");
	item = cJSON_GetArrayItem(rr, 2);
	ck_assert_str_eq(cJSON_GetObjectItem(item, "type")->valuestring, "VCPU");
	ck_assert_str_eq(cJSON_GetObjectItem(item, "value")->valuestring, "8");
	/* EC2: no Fargate-only blocks. */
	ck_assert_ptr_null(
		cJSON_GetObjectItemCaseSensitive(cp, "networkConfiguration"));
	cJSON_Delete(cp);
	cJSON_Delete(doc);
	free(text);
	bg_jobdef_destroy(def);
}
END_TEST

START_TEST(fargate_fractional_vcpus_and_network)
{
	struct bg_jobdef *def = make_job("fargate-container", "app:1");
	char *text;
	cJSON *doc, *cp, *rr;

	def->container->vcpus_milli.value = 250;
	def->container->memory.value = 512;
	text = emit_one(def);
	doc = cJSON_Parse(text);
	cp = decode_attr(resource_of(doc, "fargate_container"),
			 "container_properties");
	rr = cJSON_GetObjectItemCaseSensitive(cp, "resourceRequirements");
	ck_assert_str_eq(
		cJSON_GetObjectItem(cJSON_GetArrayItem(rr, 1), "value")
			->valuestring,
		"0.25");
	ck_assert_str_eq(
		cJSON_GetObjectItem(cJSON_GetObjectItem(cp,
							"networkConfiguration"),
				    "assignPublicIp")
			->valuestring,
		"DISABLED");
	ck_assert_str_eq(
		cJSON_GetObjectItem(
			cJSON_GetObjectItem(cp, "fargatePlatformConfiguration"),
			"platformVersion")
			->valuestring,
		"LATEST");
	/* The scaffolded role stays a Terraform reference. */
	ck_assert_str_eq(
		cJSON_GetObjectItem(cp, "executionRoleArn")->valuestring,
		"${var.fargate_container_execution_role_arn}");
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(
		cJSON_GetObjectItem(doc, "variable"),
		"fargate_container_execution_role_arn"));
	cJSON_Delete(cp);
	cJSON_Delete(doc);
	free(text);
	bg_jobdef_destroy(def);
}
END_TEST

START_TEST(multinode_node_properties)
{
	struct bg_jobdef *def = make_job("multinode", "mpi:1");
	char *text = emit_one(def);
	cJSON *doc = cJSON_Parse(text);
	cJSON *res = resource_of(doc, "multinode");
	cJSON *np = decode_attr(res, "node_properties");
	cJSON *range;

	ck_assert_ptr_null(
		cJSON_GetObjectItemCaseSensitive(res, "container_properties"));
	ck_assert_str_eq(
		cJSON_GetObjectItemCaseSensitive(res, "type")->valuestring,
		"multinode");
	ck_assert_int_eq(cJSON_GetObjectItem(np, "numNodes")->valueint, 2);
	ck_assert_int_eq(cJSON_GetObjectItem(np, "mainNode")->valueint, 0);
	range = cJSON_GetArrayItem(cJSON_GetObjectItem(np, "nodeRangeProperties"),
				   0);
	ck_assert_str_eq(cJSON_GetObjectItem(range, "targetNodes")->valuestring,
			 "0:1");
	ck_assert_str_eq(
		cJSON_GetObjectItem(cJSON_GetObjectItem(range, "container"),
				    "image")
			->valuestring,
		"mpi:1");
	cJSON_Delete(np);
	cJSON_Delete(doc);
	free(text);
	bg_jobdef_destroy(def);
}
END_TEST

START_TEST(output_is_deterministic_and_sorted)
{
	struct bg_jobdef *a = make_job("data-processing", "etl:1");
	struct bg_jobdef *b = make_job("data-processing", "etl:1");
	char *ta, *tb;

	/* Insertion order differs; output must not. */
	bg_kvlist_set(&a->container->environment, "B", "2");
	bg_kvlist_set(&a->container->environment, "A", "1");
	bg_kvlist_set(&b->container->environment, "A", "1");
	bg_kvlist_set(&b->container->environment, "B", "2");
	bg_kvlist_set(&a->tags, "Z", "z");
	bg_kvlist_set(&b->tags, "Z", "z");
	ta = emit_one(a);
	tb = emit_one(b);
	ck_assert_str_eq(ta, tb);
	ck_assert_ptr_nonnull(strstr(ta, "{\\\"name\\\":\\\"A\\\""));
	ck_assert(strstr(ta, "\"Type\"") < strstr(ta, "\"Workload\""));
	ck_assert(strstr(ta, "\"Workload\"") < strstr(ta, "\"Z\""));
	free(ta);
	free(tb);
	bg_jobdef_destroy(a);
	bg_jobdef_destroy(b);
}
END_TEST

START_TEST(escape_rule)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain", "plain" },
		{ "${AWS_BATCH_JOB_ID}", "$${AWS_BATCH_JOB_ID}" },
		{ "id=${AWS_BATCH_JOB_ID}/${HOME}", "id=$${AWS_BATCH_JOB_ID}/$${HOME}" },
		{ "%{if x}", "%%{if x}" },
		{ "${var.image}", "${var.image}" },
		{ "${aws_iam_role.job.arn}", "${aws_iam_role.job.arn}" },
		{ "pre-${local.tag}-post", "pre-${local.tag}-post" },
		{ "${var.unterminated", "$${var.unterminated" },
		{ "$$ and $ and %", "$$ and $ and %" },
		{ "", "" },
		/* Terraform's: references with index and attribute access,
		 * splats, function calls, conditionals, operators, for. */
		{ "${var.images[\"etl\"]}", "${var.images[\"etl\"]}" },
		{ "${var.m.key}", "${var.m.key}" },
		{ "${var.l[*].id}", "${var.l[*].id}" },
		{ "${upper(var.stage)}", "${upper(var.stage)}" },
		{ "${format(\"%s-etl\", var.env)}",
		  "${format(\"%s-etl\", var.env)}" },
		{ "${var.on ? \"a\" : \"b\"}", "${var.on ? \"a\" : \"b\"}" },
		{ "${var.n * 1024 + 1}", "${var.n * 1024 + 1}" },
		{ "${ path.module }", "${ path.module }" },
		{ "${join(\",\", [for k, v in var.m : \"${k}=${v}\"])}",
		  "${join(\",\", [for k, v in var.m : \"${k}=${v}\"])}" },
		{ "${lookup({a = 1}, var.k, 0)}", "${lookup({a = 1}, var.k, 0)}" },
		{ "${timestamp()}", "${timestamp()}" },
		{ "${data.aws_caller_identity.me.account_id}",
		  "${data.aws_caller_identity.me.account_id}" },
		{ "${module.roles.arns[\"job\"]}", "${module.roles.arns[\"job\"]}" },
		{ "${zipmap(var.k, var.v)}", "${zipmap(var.k, var.v)}" },
		{ "${abs(var.n)}", "${abs(var.n)}" },
		/* "$${" is literal: the user's own escape stays. */
		{ "$${var.x}", "$${var.x}" },
		/* Not Terraform's: bare names, the shell's forms, Java's
		 * dotted placeholders, literal-only arithmetic, bare names
		 * beside a reference, a nested bare interpolation, newlines,
		 * unbalanced brackets, functions Terraform does not have. */
		{ "${VAR:-default}", "$${VAR:-default}" },
		{ "${#ARR[@]}", "$${#ARR[@]}" },
		{ "${HOME%%/*}", "$${HOME%%/*}" },
		{ "${user.home}", "$${user.home}" },
		{ "${a_b.c}", "$${a_b.c}" },
		{ "${1 + 2}", "$${1 + 2}" },
		{ "${var.on ? HOME : 1}", "$${var.on ? HOME : 1}" },
		{ "${upper(\"${HOME}\")}", "$${upper(\"$${HOME}\")}" },
		{ "${var.a &&& var.b}", "$${var.a &&& var.b}" },
		{ "${var.a | var.b}", "$${var.a | var.b}" },
		{ "${var.x\n}", "$${var.x\n}" },
		{ "${upper(var.x}", "$${upper(var.x}" },
		{ "${}", "$${}" },
		{ "${foo(var.x)}", "$${foo(var.x)}" },
		{ "${uppercase(var.x)}", "$${uppercase(var.x)}" },
		/* Roots that cannot be valid in a resource's attribute:
		 * count, each and self without count, for_each or a
		 * provisioner, path.X other than module, root, cwd, data
		 * without a type and a name. */
		{ "${each.key}-${count.index}", "$${each.key}-$${count.index}" },
		{ "${self.x}", "$${self.x}" },
		{ "-Dsep=${path.separator}", "-Dsep=$${path.separator}" },
		{ "${data.dir}/index", "$${data.dir}/index" },
		{ "${terraform.applying}", "$${terraform.applying}" },
		{ "${terraform.workspace}", "${terraform.workspace}" },
		/* Comments as Terraform reads them: a closed block comment
		 * is space; an open one, "//" and "#" run past the "}". */
		{ "${var.x /* } */}", "${var.x /* } */}" },
		{ "${var.x /* }", "$${var.x /* }" },
		{ "${var.x // }", "$${var.x // }" },
		{ "${var.x # }", "$${var.x # }" },
		/* Not one expression: operands side by side. */
		{ "${\"a\" var.x \"b\"}", "$${\"a\" var.x \"b\"}" },
		/* Strip markers, directives in strings, invalid escapes. */
		{ "a ${~var.x}", "a $${~var.x}" },
		{ "${\"%{if var.x}y%{endif}\"}",
		  "$${\"%%{if var.x}y%%{endif}\"}" },
		{ "${upper(\"\\q\")}", "$${upper(\"\\q\")}" },
		/* The escape "$${" before an expression is Terraform's: the
		 * text after it is literal, nested expressions too. */
		{ "$${\"${var.x}\"}", "$${\"$${var.x}\"}" },
		{ "$$${var.x}", "$$${var.x}" },
		/* An attack: the escape before text that is no expression. */
		{ "$${\"}], privileged = true, zz = [{ b = \"}",
		  "$$${\"}], privileged = true, zz = [{ b = \"}" },
	};
	/* Nesting is bounded: 200,000 nested interpolations (1.8 MB)
	 * would overflow the stack if each were a recursion. */
	const char *level = "${upper(\"";
	size_t levels = 200000, ll = strlen(level);
	char *deep = malloc(levels * ll + 1);
	char *esc;
	size_t escaped = 0;

	ck_assert_ptr_nonnull(deep);
	for (size_t i = 0; i < levels; i++) {
		memcpy(deep + i * ll, level, ll);
	}
	deep[levels * ll] = '\0';
	esc = bg_tf_escape(deep);
	ck_assert_ptr_nonnull(esc);
	/* Counted by hand: ASan's strstr() reads the whole rest of the
	 * string on every call. */
	for (const char *p = esc; *p != '\0'; p++) {
		escaped += p[0] == '$' && p[1] == '$' && p[2] == '{';
	}
	ck_assert_uint_eq(escaped, levels); /* all literal */
	free(esc);
	free(deep);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *e = bg_tf_escape(cases[i].in);
		ck_assert_str_eq(e, cases[i].out);
		free(e);
	}
}
END_TEST

START_TEST(escape_reaches_container_properties)
{
	struct bg_jobdef *def = make_job("simple-container", "img");
	char *text;

	bg_standard_environment(&def->container->environment, NULL);
	text = emit_one(def);
	ck_assert_ptr_nonnull(strstr(text, "$${AWS_BATCH_JOB_ID}"));
	ck_assert_ptr_null(strstr(text, "\\\"${AWS_BATCH_JOB_ID}"));
	free(text);
	bg_jobdef_destroy(def);
}
END_TEST

START_TEST(labels)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "ml-training", "ml_training" },
		{ "Nightly-ETL_2", "nightly_etl_2" },
		{ "9lives", "job_9lives" },
		{ "a.b c", "a_b_c" },
		/* A name with expressions: its literal text, trimmed. */
		{ "${var.prefix}-validation", "validation" },
		{ "etl-${var.env}-daily", "etl_daily" },
		{ "${var.a}--${var.b}_x-", "x" },
		{ "${var.name}", "" },
		{ "${HOME}-x", "__home__x" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *l = bg_tf_label(cases[i].in);
		ck_assert_str_eq(l, cases[i].out);
		free(l);
	}
}
END_TEST

START_TEST(integers_are_integer_literals)
{
	struct bg_jobdef *def = make_job("multinode", "img");
	char *text;

	def->node_properties->num_nodes.value = 1000000;
	def->timeout_seconds.set = true;
	def->timeout_seconds.value = 1000000;
	text = emit_one(def);
	ck_assert_ptr_nonnull(strstr(text, "\\\"numNodes\\\":1000000"));
	ck_assert_ptr_nonnull(
		strstr(text, "\"attempt_duration_seconds\": 1000000"));
	ck_assert_ptr_null(strstr(text, "e+"));
	free(text);
	bg_jobdef_destroy(def);
}
END_TEST

/* A bg_write_fn that gathers the pieces, or refuses the one numbered
 * fail_at (counted from 1; 0: none). */
struct pieces {
	char *text;
	size_t len;
	size_t calls;
	size_t fail_at;
	size_t largest;
};

static bool
gather(void *ctx, const char *data, size_t len)
{
	struct pieces *p = ctx;

	p->calls++;
	ck_assert_uint_gt(len, 0);
	if (p->calls == p->fail_at) {
		return false;
	}
	p->text = realloc(p->text, p->len + len + 1);
	ck_assert_ptr_nonnull(p->text);
	memcpy(p->text + p->len, data, len);
	p->len += len;
	p->text[p->len] = '\0';
	p->largest = len > p->largest ? len : p->largest;
	return true;
}

/* n jobs named job-0 ... with a tag that needs escaping. */
static void
make_jobs(struct bg_jobdef **defs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof(name), "job-%zu", i);
		defs[i] = make_job("data-processing", "etl:1");
		free(defs[i]->name);
		defs[i]->name = strdup(name);
		free(defs[i]->label);
		defs[i]->label = bg_tf_label(name);
		bg_kvlist_set(&defs[i]->tags, "Team", "data \"quoted\" ${x}");
	}
}

/* bg_emit_to hands on bg_emit's text in pieces, resource by resource:
 * a document of 400 jobs (about 300 KiB) arrives in several pieces of
 * about 64 KiB, and joined they are bg_emit's bytes, in both formats. */
START_TEST(emit_to_gives_emit_text_in_pieces)
{
	enum { N = 400 };
	struct bg_jobdef *defs[N];

	make_jobs(defs, N);
	for (int f = 0; f < BG_FORMAT__COUNT; f++) {
		struct pieces p = { 0 };
		char *whole = NULL;
		size_t len = 0;

		ck_assert_int_eq(bg_emit((const struct bg_jobdef *const *)defs,
					 N, (enum bg_format)f, &whole, &len),
				 BG_OK);
		ck_assert_int_eq(bg_emit_to((const struct bg_jobdef *const *)
						    defs,
					    N, (enum bg_format)f, gather, &p),
				 BG_OK);
		ck_assert_uint_gt(len, 200000);
		ck_assert_uint_eq(p.len, len);
		ck_assert_mem_eq(p.text, whole, len);
		ck_assert_uint_ge(p.calls, len / (80 * 1024));
		ck_assert_uint_lt(p.largest, 96 * 1024);
		free(p.text);
		free(whole);
	}
	for (size_t i = 0; i < N; i++) {
		bg_jobdef_destroy(defs[i]);
	}
}
END_TEST

/* A write that fails stops the output: BG_ERR_IO, and no further
 * call. */
START_TEST(emit_to_stops_at_a_failed_write)
{
	enum { N = 400 };
	struct bg_jobdef *defs[N];
	struct pieces p = { .fail_at = 2 };

	make_jobs(defs, N);
	ck_assert_int_eq(bg_emit_to((const struct bg_jobdef *const *)defs, N,
				    BG_FORMAT_JSON, gather, &p),
			 BG_ERR_IO);
	ck_assert_uint_eq(p.calls, 2);
	ck_assert_int_eq(bg_emit_to((const struct bg_jobdef *const *)defs, N,
				    BG_FORMAT_JSON, NULL, &p),
			 BG_ERR_ARG);
	free(p.text);
	for (size_t i = 0; i < N; i++) {
		bg_jobdef_destroy(defs[i]);
	}
}
END_TEST

START_TEST(emit_rejects_bad_arguments)
{
	char *out = NULL;
	char sentinel = 'x';
	char *taken = &sentinel;

	ck_assert_int_eq(bg_emit(NULL, 1, BG_FORMAT_JSON, &out, NULL),
			 BG_ERR_ARG);
	ck_assert_int_eq(bg_emit(NULL, 0, BG_FORMAT_JSON, &taken, NULL),
			 BG_ERR_ARG);
	ck_assert_ptr_eq(taken, &sentinel);
	ck_assert_int_eq(bg_emit(NULL, 0, BG_FORMAT__COUNT, &out, NULL),
			 BG_ERR_ARG);
	ck_assert_ptr_null(out);
}
END_TEST

Suite *
test_suite(void)
{
	Suite *s = suite_create("emit");

	add_test(s, ml_training_document_shape);
	add_test(s, fargate_fractional_vcpus_and_network);
	add_test(s, multinode_node_properties);
	add_test(s, output_is_deterministic_and_sorted);
	add_test(s, escape_rule);
	add_test(s, escape_reaches_container_properties);
	add_test(s, labels);
	add_test(s, integers_are_integer_literals);
	add_test(s, emit_rejects_bad_arguments);
	add_test(s, emit_to_gives_emit_text_in_pieces);
	add_test(s, emit_to_stops_at_a_failed_write);
	return s;
}
