/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Built-in templates: the defaults table, composition, precedence,
 * contradictions and scaffolding. */
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

/* The defaults the templates must give (the seed's reference
 * implementation; Fargate memory raised to the smallest valid size). */
static const struct expect {
	const char *name;
	/* The capability written, NULL: none. A template that fixes EC2
	 * writes none (AWS's default, as a job without a template);
	 * batch-processing's defaults list EC2, which is written. */
	const char *platform;
	int64_t vcpus_milli, memory, gpus, retry, timeout;
	const char *tags; /* "K=V,K=V" sorted by key, or "" */
} expected[] = {
	{ "batch-processing", "EC2", 1000, 1024, 0, 5, 7200,
	  "Priority=background,Type=background,Workload=batch-processing" },
	{ "data-processing", NULL, 2000, 4096, 0, 3, 3600,
	  "Type=cpu-intensive,Workload=data-processing" },
	{ "fargate-container", "FARGATE", 1000, 2048, 0, 0, 0, "" },
	{ "gpu-container", NULL, 4000, 8192, 1, 0, 0, "Hardware=gpu" },
	{ "ml-training", NULL, 8000, 16384, 1, 2, 14400,
	  "Hardware=gpu,Type=gpu-intensive,Workload=ml-training" },
	{ "multinode", NULL, 2000, 2048, 0, 0, 0, "Type=multinode" },
	{ "real-time", "FARGATE", 2000, 4096, 0, 1, 300,
	  "Latency=critical,Type=latency-sensitive,Workload=real-time" },
	{ "simple-container", NULL, 1000, 512, 0, 0, 0, "" },
};

static const struct bg_container *
main_container(const struct bg_jobdef *def)
{
	if (def->container != NULL) {
		return def->container;
	}
	return def->node_properties->ranges[0].container;
}

static void
tags_text(const struct bg_kvlist *tags, char *buf, size_t size)
{
	/* Sorted by key, like the expectation. */
	const struct bg_kv *sorted[16];
	size_t n = tags->count < 16 ? tags->count : 16;
	size_t used = 0;

	for (size_t i = 0; i < n; i++) {
		sorted[i] = &tags->items[i];
	}
	for (size_t i = 1; i < n; i++) {
		for (size_t j = i; j > 0 &&
				   strcmp(sorted[j - 1]->key, sorted[j]->key) > 0;
		     j--) {
			const struct bg_kv *t = sorted[j];
			sorted[j] = sorted[j - 1];
			sorted[j - 1] = t;
		}
	}
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		used += (size_t)snprintf(buf + used, size - used, "%s%s=%s",
					 i ? "," : "", sorted[i]->key,
					 sorted[i]->value);
	}
}

START_TEST(builtin_set_has_the_eleven_templates)
{
	/* The eight ECS templates of the table, the ECS multi-container
	 * one and the two EKS ones, in name order. */
	static const char *const names[] = {
		"batch-processing", "data-processing", "ecs-sidecar",
		"eks-container",
		"eks-gpu", "fargate-container", "gpu-container",
		"ml-training", "multinode", "real-time", "simple-container",
	};
	struct bg_template_set *set = NULL;
	struct bg_diags *d = bg_diags_create();

	ck_assert_int_eq(bg_template_set_builtin(&set, d), BG_OK);
	ck_assert_uint_eq(bg_diags_count(d), 0);
	ck_assert_uint_eq(bg_template_set_count(set), (sizeof(names) / sizeof(names[0])));
	for (size_t i = 0; i < (sizeof(names) / sizeof(names[0])); i++) {
		struct bg_template_info info;
		ck_assert_int_eq(bg_template_info(set, i, &info), BG_OK);
		ck_assert_str_eq(info.name, names[i]);
		ck_assert(strlen(info.description) > 0);
		ck_assert(bg_template_exists(set, names[i]));
	}
	ck_assert(!bg_template_exists(set, "nope"));
	bg_template_set_destroy(set);
	bg_diags_destroy(d);
}
END_TEST

/* The EKS templates: one container; vCPUs, memory (Mi) and GPUs are its
 * requests and limits alike; no platform, no container properties. */
