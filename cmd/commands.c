/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The commands: render, validate and describe over spec files; a
 * template's own command (and describe TEMPLATE); the listings
 * (templates, rules, schema). argv is parsed already (options.c); each
 * command checks what it takes (cli_apply) and runs the library.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include "cli.h"

const char usage_text[] =
	"Usage: batchgen TEMPLATE [options]       write a job definition\n"
	"       batchgen render SPEC... [-o FILE] write every job of the specs\n"
	"       batchgen validate SPEC...         check specs, write nothing\n"
	"       batchgen describe SPEC...|TEMPLATE [options] [--json]\n"
	"                                         analyse jobs: resources, platforms\n"
	"       batchgen import FILE... [-o SPEC] a spec of job definitions that exist\n"
	"       batchgen lint [PATH...]           check the definitions a repository has\n"
	"       batchgen templates                list the templates\n"
	"       batchgen rules                    list the validation rules\n"
	"       batchgen schema                   print the JSON Schema of specs\n"
	"       batchgen --help | --version\n"
	"\n"
	"Turns workload templates and spec files into validated\n"
	"aws_batch_job_definition resources in Terraform JSON, printed to\n"
	"standard output (or -o FILE).\n"
	"\n"
	"Every command takes --templates DIR (repeatable; also the\n"
	"colon-separated BATCHGEN_TEMPLATE_PATH) to add user templates, and\n"
	"-v, --verbose to say when one replaces another.\n"
	"\n"
	"Templates: batch-processing, data-processing, ecs-sidecar,\n"
	"  eks-container, eks-gpu, fargate-container, gpu-container,\n"
	"  ml-training, multinode, real-time, simple-container\n"
	"\n"
	"Examples:\n"
	"  batchgen ml-training --gpus 2 > job.tf.json\n"
	"  batchgen render jobs.yaml -o batch.tf.json\n"
	"\n"
	"Run 'batchgen TEMPLATE --help' for the options of a template.\n"
	"\n"
	"Exit status: 0 ok, 1 invalid job definition, 2 usage error,\n"
	"3 input/output error, 4 (import) spec written, but it needs fixing.\n"
	"lint: 0 nothing at or above --fail-on, 1 findings, 2 usage error,\n"
	"3 an input that cannot be read.\n";

static const char import_help[] =
	"Usage: batchgen import FILE... [-o SPEC] [--format yaml|json]\n"
	"                       [--all-revisions] [--as-templates]\n"
	"\n"
	"Writes one spec (YAML; --format json for JSON) holding the job\n"
	"definitions of the FILEs: the answer of 'aws batch\n"
	"describe-job-definitions' (the newest ACTIVE revision of each name),\n"
	"a 'register-job-definition --cli-input-json' input, a CloudFormation\n"
	"template (its AWS::Batch::JobDefinition resources), Terraform\n"
	"JSON (its aws_batch_job_definition resources), a .tf file or a\n"
	"directory of them (read in place by the HCL helper bg-hcl), or what\n"
	"'terraform show -json' prints of a plan or a state. Each job is\n"
	"written as the full attribute tree (with --as-templates: as the\n"
	"template that renders it with the fewest values, and those values),\n"
	"under a comment that says where it came from; then the spec is\n"
	"validated as render would, and every diagnostic is located in the\n"
	"FILE it came from.\n"
	"\n"
	"A FILE that cannot be read or imported (broken JSON or YAML, no job\n"
	"definition, a key a spec cannot write) is an error: exit 1 (3 when\n"
	"unreadable), nothing is written, and an existing SPEC is untouched.\n"
	"A definition AWS would refuse is still imported, so that it can be\n"
	"fixed in the spec: the spec is written and the exit status is 4.\n"
	"\n"
	"Then: review the spec, 'batchgen render SPEC -o jobs.tf.json', and\n"
	"terraform plan shows no change for what already exists.\n"
	"\n"
	"Options:\n"
	"  -o, --output SPEC            write to SPEC (atomically) instead of stdout\n"
	"  -f, --format yaml|json       the spec's format (default yaml)\n"
	"      --all-revisions          every revision of a describe answer\n"
	"      --as-templates           a job as a template and what differs\n"
	"  -h, --help                   show this help\n";

