/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Spec files: loading YAML and JSON, located diagnostics, defaults,
 * the two ways of writing a job, and user templates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_common.h"

static struct bg_template_set *set;
static struct bg_diags *diags;

static void
setup(void)
{
	diags = bg_diags_create();
	set = NULL;
	ck_assert_int_eq(bg_template_set_builtin(&set, diags), BG_OK);
}

static void
teardown(void)
{
	bg_template_set_destroy(set);
	bg_diags_destroy(diags);
}

static char *
data_path(const char *name)
{
	const char *dir = getenv("BG_TESTDATA");
	char *path;

	ck_assert_msg(dir != NULL, "BG_TESTDATA is not set");
	path = malloc(strlen(dir) + strlen(name) + 2);
	sprintf(path, "%s/%s", dir, name);
	return path;
}

static struct bg_spec *
load_ok(const char *text)
{
	struct bg_spec *spec = NULL;
	enum bg_status st =
		bg_spec_load_buffer(text, strlen(text), "t.yaml", set, &spec,
				    diags);

	for (size_t i = 0; st != BG_OK && i < bg_diags_count(diags); i++) {
		bg_diag_print(bg_diags_get(diags, i), stderr);
	}
	ck_assert_int_eq(st, BG_OK);
	return spec;
}

static enum bg_status
load_bad(const char *text)
{
	struct bg_spec *spec = NULL;
	enum bg_status st = bg_spec_load_buffer(text, strlen(text), "t.yaml",
						set, &spec, diags);

	ck_assert_ptr_null(spec);
	return st;
}

/* The diagnostic with code, checking its location. */
static void
assert_located(const char *code, const char *path, unsigned line,
	       unsigned column)
{
	for (size_t i = 0; i < bg_diags_count(diags); i++) {
		const struct bg_diag *d = bg_diags_get(diags, i);
		if (strcmp(d->code, code) == 0 && d->path != NULL &&
		    strcmp(d->path, path) == 0) {
			ck_assert_str_eq(d->file, "t.yaml");
			ck_assert_uint_eq(d->line, line);
			if (column > 0) {
				ck_assert_uint_eq(d->column, column);
			}
			return;
		}
	}
	ck_abort_msg("no %s diagnostic at %s", code, path);
}

START_TEST(spec_builds_jobs_with_defaults_and_templates)
{
	struct bg_spec *spec = load_ok(
		"defaults:\n"
		"  job_role_arn: arn:aws:iam::123456789012:role/batch\n"
		"  tags: {Team: data}\n"
		"jobs:\n"
		"  - name: etl\n"
		"    template: data-processing\n"
		"    image: etl:1\n"
		"    vcpus: 4\n"
		"    memory: 8192\n"
		"    tags: {Team: etl}\n"
		"  - name: bare\n"
		"    image: app:1\n"
		"    vcpus: 1\n"
		"    memory: 512\n");
	const struct bg_jobdef *etl = bg_spec_job(spec, 0);
	const struct bg_jobdef *bare = bg_spec_job(spec, 1);

	ck_assert_uint_eq(bg_spec_job_count(spec), 2);
	ck_assert_str_eq(etl->name, "etl");
	ck_assert_int_eq(etl->container->vcpus_milli.value, 4000);
	ck_assert_int_eq(etl->retry_attempts.value, 3);
	ck_assert_str_eq(etl->container->job_role_arn,
			 "arn:aws:iam::123456789012:role/batch");
	/* The job's own tag wins over the default. */
	ck_assert_str_eq(bg_kvlist_get(&etl->tags, "Team"), "etl");
	ck_assert_str_eq(bg_kvlist_get(&etl->tags, "Workload"),
			 "data-processing");
	ck_assert_str_eq(etl->origin.file, "t.yaml");
	ck_assert_uint_eq(etl->origin.line, 5);
	/* No template: just what the job says, plus defaults. */
	ck_assert(!bare->retry_attempts.set);
	ck_assert_str_eq(bg_kvlist_get(&bare->tags, "Team"), "data");
	ck_assert_uint_eq(bare->variable_count, 0);
	bg_spec_destroy(spec);
}
END_TEST

