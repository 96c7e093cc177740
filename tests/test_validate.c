/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Validation: one test per rule and message. Each starts from a valid
 * job, breaks one thing, and expects that rule's code, path and text. */
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

static struct bg_diags *diags;

static void
setup(void)
{
	diags = bg_diags_create();
}

static void
teardown(void)
{
	bg_diags_destroy(diags);
}

static void
set(char **field, const char *value)
{
	free(*field);
	*field = value != NULL ? strdup(value) : NULL;
}

static void
expect_invalid(struct bg_jobdef *def)
{
	ck_assert_int_eq(bg_validate(def, NULL, diags), BG_ERR_INVALID);
	bg_jobdef_destroy(def);
}

static void
expect_valid(struct bg_jobdef *def)
{
	enum bg_status st = bg_validate(def, NULL, diags);

	for (size_t i = 0; st != BG_OK && i < bg_diags_count(diags); i++) {
		bg_diag_print(bg_diags_get(diags, i), stderr);
	}
	ck_assert_int_eq(st, BG_OK);
	bg_jobdef_destroy(def);
}

START_TEST(name_too_long_or_empty)
{
	struct bg_jobdef *def = make_job("simple-container", "img");
	char name[130];

	memset(name, 'a', 129);
	name[129] = '\0';
	set(&def->name, name);
	expect_invalid(def);
	assert_diag(diags, "name-length", "name",
		    "Job definition name must be between 1 and 128 characters");

	def = make_job("simple-container", "img");
	name[128] = '\0';
	set(&def->name, name);
	expect_valid(def);

	def = make_job("simple-container", "img");
	set(&def->name, "");
	expect_invalid(def);
	assert_diag(diags, "name-length", "name", "between 1 and 128");
}
END_TEST

START_TEST(name_invalid_characters)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	set(&def->name, "invalid@job-name!");
	expect_invalid(def);
	assert_diag(diags, "name-charset", "name",
		    "Job definition name can only contain letters, numbers, "
		    "hyphens, and underscores");
}
END_TEST

START_TEST(name_must_start_alphanumeric)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	set(&def->name, "_job");
	expect_invalid(def);
	assert_diag(diags, "name-start", "name",
		    "must start with a letter or number");
	ck_assert_ptr_null(find_diag(diags, "name-charset", NULL));
}
END_TEST

START_TEST(type_must_be_known)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	set(&def->type, "batch");
	expect_invalid(def);
	assert_diag(diags, "type", "type",
		    "Job type must be 'container' or 'multinode'");
}
END_TEST

START_TEST(type_must_match_properties)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	set(&def->type, "multinode");
	expect_invalid(def);
	assert_diag(diags, "type-properties", "container_properties",
		    "not container_properties");
	assert_diag(diags, "type-properties", "node_properties",
		    "must include node_properties");
}
END_TEST

START_TEST(platform_capability_invalid)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	def->platform_capabilities = calloc(1, sizeof(char *));
	def->platform_capabilities[0] = strdup("INVALID_PLATFORM");
	def->platform_capability_count = 1;
	expect_invalid(def);
	assert_diag(diags, "platform-capability", "platform_capabilities[0]",
		    "Invalid platform capability 'INVALID_PLATFORM'. Valid: "
		    "EC2, FARGATE");
}
END_TEST

START_TEST(platform_capability_only_one)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	def->platform_capabilities = calloc(2, sizeof(char *));
	def->platform_capabilities[0] = strdup("EC2");
	def->platform_capabilities[1] = strdup("FARGATE");
	def->platform_capability_count = 2;
	expect_invalid(def);
	assert_diag(diags, "platform-count", "platform_capabilities",
		    "one platform");
}
END_TEST

START_TEST(image_required)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	set(&def->container->image, "");
	expect_invalid(def);
	assert_diag(diags, "image", "container_properties.image",
		    "Container properties must include a non-empty 'image' "
		    "field");
}
END_TEST

