/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* The job definition model: lists, numbers, queries, helpers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

START_TEST(kvlist_set_get_overwrite_keeps_position)
{
	struct bg_kvlist l = { 0 };

	ck_assert_int_eq(bg_kvlist_set(&l, "A", "1"), BG_OK);
	ck_assert_int_eq(bg_kvlist_set(&l, "B", "2"), BG_OK);
	ck_assert_int_eq(bg_kvlist_set(&l, "A", "3"), BG_OK);
	ck_assert_uint_eq(l.count, 2);
	ck_assert_str_eq(l.items[0].key, "A");
	ck_assert_str_eq(bg_kvlist_get(&l, "A"), "3");
	ck_assert_str_eq(bg_kvlist_get(&l, "B"), "2");
	ck_assert_ptr_null(bg_kvlist_get(&l, "C"));
	bg_kvlist_finish(&l);
	ck_assert_uint_eq(l.count, 0);
	ck_assert_ptr_null(l.items);
	bg_kvlist_finish(NULL);
}
END_TEST

START_TEST(vcpus_parse_and_format_round_trip)
{
	static const struct {
		const char *text;
		int64_t milli;
		const char *canonical;
	} cases[] = {
		{ "0.25", 250, "0.25" }, { "0.5", 500, "0.5" },
		{ "1", 1000, "1" },	 { "1.0", 1000, "1" },
		{ "16", 16000, "16" },	 { "2.125", 2125, "2.125" },
		{ "0", 0, "0" },
	};
	char buf[24];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t m = -1;
		ck_assert_int_eq(bg_vcpus_parse(cases[i].text, &m), BG_OK);
		ck_assert_int_eq(m, cases[i].milli);
		bg_vcpus_format(m, buf, sizeof(buf));
		ck_assert_str_eq(buf, cases[i].canonical);
	}
}
END_TEST

START_TEST(vcpus_parse_rejects_non_numbers)
{
	static const char *const bad[] = { "",	  "abc", "1.", ".5",
					   "1e3", "-1",	 "0.1234",
					   "1 ",  "99999999999999999999" };
	int64_t m = 42;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(bg_vcpus_parse(bad[i], &m), BG_ERR_ARG);
		ck_assert_int_eq(m, 42);
	}
}
END_TEST

/* The one number rule: every numeric field, spec or command line. */
START_TEST(number_rule)
{
	static const struct {
		const char *text;
		unsigned decimals;
		int64_t value;
		bool respelled;
	} good[] = {
		{ "0", 0, 0, false },	      { "10", 0, 10, false },
		{ "-1", 0, -1, false },	      { "-0.5", 3, -500, false },
		{ "0.25", 3, 250, false },    { "1.0", 3, 1000, true },
		{ "0.50", 3, 500, true },     { "2048.0", 3, 2048000, true },
		{ "9223372036854775807", 0, INT64_MAX, false },
	};
	static const struct {
		const char *text;
		unsigned decimals;
	} bad[] = {
		{ "010", 0 },  { "010", 3 },	{ "00", 0 },	{ "+4", 0 },
		{ ".5", 3 },   { ".5", 0 },	{ "5.", 3 },	{ "2048.0", 0 },
		{ "1e3", 0 },  { "0x10", 0 },	{ "1_000", 0 }, { " 1", 0 },
		{ "1 ", 0 },   { "", 0 },	{ "-", 0 },	{ "0.1234", 3 },
		{ "9223372036854775808", 0 },	{ "9223372036854776", 3 },
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int64_t v = 42;
		bool respelled = !good[i].respelled;
		ck_assert_msg(bg_number_parse(good[i].text, good[i].decimals,
					      &v, &respelled, NULL) == BG_OK,
			      "%s", good[i].text);
		ck_assert_int_eq(v, good[i].value);
		ck_assert_int_eq(respelled, good[i].respelled);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = NULL;
		ck_assert_msg(bg_number_parse(bad[i].text, bad[i].decimals,
					      NULL, NULL, &why) == BG_ERR_ARG,
			      "'%s' accepted", bad[i].text);
		ck_assert_ptr_nonnull(why);
	}
}
END_TEST

START_TEST(vcpus_format_negative)
{
	char buf[32];

	bg_vcpus_format(-500, buf, sizeof(buf));
	ck_assert_str_eq(buf, "-0.5");
	bg_vcpus_format(-1000, buf, sizeof(buf));
	ck_assert_str_eq(buf, "-1");
	bg_vcpus_format(INT64_MIN, buf, sizeof(buf));
	ck_assert_str_eq(buf, "-9223372036854775.808");
}
END_TEST

/* The format is "%s%llu" and the thousandths as "%u", "%02u" or "%03u"
 * without trailing zeros (how it was written with snprintf): the same
 * text for every size of buffer, cut as snprintf cuts. */