START_TEST(yaml_and_json_give_identical_output)
{
	char *yaml_path = data_path("spec/equivalent.yaml");
	char *json_path = data_path("spec/equivalent.json");
	struct bg_spec *a = NULL, *b = NULL;
	char *ta = NULL, *tb = NULL;
	const struct bg_jobdef *da[8], *db[8];

	ck_assert_int_eq(bg_spec_load_file(yaml_path, set, &a, diags), BG_OK);
	ck_assert_int_eq(bg_spec_load_file(json_path, set, &b, diags), BG_OK);
	ck_assert_uint_eq(bg_spec_job_count(a), 3);
	ck_assert_uint_eq(bg_spec_job_count(b), 3);
	for (size_t i = 0; i < 3; i++) {
		da[i] = bg_spec_job(a, i);
		db[i] = bg_spec_job(b, i);
	}
	ck_assert_int_eq(bg_emit(da, 3, BG_FORMAT_JSON, &ta, NULL), BG_OK);
	ck_assert_int_eq(bg_emit(db, 3, BG_FORMAT_JSON, &tb, NULL), BG_OK);
	ck_assert_str_eq(ta, tb);
	ck_assert_ptr_nonnull(strstr(ta, "$${AWS_BATCH_JOB_ID}"));
	ck_assert_ptr_nonnull(strstr(ta, "\\\"value\\\":\\\"0.25\\\""));
	free(ta);
	free(tb);
	bg_spec_destroy(a);
	bg_spec_destroy(b);
	free(yaml_path);
	free(json_path);
}
END_TEST

START_TEST(ten_mistakes_ten_located_diagnostics)
{
	char *path = data_path("spec/ten-mistakes.yaml");
	struct bg_spec *spec = NULL;
	static const struct {
		const char *code;
		const char *path;
		unsigned line;
	} want[] = {
		{ "schema-unknown-key", "jobs[0].memroy", 6 },
		{ "name-charset", "jobs[1].name", 7 },
		{ "vcpus", "jobs[2].container_properties.vcpus", 13 },
		{ "retry-attempts", "jobs[3].retry_strategy.attempts", 17 },
		{ "timeout", "jobs[4].timeout.attempt_duration_seconds", 21 },
		{ "template-unknown", "jobs[5].template", 23 },
		{ "duplicate-name", "jobs[6].name", 24 },
		{ "fargate-size", "jobs[7].container_properties.memory", 31 },
		{ "node-main", "jobs[8].node_properties.main_node", 35 },
		{ "schema-type", "jobs[9].privileged", 39 },
	};

	ck_assert_int_ne(bg_spec_load_file(path, set, &spec, diags), BG_OK);
	ck_assert_ptr_null(spec);
	ck_assert_uint_eq(bg_diags_count_severity(diags, BG_SEV_ERROR), 10);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		bool found = false;
		for (size_t j = 0; j < bg_diags_count(diags); j++) {
			const struct bg_diag *d = bg_diags_get(diags, j);
			if (strcmp(d->code, want[i].code) == 0 &&
			    strcmp(d->path, want[i].path) == 0) {
				ck_assert_str_eq(d->file, path);
				ck_assert_uint_eq(d->line, want[i].line);
				ck_assert_uint_gt(d->column, 0);
				found = true;
			}
		}
		ck_assert_msg(found, "missing %s at %s", want[i].code,
			      want[i].path);
	}
	free(path);
}
END_TEST

START_TEST(unknown_key_suggests)
{
	ck_assert_int_eq(load_bad("jobs:\n"
				  "  - name: a\n"
				  "    imgae: x\n"
				  "    retry_atempts: 2\n"
				  "    colour: blue\n"),
			 BG_ERR_INVALID);
	assert_diag(diags, "schema-unknown-key", "jobs[0].imgae",
		    "did you mean 'image'?");
	assert_diag(diags, "schema-unknown-key", "jobs[0].retry_atempts",
		    "did you mean 'retry_attempts'?");
	assert_diag(diags, "schema-unknown-key", "jobs[0].colour",
		    "unknown key 'colour'");
	ck_assert(!has_diag(diags, "schema-unknown-key", "jobs[0].colour",
			    "did you mean"));
	assert_located("schema-unknown-key", "jobs[0].imgae", 3, 5);
}
END_TEST