START_TEST(vcpus_and_memory_required)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	def->container->vcpus_milli.set = false;
	def->container->memory.set = false;
	expect_invalid(def);
	assert_diag(diags, "resources-required", "container_properties",
		    "vcpus and memory");
}
END_TEST

START_TEST(vcpus_positive_integer_on_ec2)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	def->container->vcpus_milli.value = 0;
	def->container->memory.value = -1;
	expect_invalid(def);
	assert_diag(diags, "vcpus", "container_properties.vcpus",
		    "vCPUs must be a positive integer");
	/* Both problems are reported, not just the first. */
	assert_diag(diags, "memory", "container_properties.memory",
		    "Memory must be a positive integer (MB)");

	def = make_job("gpu-container", "img");
	def->container->vcpus_milli.value = 500;
	expect_invalid(def);
	assert_diag(diags, "vcpus", "container_properties.vcpus",
		    "fractional vCPUs are for Fargate only");
}
END_TEST

START_TEST(memory_at_least_4_mib)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	def->container->memory.value = 3;
	expect_invalid(def);
	assert_diag(diags, "memory", "container_properties.memory",
		    "between 4 and");
	def = make_job("simple-container", "img");
	def->container->memory.value = 4;
	expect_valid(def);
}
END_TEST

START_TEST(gpus_positive)
{
	struct bg_jobdef *def = make_job("gpu-container", "img");

	def->container->gpus.value = 0;
	expect_invalid(def);
	assert_diag(diags, "gpus", "container_properties.gpus",
		    "GPUs must be a positive integer");
}
END_TEST

START_TEST(fargate_sizes_at_the_edges)
{
	static const struct {
		int64_t vcpus, memory;
		bool ok;
	} cases[] = {
		{ 250, 512, true },	   { 250, 2048, true },
		{ 250, 4096, false },	   { 500, 1024, true },
		{ 500, 4096, true },	   { 500, 5120, false },
		{ 1000, 2048, true },	   { 1000, 1024, false },
		{ 2000, 4096, true },	   { 2000, 16384, true },
		{ 2000, 2000, false },	   { 4000, 30720, true },
		{ 8000, 16384, true },	   { 8000, 20480, true },
		{ 8000, 17408, false },	   { 16000, 122880, true },
		{ 16000, 131072, false },  { 16000, 36864, false },
		{ 32000, 249856, true },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bg_jobdef *def = make_job("fargate-container", "img");
		def->container->vcpus_milli.value = cases[i].vcpus;
		def->container->memory.value = cases[i].memory;
		ck_assert_msg((bg_validate(def, NULL, diags) == BG_OK) ==
				      cases[i].ok,
			      "case %zu: %lld/%lld", i,
			      (long long)cases[i].vcpus,
			      (long long)cases[i].memory);
		bg_jobdef_destroy(def);
	}
}
END_TEST

START_TEST(fargate_size_message_names_allowed_values)
{
	struct bg_jobdef *def = make_job("real-time", "img");

	def->container->memory.value = 2000;
	expect_invalid(def);
	assert_diag(diags, "fargate-size", "container_properties.memory",
		    "Fargate 2 vCPU takes 4096-16384 MiB in 1024 MiB steps; "
		    "got 2000");

	def = make_job("fargate-container", "img");
	def->container->vcpus_milli.value = 250;
	def->container->memory.value = 4096;
	expect_invalid(def);
	assert_diag(diags, "fargate-size", "container_properties.memory",
		    "Fargate 0.25 vCPU takes 512, 1024 or 2048 MiB; got 4096");

	def = make_job("fargate-container", "img");
	def->container->vcpus_milli.value = 3000;
	expect_invalid(def);
	assert_diag(diags, "fargate-size", "container_properties.vcpus",
		    "Fargate vCPUs must be one of 0.25, 0.5, 1, 2, 4, 8, 16");
}
END_TEST

START_TEST(fargate_32_vcpu_is_a_warning)
{
	struct bg_jobdef *def = make_job("fargate-container", "img");

	def->container->vcpus_milli.value = 32000;
	def->container->memory.value = 122880;
	expect_valid(def);
	assert_diag(diags, "fargate-32-vcpu", "container_properties.memory",
		    "32 vCPU");
}
END_TEST