static const char render_help[] =
	"Usage: batchgen render SPEC... [-o FILE] [--templates DIR] [-v]\n"
	"       batchgen validate SPEC... [--templates DIR] [-v]\n"
	"       batchgen describe SPEC... [--json] [--templates DIR] [-v]\n"
	"       batchgen describe TEMPLATE [options] [--json]\n"
	"\n"
	"render writes one Terraform JSON document holding every job of every\n"
	"spec (YAML or JSON; '-' reads standard input). validate checks the\n"
	"specs and prints diagnostics only. describe prints each job's\n"
	"type, platforms, vCPUs, memory and GPUs (per node for multinode),\n"
	"retry strategy, timeout and volumes; --json for scripts. Every\n"
	"problem in every file is\n"
	"reported as FILE:LINE:COLUMN: error: FIELD: MESSAGE [CODE]; then the\n"
	"exit status is 1 and nothing is written.\n"
	"\n"
	"Examples:\n"
	"  batchgen render examples/*.yaml -o batch.tf.json\n"
	"  batchgen render jobs.yaml -o batch.tf --check   # in CI: is batch.tf current?\n"
	"  batchgen describe jobs.yaml --json\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE            write to FILE (atomically) instead of stdout\n"
	"  -f, --format json|hcl        output format (default: from -o's extension,\n"
	"                               .tf is HCL; else Terraform JSON)\n"
	"      --check                  compare with the -o FILE instead of writing it:\n"
	"                               exit 0 if identical, 1 with a diff if stale\n"
	"      --templates DIR          add user templates from DIR (repeatable)\n"
	"      --Werror                 treat warnings as errors (exit 1)\n"
	"  -v, --verbose                say when a user template replaces another\n"
	"  -h, --help                   show this help\n";

static const char templates_help[] =
	"Usage: batchgen templates [--templates DIR] [-v]\n\n"
	"Lists the templates with their defaults and where each comes "
	"from.\n\nExample:\n  batchgen templates --templates "
	"./my-templates\n";

static const char rules_help[] =
	"Usage: batchgen rules [--templates DIR] [-v]\n\nLists the "
	"validation rules: code, "
	"severity, summary.\n\nExample:\n  batchgen rules | grep "
	"fargate\n";

static const char schema_help[] =
		"Usage: batchgen schema [-v]\n\nPrints the JSON Schema (draft "
		"2020-12) of spec files: every key, type, enum\nand "
		"description. Editors use it to complete and check specs:\n"
		"\n  batchgen schema > batchgen.schema.json\n  # first line "
		"of a spec:\n  # yaml-language-server: "
		"$schema=batchgen.schema.json\n";

static void
print_template_help(const struct bg_template_set *set, const char *name)
{
	for (size_t i = 0; i < bg_template_set_count(set); i++) {
		struct bg_template_info info;
		const struct bg_job_options *d = &info.defaults;
		char v[32];

		bg_template_info(set, i, &info);
		if (strcmp(info.name, name) != 0) {
			continue;
		}
		bg_vcpus_format(d->c.vcpus_milli.value, v, sizeof(v));
		printf("Usage: batchgen %s [options]\n\n%s.\n", name,
		       info.description);
		if (info.extends != NULL) {
			printf("Extends %s.\n", info.extends);
		}
		printf("\nDefaults: %s vCPU, %lld MiB", v,
		       (long long)d->c.memory.value);
		if (d->c.gpus.set) {
			printf(", %lld GPU", (long long)d->c.gpus.value);
		}
		if (d->num_nodes.set) {
			printf(", %lld nodes (main node %lld)",
			       (long long)d->num_nodes.value,
			       (long long)d->main_node.value);
		}
		if (d->retry_attempts.set) {
			printf(", %lld attempts",
			       (long long)d->retry_attempts.value);
		}
		if (d->timeout_seconds.set) {
			printf(", timeout %lld s",
			       (long long)d->timeout_seconds.value);
		}
		printf(".\nPlatform: %s.\n",
		       info.platform != NULL ? info.platform
		       : d->platform_capability_count > 0
			       ? d->platform_capabilities[0]
			       : "EC2 unless --platform fargate is given");
		printf("\nExample:\n  batchgen %s --name my-job --image "
		       "repo/app:1.0 > job.tf.json\n\n",
		       name);
		print_template_options();
	}
}