static void
vcpus_reference(int64_t milli, char *buf, size_t size)
{
	uint64_t mag = milli < 0 ? 0 - (uint64_t)milli : (uint64_t)milli;
	unsigned long long whole = mag / 1000;
	unsigned frac = (unsigned)(mag % 1000);
	const char *sign = milli < 0 ? "-" : "";

	if (frac == 0) {
		snprintf(buf, size, "%s%llu", sign, whole);
	} else if (frac % 100 == 0) {
		snprintf(buf, size, "%s%llu.%u", sign, whole, frac / 100);
	} else if (frac % 10 == 0) {
		snprintf(buf, size, "%s%llu.%02u", sign, whole, frac / 10);
	} else {
		snprintf(buf, size, "%s%llu.%03u", sign, whole, frac);
	}
}

START_TEST(vcpus_format_is_printf)
{
	static const int64_t edges[] = { 0,	    1,	       5,	 10,
					 50,	    99,	       100,	 120,
					 999,	    1000,      1001,	 1050,
					 2125,	    16000,     -1,	 -5,
					 -1001,	    INT64_MAX, INT64_MIN, INT64_MIN + 1,
					 123456789 };
	uint64_t x = 88172645463325252u;

	for (size_t i = 0; i < 20000; i++) {
		int64_t m;
		char want[40], got[40];
		size_t size;
		if (i < sizeof(edges) / sizeof(edges[0])) {
			m = edges[i];
		} else {
			/* xorshift: every magnitude, both signs */
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			m = (int64_t)(x >> (x % 64));
		}
		size = i % 5 == 0 ? i % 24 : sizeof(got);
		memset(want, 'x', sizeof(want));
		memset(got, 'x', sizeof(got));
		vcpus_reference(m, want, size);
		bg_vcpus_format(m, got, size);
		ck_assert_msg(memcmp(want, got, sizeof(got)) == 0,
			      "%lld (size %zu): '%.40s', not '%.40s'",
			      (long long)m, size, got, want);
	}
}
END_TEST

START_TEST(queries_on_container_job)
{
	struct bg_jobdef *def = make_job("ml-training", "img:1");

	ck_assert(bg_jobdef_is_container_job(def));
	ck_assert(!bg_jobdef_is_multinode_job(def));
	ck_assert(bg_jobdef_supports_ec2(def));
	ck_assert(!bg_jobdef_supports_fargate(def));
	ck_assert(bg_jobdef_has_retry_strategy(def));
	ck_assert(bg_jobdef_has_timeout(def));
	ck_assert_int_eq(bg_jobdef_estimated_memory_mib(def), 16384);
	ck_assert_int_eq(bg_jobdef_estimated_vcpus_milli(def), 8000);
	ck_assert_int_eq(bg_jobdef_estimated_gpus(def), 1);
	bg_jobdef_destroy(def);
}
END_TEST

START_TEST(queries_on_multinode_job_read_node_containers)
{
	struct bg_jobdef *def = make_job("multinode", "img:1");

	ck_assert(bg_jobdef_is_multinode_job(def));
	ck_assert(!bg_jobdef_is_container_job(def));
	ck_assert_ptr_null(def->container);
	ck_assert_int_eq(bg_jobdef_estimated_memory_mib(def), 2048);
	ck_assert_int_eq(bg_jobdef_estimated_vcpus_milli(def), 2000);
	ck_assert_int_eq(bg_jobdef_estimated_gpus(def), 0);
	ck_assert(!bg_jobdef_has_retry_strategy(def));
	ck_assert(!bg_jobdef_has_timeout(def));
	bg_jobdef_destroy(def);
}
END_TEST

START_TEST(supports_ec2_when_no_capabilities)
{
	struct bg_jobdef *def = make_job("simple-container", "img:1");

	ck_assert_uint_eq(def->platform_capability_count, 0);
	ck_assert(bg_jobdef_supports_ec2(def));
	ck_assert(!bg_jobdef_supports_fargate(def));
	bg_jobdef_destroy(def);
	def = make_job("real-time", "img:1");
	ck_assert(!bg_jobdef_supports_ec2(def));
	ck_assert(bg_jobdef_supports_fargate(def));
	bg_jobdef_destroy(def);
}
END_TEST