START_TEST(types_are_checked_strictly)
{
	ck_assert_int_eq(load_bad("jobs:\n"
				  "  - name: a\n"
				  "    image: x\n"
				  "    memory: 8x\n"
				  "    gpus: 1.5\n"
				  "    retry_attempts: 99999999999999999999\n"
				  "    privileged: maybe\n"
				  "    command: run\n"
				  "    vcpus: lots\n"
				  "    tags: [a, b]\n"),
			 BG_ERR_INVALID);
	assert_diag(diags, "schema-type", "jobs[0].memory",
		    "expected a whole number, got '8x'");
	assert_diag(diags, "schema-type", "jobs[0].gpus", "no fraction");
	assert_diag(diags, "schema-type", "jobs[0].retry_attempts",
		    "expected a whole number");
	assert_diag(diags, "schema-type", "jobs[0].privileged",
		    "expected true or false");
	assert_diag(diags, "schema-type", "jobs[0].command",
		    "expected a list, got a scalar");
	assert_diag(diags, "schema-type", "jobs[0].vcpus",
		    "not a number of vCPUs");
	assert_diag(diags, "schema-type", "jobs[0].tags", "mapping");
	assert_located("schema-type", "jobs[0].memory", 4, 13);
}
END_TEST

START_TEST(syntax_errors_are_located)
{
	ck_assert_int_eq(load_bad("jobs:\n  - name: a\n   image: [x\n"),
			 BG_ERR_PARSE);
	ck_assert_uint_eq(bg_diags_count(diags), 1);
	ck_assert_str_eq(bg_diags_get(diags, 0)->code, "yaml-syntax");
	ck_assert_uint_gt(bg_diags_get(diags, 0)->line, 1);
}
END_TEST

START_TEST(json_syntax_errors_are_located)
{
	struct bg_spec *spec = NULL;
	const char *text = "{\"jobs\": [\n  {\"name\": \"a\",}\n]}";

	ck_assert_int_eq(bg_spec_load_buffer(text, strlen(text), "s.json", set,
					     &spec, diags),
			 BG_ERR_PARSE);
	ck_assert_str_eq(bg_diags_get(diags, 0)->code, "json-syntax");
	ck_assert_uint_eq(bg_diags_get(diags, 0)->line, 2);
	/* At the '}' that ends the object too early (cJSON points just
	 * past it). */
	ck_assert_uint_ge(bg_diags_get(diags, 0)->column, 16);
	ck_assert_uint_le(bg_diags_get(diags, 0)->column, 17);
}
END_TEST

START_TEST(json_escapes_read_like_json)
{
	struct bg_spec *spec = NULL;
	const char *text = "{\"jobs\": [{\"name\": \"a\", \"template\": "
			   "\"simple-container\", \"image\": \"x\",\t"
			   "\"command\": [\"x\\ud83d\\ude80\\u00e9\\/y\\t\"]}]}";

	ck_assert_int_eq(bg_spec_load_buffer(text, strlen(text), "s.json", set,
					     &spec, diags),
			 BG_OK);
	/* U+1F680 from a surrogate pair, U+00E9, an escaped slash, a tab. */
	ck_assert_str_eq(bg_spec_job(spec, 0)->container->command[0],
			 "x\xf0\x9f\x9a\x80\xc3\xa9/y\t");
	bg_spec_destroy(spec);
}
END_TEST

START_TEST(empty_and_shapeless_documents)
{
	ck_assert_int_eq(load_bad(""), BG_ERR_SCHEMA);
	assert_diag(diags, "schema-empty", NULL, "empty");
	ck_assert_int_eq(load_bad("jobs: []\n"), BG_ERR_SCHEMA);
	assert_diag(diags, "schema-type", "jobs", "at least 1 entry");
	ck_assert_int_eq(load_bad("- a\n- b\n"), BG_ERR_SCHEMA);
	assert_diag(diags, "schema-type", NULL, "expected a mapping");
	ck_assert_int_eq(load_bad("defaults: {}\n"), BG_ERR_SCHEMA);
	assert_diag(diags, "schema-missing-key", NULL, "'jobs'");
	/* a mapping with no child at all, before any other collection has
	 * had one (fuzz-roundtrip under UBSan) */
	ck_assert_int_eq(load_bad("  {}\n"), BG_ERR_SCHEMA);
	assert_diag(diags, "schema-missing-key", NULL, "'jobs'");
}
END_TEST

START_TEST(duplicate_keys_are_errors)
{
	ck_assert_int_eq(load_bad("jobs:\n"
				  "  - name: a\n"
				  "    image: x\n"
				  "    image: y\n"
				  "    tags: {A: 1, A: 2}\n"),
			 BG_ERR_INVALID);
	assert_diag(diags, "schema-duplicate-key", "jobs[0].image",
		    "given twice");
	assert_located("schema-duplicate-key", "jobs[0].image", 4, 5);
	assert_diag(diags, "duplicate-key", "jobs[0].tags", "'A'");
}
END_TEST