/* The seed's resource analysis as a table, or JSON (--json). */
static int
describe(const struct bg_jobdef *const *defs, size_t n, bool json)
{
	if (json) {
		char *text = NULL;
		size_t len = 0;
		int rc;
		if (bg_describe_json(defs, n, &text, &len) != BG_OK) {
			fputs("batchgen: out of memory\n", stderr);
			return EXIT_IO;
		}
		rc = write_output(NULL, text, len);
		free(text);
		return rc;
	}
	printf("%-24s %-9s %-11s %4s %6s %7s %4s %5s %5s %7s  %s\n", "JOB",
	       "TYPE", "PLATFORMS", "CTRS", "VCPU", "MEMORY", "GPUS", "NODES",
	       "RETRY", "TIMEOUT", "VOLUMES");
	for (size_t i = 0; i < n; i++) {
		const struct bg_jobdef *d = defs[i];
		const struct bg_container *c =
			d->container != NULL ? d->container
			: d->node_properties != NULL &&
					d->node_properties->range_count > 0
				? d->node_properties->ranges[0].container
				: NULL;
		char v[32], mem[24], gpus[24], nodes[24] = "-", retry[24] = "-",
			timeout[32] = "-";
		const char *platforms =
			d->eks_properties != NULL ? "EKS"
			: bg_jobdef_supports_ec2(d) &&
					bg_jobdef_supports_fargate(d)
				? "EC2,FARGATE"
			: bg_jobdef_supports_fargate(d) ? "FARGATE"
							: "EC2";

		/* A value known only at plan time (a Terraform expression)
		 * shows as "expr". */
		bg_vcpus_format(bg_jobdef_estimated_vcpus_milli(d), v,
				sizeof(v));
		snprintf(mem, sizeof(mem), "%lld",
			 (long long)bg_jobdef_estimated_memory_mib(d));
		snprintf(gpus, sizeof(gpus), "%lld",
			 (long long)bg_jobdef_estimated_gpus(d));
		if (c != NULL && c->vcpus_milli.expr != NULL) {
			snprintf(v, sizeof(v), "expr");
		}
		if (c != NULL && c->memory.expr != NULL) {
			snprintf(mem, sizeof(mem), "expr");
		}
		if (c != NULL && c->gpus.expr != NULL) {
			snprintf(gpus, sizeof(gpus), "expr");
		}
		if (d->node_properties != NULL &&
		    d->node_properties->num_nodes.expr != NULL) {
			snprintf(nodes, sizeof(nodes), "expr");
		} else if (d->node_properties != NULL) {
			snprintf(nodes, sizeof(nodes), "%lld",
				 (long long)d->node_properties->num_nodes.value);
		}
		if (d->retry_attempts.expr != NULL) {
			snprintf(retry, sizeof(retry), "expr");
		} else if (bg_jobdef_has_retry_strategy(d)) {
			snprintf(retry, sizeof(retry), "%lld",
				 (long long)d->retry_attempts.value);
		}
		if (d->timeout_seconds.expr != NULL) {
			snprintf(timeout, sizeof(timeout), "expr");
		} else if (bg_jobdef_has_timeout(d)) {
			snprintf(timeout, sizeof(timeout), "%llds",
				 (long long)d->timeout_seconds.value);
		}
		printf("%-24s %-9s %-11s %4zu %6s %7s %4s %5s %5s %7s  ",
		       d->name, bg_jobdef_is_multinode_job(d) ? "multinode"
							     : "container",
		       platforms, bg_jobdef_container_count(d), v, mem, gpus,
		       nodes, retry, timeout);
		for (size_t j = 0; c != NULL && j < c->volume_count; j++) {
			const struct bg_volume *vol = &c->volumes[j];
			printf("%s%s(%s)", j > 0 ? ", " : "", vol->name,
			       vol->efs != NULL ? "efs" : "host");
			for (size_t k = 0; k < c->mount_point_count; k++) {
				const struct bg_mount_point *m =
					&c->mount_points[k];
				if (m->source_volume != NULL &&
				    vol->name != NULL &&
				    strcmp(m->source_volume, vol->name) == 0) {
					printf(" %s%s", m->container_path,
					       m->read_only ? ":ro" : "");
				}
			}
		}
		printf("%s\n", c == NULL || c->volume_count == 0 ? "-" : "");
	}
	for (size_t i = 0; i < n; i++) {
		if (defs[i]->node_properties == NULL) {
			continue;
		}
		fputs("(vCPU, memory and GPUs of a multinode job are per "
		      "node)\n",
		      stdout);
		break;
	}
	return EXIT_OK;
}