START_TEST(standard_environment_helper)
{
	struct bg_kvlist env = { 0 };

	ck_assert_int_eq(bg_standard_environment(&env, NULL), BG_OK);
	ck_assert_uint_eq(env.count, 3);
	ck_assert_str_eq(bg_kvlist_get(&env, "AWS_DEFAULT_REGION"),
			 "us-east-1");
	ck_assert_str_eq(bg_kvlist_get(&env, "BATCH_JOB_ID"),
			 "${AWS_BATCH_JOB_ID}");
	ck_assert_str_eq(bg_kvlist_get(&env, "BATCH_JOB_ATTEMPT"),
			 "${AWS_BATCH_JOB_ATTEMPT}");
	ck_assert_int_eq(bg_standard_environment(&env, "eu-west-1"), BG_OK);
	ck_assert_str_eq(bg_kvlist_get(&env, "AWS_DEFAULT_REGION"),
			 "eu-west-1");
	bg_kvlist_finish(&env);
}
END_TEST

START_TEST(volume_and_mount_helpers)
{
	struct bg_volume efs, host;
	struct bg_mount_point mp;

	ck_assert_int_eq(bg_efs_volume(&efs, "data", "fs-123", NULL, NULL,
				       "fsap-1", NULL),
			 BG_OK);
	ck_assert_str_eq(efs.name, "data");
	ck_assert_str_eq(efs.efs->file_system_id, "fs-123");
	ck_assert_str_eq(efs.efs->root_directory, "/");
	ck_assert_str_eq(efs.efs->transit_encryption, "ENABLED");
	ck_assert_str_eq(efs.efs->authorization.access_point_id, "fsap-1");
	ck_assert_ptr_null(efs.efs->authorization.iam);
	ck_assert_int_eq(bg_host_volume(&host, "scratch", "/tmp"), BG_OK);
	ck_assert(host.has_host);
	ck_assert_ptr_null(host.efs);
	ck_assert_str_eq(host.host_source_path, "/tmp");
	ck_assert_int_eq(bg_standard_mount_point(&mp, "data", "/data", true),
			 BG_OK);
	ck_assert_str_eq(mp.source_volume, "data");
	ck_assert_str_eq(mp.container_path, "/data");
	ck_assert(mp.read_only);
	bg_volume_finish(&efs);
	bg_volume_finish(&host);
	bg_mount_point_finish(&mp);
	ck_assert_ptr_null(efs.name);
}
END_TEST

START_TEST(gpu_resource_requirement_helper)
{
	struct bg_container *c = bg_container_create();

	bg_gpu_resource_requirement(c, 4);
	ck_assert(c->gpus.set);
	ck_assert_int_eq(c->gpus.value, 4);
	bg_container_destroy(c);
	bg_container_destroy(NULL);
	bg_jobdef_destroy(NULL);
}
END_TEST

START_TEST(strerror_covers_every_status)
{
	for (int s = 0; s < BG_ERR__COUNT; s++) {
		ck_assert_ptr_nonnull(bg_strerror((enum bg_status)s));
		ck_assert_str_ne(bg_strerror((enum bg_status)s),
				 "unknown status");
	}
	ck_assert_str_eq(bg_strerror(BG_ERR__COUNT), "unknown status");
}
END_TEST

START_TEST(diags_collect_in_order_with_location)
{
	struct bg_diags *d = bg_diags_create();
	const struct bg_diag *x;

	ck_assert_int_eq(bg_diags_add(d, BG_SEV_ERROR, "c1", "f.yaml", 3, 7,
				      "jobs[0].name", "bad %d", 1),
			 BG_OK);
	ck_assert_int_eq(bg_diags_add(d, BG_SEV_WARNING, "c2", NULL, 0, 0,
				      NULL, "warn"),
			 BG_OK);
	ck_assert_uint_eq(bg_diags_count(d), 2);
	ck_assert_uint_eq(bg_diags_count_severity(d, BG_SEV_ERROR), 1);
	x = bg_diags_get(d, 0);
	ck_assert_str_eq(x->file, "f.yaml");
	ck_assert_uint_eq(x->line, 3);
	ck_assert_uint_eq(x->column, 7);
	ck_assert_str_eq(x->message, "bad 1");
	ck_assert_ptr_null(bg_diags_get(d, 2));
	bg_diags_destroy(d);
}
END_TEST

Suite *
test_suite(void)
{
	Suite *s = suite_create("model");

	add_test(s, kvlist_set_get_overwrite_keeps_position);
	add_test(s, vcpus_parse_and_format_round_trip);
	add_test(s, vcpus_parse_rejects_non_numbers);
	add_test(s, number_rule);
	add_test(s, vcpus_format_negative);
	add_test(s, vcpus_format_is_printf);
	add_test(s, queries_on_container_job);
	add_test(s, queries_on_multinode_job_read_node_containers);
	add_test(s, supports_ec2_when_no_capabilities);
	add_test(s, standard_environment_helper);
	add_test(s, volume_and_mount_helpers);
	add_test(s, gpu_resource_requirement_helper);
	add_test(s, strerror_covers_every_status);
	add_test(s, diags_collect_in_order_with_location);
	return s;
}
