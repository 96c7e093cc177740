/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* Internal: job definitions as AWS writes them -> spec jobs
 * (input/import.c). */
#ifndef BG_INPUT_IMPORT_H
#define BG_INPUT_IMPORT_H

#include <cjson/cJSON.h>

#include "input/input.h"

/* What the imports of one run gather. */
struct bg__import {
	cJSON *jobs;               /* the spec's jobs, snake_case */
	size_t job_count;          /* in jobs (counting them is linear) */
	struct bg_kvlist where;    /* spec path -> "LINE:COLUMN" in its
	                              source; the paths of one file after
	                              the file's own entry "#FILE" */
	struct bg_kvlist origins;  /* per job: where it came from (key) */
	struct bg_kvlist ignores;  /* "jobs[N]" -> "CODE LINE:COL": the
	                              lint findings a source silences for
	                              the job (CloudFormation's
	                              Metadata.batchgen.ignore) */
	bool nomem;
};

/* The job definitions of document d (read from file) onto imp: the
 * answer of describe-job-definitions (the newest ACTIVE revision of
 * each name; every revision with all_revisions), one
 * register-job-definition input, or Terraform JSON. Whatever has no place in a spec is a
 * located error, and the definition holding it is not imported.
 * @return BG_OK; BG_ERR_SCHEMA (see diags); BG_ERR_NOMEM. */
enum bg_status bg__import_document(struct bg__ydoc *d, const char *file,
				   bool all_revisions, struct bg__import *imp,
				   struct bg_diags *diags);

/* Where values of an API tree built from a source are in the source:
 * each item by its address (input/import.c). */
struct bg__places {
	struct bg__place {
		const cJSON *item;
		unsigned line, col;
	} *at;
	size_t count, cap;
	bool sorted, nomem;
};
/* item came from n; or from line and col. */
void bg__places_add(struct bg__places *p, const cJSON *item,
		    const struct bg__ynode *n);
void bg__places_at(struct bg__places *p, const cJSON *item, unsigned line,
		   unsigned col);
void bg__places_finish(struct bg__places *p);

/* Calls visit on node n of d and item, then on each pair of their
 * children: n was read from the text item prints as (the same tree, in
 * the same order, but for the x- keys the view leaves out). Where the
 * two differ in kind, their children are not paired. */
void bg__ynode_cjson_walk(struct bg__ydoc *d, struct bg__ynode *n,
			  const cJSON *item,
			  void (*visit)(struct bg__ydoc *d, struct bg__ynode *n,
					const cJSON *item, void *ctx),
			  void *ctx);

/* One definition in the API's shape (api: a register-job-definition
 * input) onto imp, every path located where places puts its value,
 * else at the attribute it is under when at_keys (spec key ->
 * "LINE:COL") names it, else at line and col of file
 * (input/import.c). places and at_keys may be NULL. */
enum bg_status bg__import_api(const cJSON *api, const char *file,
			      unsigned line, unsigned col,
			      const struct bg_kvlist *at_keys,
			      struct bg__places *places, const char *origin,
			      struct bg__import *imp, struct bg_diags *diags);
/* What the HCL helper says of a .tf beyond the places of its nodes:
 * the heredoc strings, each by its node's index (ascending: nodes are
 * placed in document order), with the line its text starts on and the
 * columns a flush heredoc (<<-) stripped. */
struct bg__hcl {
	struct bg__heredoc {
		uint32_t node;
		unsigned line, indent;
	} *heredocs;
	size_t count, cap;
};

/* The aws_batch_job_definition resources of Terraform JSON document d
 * onto imp (input/import_tf.c); hcl not NULL: d is the HCL helper's
 * reading of a .tf (its JSON attributes may be objects: jsonencode's
 * argument; what is inside a heredoc is placed in it). */
enum bg_status bg__import_terraform(struct bg__ydoc *d, const char *file,
				    const struct bg__hcl *hcl,
				    struct bg__import *imp,
				    struct bg_diags *diags);
/* The resources of a .tf file as the HCL helper printed them (d: its
 * output; "batchgen_hcl" holds each node's place in the .tf and the
 * helper's errors) onto imp, located in file (input/import_hcl.c). */
enum bg_status bg__import_hcl(struct bg__ydoc *d, const char *file,
			      struct bg__import *imp, struct bg_diags *diags);

/* The aws_batch_job_definition resources of what terraform show -json
 * printed (values: its "values" of a state, or "planned_values" of a
 * plan, whose "resource_changes" are changes: NULL for a state) onto
 * imp (input/import_tf.c). */
enum bg_status bg__import_terraform_state(struct bg__ydoc *d,
					  struct bg__ynode *values,
					  struct bg__ynode *changes,
					  const char *file,
					  struct bg__import *imp,
					  struct bg_diags *diags);

/* Reads buf as a located document: JSON (checked strictly first) when
 * json, else YAML, CloudFormation's short forms (!Ref ...) read
 * (input/load.c). */
enum bg_status bg__ydoc_read(struct bg__ydoc *doc, const char *buf,
			     size_t len, bool json, const char *file,
			     struct bg_diags *diags);

/* Literal text (what AWS holds) as the spec string that renders to
 * it (bg__tf_spec_text); NULL: out of memory (input/import.c). */
cJSON *bg__import_literal_string(const char *text);

/* CloudFormation (input/import_cfn.c). */
struct bg__cfn;
/* Root is a CloudFormation template (AWSTemplateFormatVersion, or
 * Resources and no Terraform "resource"). */
bool bg__cfn_is_template(struct bg__ydoc *d, struct bg__ynode *root);
/* The AWS::Batch::JobDefinition resources of template d onto imp. */
enum bg_status bg__import_cloudformation(struct bg__ydoc *d, const char *file,
					 struct bg__import *imp,
					 struct bg_diags *diags);
/* n is a CloudFormation function call: {"Ref": ...}, {"Fn::...": ...}
 * or a short form. */
bool bg__cfn_is_call(const struct bg__ydoc *d, const struct bg__ynode *n);
/* Call n as spec text (its references Terraform input variables, each
 * a note), or NULL: an error is reported (at path), or *nomem. */
char *bg__cfn_text(struct bg__cfn *c, struct bg__ynode *n, const char *path,
		   bool *nomem);
/* A job property CloudFormation has and the API does not (key as
 * written): true when it is one, with its spec key and value (NULL
 * value: an error was reported). */
bool bg__cfn_job_property(struct bg__cfn *c, const char *key,
			  struct bg__ynode *v, const char *path,
			  const char **spec_key, cJSON **value);
/* The Properties props of the resource whose logical id is node id, a
 * definition with CloudFormation's capitalised keys and functions, onto
 * imp (input/import.c). */
enum bg_status bg__import_cfn_job(struct bg__cfn *c, struct bg__ydoc *d,
				  struct bg__ynode *props, struct bg__ynode *id,
				  const char *file, const char *origin,
				  struct bg__import *imp,
				  struct bg_diags *diags);

#endif /* BG_INPUT_IMPORT_H */