START_TEST(alias_bomb_is_refused)
{
	/* One list of 1,000 words, aliased by 300 jobs: 300,000 values
	 * once expanded, from a 12 KiB document. */
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	enum bg_status st;

	fputs("jobs:\n  - name: j0\n    command: &words [", f);
	for (int i = 0; i < 1000; i++) {
		fprintf(f, "%sw", i ? ", " : "");
	}
	fputs("]\n", f);
	for (int i = 1; i <= 300; i++) {
		fprintf(f, "  - {name: j%d, command: *words}\n", i);
	}
	fclose(f);
	st = load_bad(text);
	ck_assert_int_eq(st, BG_ERR_SCHEMA);
	assert_diag(diags, "yaml-too-large", NULL, "refusing to load it");
	free(text);
}
END_TEST

START_TEST(environment_as_map_or_list)
{
	struct bg_spec *spec = load_ok(
		"jobs:\n"
		"  - name: a\n"
		"    template: simple-container\n"
		"    image: x\n"
		"    environment: {B: '2', A: '1'}\n"
		"  - name: b\n"
		"    template: simple-container\n"
		"    image: x\n"
		"    container_properties:\n"
		"      environment:\n"
		"        - {name: B, value: '2'}\n"
		"        - {name: A, value: '1'}\n");
	const struct bg_kvlist *ea =
		&bg_spec_job(spec, 0)->container->environment;
	const struct bg_kvlist *eb =
		&bg_spec_job(spec, 1)->container->environment;

	ck_assert_uint_eq(ea->count, 2);
	ck_assert_uint_eq(eb->count, 2);
	ck_assert_str_eq(bg_kvlist_get(ea, "A"), "1");
	ck_assert_str_eq(bg_kvlist_get(eb, "A"), "1");
	ck_assert_str_eq(bg_kvlist_get(eb, "B"), "2");
	bg_spec_destroy(spec);
}
END_TEST

START_TEST(environment_missing_value_uses_seed_message)
{
	ck_assert_int_eq(load_bad("jobs:\n"
				  "  - name: a\n"
				  "    template: simple-container\n"
				  "    image: x\n"
				  "    environment:\n"
				  "      - {name: A, value: '1'}\n"
				  "      - {name: B}\n"),
			 BG_ERR_INVALID);
	assert_diag(diags, "environment",
		    "jobs[0].container_properties.environment[1]",
		    "Environment variable 1 must have 'name' and 'value' "
		    "fields");
	assert_located("environment",
		       "jobs[0].container_properties.environment[1]", 7, 0);
}
END_TEST

START_TEST(resource_requirements_tree)
{
	struct bg_spec *spec = load_ok(
		"jobs:\n"
		"  - name: a\n"
		"    platform_capabilities: [FARGATE]\n"
		"    container_properties:\n"
		"      image: x\n"
		"      execution_role_arn: arn:aws:iam::123456789012:role/e\n"
		"      resource_requirements:\n"
		"        - {type: VCPU, value: '0.5'}\n"
		"        - {type: MEMORY, value: '1024'}\n");
	const struct bg_container *c = bg_spec_job(spec, 0)->container;

	ck_assert_int_eq(c->vcpus_milli.value, 500);
	ck_assert_int_eq(c->memory.value, 1024);
	ck_assert_int_eq(bg_jobdef_estimated_memory_mib(bg_spec_job(spec, 0)),
			 1024);
	bg_spec_destroy(spec);

	ck_assert_int_eq(load_bad("jobs:\n"
				  "  - name: a\n"
				  "    container_properties:\n"
				  "      image: x\n"
				  "      vcpus: 1\n"
				  "      resource_requirements:\n"
				  "        - {type: VCPU, value: '2'}\n"
				  "        - {type: DISK, value: '2'}\n"
				  "        - {type: MEMORY, value: lots}\n"),
			 BG_ERR_INVALID);
	assert_diag(diags, "given-twice", NULL, "vCPUs are given both");
	assert_diag(diags, "resource-type",
		    "jobs[0].container_properties.resource_requirements[1]",
		    "not one of GPU, MEMORY, VCPU");
	assert_diag(diags, "schema-type",
		    "jobs[0].container_properties.resource_requirements[2]",
		    "not a whole number");
}
END_TEST