START_TEST(eks_templates_make_a_pod)
{
	static const struct {
		const char *name, *want[4];
	} cases[] = {
		{ "eks-container",
		  { "cpu    = \"1\"", "memory = \"2048Mi\"", NULL, NULL } },
		{ "eks-gpu",
		  { "cpu              = \"4\"",
		    "memory           = \"16384Mi\"",
		    "\"nvidia.com/gpu\" = \"1\"", NULL } },
	};

	for (size_t i = 0; i < (sizeof(cases) / sizeof(cases[0])); i++) {
		struct bg_jobdef *def = make_job(cases[i].name, "img:1");
		const struct bg_jobdef *one[1] = { def };
		char *out = NULL;
		ck_assert_ptr_null(def->container);
		ck_assert_ptr_null(def->node_properties);
		ck_assert_uint_eq(def->platform_capability_count, 0);
		ck_assert(!bg_jobdef_supports_ec2(def));
		ck_assert_int_eq(bg_emit(one, 1, BG_FORMAT_HCL, &out, NULL),
				 BG_OK);
		ck_assert_ptr_nonnull(strstr(out, "eks_properties {"));
		ck_assert_ptr_nonnull(strstr(out, "image = \"img:1\""));
		for (size_t k = 0; cases[i].want[k] != NULL; k++) {
			/* in limits and in requests */
			const char *first = strstr(out, cases[i].want[k]);
			ck_assert_msg(first != NULL, "%s: no %s", cases[i].name,
				      cases[i].want[k]);
			ck_assert_ptr_nonnull(strstr(first + 1,
						     cases[i].want[k]));
		}
		ck_assert_ptr_null(strstr(out, "container_properties"));
		free(out);
		bg_jobdef_destroy(def);
	}
}
END_TEST

/* The ECS template: one task; the options make its essential main
 * container, the roles go to the task, and the log router stays as the
 * template has it. Options with no place in a task are refused. */
START_TEST(ecs_template_makes_a_task)
{
	struct bg_template_set *set = NULL;
	struct bg_diags *d = bg_diags_create();
	struct bg_job_options o = { 0 };
	struct bg_jobdef *def = NULL;
	const struct bg_jobdef *one[1];
	char *out = NULL;

	ck_assert_int_eq(bg_template_set_builtin(&set, d), BG_OK);
	ck_assert_int_eq(bg_job_options_set(&o, "image", "app:1", d), BG_OK);
	ck_assert_int_eq(bg_job_options_set(&o, "memory", "4096", d), BG_OK);
	ck_assert_int_eq(bg_job_options_set(&o, "job-role-arn",
					    "arn:aws:iam::123456789012:role/j",
					    d),
			 BG_OK);
	ck_assert_int_eq(bg_template_apply(set, "ecs-sidecar", &o, &def, d),
			 BG_OK);
	ck_assert_ptr_null(def->container);
	ck_assert_ptr_nonnull(def->ecs_properties);
	ck_assert_uint_eq(bg_jobdef_container_count(def), 2);
	/* 1 vCPU and 4096 MiB, and the router's 1 and 256 */
	ck_assert_int_eq(bg_jobdef_estimated_vcpus_milli(def), 2000);
	ck_assert_int_eq(bg_jobdef_estimated_memory_mib(def), 4352);
	one[0] = def;
	ck_assert_int_eq(bg_emit(one, 1, BG_FORMAT_JSON, &out, NULL), BG_OK);
	ck_assert_ptr_nonnull(strstr(out, "\\\"image\\\":\\\"app:1\\\""));
	ck_assert_ptr_nonnull(strstr(out, "\\\"taskRoleArn\\\""));
	ck_assert_ptr_nonnull(strstr(out, "\\\"firelensConfiguration\\\""));
	ck_assert_ptr_null(strstr(out, "jobRoleArn"));
	ck_assert_ptr_null(strstr(out, "container_properties"));
	free(out);
	bg_jobdef_destroy(def);
	def = NULL;
	/* Task storage is not an option of the template: refused. */
	ck_assert_int_eq(bg_job_options_set(&o, "ephemeral-storage", "30", d),
			 BG_OK);
	ck_assert_int_eq(bg_template_apply(set, "ecs-sidecar", &o, &def, d),
			 BG_ERR_INVALID);
	ck_assert_ptr_null(def);
	bg_job_options_finish(&o);
	bg_template_set_destroy(set);
	bg_diags_destroy(d);
}
END_TEST