/* Runs req through the pipeline: prints the diagnostics, then the
 * analysis (describing), the text (req->emit) or nothing; the exit
 * status. */
static int
run_request(const struct bg_template_set *set, struct cli *cli,
	    struct bg_request *req, bool describing)
{
	struct bg_diags *diags = bg_diags_create();
	struct bg_result *result = NULL;
	struct output out;
	bool streaming = false;
	char *previous = NULL;
	const char *text;
	size_t len = 0;
	enum bg_status st;
	int rc;

	if (diags == NULL) {
		return EXIT_IO;
	}
	req->format = cli_format(cli);
	if (req->emit) {
		previous = read_previous(cli->output, req->format,
					 &req->previous_len);
		req->previous = previous;
		/* The text goes to a file as it is written (--check compares
		 * it whole). */
		streaming = !cli->check && output_open(&out, cli->output);
	}
	st = streaming ? bg_build_to(set, req, output_write, &out, &result,
				     diags)
		       : bg_build(set, req, &result, diags);
	free(previous);
	print_diags(diags);
	if (streaming && out.failed) {
		rc = output_close(&out, true); /* says what failed */
	} else if (st == BG_ERR_IO) {
		rc = EXIT_IO;
	} else if (st == BG_ERR_INVALID || (st == BG_OK && failing(diags))) {
		rc = EXIT_INVALID;
	} else if (st != BG_OK) {
		fprintf(stderr, "batchgen: %s\n", bg_strerror(st));
		rc = EXIT_IO;
	} else if (describing) {
		rc = describe(bg_result_jobs(result),
			      bg_result_job_count(result), cli->json);
	} else if (!req->emit) {
		rc = EXIT_OK;
	} else if (streaming) {
		rc = output_close(&out, true);
	} else {
		text = bg_result_output(result, &len);
		rc = cli->check ? check_output(cli->output, text, len)
				: write_output(cli->output, text, len);
	}
	if (streaming) {
		output_close(&out, false); /* not written: dropped */
	}
	bg_result_destroy(result);
	bg_diags_destroy(diags);
	return rc;
}