START_TEST(fargate_forbids_gpu_and_privileged)
{
	struct bg_jobdef *def = make_job("fargate-container", "img");

	bg_gpu_resource_requirement(def->container, 1);
	def->container->privileged = (struct bg_opt_bool){ .set = true, .value = true };
	expect_invalid(def);
	assert_diag(diags, "fargate-gpu", "container_properties.gpus",
		    "GPU resources are not supported on Fargate");
	assert_diag(diags, "fargate-privileged",
		    "container_properties.privileged",
		    "Privileged containers are not supported on Fargate");
}
END_TEST

START_TEST(fargate_requires_execution_role)
{
	struct bg_jobdef *def = make_job("fargate-container", "img");

	set(&def->container->execution_role_arn, NULL);
	expect_invalid(def);
	assert_diag(diags, "fargate-execution-role",
		    "container_properties.execution_role_arn",
		    "Fargate jobs require an execution role ARN");
}
END_TEST

START_TEST(fargate_forbids_host_volumes)
{
	struct bg_jobdef *def = make_job("fargate-container", "img");

	def->container->volumes = calloc(1, sizeof(struct bg_volume));
	bg_host_volume(&def->container->volumes[0], "scratch", "/tmp");
	def->container->volume_count = 1;
	expect_invalid(def);
	assert_diag(diags, "fargate-host-volume",
		    "container_properties.volumes[0]",
		    "Host volumes are not supported on Fargate");
}
END_TEST

START_TEST(fargate_multinode_rejected)
{
	struct bg_jobdef *def = make_job("multinode", "img");

	/* The template fixes EC2 and writes none: ask for Fargate. */
	ck_assert_uint_eq(def->platform_capability_count, 0);
	def->platform_capabilities = calloc(1, sizeof(char *));
	def->platform_capability_count = 1;
	set(&def->platform_capabilities[0], "FARGATE");
	expect_invalid(def);
	assert_diag(diags, "fargate-multinode", "platform_capabilities",
		    "Multi-node jobs run on EC2 only");
}
END_TEST

START_TEST(fargate_settings_rejected_on_ec2)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	set(&def->container->assign_public_ip, "ENABLED");
	set(&def->container->platform_version, "LATEST");
	expect_invalid(def);
	assert_diag(diags, "fargate-only",
		    "container_properties.network_configuration."
		    "assign_public_ip",
		    "for Fargate jobs only");
	assert_diag(diags, "fargate-only",
		    "container_properties.fargate_platform_configuration."
		    "platform_version",
		    "for Fargate jobs only");
}
END_TEST

START_TEST(assign_public_ip_and_platform_version_values)
{
	struct bg_jobdef *def = make_job("fargate-container", "img");

	set(&def->container->assign_public_ip, "YES");
	set(&def->container->platform_version, "newest");
	expect_invalid(def);
	assert_diag(diags, "assign-public-ip",
		    "container_properties.network_configuration."
		    "assign_public_ip",
		    "ENABLED or DISABLED; got 'YES'");
	assert_diag(diags, "platform-version",
		    "container_properties.fargate_platform_configuration."
		    "platform_version",
		    "LATEST or a version such as 1.4.0");
	def = make_job("fargate-container", "img");
	set(&def->container->platform_version, "1.4.0");
	expect_valid(def);
}
END_TEST

START_TEST(role_arns_of_every_partition_and_references)
{
	static const char *const good[] = {
		"arn:aws:iam::123456789012:role/batch",
		"arn:aws-us-gov:iam::123456789012:role/batch",
		"arn:aws-cn:iam::123456789012:role/path/to/batch",
		"${aws_iam_role.job.arn}",
		"${var.job_role_arn}",
	};
	static const char *const bad[] = {
		"arn:aws:s3:::bucket",
		"arn:aws:iam::12345:role/x",
		"role/batch",
		"${AWS_ROLE}",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct bg_jobdef *def = make_job("simple-container", "img");
		set(&def->container->job_role_arn, good[i]);
		expect_valid(def);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct bg_jobdef *def = make_job("simple-container", "img");
		set(&def->container->job_role_arn, bad[i]);
		set(&def->container->execution_role_arn, bad[i]);
		expect_invalid(def);
		assert_diag(diags, "role-arn",
			    "container_properties.job_role_arn",
			    "Job role ARN must be a valid IAM role ARN");
		assert_diag(diags, "role-arn",
			    "container_properties.execution_role_arn",
			    "Execution role ARN must be a valid IAM role ARN");
	}
}
END_TEST