START_TEST(template_defaults_match_the_table)
{
	int i = _i;
	const struct expect *e = &expected[i];
	struct bg_jobdef *def = make_job(e->name, "img:1");
	const struct bg_container *c = main_container(def);
	struct bg_diags *d = bg_diags_create();
	char tags[256];

	ck_assert_str_eq(def->name, e->name);
	if (e->platform == NULL) {
		ck_assert_uint_eq(def->platform_capability_count, 0);
	} else {
		ck_assert_uint_eq(def->platform_capability_count, 1);
		ck_assert_str_eq(def->platform_capabilities[0], e->platform);
	}
	ck_assert_int_eq(c->vcpus_milli.value, e->vcpus_milli);
	ck_assert_int_eq(c->memory.value, e->memory);
	ck_assert_int_eq(c->gpus.set ? c->gpus.value : 0, e->gpus);
	ck_assert_int_eq(def->retry_attempts.set ? def->retry_attempts.value
						 : 0,
			 e->retry);
	ck_assert_int_eq(def->timeout_seconds.set ? def->timeout_seconds.value
						  : 0,
			 e->timeout);
	tags_text(&def->tags, tags, sizeof(tags));
	ck_assert_str_eq(tags, e->tags);
	/* Every template with an image and (on Fargate) a role is valid. */
	if (bg_jobdef_supports_fargate(def)) {
		ck_assert_ptr_nonnull(c->execution_role_arn);
		ck_assert_str_eq(c->assign_public_ip, "DISABLED");
	}
	ck_assert_int_eq(bg_validate(def, NULL, d), BG_OK);
	bg_jobdef_destroy(def);
	bg_diags_destroy(d);
}
END_TEST

START_TEST(fargate_templates_fix_latest_and_no_public_ip)
{
	struct bg_jobdef *def = make_job("fargate-container", "img:1");

	ck_assert_str_eq(def->container->platform_version, "LATEST");
	ck_assert_str_eq(def->container->assign_public_ip, "DISABLED");
	bg_jobdef_destroy(def);
}
END_TEST

START_TEST(multinode_defaults_two_nodes_one_range)
{
	struct bg_jobdef *def = make_job("multinode", "img:1");
	const struct bg_node_properties *np = def->node_properties;

	ck_assert_str_eq(def->type, "multinode");
	ck_assert_int_eq(np->num_nodes.value, 2);
	ck_assert_int_eq(np->main_node.value, 0);
	ck_assert_uint_eq(np->range_count, 1);
	ck_assert_str_eq(np->ranges[0].target_nodes, "0:1");
	ck_assert_str_eq(np->ranges[0].container->image, "img:1");
	bg_jobdef_destroy(def);
}
END_TEST

static enum bg_status
apply(const char *tmpl, struct bg_job_options *o, struct bg_jobdef **def,
      struct bg_diags *d)
{
	struct bg_template_set *set = NULL;
	enum bg_status st;

	ck_assert_int_eq(bg_template_set_builtin(&set, d), BG_OK);
	st = bg_template_apply(set, tmpl, o, def, d);
	bg_template_set_destroy(set);
	return st;
}

START_TEST(user_values_win_over_defaults)
{
	struct bg_job_options o = { 0 };
	struct bg_diags *d = bg_diags_create();
	struct bg_jobdef *def = NULL;

	o.name = strdup("train");
	o.c.image = strdup("img:2");
	o.c.gpus = (struct bg_opt_int){ .set = true, .value = 4 };
	o.c.memory = (struct bg_opt_int){ .set = true, .value = 32768 };
	o.retry_attempts = (struct bg_opt_int){ .set = true, .value = 1 };
	bg_kvlist_set(&o.tags, "Hardware", "a100");
	bg_kvlist_set(&o.tags, "Team", "ml");
	ck_assert_int_eq(apply("ml-training", &o, &def, d), BG_OK);
	ck_assert_str_eq(def->name, "train");
	ck_assert_str_eq(def->label, "train");
	ck_assert_int_eq(def->container->gpus.value, 4);
	ck_assert_int_eq(def->container->memory.value, 32768);
	ck_assert_int_eq(def->container->vcpus_milli.value, 8000);
	ck_assert_int_eq(def->retry_attempts.value, 1);
	ck_assert_int_eq(def->timeout_seconds.value, 14400);
	ck_assert_str_eq(bg_kvlist_get(&def->tags, "Hardware"), "a100");
	ck_assert_str_eq(bg_kvlist_get(&def->tags, "Team"), "ml");
	ck_assert_str_eq(bg_kvlist_get(&def->tags, "Workload"), "ml-training");
	ck_assert_uint_eq(def->variable_count, 0);
	bg_jobdef_destroy(def);
	bg_job_options_finish(&o);
	bg_diags_destroy(d);
}
END_TEST