/* A template's command; with describe, the analysis instead of output. */
static int
template_run(const struct bg_template_set *set, struct cli *cli,
	     const char *name, size_t first_operand, bool describing)
{
	struct bg_request req = { .template_name = name,
				  .options = &cli->opts,
				  .emit = !describing };
	int rc;

	cli->name = name;
	rc = cli_apply(cli, true, describing);
	if (rc < 0 && cli->help) {
		print_template_help(set, name);
		return EXIT_OK;
	}
	if (rc < 0 && cli->operand_count > first_operand) {
		rc = usage_error("%s: unexpected argument '%s'", name,
				 cli->operands[first_operand]);
	}
	return rc >= 0 ? rc : run_request(set, cli, &req, describing);
}

/* templates, rules, schema: no operands, no options of their own. */
static int
list_command(struct cli *cli, const char *help)
{
	int rc = cli_apply(cli, false, false);

	if (rc < 0 && cli->help) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	if (rc < 0 && cli->operand_count > 0) {
		return usage_error("%s: unexpected argument '%s'", cli->name,
				   cli->operands[0]);
	}
	return rc;
}

static int
cmd_templates(const struct bg_template_set *set, struct cli *cli)
{
	int rc = list_command(cli, templates_help);

	if (rc >= 0) {
		return rc;
	}
	printf("%-18s %-13s %5s %7s %4s %5s %7s  %-18s %-10s %s\n",
	       "TEMPLATE", "PLATFORM", "VCPU", "MEMORY", "GPUS", "RETRY",
	       "TIMEOUT", "EXTENDS", "FROM", "TAGS");
	for (size_t i = 0; i < bg_template_set_count(set); i++) {
		struct bg_template_info info;
		const struct bg_job_options *d = &info.defaults;
		char v[32] = "-", memory[24] = "-", gpus[24] = "-";
		char retry[24] = "-", timeout[24] = "-";
		char platform[32];
		char tags[512] = "";
		size_t used = 0;

		bg_template_info(set, i, &info);
		if (d->c.vcpus_milli.set) {
			bg_vcpus_format(d->c.vcpus_milli.value, v, sizeof(v));
		}
		if (d->c.memory.set) {
			snprintf(memory, sizeof(memory), "%lld",
				 (long long)d->c.memory.value);
		}
		if (d->c.gpus.set) {
			snprintf(gpus, sizeof(gpus), "%lld",
				 (long long)d->c.gpus.value);
		}
		if (d->retry_attempts.set) {
			snprintf(retry, sizeof(retry), "%lld",
				 (long long)d->retry_attempts.value);
		}
		if (d->timeout_seconds.set) {
			snprintf(timeout, sizeof(timeout), "%lld",
				 (long long)d->timeout_seconds.value);
		}
		if (info.platform != NULL) {
			snprintf(platform, sizeof(platform), "%s only",
				 info.platform);
		} else {
			snprintf(platform, sizeof(platform), "%s",
				 d->platform_capability_count > 0
					 ? d->platform_capabilities[0]
					 : "any");
		}
		for (size_t t = 0; t < d->tags.count && used < sizeof(tags);
		     t++) {
			int n = snprintf(tags + used, sizeof(tags) - used,
					 "%s%s=%s", t > 0 ? "," : "",
					 d->tags.items[t].key,
					 d->tags.items[t].value);
			used += n > 0 ? (size_t)n : 0;
		}
		printf("%-18s %-13s %5s %7s %4s %5s %7s  %-18s %-10s %s\n",
		       info.name, platform, v, memory, gpus, retry, timeout,
		       info.extends != NULL ? info.extends : "-", info.origin,
		       tags[0] != '\0' ? tags : "-");
		if (info.shadows_builtin) {
			printf("%18s (%s replaces the built-in template)\n",
			       "", info.name);
		}
	}
	return EXIT_OK;
}