START_TEST(environment_needs_name_and_value)
{
	struct bg_jobdef *def = make_job("simple-container", "img");

	bg_kvlist_set(&def->container->environment, "OK", "1");
	bg_kvlist_set(&def->container->environment, "", "x");
	bg_kvlist_set(&def->container->environment, "NOVALUE", NULL);
	expect_invalid(def);
	assert_diag(diags, "environment", "container_properties.environment[1]",
		    "Environment variable 1 must have 'name' and 'value' "
		    "fields");
	assert_diag(diags, "environment", "container_properties.environment[2]",
		    "Environment variable 2 must have 'name' and 'value' "
		    "fields");
}
END_TEST

START_TEST(mount_points_need_fields_and_volume)
{
	struct bg_jobdef *def = make_job("simple-container", "img");
	struct bg_container *c = def->container;

	c->volumes = calloc(2, sizeof(*c->volumes));
	bg_host_volume(&c->volumes[0], "data", "/data");
	bg_efs_volume(&c->volumes[1], "", "", NULL, NULL, NULL, NULL);
	c->volume_count = 2;
	c->mount_points = calloc(3, sizeof(*c->mount_points));
	bg_standard_mount_point(&c->mount_points[0], "data", "/data", false);
	bg_standard_mount_point(&c->mount_points[1], "", "", false);
	bg_standard_mount_point(&c->mount_points[2], "other", "/o", true);
	c->mount_point_count = 3;
	expect_invalid(def);
	assert_diag(diags, "mount-point", "container_properties.mount_points[1]",
		    "Mount point 1 must include non-empty 'source_volume'");
	assert_diag(diags, "mount-point-volume",
		    "container_properties.mount_points[2]",
		    "refers to volume 'other'");
	assert_diag(diags, "volume-name", "container_properties.volumes[1]",
		    "Volume 1 must have a 'name' field");
	assert_diag(diags, "efs-file-system", "container_properties.volumes[1]",
		    "file_system_id");
	ck_assert_ptr_null(find_diag(diags, "mount-point",
				     "container_properties.mount_points[0]"));
}
END_TEST

START_TEST(mount_point_container_path_message)
{
	struct bg_jobdef *def = make_job("simple-container", "img");
	struct bg_container *c = def->container;

	c->volumes = calloc(1, sizeof(*c->volumes));
	bg_host_volume(&c->volumes[0], "data", NULL);
	c->volume_count = 1;
	c->mount_points = calloc(1, sizeof(*c->mount_points));
	bg_standard_mount_point(&c->mount_points[0], "data", "", false);
	c->mount_point_count = 1;
	expect_invalid(def);
	assert_diag(diags, "mount-point", "container_properties.mount_points[0]",
		    "Mount point 0 must include non-empty 'container_path'");
}
END_TEST

START_TEST(duplicate_volume_names)
{
	struct bg_jobdef *def = make_job("simple-container", "img");
	struct bg_container *c = def->container;

	c->volumes = calloc(2, sizeof(*c->volumes));
	bg_host_volume(&c->volumes[0], "data", NULL);
	bg_host_volume(&c->volumes[1], "data", NULL);
	c->volume_count = 2;
	expect_invalid(def);
	assert_diag(diags, "volume-name", "container_properties.volumes[1]",
		    "used twice");
}
END_TEST