START_TEST(saying_a_thing_twice_is_an_error)
{
	ck_assert_int_eq(load_bad("jobs:\n"
				  "  - name: a\n"
				  "    image: x\n"
				  "    retry_attempts: 2\n"
				  "    retry_strategy: {attempts: 3}\n"
				  "    container_properties: {image: y}\n"),
			 BG_ERR_INVALID);
	assert_diag(diags, "given-twice", "jobs[0].retry_strategy.attempts",
		    "already says");
	assert_diag(diags, "given-twice", "jobs[0].container_properties.image",
		    "already says");
}
END_TEST

/* Each tree alone in its job: a job is searched for values said twice
 * whichever tree it writes. */
START_TEST(each_tree_alone_is_searched_for_values_said_twice)
{
	ck_assert_int_eq(
		load_bad("jobs:\n"
			 "  - {name: a, image: x, retry_attempts: 2,\n"
			 "     retry_strategy: {attempts: 3}}\n"
			 "  - {name: b, image: x, timeout_seconds: 100,\n"
			 "     timeout: {attempt_duration_seconds: 200}}\n"
			 "  - {name: c, type: multinode, image: x, num_nodes: 2,\n"
			 "     node_properties: {num_nodes: 3}}\n"
			 "  - {name: d, image: x, container_properties: {image: y}}\n"),
		BG_ERR_INVALID);
	assert_diag(diags, "given-twice", "jobs[0].retry_strategy.attempts",
		    "already says");
	assert_diag(diags, "given-twice",
		    "jobs[1].timeout.attempt_duration_seconds", "already says");
	assert_diag(diags, "given-twice", "jobs[2].node_properties.num_nodes",
		    "already says");
	assert_diag(diags, "given-twice", "jobs[3].container_properties.image",
		    "already says");
}
END_TEST

START_TEST(defaults_cannot_name_jobs)
{
	ck_assert_int_eq(load_bad("defaults: {name: x}\n"
				  "jobs:\n"
				  "  - {name: a, template: simple-container, "
				  "image: x}\n"),
			 BG_ERR_INVALID);
	assert_diag(diags, "defaults-name", "defaults.name",
		    "cannot be a default");
}
END_TEST

START_TEST(duplicate_labels_are_errors)
{
	ck_assert_int_eq(load_bad("jobs:\n"
				  "  - {name: my-job, template: simple-container, "
				  "image: x}\n"
				  "  - {name: my_job, template: simple-container, "
				  "image: x}\n"),
			 BG_ERR_INVALID);
	assert_diag(diags, "duplicate-label", "jobs[1].label",
		    "Terraform label 'my_job' of job 'my_job' is also the "
		    "label of job 'my-job'");
	assert_located("duplicate-label", "jobs[1].label", 3, 0);
}
END_TEST

/* An EFS volume's defaults are written out: whatever AWS echoes for an
 * omitted rootDirectory or transitEncryption, it stores what the
 * configuration says, and a plan after an apply shows no change. */
START_TEST(efs_defaults_are_written_out)
{
	struct bg_spec *spec = load_ok(
		"jobs:\n"
		"  - name: efs\n"
		"    template: simple-container\n"
		"    image: app:1\n"
		"    volumes: [{name: d, efs_volume_configuration: "
		"{file_system_id: fs-1}}]\n"
		"    mount_points: [{source_volume: d, container_path: /d}]\n"
		"  - name: efs-own\n"
		"    template: simple-container\n"
		"    image: app:1\n"
		"    volumes: [{name: d, efs_volume_configuration: "
		"{file_system_id: fs-1, root_directory: /data, "
		"transit_encryption: ENABLED}}]\n"
		"  - name: efs-ap\n"
		"    template: simple-container\n"
		"    image: app:1\n"
		"    volumes: [{name: d, efs_volume_configuration: "
		"{file_system_id: fs-1, transit_encryption: ENABLED, "
		"authorization_config: {access_point_id: fsap-1}}}]\n");
	const struct bg_efs *e =
		bg_spec_job(spec, 0)->container->volumes[0].efs;
	const struct bg_efs *own =
		bg_spec_job(spec, 1)->container->volumes[0].efs;
	const struct bg_efs *ap =
		bg_spec_job(spec, 2)->container->volumes[0].efs;

	ck_assert_str_eq(e->root_directory, "/");
	ck_assert_str_eq(e->transit_encryption, "DISABLED");
	ck_assert_str_eq(own->root_directory, "/data");
	ck_assert_str_eq(own->transit_encryption, "ENABLED");
	/* No authorization block: none is added. With one, IAM is said. */
	ck_assert_ptr_null(e->authorization.iam);
	ck_assert_str_eq(ap->authorization.access_point_id, "fsap-1");
	ck_assert_str_eq(ap->authorization.iam, "DISABLED");
	bg_spec_destroy(spec);
}
END_TEST