START_TEST(contradicting_fixed_platform_is_an_error)
{
	struct bg_job_options o = { 0 };
	struct bg_diags *d = bg_diags_create();
	struct bg_jobdef *def = NULL;
	char *fargate[] = { "FARGATE" };

	o.platform_capabilities = fargate;
	o.platform_capability_count = 1;
	ck_assert_int_eq(apply("gpu-container", &o, &def, d), BG_ERR_INVALID);
	ck_assert_ptr_null(def);
	assert_diag(d, "template-conflict", "platform_capabilities",
		    "template 'gpu-container' runs on EC2 only");
	bg_diags_destroy(d);
}
END_TEST

START_TEST(nodes_on_single_container_template_is_an_error)
{
	struct bg_job_options o = { 0 };
	struct bg_diags *d = bg_diags_create();
	struct bg_jobdef *def = NULL;

	o.num_nodes = (struct bg_opt_int){ .set = true, .value = 4 };
	o.main_node = (struct bg_opt_int){ .set = true, .value = 1 };
	ck_assert_int_eq(apply("simple-container", &o, &def, d),
			 BG_ERR_INVALID);
	ck_assert_ptr_null(def);
	assert_diag(d, "template-option", "num_nodes", "multinode jobs only");
	assert_diag(d, "template-option", "main_node", "multinode jobs only");
	bg_diags_destroy(d);
}
END_TEST

START_TEST(unknown_template_is_reported)
{
	struct bg_job_options o = { 0 };
	struct bg_diags *d = bg_diags_create();
	struct bg_jobdef *def = NULL;

	ck_assert_int_eq(apply("no-such", &o, &def, d), BG_ERR_TEMPLATE);
	ck_assert_ptr_null(def);
	assert_diag(d, "template-unknown", NULL, "unknown template 'no-such'");
	bg_diags_destroy(d);
}
END_TEST

START_TEST(missing_image_and_role_become_input_variables)
{
	struct bg_job_options o = { 0 };
	struct bg_diags *d = bg_diags_create();
	struct bg_jobdef *def = NULL;

	ck_assert_int_eq(apply("real-time", &o, &def, d), BG_OK);
	ck_assert_str_eq(def->container->image, "${var.real_time_image}");
	ck_assert_str_eq(def->container->execution_role_arn,
			 "${var.real_time_execution_role_arn}");
	ck_assert_uint_eq(def->variable_count, 2);
	ck_assert_str_eq(def->variables[0].name,
			 "real_time_execution_role_arn");
	ck_assert_str_eq(def->variables[1].name, "real_time_image");
	ck_assert_uint_eq(bg_diags_count_severity(d, BG_SEV_NOTE), 2);
	ck_assert_uint_eq(bg_diags_count_severity(d, BG_SEV_ERROR), 0);
	/* A reference is a valid execution role. */
	ck_assert_int_eq(bg_validate(def, NULL, d), BG_OK);
	bg_jobdef_destroy(def);
	bg_diags_destroy(d);
}
END_TEST

START_TEST(platform_fargate_on_open_template_scaffolds_role)
{
	struct bg_job_options o = { 0 };
	struct bg_diags *d = bg_diags_create();
	struct bg_jobdef *def = NULL;
	char *fargate[] = { "FARGATE" };

	o.platform_capabilities = fargate;
	o.platform_capability_count = 1;
	o.c.image = "img:1";
	/* data-processing defaults (2 vCPU / 4096 MiB) are a Fargate size. */
	ck_assert_int_eq(apply("data-processing", &o, &def, d), BG_OK);
	ck_assert_str_eq(def->platform_capabilities[0], "FARGATE");
	ck_assert_str_eq(def->container->assign_public_ip, "DISABLED");
	ck_assert_uint_eq(def->variable_count, 1);
	ck_assert_int_eq(bg_validate(def, NULL, d), BG_OK);
	bg_jobdef_destroy(def);
	bg_diags_destroy(d);
}
END_TEST