static int
cmd_rules(const struct bg_template_set *set, struct cli *cli)
{
	int rc = list_command(cli, rules_help);

	(void)set;
	if (rc >= 0) {
		return rc;
	}
	printf("%-24s %-8s %s\n", "CODE", "SEVERITY", "SUMMARY");
	for (size_t i = 0; i < bg_rule_count(); i++) {
		const struct bg_rule_info *r = bg_rule_get(i);
		printf("%-24s %-8s %s\n", r->code,
		       r->severity == BG_SEV_ERROR	   ? "error"
		       : r->severity == BG_SEV_WARNING ? "warning"
						       : "note",
		       r->summary);
	}
	return EXIT_OK;
}

static int
cmd_schema(const struct bg_template_set *set, struct cli *cli)
{
	int rc = list_command(cli, schema_help);
	char *text = NULL;

	(void)set;
	if (rc >= 0) {
		return rc;
	}
	if (bg_spec_schema(&text, NULL) != BG_OK) {
		fprintf(stderr, "batchgen: out of memory\n");
		return EXIT_IO;
	}
	printf("%s\n", text);
	free(text);
	return EXIT_OK;
}

/* render, validate and describe: load every spec, report every problem. */
enum spec_mode {
	SPECS_RENDER,
	SPECS_VALIDATE,
	SPECS_DESCRIBE,
};

static int
run_specs(const struct bg_template_set *set, struct cli *cli,
	  enum spec_mode mode)
{
	struct bg_input *inputs;
	struct bg_request req = { .emit = mode == SPECS_RENDER };
	int rc = cli_apply(cli, false, mode == SPECS_DESCRIBE);

	if (rc < 0 && cli->help) {
		fputs(render_help, stdout);
		return EXIT_OK;
	}
	if (rc < 0 && cli->operand_count == 0) {
		rc = usage_error("%s: give at least one spec file", cli->name);
	}
	if (rc < 0 && mode == SPECS_RENDER && !cli->check) {
		rc = output_clash(cli->output, cli->operands,
				  cli->operand_count);
	}
	if (rc >= 0) {
		return rc;
	}
	inputs = calloc(cli->operand_count, sizeof(*inputs));
	if (inputs == NULL) {
		return EXIT_IO;
	}
	for (size_t i = 0; i < cli->operand_count; i++) {
		inputs[i].name = cli->operands[i];
	}
	req.inputs = inputs;
	req.input_count = cli->operand_count;
	rc = run_request(set, cli, &req, mode == SPECS_DESCRIBE);
	free(inputs);
	return rc;
}

static int
cmd_render(const struct bg_template_set *set, struct cli *cli)
{
	return run_specs(set, cli, SPECS_RENDER);
}

static int
cmd_validate(const struct bg_template_set *set, struct cli *cli)
{
	return run_specs(set, cli, SPECS_VALIDATE);
}

/* describe TEMPLATE [options] | describe SPEC... [--json] */
static int
cmd_describe(const struct bg_template_set *set, struct cli *cli)
{
	struct stat st;

	if (cli->operand_count >= 1 &&
	    bg_template_exists(set, cli->operands[0]) &&
	    stat(cli->operands[0], &st) != 0) {
		return template_run(set, cli, cli->operands[0], 1, true);
	}
	return run_specs(set, cli, SPECS_DESCRIBE);
}

/* Whether name is one of the operands (not a path made here). */
static bool
is_operand(const struct cli *cli, const char *name)
{
	for (size_t i = 0; i < cli->operand_count; i++) {
		if (cli->operands[i] == name) {
			return true;
		}
	}
	return false;
}

static int
tf_only(const struct dirent *e)
{
	return hcl_file(e->d_name) && e->d_name[0] != '.';
}

/* The sources import reads, grown as they are found. */
struct sources {
	struct bg_source *list;
	size_t n, cap;
};

/* One source more; false: out of memory. */
static bool
add_source(struct sources *s, struct bg_source src)
{
	if (s->n == s->cap) {
		size_t grown = s->cap ? 2 * s->cap : 8;
		struct bg_source *more = realloc(s->list, grown * sizeof(*more));
		if (more == NULL) {
			return false;
		}
		s->list = more;
		s->cap = grown;
	}
	s->list[s->n++] = src;
	return true;
}