START_TEST(node_properties_messages)
{
	struct bg_jobdef *def = make_job("multinode", "img");
	struct bg_node_properties *np = def->node_properties;

	np->main_node.value = -1;
	np->num_nodes.value = 0;
	set(&np->ranges[0].target_nodes, NULL);
	np->ranges[0].container->vcpus_milli.value = 0;
	expect_invalid(def);
	assert_diag(diags, "node-main", "node_properties.main_node",
		    "Node properties must include a non-negative main_node "
		    "index");
	assert_diag(diags, "node-num", "node_properties.num_nodes",
		    "Node properties must include a positive num_nodes value");
	assert_diag(diags, "node-target",
		    "node_properties.node_range_properties[0]",
		    "Node range property 0 must include target_nodes string");
	/* Node containers get the container rules, with their own path. */
	assert_diag(diags, "vcpus",
		    "node_properties.node_range_properties[0].container.vcpus",
		    "vCPUs must be a positive integer");
}
END_TEST

START_TEST(node_ranges_required_and_main_below_num)
{
	struct bg_jobdef *def = make_job("multinode", "img");
	struct bg_node_properties *np = def->node_properties;

	np->has_ranges = false;
	np->main_node.value = 2;
	expect_invalid(def);
	assert_diag(diags, "node-ranges", "node_properties.node_range_properties",
		    "Node properties must include node_range_properties array");
	assert_diag(diags, "node-main", "node_properties.main_node",
		    "less than num_nodes (2)");
}
END_TEST

START_TEST(retry_attempts_between_1_and_10)
{
	int64_t values[] = { 0, 11, 1, 10 };

	for (size_t i = 0; i < 4; i++) {
		struct bg_jobdef *def = make_job("data-processing", "img");
		def->retry_attempts.value = values[i];
		if (i < 2) {
			expect_invalid(def);
			assert_diag(diags, "retry-attempts",
				    "retry_strategy.attempts",
				    "Retry attempts must be between 1 and 10");
		} else {
			expect_valid(def);
		}
	}
}
END_TEST

START_TEST(timeout_at_least_60)
{
	struct bg_jobdef *def = make_job("data-processing", "img");

	def->timeout_seconds.value = 59;
	expect_invalid(def);
	assert_diag(diags, "timeout", "timeout.attempt_duration_seconds",
		    "Timeout duration must be at least 60 seconds");
	def = make_job("data-processing", "img");
	def->timeout_seconds.value = 60;
	expect_valid(def);
}
END_TEST

START_TEST(path_prefix_is_applied)
{
	struct bg_jobdef *def = make_job("data-processing", "img");

	def->timeout_seconds.value = 1;
	ck_assert_int_eq(bg_validate(def, "jobs[2]", diags), BG_ERR_INVALID);
	assert_diag(diags, "timeout", "jobs[2].timeout.attempt_duration_seconds",
		    "at least 60");
	bg_jobdef_destroy(def);
}
END_TEST

START_TEST(all_problems_reported_at_once)
{
	struct bg_jobdef *def = make_job("data-processing", "img");

	set(&def->name, "bad name");
	set(&def->container->image, "");
	def->container->vcpus_milli.value = 0;
	def->container->memory.value = 0;
	def->retry_attempts.value = 20;
	def->timeout_seconds.value = 5;
	expect_invalid(def);
	ck_assert_uint_eq(bg_diags_count_severity(diags, BG_SEV_ERROR), 6);
}
END_TEST

/* Each forbidden setting is its own diagnostic, not just the first. */
START_TEST(every_forbidden_setting_is_reported)
{
	struct bg_jobdef *def = make_job("fargate-container", "img");
	struct bg_container_extras *x = &def->container->extras;

	set(&def->container->execution_role_arn,
	    "arn:aws:iam::123456789012:role/exec");
	x->linux_parameters = calloc(1, sizeof(*x->linux_parameters));
	x->linux_parameters->shared_memory_size.set = true;
	x->linux_parameters->shared_memory_size.value = 64;
	x->linux_parameters->max_swap.set = true;
	set(&x->operating_system_family, "WINDOWS_SERVER_2022_CORE");
	set(&def->container->user, "app");
	expect_invalid(def);
	assert_diag(diags, "fargate-linux",
		    "container_properties.linux_parameters.shared_memory_size",
		    "not supported on Fargate");
	assert_diag(diags, "fargate-linux",
		    "container_properties.linux_parameters.max_swap",
		    "not supported on Fargate");
	assert_diag(diags, "windows", "container_properties.linux_parameters",
		    "not supported for Windows");
	assert_diag(diags, "windows", "container_properties.user",
		    "not supported for Windows");
	ck_assert_uint_eq(bg_diags_count_severity(diags, BG_SEV_ERROR), 4);
}
END_TEST