START_TEST(seed_template_functions)
{
	struct bg_diags *d = bg_diags_create();
	struct bg_jobdef *def = NULL;
	struct bg_job_options o = { 0 };

	o.c.vcpus_milli = (struct bg_opt_int){ .set = true, .value = 8000 };
	o.c.memory = (struct bg_opt_int){ .set = true, .value = 32768 };
	o.c.gpus = (struct bg_opt_int){ .set = true, .value = 2 };
	ck_assert_int_eq(bg_ml_training_job("test-ml-job",
					    "tensorflow:latest-gpu", &o, &def,
					    d),
			 BG_OK);
	ck_assert_str_eq(def->name, "test-ml-job");
	ck_assert_str_eq(def->container->image, "tensorflow:latest-gpu");
	ck_assert_int_eq(def->container->gpus.value, 2);
	bg_jobdef_destroy(def);
	def = NULL;

	/* Each function builds its own template. */
	ck_assert_int_eq(bg_simple_container_job("a", "i", NULL, &def, d),
			 BG_OK);
	bg_jobdef_destroy(def);
	def = NULL;
	ck_assert_int_eq(bg_gpu_container_job("a", "i", NULL, &def, d), BG_OK);
	ck_assert_int_eq(def->container->gpus.value, 1);
	bg_jobdef_destroy(def);
	def = NULL;
	ck_assert_int_eq(bg_multinode_job("a", "i", NULL, &def, d), BG_OK);
	ck_assert(bg_jobdef_is_multinode_job(def));
	bg_jobdef_destroy(def);
	def = NULL;
	ck_assert_int_eq(bg_data_processing_job("a", "i", NULL, &def, d),
			 BG_OK);
	ck_assert_int_eq(def->retry_attempts.value, 3);
	bg_jobdef_destroy(def);
	def = NULL;
	ck_assert_int_eq(bg_batch_processing_job("a", "i", NULL, &def, d),
			 BG_OK);
	ck_assert_int_eq(def->retry_attempts.value, 5);
	bg_jobdef_destroy(def);
	def = NULL;
	/* Fargate templates scaffold the execution role, so they validate. */
	ck_assert_int_eq(bg_fargate_container_job("a", "i", NULL, &def, d),
			 BG_OK);
	bg_jobdef_destroy(def);
	def = NULL;
	ck_assert_int_eq(bg_real_time_job("a", "i", NULL, &def, d), BG_OK);
	ck_assert_int_eq(def->timeout_seconds.value, 300);
	bg_jobdef_destroy(def);
	def = NULL;

	/* Validation errors come back with nothing built. */
	ck_assert_int_eq(bg_simple_container_job("bad name!", "i", NULL, &def,
						 d),
			 BG_ERR_INVALID);
	ck_assert_ptr_null(def);
	assert_diag(d, "name-charset", "name", "can only contain");
	bg_diags_destroy(d);
}
END_TEST

Suite *
test_suite(void)
{
	Suite *s = suite_create("template");
	TCase *tc;

	add_test(s, builtin_set_has_the_eleven_templates);
	add_test(s, eks_templates_make_a_pod);
	add_test(s, ecs_template_makes_a_task);
	tc = tcase_create("template_defaults_match_the_table");
	tcase_add_loop_test(tc, template_defaults_match_the_table, 0,
			    (int)(sizeof(expected) / sizeof(expected[0])));
	suite_add_tcase(s, tc);
	add_test(s, fargate_templates_fix_latest_and_no_public_ip);
	add_test(s, multinode_defaults_two_nodes_one_range);
	add_test(s, user_values_win_over_defaults);
	add_test(s, contradicting_fixed_platform_is_an_error);
	add_test(s, nodes_on_single_container_template_is_an_error);
	add_test(s, unknown_template_is_reported);
	add_test(s, missing_image_and_role_become_input_variables);
	add_test(s, platform_fargate_on_open_template_scaffolds_role);
	add_test(s, seed_template_functions);
	return s;
}