START_TEST(explicit_node_ranges_inherit_job_options)
{
	struct bg_spec *spec = load_ok(
		"jobs:\n"
		"  - name: mpi\n"
		"    template: multinode\n"
		"    image: mpi:1\n"
		"    num_nodes: 4\n"
		"    node_properties:\n"
		"      node_range_properties:\n"
		"        - target_nodes: '0:3'\n"
		"        - target_nodes: '0'\n"
		"          container: {vcpus: 8, memory: 4096}\n");
	const struct bg_node_properties *np =
		bg_spec_job(spec, 0)->node_properties;

	ck_assert_uint_eq(np->range_count, 2);
	ck_assert_str_eq(np->ranges[0].target_nodes, "0:3");
	ck_assert_str_eq(np->ranges[0].container->image, "mpi:1");
	ck_assert_int_eq(np->ranges[0].container->vcpus_milli.value, 2000);
	ck_assert_str_eq(np->ranges[1].container->image, "mpi:1");
	ck_assert_int_eq(np->ranges[1].container->vcpus_milli.value, 8000);
	ck_assert_int_eq(bg_jobdef_estimated_vcpus_milli(bg_spec_job(spec, 0)),
			 8000);
	bg_spec_destroy(spec);
}
END_TEST

/* The container settings beyond the everyday ones reach the model; a
 * node range's linux_parameters merge member by member with the job's,
 * its lists replace the job's. */
START_TEST(container_extras_reach_the_model_and_merge)
{
	struct bg_spec *spec = load_ok(
		"jobs:\n"
		"  - name: mpi\n"
		"    template: multinode\n"
		"    image: mpi:1\n"
		"    instance_type: p4d.24xlarge\n"
		"    linux_parameters: {shared_memory_size: 2048,\n"
		"                       tmpfs: [{container_path: /a, size: 1}]}\n"
		"    ulimits: [{name: memlock, soft_limit: -1, hard_limit: -1}]\n"
		"    log_configuration:\n"
		"      log_driver: awslogs\n"
		"      options: {awslogs-group: /mpi}\n"
		"    node_properties:\n"
		"      node_range_properties:\n"
		"        - target_nodes: '0:1'\n"
		"          container:\n"
		"            linux_parameters: {init_process_enabled: true,\n"
		"                tmpfs: [{container_path: /b, size: 2}]}\n");
	const struct bg_container *c =
		bg_spec_job(spec, 0)->node_properties->ranges[0].container;
	const struct bg_linux_parameters *lp = c->extras.linux_parameters;

	ck_assert_str_eq(c->extras.instance_type, "p4d.24xlarge");
	ck_assert_ptr_nonnull(lp);
	ck_assert_int_eq(lp->shared_memory_size.value, 2048);
	ck_assert(lp->init_process_enabled.set && lp->init_process_enabled.value);
	ck_assert_uint_eq(lp->tmpfs_count, 1);
	ck_assert_str_eq(lp->tmpfs[0].container_path, "/b");
	ck_assert_uint_eq(c->extras.ulimit_count, 1);
	ck_assert_int_eq(c->extras.ulimits[0].hard_limit.value, -1);
	ck_assert_str_eq(c->extras.log_configuration->log_driver, "awslogs");
	ck_assert_str_eq(bg_kvlist_get(&c->extras.log_configuration->options,
				       "awslogs-group"),
			 "/mpi");
	bg_spec_destroy(spec);
}
END_TEST

START_TEST(container_extras_said_twice_are_errors)
{
	ck_assert_int_eq(
		load_bad("jobs:\n"
			 "  - name: a\n"
			 "    image: x:1\n"
			 "    secrets: [{name: A, value_from: a}]\n"
			 "    container_properties:\n"
			 "      secrets: [{name: B, value_from: b}]\n"
			 "      runtime_platform: {cpu_architecture: ARM64}\n"
			 "    runtime_platform: {cpu_architecture: X86_64}\n"),
		BG_ERR_INVALID);
	assert_located("given-twice", "jobs[0].container_properties.secrets", 6,
		       16);
	assert_diag(diags, "given-twice",
		    "jobs[0].container_properties.runtime_platform."
		    "cpu_architecture",
		    "give it once");
}
END_TEST