/* An earlier output with other evaluate_on_exit conditions or another
 * name for the same resource: terraform replaces it. */
START_TEST(replacement_against_earlier_output)
{
	struct bg_jobdef *def = make_job("data-processing", "img");
	const struct bg_jobdef *defs[] = { def };
	char *old = NULL;
	size_t len = 0;

	def->evaluate_on_exit = calloc(1, sizeof(*def->evaluate_on_exit));
	def->evaluate_on_exit_count = 1;
	set(&def->evaluate_on_exit[0].action, "RETRY");
	set(&def->evaluate_on_exit[0].on_exit_code, "137");
	ck_assert_int_eq(bg_emit(defs, 1, BG_FORMAT_JSON, &old, &len), BG_OK);

	/* Same conditions (the output writes the action in lowercase). */
	ck_assert_int_eq(bg_check_replacement(old, len, defs, 1, diags), BG_OK);
	ck_assert_uint_eq(bg_diags_count(diags), 0);
	/* Not Terraform JSON: nothing to compare. */
	ck_assert_int_eq(bg_check_replacement("resource \"x\" {}", 16, defs, 1,
					      diags),
			 BG_OK);
	ck_assert_uint_eq(bg_diags_count(diags), 0);

	set(&def->evaluate_on_exit[0].on_exit_code, "139");
	ck_assert_int_eq(bg_check_replacement(old, len, defs, 1, diags), BG_OK);
	assert_diag(diags, "forces-replacement",
		    "retry_strategy.evaluate_on_exit",
		    "replaces aws_batch_job_definition.data_processing");
	ck_assert_int_eq(bg_diags_get(diags, 0)->severity, BG_SEV_WARNING);

	set(&def->evaluate_on_exit[0].on_exit_code, "137");
	set(&def->name, "data-processing-v2");
	ck_assert_int_eq(bg_check_replacement(old, len, defs, 1, diags), BG_OK);
	assert_diag(diags, "forces-replacement", "name",
		    "from 'data-processing' to 'data-processing-v2'");
	ck_assert_uint_eq(bg_diags_count(diags), 2);
	free(old);
	bg_jobdef_destroy(def);
}
END_TEST

/* Each job whose name or label an earlier job has is reported once,
 * against the first job that has it, in the order of the jobs; two jobs
 * with one name are not told again that they share a label. */
START_TEST(names_and_labels_used_again_in_job_order)
{
	static const char *const names[] = { "zeta", "alpha", "zeta",
					     "alpha", "zeta", "other" };
	static const char *const labels[] = { "z", "a", "z2", "a", "z3", "z" };
	const char *const expect[][3] = {
		{ "duplicate-name", "jobs[2].name", "'zeta' is used twice; "
						    "first at f0.yaml:1 (jobs[0])" },
		{ "duplicate-name", "jobs[3].name", "'alpha' is used twice; "
						    "first at f1.yaml:2 (jobs[1])" },
		{ "duplicate-name", "jobs[4].name", "'zeta' is used twice; "
						    "first at f0.yaml:1 (jobs[0])" },
		{ "duplicate-label", "jobs[5].label",
		  "label 'z' of job 'other' is also the label of job 'zeta'" },
	};
	struct bg_jobdef *defs[6];
	char path[16], file[16];

	for (size_t i = 0; i < 6; i++) {
		defs[i] = make_job("simple-container", "img");
		set(&defs[i]->name, names[i]);
		set(&defs[i]->label, labels[i]);
		snprintf(path, sizeof(path), "jobs[%zu]", i);
		set(&defs[i]->origin.path, path);
		snprintf(file, sizeof(file), "f%zu.yaml", i);
		set(&defs[i]->origin.file, file);
		defs[i]->origin.line = (unsigned)i + 1;
	}
	ck_assert_int_eq(bg_validate_unique((const struct bg_jobdef *const *)defs,
					    6, diags),
			 BG_ERR_INVALID);
	ck_assert_uint_eq(bg_diags_count(diags), 4);
	for (size_t i = 0; i < 4; i++) {
		const struct bg_diag *d = bg_diags_get(diags, i);
		ck_assert_str_eq(d->code, expect[i][0]);
		ck_assert_str_eq(d->path, expect[i][1]);
		ck_assert_ptr_nonnull(strstr(d->message, expect[i][2]));
	}
	for (size_t i = 0; i < 6; i++) {
		bg_jobdef_destroy(defs[i]);
	}
}
END_TEST