/* path (a .tf; name is path, or one made here and owned by the
 * source) read by the helper onto s: BG_OK, BG_ERR_IO said on diags,
 * BG_ERR_NOMEM. *found counts the files that hold a definition; with
 * skip_none, one that holds none (a module's variables) is left out. */
static enum bg_status
add_tf(struct sources *s, const char *path, bool skip_none, size_t *found,
       struct bg_diags *diags)
{
	struct bg_source src;
	char why[512];

	if (hcl_read(path, &src, why, sizeof(why)) != EXIT_OK) {
		bg_diags_add(diags, BG_SEV_ERROR, "io", path, 0, 0, NULL, "%s",
			     why);
		return BG_ERR_IO;
	}
	if (skip_none && hcl_holds_none(&src)) {
		free((char *)src.text);
		return BG_OK;
	}
	(*found)++;
	if (!add_source(s, src)) {
		free((char *)src.text);
		return BG_ERR_NOMEM;
	}
	return BG_OK;
}

/* dir/name, or NULL when out of memory. */
static char *
path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	char *path = malloc(n + strlen(name) + 2);

	if (path != NULL) {
		sprintf(path, "%s%s%s", dir, n > 0 && dir[n - 1] == '/' ? "" : "/",
			name);
	}
	return path;
}

/* Directory dir as a Terraform module: its .tf files in name order,
 * those that hold no definition left out, onto s. */
static enum bg_status
add_module(struct sources *s, const char *dir, struct bg_diags *diags)
{
	struct dirent **names = NULL;
	int count = scandir(dir, &names, tf_only, alphasort);
	size_t found = 0;
	enum bg_status st = BG_OK;

	if (count <= 0) {
		bg_diags_add(diags, BG_SEV_ERROR, "io", dir, 0, 0, NULL, "%s",
			     count < 0 ? strerror(errno)
				       : "a directory with no .tf file: import "
					 "reads a Terraform module's .tf files, "
					 "or the files named");
		return BG_ERR_IO;
	}
	for (int k = 0; k < count; k++) {
		char *path = st != BG_OK ? NULL : path_in(dir, names[k]->d_name);
		if (st == BG_OK && path == NULL) {
			st = BG_ERR_NOMEM;
		}
		if (path != NULL) {
			size_t before = s->n;
			st = add_tf(s, path, true, &found, diags);
			if (s->n == before) {
				free(path); /* not kept: else the source's name */
			}
		}
		free(names[k]);
	}
	free(names);
	if (st == BG_OK && found == 0) {
		bg_diags_add(diags, BG_SEV_ERROR, "import-shape", dir, 0, 0, NULL,
			     "no resource \"aws_batch_job_definition\" in the "
			     ".tf files of this directory");
		st = BG_ERR_SCHEMA;
	}
	return st;
}

/* bg_import_sources of the operands: a .tf read by the HCL helper, a
 * directory as its .tf files (a Terraform module) in name order, any
 * other file read by the library. A .tf that cannot be read is an io
 * error on diags, and the others are still read. */
static enum bg_status
import_operands(const struct bg_template_set *set, const struct cli *cli,
		const struct bg_import_options *o, char **text, size_t *len,
		struct bg_diags *diags)
{
	struct sources s = { 0 };
	enum bg_status st = BG_OK;
	size_t found = 0;