/* Template defaults are read through the same job schema as specs, so
 * a user template can give every container setting. */
START_TEST(user_template_defaults_take_container_extras)
{
	const char *tmpl = "name: shm-training\n"
			   "extends: ml-training\n"
			   "defaults:\n"
			   "  linux_parameters: {shared_memory_size: 8192}\n"
			   "  log_configuration: {log_driver: awslogs}\n";
	struct bg_spec *spec;
	const struct bg_container *c;

	ck_assert_int_eq(bg_template_set_add_buffer(set, tmpl, strlen(tmpl),
						    "shm.yaml", diags),
			 BG_OK);
	ck_assert_int_eq(bg_template_set_resolve(set, diags), BG_OK);
	spec = load_ok("jobs:\n"
		       "  - name: t\n"
		       "    template: shm-training\n"
		       "    image: x:1\n"
		       "    linux_parameters: {init_process_enabled: true}\n");
	c = bg_spec_job(spec, 0)->container;
	ck_assert_int_eq(c->extras.linux_parameters->shared_memory_size.value,
			 8192);
	ck_assert(c->extras.linux_parameters->init_process_enabled.value);
	ck_assert_str_eq(c->extras.log_configuration->log_driver, "awslogs");
	ck_assert_int_eq(c->gpus.value, 1); /* from ml-training */
	bg_spec_destroy(spec);
}
END_TEST

/* Node settings in a container template's defaults would be dropped
 * when applied: resolving the set says so. */
START_TEST(container_template_with_node_defaults_is_an_error)
{
	const char *tmpl = "name: odd\n"
			   "defaults:\n"
			   "  num_nodes: 3\n";

	ck_assert_int_eq(bg_template_set_add_buffer(set, tmpl, strlen(tmpl),
						    "odd.yaml", diags),
			 BG_OK);
	ck_assert_int_eq(bg_template_set_resolve(set, diags), BG_ERR_TEMPLATE);
	assert_diag(diags, "template-option", "defaults.node_properties",
		    "template 'odd' makes container jobs");
}
END_TEST

START_TEST(template_type_contradiction)
{
	ck_assert_int_eq(load_bad("jobs:\n"
				  "  - name: a\n"
				  "    template: simple-container\n"
				  "    type: multinode\n"
				  "    image: x\n"),
			 BG_ERR_INVALID);
	assert_diag(diags, "template-conflict", "jobs[0].type",
		    "template 'simple-container' makes container jobs");
	assert_located("template-conflict", "jobs[0].type", 4, 11);
}
END_TEST

START_TEST(directory_is_not_a_spec)
{
	const char *dir = getenv("BG_TESTDATA");
	struct bg_spec *spec = NULL;

	ck_assert_int_eq(bg_spec_load_file(dir, set, &spec, diags), BG_ERR_IO);
	assert_diag(diags, "io", NULL, "is a directory");
	ck_assert_int_eq(bg_spec_load_file("/no/such/spec.yaml", set, &spec,
					   diags),
			 BG_ERR_IO);
	assert_diag(diags, "io", NULL, "No such file");
}
END_TEST