START_TEST(rule_table_codes_unique_and_described)
{
	ck_assert_uint_gt(bg_rule_count(), 30);
	for (size_t i = 0; i < bg_rule_count(); i++) {
		const struct bg_rule_info *r = bg_rule_get(i);
		ck_assert_ptr_nonnull(r->code);
		ck_assert_ptr_nonnull(r->field);
		ck_assert(strlen(r->summary) > 10);
		for (size_t j = 0; j < i; j++) {
			ck_assert_str_ne(bg_rule_get(j)->code, r->code);
		}
	}
	ck_assert_ptr_null(bg_rule_get(bg_rule_count()));
}
END_TEST

Suite *
test_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("rules");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, name_too_long_or_empty);
	tcase_add_test(tc, replacement_against_earlier_output);
	tcase_add_test(tc, every_forbidden_setting_is_reported);
	tcase_add_test(tc, name_invalid_characters);
	tcase_add_test(tc, name_must_start_alphanumeric);
	tcase_add_test(tc, type_must_be_known);
	tcase_add_test(tc, type_must_match_properties);
	tcase_add_test(tc, platform_capability_invalid);
	tcase_add_test(tc, platform_capability_only_one);
	tcase_add_test(tc, image_required);
	tcase_add_test(tc, vcpus_and_memory_required);
	tcase_add_test(tc, vcpus_positive_integer_on_ec2);
	tcase_add_test(tc, memory_at_least_4_mib);
	tcase_add_test(tc, gpus_positive);
	tcase_add_test(tc, fargate_sizes_at_the_edges);
	tcase_add_test(tc, fargate_size_message_names_allowed_values);
	tcase_add_test(tc, fargate_32_vcpu_is_a_warning);
	tcase_add_test(tc, fargate_forbids_gpu_and_privileged);
	tcase_add_test(tc, fargate_requires_execution_role);
	tcase_add_test(tc, fargate_forbids_host_volumes);
	tcase_add_test(tc, fargate_multinode_rejected);
	tcase_add_test(tc, fargate_settings_rejected_on_ec2);
	tcase_add_test(tc, assign_public_ip_and_platform_version_values);
	tcase_add_test(tc, role_arns_of_every_partition_and_references);
	tcase_add_test(tc, environment_needs_name_and_value);
	tcase_add_test(tc, mount_points_need_fields_and_volume);
	tcase_add_test(tc, mount_point_container_path_message);
	tcase_add_test(tc, duplicate_volume_names);
	tcase_add_test(tc, node_properties_messages);
	tcase_add_test(tc, node_ranges_required_and_main_below_num);
	tcase_add_test(tc, retry_attempts_between_1_and_10);
	tcase_add_test(tc, timeout_at_least_60);
	tcase_add_test(tc, path_prefix_is_applied);
	tcase_add_test(tc, all_problems_reported_at_once);
	tcase_add_test(tc, names_and_labels_used_again_in_job_order);
	tcase_add_test(tc, rule_table_codes_unique_and_described);
	suite_add_tcase(s, tc);
	return s;
}