	for (size_t i = 0; i < cli->operand_count && st == BG_OK; i++) {
		const char *op = cli->operands[i];
		struct stat sb;
		if (stat(op, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			st = add_module(&s, op, diags);
		} else if (hcl_file(op)) {
			st = add_tf(&s, op, false, &found, diags);
		} else if (!add_source(&s, (struct bg_source){ .name = op })) {
			st = BG_ERR_NOMEM;
		}
	}
	if (st != BG_ERR_NOMEM && s.n > 0) {
		/* also after a .tf could not be read: every problem said */
		enum bg_status got =
			bg_import_sources(set, s.list, s.n, o, text, len, diags);
		if (st == BG_OK) {
			st = got;
		} else if (got == BG_OK || got == BG_ERR_INVALID) {
			free(*text);
			*text = NULL;
		}
	}
	for (size_t i = 0; i < s.n; i++) {
		free((char *)s.list[i].text);
		if (!is_operand(cli, s.list[i].name)) {
			free((char *)s.list[i].name);
		}
	}
	free(s.list);
	return st;
}

/* import FILE... [-o SPEC] [--format yaml|json] [--all-revisions]
 * [--as-templates] */
static int
cmd_import(const struct bg_template_set *set, struct cli *cli)
{
	struct bg_diags *diags;
	struct bg_import_options o = { 0 };
	char *text = NULL;
	size_t len = 0;
	enum bg_status st;
	int rc = cli_apply(cli, false, false);

	if (rc < 0 && cli->help) {
		fputs(import_help, stdout);
		return EXIT_OK;
	}
	if (rc >= 0) {
		return rc;
	}
	if (cli->operand_count == 0) {
		return usage_error("import: give the files that hold the job "
				   "definitions");
	}
	rc = output_clash(cli->output, cli->operands, cli->operand_count);
	if (rc >= 0) {
		return rc;
	}
	diags = bg_diags_create();
	if (diags == NULL) {
		return EXIT_IO;
	}
	/* the spec's format: --format, else -o's extension, else YAML */
	o.json = cli->spec_format_given
			 ? cli->spec_json
			 : cli->output != NULL && strlen(cli->output) > 5 &&
				   strcmp(cli->output + strlen(cli->output) - 5,
					  ".json") == 0;
	o.all_revisions = cli->all_revisions;
	o.as_templates = cli->as_templates;
	o.name = cli->output != NULL ? cli->output : "<stdout>";
	st = import_operands(set, cli, &o, &text, &len, diags);
	print_diags(diags);
	if (st == BG_OK || st == BG_ERR_INVALID) {
		rc = write_output(cli->output, text, len);
		if (rc == EXIT_OK && (st == BG_ERR_INVALID || failing(diags))) {
			fprintf(stderr, "batchgen: import: the spec is written; "
					"fix what is said above in it\n");
			rc = EXIT_NEEDS_FIXING;
		}
	} else if (st == BG_ERR_IO) {
		rc = EXIT_IO;
	} else if (st == BG_ERR_NOMEM || st == BG_ERR_ARG) {
		fprintf(stderr, "batchgen: %s\n", bg_strerror(st));
		rc = EXIT_IO;
	} else {
		rc = EXIT_INVALID;
	}
	free(text);
	bg_diags_destroy(diags);
	return rc;
}

struct command {
	const char *name;
	int (*run)(const struct bg_template_set *set, struct cli *cli);
};

/* Keep alphabetized: looked up with bsearch. */
static const struct command commands[] = {
	{ "describe", cmd_describe },
	{ "import", cmd_import },
	{ "lint", cmd_lint },
	{ "render", cmd_render },
	{ "rules", cmd_rules },
	{ "schema", cmd_schema },
	{ "templates", cmd_templates },
	{ "validate", cmd_validate },
};

static int
command_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct command *)elem)->name);
}

int
run_command(const struct bg_template_set *set, struct cli *cli)
{
	const struct command *cmd =
		bsearch(cli->command, commands,
			sizeof(commands) / sizeof(*commands),
			sizeof(*commands), command_cmp);

	if (cmd != NULL) {
		return cmd->run(set, cli);
	}
	if (bg_template_exists(set, cli->command)) {
		return template_run(set, cli, cli->command, 0, false);
	}
	return usage_error("unknown command or template '%s'", cli->command);
}