START_TEST(user_templates_extend_builtins)
{
	char *dir = data_path("templates/good");
	struct bg_spec *spec = NULL;
	const char *text = "jobs:\n"
			   "  - {name: big, template: ml-big, image: x:1}\n"
			   "  - {name: plain, template: simple-container, "
			   "image: x:1}\n";
	const struct bg_jobdef *big, *plain;
	struct bg_template_info info;
	bool found_shadow = false;

	ck_assert_int_eq(bg_template_set_add_dir(set, dir, diags), BG_OK);
	ck_assert_int_eq(bg_template_set_resolve(set, diags), BG_OK);
	assert_diag(diags, "template-shadow", NULL,
		    "replaces the one from built-in");
	ck_assert_uint_eq(bg_template_set_count(set), 12);
	ck_assert_int_eq(bg_spec_load_buffer(text, strlen(text), "u.yaml", set,
					     &spec, diags),
			 BG_OK);
	big = bg_spec_job(spec, 0);
	plain = bg_spec_job(spec, 1);
	ck_assert_int_eq(big->container->gpus.value, 4);
	ck_assert_int_eq(big->container->memory.value, 65536);
	ck_assert_int_eq(big->retry_attempts.value, 2);
	ck_assert_str_eq(bg_kvlist_get(&big->tags, "Size"), "big");
	ck_assert_str_eq(bg_kvlist_get(&big->tags, "Workload"), "ml-training");
	/* gpu-container extends the replaced simple-container. */
	ck_assert_str_eq(bg_kvlist_get(&big->tags, "Site"), "hq");
	ck_assert_int_eq(plain->container->vcpus_milli.value, 2000);
	for (size_t i = 0; i < bg_template_set_count(set); i++) {
		bg_template_info(set, i, &info);
		if (strcmp(info.name, "simple-container") == 0) {
			ck_assert(info.shadows_builtin);
			ck_assert_ptr_nonnull(strstr(info.origin, "good"));
			found_shadow = true;
		}
	}
	ck_assert(found_shadow);
	bg_spec_destroy(spec);
	free(dir);
}
END_TEST

START_TEST(template_cycles_and_unknown_parents)
{
	char *cycle = data_path("templates/cycle");
	char *broken = data_path("templates/broken");
	struct bg_jobdef *def = NULL;
	struct bg_job_options o = { 0 };

	ck_assert_int_eq(bg_template_set_add_dir(set, cycle, diags), BG_OK);
	ck_assert_int_eq(bg_template_set_resolve(set, diags), BG_ERR_TEMPLATE);
	assert_diag(diags, "template-cycle", "extends", "a -> b -> a");
	ck_assert_int_eq(bg_template_apply(set, "a", &o, &def, diags),
			 BG_ERR_TEMPLATE);
	ck_assert_ptr_null(def);
	/* A broken file is reported, located, and left out. */
	ck_assert_int_eq(bg_template_set_add_dir(set, broken, diags),
			 BG_ERR_TEMPLATE);
	assert_diag(diags, "schema-unknown-key", "defaults.vcpu",
		    "did you mean 'vcpus'?");
	ck_assert(!bg_template_exists(set, "typo"));
	ck_assert_int_eq(bg_template_set_add_dir(set, "/no/such/dir", diags),
			 BG_ERR_IO);
	free(cycle);
	free(broken);
}
END_TEST

Suite *
test_suite(void)
{
	Suite *s = suite_create("spec");
	TCase *tc = tcase_create("spec");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, spec_builds_jobs_with_defaults_and_templates);
	tcase_add_test(tc, yaml_and_json_give_identical_output);
	tcase_add_test(tc, ten_mistakes_ten_located_diagnostics);
	tcase_add_test(tc, unknown_key_suggests);
	tcase_add_test(tc, types_are_checked_strictly);
	tcase_add_test(tc, syntax_errors_are_located);
	tcase_add_test(tc, json_syntax_errors_are_located);
	tcase_add_test(tc, json_escapes_read_like_json);
	tcase_add_test(tc, empty_and_shapeless_documents);
	tcase_add_test(tc, duplicate_keys_are_errors);
	tcase_add_test(tc, alias_bomb_is_refused);
	tcase_add_test(tc, environment_as_map_or_list);
	tcase_add_test(tc, environment_missing_value_uses_seed_message);
	tcase_add_test(tc, resource_requirements_tree);
	tcase_add_test(tc, saying_a_thing_twice_is_an_error);
	tcase_add_test(tc, each_tree_alone_is_searched_for_values_said_twice);
	tcase_add_test(tc, defaults_cannot_name_jobs);
	tcase_add_test(tc, duplicate_labels_are_errors);
	tcase_add_test(tc, explicit_node_ranges_inherit_job_options);
	tcase_add_test(tc, container_extras_reach_the_model_and_merge);
	tcase_add_test(tc, container_extras_said_twice_are_errors);
	tcase_add_test(tc, user_template_defaults_take_container_extras);
	tcase_add_test(tc, container_template_with_node_defaults_is_an_error);
	tcase_add_test(tc, template_type_contradiction);
	tcase_add_test(tc, directory_is_not_a_spec);
	tcase_add_test(tc, user_templates_extend_builtins);
	tcase_add_test(tc, template_cycles_and_unknown_parents);
	tcase_add_test(tc, efs_defaults_are_written_out);
	suite_add_tcase(s, tc);
	return s;
}
