/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/**
 * @file batchgen.h
 * @brief batchgen: validated AWS Batch job definitions as Terraform.
 *
 * The one public header of libbatchgen. Data flows one way: options
 * (CLI or spec) -> template -> job definition model -> validation ->
 * emitter -> Terraform text (bg_build() runs it all). The library never
 * prints and never exits: problems go to a struct bg_diags, each with a
 * stable code, a field path and (where known) file, line and column.
 * Ownership: a function that fills `**out` requires `*out == NULL`; on
 * success the caller owns the result and frees it with the matching
 * destroy function; on failure `*out` is untouched. Every destroy and
 * finish function accepts NULL.
 */
#ifndef BATCHGEN_H
#define BATCHGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define BG_EXPORT __attribute__((visibility("default")))
#define BG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define BG_EXPORT
#define BG_PRINTF(f, a)
#endif

/* ---- Status codes ---- */

/** Result of every fallible library function. */
enum bg_status {
	BG_OK = 0,        /**< Success. */
	BG_ERR_NOMEM,     /**< Memory allocation failed. */
	BG_ERR_IO,        /**< Reading or writing a file failed. */
	BG_ERR_PARSE,     /**< Input is not well-formed YAML or JSON. */
	BG_ERR_SCHEMA,    /**< Input has the wrong shape (types, keys). */
	BG_ERR_TEMPLATE,  /**< Unknown template or broken template chain. */
	BG_ERR_INVALID,   /**< The job definition breaks validation rules. */
	BG_ERR_EMIT,      /**< Output could not be produced. */
	BG_ERR_ARG,       /**< A caller passed an invalid argument. */
	BG_ERR__COUNT     /**< Number of status codes (not a status). */
};

/**
 * @return a one-line description of @p status; never NULL (borrowed,
 * static storage).
 */
BG_EXPORT const char *bg_strerror(enum bg_status status);

/** @return the library version string, e.g. "0.4.0" (static storage). */
BG_EXPORT const char *bg_version(void);

/* ---- Diagnostics ---- */

/** How serious a diagnostic is. */
enum bg_severity {
	BG_SEV_ERROR = 0, /**< The input cannot produce valid output. */
	BG_SEV_WARNING,   /**< Valid for AWS, but probably not meant. */
	BG_SEV_NOTE,      /**< Information (scaffolding, shadowing ...). */
};

/** One problem found in the input. All strings are owned by the list. */
struct bg_diag {
	enum bg_severity severity; /**< Error, warning or note. */
	const char *code;          /**< Stable rule code, e.g. "vcpus". */
	const char *file;          /**< Input file, or NULL. */
	unsigned line;             /**< 1-based line, 0 when unknown. */
	unsigned column;           /**< 1-based column, 0 when unknown. */
	const char *path;          /**< Field path, e.g.
	                                "container_properties.vcpus", or
	                                NULL for the whole input. */
	const char *message;       /**< What is wrong and what is allowed. */
};

/** An ordered list of diagnostics (opaque). */
struct bg_diags;

/** @return a new empty list, or NULL when out of memory. */
BG_EXPORT struct bg_diags *bg_diags_create(void);
/** Frees @p diags and every diagnostic in it. NULL is fine. */
BG_EXPORT void bg_diags_destroy(struct bg_diags *diags);
/** @return the number of diagnostics in @p diags. */
BG_EXPORT size_t bg_diags_count(const struct bg_diags *diags);
/** @return the number of diagnostics of severity @p sev. */
BG_EXPORT size_t bg_diags_count_severity(const struct bg_diags *diags,
					 enum bg_severity sev);
/**
 * @return diagnostic @p i (0-based), borrowed until bg_diags_destroy(),
 * or NULL when out of range.
 */
BG_EXPORT const struct bg_diag *bg_diags_get(const struct bg_diags *diags,
					     size_t i);
/**
 * Appends a diagnostic. @p file and @p path may be NULL; @p code must
 * be a string with static storage. The message is built printf-style.
 * @return BG_OK or BG_ERR_NOMEM.
 */
BG_EXPORT enum bg_status bg_diags_add(struct bg_diags *diags,
				      enum bg_severity sev, const char *code,
				      const char *file, unsigned line,
				      unsigned column, const char *path,
				      const char *fmt, ...) BG_PRINTF(8, 9);
/**
 * Writes @p d as "FILE:LINE:COL: error: PATH: MESSAGE [CODE]" (parts that
 * are unknown are left out) followed by a newline.
 */
BG_EXPORT void bg_diag_print(const struct bg_diag *d, FILE *out);

/* ---- Job definition model ---- */

/** An optional integer: @c set tells whether @c value was given. A
 * Terraform expression may be given instead (@c expr, such as
 * "${var.retries}"): then @c set is false, as the value is known only
 * when terraform plans. */
struct bg_opt_int {
	bool set;
	int64_t value;
	char *expr; /**< A Terraform expression "${...}", or NULL. */
};

/** An optional boolean; @c expr as in struct bg_opt_int. */
struct bg_opt_bool {
	bool set;
	bool value;
	char *expr; /**< A Terraform expression "${...}", or NULL. */
};

/** A key/value pair: a tag, a parameter or an environment variable. */
struct bg_kv {
	char *key;   /**< Name (never NULL in a valid list). */
	char *value; /**< Value; NULL means "missing" (an error). */
};

/** An ordered list of key/value pairs. */
struct bg_kvlist {
	struct bg_kv *items;
	size_t count;
};

/** EFS authorization settings of an EFS volume. */
struct bg_efs_auth {
	char *access_point_id; /**< accessPointId, or NULL. */
	char *iam;             /**< "ENABLED" / "DISABLED", or NULL. */
};

/** EFS volume settings (efsVolumeConfiguration). */
struct bg_efs {
	char *file_system_id;     /**< Required. */
	char *root_directory;     /**< NULL: omitted (AWS uses "/"). */
	char *transit_encryption; /**< "ENABLED"/"DISABLED"/NULL. */
	struct bg_opt_int transit_encryption_port;
	struct bg_efs_auth authorization; /**< Both NULL: omitted. */
};

/** A volume: a host path or an EFS file system. */
struct bg_volume {
	char *name;             /**< Referenced by mount points. */
	bool has_host;          /**< A host volume ... */
	char *host_source_path; /**< ... with this path (may be NULL). */
	struct bg_efs *efs;     /**< An EFS volume, or NULL. */
};

/** A mount point of a volume in the container. */
struct bg_mount_point {
	char *source_volume;  /**< Name of a volume. */
	char *container_path; /**< Absolute path in the container. */
	bool read_only;
};

/** A host device mapped into the container (linuxParameters.devices). */
struct bg_device {
	char *host_path;      /**< Required. */
	char *container_path; /**< NULL: the host path. */
	char **permissions;   /**< READ, WRITE, MKNOD; none: all three. */
	size_t permission_count;
};

/** A tmpfs mount (linuxParameters.tmpfs). */
struct bg_tmpfs {
	char *container_path; /**< Required, absolute. */
	struct bg_opt_int size; /**< MiB, required. */
	char **mount_options;
	size_t mount_option_count;
};

/** linuxParameters: Linux-specific container settings. */
struct bg_linux_parameters {
	struct bg_device *devices;
	size_t device_count;
	struct bg_opt_bool init_process_enabled;
	struct bg_opt_int shared_memory_size; /**< MiB (/dev/shm). */
	struct bg_tmpfs *tmpfs;
	size_t tmpfs_count;
	struct bg_opt_int max_swap;   /**< MiB; 0 = no swap. */
	struct bg_opt_int swappiness; /**< 0 ... 100. */
};

/** A secret: an environment variable (or log option) from Secrets
 * Manager or SSM Parameter Store. */
struct bg_secret {
	char *name;
	char *value_from; /**< ARN (or same-Region SSM parameter name). */
};

/** logConfiguration. */
struct bg_log_configuration {
	char *log_driver;
	struct bg_kvlist options;
	struct bg_secret *secret_options;
	size_t secret_option_count;
};

/** A ulimit (ulimits[]). */
struct bg_ulimit {
	char *name;
	struct bg_opt_int soft_limit;
	struct bg_opt_int hard_limit;
};

/**
 * Container settings beyond the everyday ones (rules doc section 1.2).
 * Both struct bg_container and struct bg_job_options hold one, so the
 * two share one copy, overlay and free. Every member is optional.
 */
struct bg_container_extras {
	struct bg_linux_parameters *linux_parameters;
	struct bg_log_configuration *log_configuration;
	struct bg_secret *secrets;
	size_t secret_count;
	struct bg_ulimit *ulimits;
	size_t ulimit_count;
	struct bg_opt_int ephemeral_storage; /**< GiB, 21 ... 200. */
	char *operating_system_family; /**< runtimePlatform. */
	char *cpu_architecture;        /**< runtimePlatform. */
	char *repository_credentials;  /**< credentialsParameter ARN. */
	struct bg_opt_bool enable_execute_command;
	char *instance_type; /**< Node-range containers only. */
};

/** Container properties (also the container of a node range). */
struct bg_container {
	char *image;
	char **command; /**< NULL-free array of command_count words. */
	size_t command_count;
	struct bg_opt_int vcpus_milli; /**< vCPUs in thousandths: 250=0.25 */
	struct bg_opt_int memory;      /**< MiB. */
	struct bg_opt_int gpus;        /**< Physical GPUs. */
	char *job_role_arn;
	char *execution_role_arn;
	struct bg_kvlist environment;
	struct bg_mount_point *mount_points;
	size_t mount_point_count;
	struct bg_volume *volumes;
	size_t volume_count;
	struct bg_opt_bool privileged;
	struct bg_opt_bool readonly_root_filesystem;
	char *user;
	char *assign_public_ip; /**< Fargate networkConfiguration. */
	char *platform_version; /**< Fargate platform version. */
	struct bg_container_extras extras;
};

/** An ECS multi-container job's task (ecsProperties): opaque here,
 * built by the spec loader, as the EKS pod below. */
struct bg_ecs_properties;

/** One node range of a multi-node job. */
struct bg_node_range {
	char *target_nodes;             /**< "0:3", "0", "4:" ... */
	struct bg_container *container; /**< May be NULL. */
	/** A task of several containers instead (ecsProperties), or NULL. */
	struct bg_ecs_properties *ecs;
};

/** Node properties of a multi-node job. */
struct bg_node_properties {
	struct bg_opt_int main_node;
	struct bg_opt_int num_nodes;
	struct bg_node_range *ranges;
	size_t range_count;
	bool has_ranges; /**< node_range_properties was given at all. */
};

/** One retry_strategy.evaluate_on_exit condition. */
struct bg_evaluate_on_exit {
	char *action;           /**< "RETRY" or "EXIT" (any case). */
	char *on_exit_code;     /**< Digits, may end in '*'; or NULL. */
	char *on_reason;        /**< Pattern, or NULL. */
	char *on_status_reason; /**< Pattern, or NULL. */
};

/** A Terraform input variable that the output declares. */
struct bg_variable {
	char *name;        /**< e.g. "ml_training_image". */
	char *description; /**< Shown by terraform. */
	/** validation blocks: condition -> error_message (the rules on the
	 *  value that reads only this variable). */
	struct bg_kvlist validation;
};

/** Where something was written: a file position (file NULL: unknown). */
struct bg_location {
	char *file;
	unsigned line;   /**< 1-based, 0 when unknown. */
	unsigned column; /**< 1-based, 0 when unknown. */
	char *path;      /**< Field path in the file ("jobs[3]"), or NULL. */
};

/** An EKS job's pod: opaque here, built by the spec loader. */
struct bg_eks_properties;


/** A job definition: one aws_batch_job_definition resource. */
struct bg_jobdef {
	char *name;  /**< Job definition name. */
	char *label; /**< Terraform resource label (identifier). */
	char *type;  /**< "container" or "multinode". */
	char **platform_capabilities;
	size_t platform_capability_count;
	struct bg_container *container;         /**< Container jobs. */
	struct bg_node_properties *node_properties; /**< Multi-node jobs. */
	/** EKS jobs: the pod (its members are the library's). */
	struct bg_eks_properties *eks_properties;
	/** ECS multi-container jobs: the task. */
	struct bg_ecs_properties *ecs_properties;
	struct bg_opt_int retry_attempts;  /**< retry_strategy.attempts */
	struct bg_opt_int timeout_seconds; /**< attempt_duration_seconds */
	struct bg_kvlist parameters;
	struct bg_kvlist tags;
	struct bg_opt_bool propagate_tags;
	struct bg_opt_int scheduling_priority; /**< 0 ... 9999 */
	/** Terraform: deregister the previous revision when one is
	 * registered (the provider's default: true). */
	struct bg_opt_bool deregister_on_new_revision;
	struct bg_evaluate_on_exit *evaluate_on_exit; /**< retry conditions */
	size_t evaluate_on_exit_count;
	struct bg_variable *variables; /**< Inputs the output declares. */
	size_t variable_count;
	struct bg_location origin; /**< Where the job was written. */
	/** Rules checked at plan time, for values that hold Terraform
	 * expressions: condition (an HCL expression) -> error message.
	 * Filled by bg_build() and the spec loader after validation. */
	struct bg_kvlist preconditions;
};

/** @return a new zeroed job definition, or NULL when out of memory. */
BG_EXPORT struct bg_jobdef *bg_jobdef_create(void);
/** Frees @p def and everything it owns. NULL is fine. */
BG_EXPORT void bg_jobdef_destroy(struct bg_jobdef *def);
/** @return a new zeroed container, or NULL when out of memory. */
BG_EXPORT struct bg_container *bg_container_create(void);
/** Frees @p c and everything it owns. NULL is fine. */
BG_EXPORT void bg_container_destroy(struct bg_container *c);

/** Frees every pair of @p list and zeroes it. NULL is fine. */
BG_EXPORT void bg_kvlist_finish(struct bg_kvlist *list);
/**
 * Sets @p key to @p value in @p list (copies both). An existing key is
 * overwritten in place, so the first position is kept.
 * @return BG_OK or BG_ERR_NOMEM.
 */
BG_EXPORT enum bg_status bg_kvlist_set(struct bg_kvlist *list,
				       const char *key, const char *value);
/** @return the value of @p key (borrowed), or NULL when absent. */
BG_EXPORT const char *bg_kvlist_get(const struct bg_kvlist *list,
				    const char *key);

/** @return true for a single-container job (type "container"). */
BG_EXPORT bool bg_jobdef_is_container_job(const struct bg_jobdef *def);
/** @return true for a multi-node parallel job (type "multinode"). */
BG_EXPORT bool bg_jobdef_is_multinode_job(const struct bg_jobdef *def);
/** @return true when the job can run on EC2 (no capabilities = EC2). */
BG_EXPORT bool bg_jobdef_supports_ec2(const struct bg_jobdef *def);
/** @return true when the capabilities include FARGATE. */
BG_EXPORT bool bg_jobdef_supports_fargate(const struct bg_jobdef *def);
/** @return true when a retry strategy is set. */
BG_EXPORT bool bg_jobdef_has_retry_strategy(const struct bg_jobdef *def);
/** @return true when a timeout is set. */
BG_EXPORT bool bg_jobdef_has_timeout(const struct bg_jobdef *def);
/**
 * Estimated memory in MiB: the container's, or for a multi-node job the
 * largest per-node value of its node ranges. 0 when unknown.
 */
BG_EXPORT int64_t bg_jobdef_estimated_memory_mib(const struct bg_jobdef *def);
/**
 * Estimated vCPUs in thousandths (1000 = 1 vCPU), per node for a
 * multi-node job (the largest). 0 when unknown.
 */
BG_EXPORT int64_t bg_jobdef_estimated_vcpus_milli(const struct bg_jobdef *def);
/** Estimated GPUs (per node for a multi-node job). 0 when none. */
BG_EXPORT int64_t bg_jobdef_estimated_gpus(const struct bg_jobdef *def);
/** The containers that run together: 1 for container properties, the
 * containers of an ECS task or an EKS pod (init containers not
 * counted); for a multi-node job, the most in one node range. */
BG_EXPORT size_t bg_jobdef_container_count(const struct bg_jobdef *def);

/**
 * Formats @p milli thousandths of a vCPU canonically ("0.25", "1",
 * "16") into @p buf of @p size bytes (24 is always enough).
 */
BG_EXPORT void bg_vcpus_format(int64_t milli, char *buf, size_t size);
/**
 * Reads the whole file at @p path ("-": standard input) into a new
 * NUL-terminated buffer (*@p buf, caller frees; *@p len its length when
 * @p len is not NULL). Only a regular file is read: a directory, FIFO
 * or device is refused without waiting on it.
 * @return BG_OK, or BG_ERR_IO with a diagnostic on @p path.
 */
BG_EXPORT enum bg_status bg_file_read(const char *path, char **buf,
				      size_t *len, struct bg_diags *diags);
/**
 * Parses a number by batchgen's one rule (docs/spec.md, "Numbers"):
 * decimal digits, an optional leading '-', no leading zeros, no '+',
 * exponent or separator; where @p decimals is not 0, an optional point
 * with 1 to @p decimals digits after a digit. @p value gets the number
 * times 10^decimals. A fraction with trailing zeros ("1.0") sets
 * *@p respelled (when not NULL): it will be written shorter.
 * @return BG_OK, or BG_ERR_ARG with *@p problem (when not NULL) a
 * phrase saying what is wrong.
 */
BG_EXPORT enum bg_status bg_number_parse(const char *text, unsigned decimals,
					 int64_t *value, bool *respelled,
					 const char **problem);
/**
 * Parses a vCPU count such as "2", "0.25" or "0.5" into thousandths.
 * @return BG_OK, or BG_ERR_ARG when @p text is not a non-negative
 * number with at most three fractional digits (bg_number_parse).
 */
BG_EXPORT enum bg_status bg_vcpus_parse(const char *text, int64_t *milli);

/* ---- Job options and templates ---- */

/** A node range as given by a user: its container's settings apply on
 * top of the job's own. */
struct bg_node_range_options {
	char *target_nodes;
	struct bg_container *container; /**< May be NULL. */
	struct bg_ecs_properties *ecs;  /**< A task instead, or NULL. */
};

/**
 * What a user (command line or spec file) or a template says about a
 * job, before the template is applied. Every field is optional. The
 * container settings are a struct bg_container, so that one field
 * table (and one copy, merge and free) serves both.
 */
struct bg_job_options {
	char *name;
	char *label;
	char *template; /**< The template a spec job names, or NULL. */
	char *type; /**< "container" / "multinode" (templates fix it). */
	struct bg_container c; /**< The container settings. */
	struct bg_opt_int num_nodes;
	struct bg_opt_int main_node;
	struct bg_opt_int retry_attempts;
	struct bg_opt_int timeout_seconds;
	char **platform_capabilities;
	size_t platform_capability_count;
	struct bg_opt_bool propagate_tags;
	struct bg_opt_int scheduling_priority;
	struct bg_opt_bool deregister_on_new_revision; /**< Terraform */
	struct bg_evaluate_on_exit *evaluate_on_exit;
	size_t evaluate_on_exit_count;
	struct bg_kvlist tags;
	struct bg_kvlist parameters;
	/** Explicit node ranges (multinode); none: one range 0:N-1. */
	struct bg_node_range_options *node_ranges;
	size_t node_range_count;
	struct bg_eks_properties *eks; /**< An EKS job's pod. */
	struct bg_ecs_properties *ecs; /**< An ECS job's task. */
};

/** A command-line flag that sets one field of struct bg_job_options
 * (declared with the field, in the library's field tables). */
struct bg_option_info {
	const char *flag; /**< Long option without "--", e.g. "memory". */
	const char *arg;  /**< Its value's name ("MIB"), or NULL: a switch
	                       that sets a boolean to true. */
	const char *help; /**< One line. */
	const char *path; /**< The spec field it sets, e.g.
	                       "container_properties.memory". */
};

/** @return the number of field flags. */
BG_EXPORT size_t bg_option_count(void);
/** @return field flag @p i (sorted by flag; static storage), or NULL
 * when out of range. */
BG_EXPORT const struct bg_option_info *bg_option_get(size_t i);
/**
 * Sets the field of @p opts that flag @p flag names from the text
 * @p value (NULL for a switch), by the field's type: text, a whole
 * number or a vCPU count (bg_number_parse), KEY=VALUE for maps.
 * @return BG_OK; BG_ERR_ARG for an unknown flag or a value that is not
 * of the field's type (a diagnostic on @p diags, path the flag);
 * BG_ERR_NOMEM.
 */
BG_EXPORT enum bg_status bg_job_options_set(struct bg_job_options *opts,
					    const char *flag,
					    const char *value,
					    struct bg_diags *diags);

/** Frees everything @p opts owns and zeroes it. NULL is fine. */
BG_EXPORT void bg_job_options_finish(struct bg_job_options *opts);

/** A set of templates: the built-in ones, plus user templates (opaque). */
struct bg_template_set;

/** @return a new empty template set, or NULL when out of memory. */
BG_EXPORT struct bg_template_set *bg_template_set_create(void);

/**
 * Loads the eight built-in templates (embedded in the library) into a
 * new set. Problems go to @p diags.
 * @param[out] out caller-owned on success; untouched on failure.
 * @return BG_OK, BG_ERR_NOMEM, or BG_ERR_TEMPLATE (a broken built-in).
 */
BG_EXPORT enum bg_status bg_template_set_builtin(struct bg_template_set **out,
						 struct bg_diags *diags);
/** Frees @p set. NULL is fine. */
BG_EXPORT void bg_template_set_destroy(struct bg_template_set *set);
/**
 * Adds every template file (*.yaml, *.yml) of directory @p dir to
 * @p set, in the built-in format (including `extends:` of built-in or
 * user templates). A template of the same name as one already in the set
 * replaces it; a note (code "template-shadow") says so. Problems in the
 * files are located diagnostics; a broken file is left out. Call
 * bg_template_set_resolve() once every directory is added.
 * @return BG_OK, BG_ERR_IO (unreadable directory), BG_ERR_NOMEM, or
 * BG_ERR_TEMPLATE (some template file is broken).
 */
BG_EXPORT enum bg_status bg_template_set_add_dir(struct bg_template_set *set,
						 const char *dir,
						 struct bg_diags *diags);
/**
 * Adds one template from memory (the text of a template file; @p name
 * names it in diagnostics), as bg_template_set_add_dir() does for each
 * file. Call bg_template_set_resolve() afterwards.
 * @return BG_OK, BG_ERR_NOMEM or BG_ERR_TEMPLATE.
 */
BG_EXPORT enum bg_status bg_template_set_add_buffer(struct bg_template_set *set,
						    const char *buf, size_t len,
						    const char *name,
						    struct bg_diags *diags);
/**
 * Resolves every template's `extends` chain. An unknown parent or a
 * cycle is an error naming the chain ("a -> b -> a"); such a template
 * stays in the set but cannot be applied.
 * @return BG_OK, BG_ERR_NOMEM or BG_ERR_TEMPLATE.
 */
BG_EXPORT enum bg_status bg_template_set_resolve(struct bg_template_set *set,
						 struct bg_diags *diags);
/** @return the number of templates in @p set. */
BG_EXPORT size_t bg_template_set_count(const struct bg_template_set *set);

/** What `batchgen templates` shows of one template. Borrowed strings. */
struct bg_template_info {
	const char *name;        /**< e.g. "ml-training". */
	const char *description; /**< One line. */
	const char *extends;     /**< Parent, or NULL. */
	const char *type;        /**< "container" / "multinode". */
	const char *platform;    /**< Fixed platform, or NULL. */
	const char *origin;      /**< "built-in" or the file it came from. */
	bool shadows_builtin;    /**< A user template replacing a built-in. */
	struct bg_job_options defaults; /**< Resolved (chain merged);
	                                     borrowed. */
};

/**
 * Describes template @p i of @p set, in name order.
 * @return BG_OK, or BG_ERR_ARG when @p i is out of range.
 */
BG_EXPORT enum bg_status bg_template_info(const struct bg_template_set *set,
					  size_t i,
					  struct bg_template_info *info);
/** @return true when @p set holds a template called @p name. */
BG_EXPORT bool bg_template_exists(const struct bg_template_set *set,
				  const char *name);

/**
 * Applies template @p template_name to the user's @p opts (template
 * defaults under everything the user set; a user value that contradicts
 * what the template fixes, its platform or job type, is an error). Not
 * validated yet: bg_validate(). With @p template_name NULL the job is
 * @p opts alone (a spec's full attribute tree). A missing image (or
 * Fargate execution role) becomes a Terraform input variable in the
 * job's @c variables, with a note on @p diags.
 * @param[out] out caller-owned on success; untouched on failure.
 * @return BG_OK, BG_ERR_NOMEM, BG_ERR_TEMPLATE (unknown template) or
 * BG_ERR_INVALID (a contradiction; see @p diags).
 */
BG_EXPORT enum bg_status bg_template_apply(const struct bg_template_set *set,
					   const char *template_name,
					   const struct bg_job_options *opts,
					   struct bg_jobdef **out,
					   struct bg_diags *diags);

/**
 * The seed's template functions, in C: build job definition @p name
 * running @p image from the built-in template of the same name, with
 * @p opts (may be NULL) on top. @p name and @p image override the ones
 * in @p opts. The result is validated; errors go to @p diags.
 * @param[out] out caller-owned on success; untouched on failure.
 * @return BG_OK, BG_ERR_NOMEM, BG_ERR_TEMPLATE or BG_ERR_INVALID.
 */
#define BG_TEMPLATE_FUNCTION(fn)                                        \
	BG_EXPORT enum bg_status fn(const char *name, const char *image, \
				    const struct bg_job_options *opts,  \
				    struct bg_jobdef **out,             \
				    struct bg_diags *diags)
BG_TEMPLATE_FUNCTION(bg_simple_container_job);
BG_TEMPLATE_FUNCTION(bg_fargate_container_job);
BG_TEMPLATE_FUNCTION(bg_gpu_container_job);
BG_TEMPLATE_FUNCTION(bg_multinode_job);
BG_TEMPLATE_FUNCTION(bg_data_processing_job);
BG_TEMPLATE_FUNCTION(bg_ml_training_job);
BG_TEMPLATE_FUNCTION(bg_batch_processing_job);
BG_TEMPLATE_FUNCTION(bg_real_time_job);

/* ---- Helpers (the seed's helper functions) ---- */

/**
 * Appends the standard environment variables to @p env:
 * AWS_DEFAULT_REGION=@p region (NULL: "us-east-1"),
 * BATCH_JOB_ID=${AWS_BATCH_JOB_ID} and
 * BATCH_JOB_ATTEMPT=${AWS_BATCH_JOB_ATTEMPT} (written literally: the
 * emitter escapes them for Terraform).
 * @return BG_OK or BG_ERR_NOMEM.
 */
BG_EXPORT enum bg_status bg_standard_environment(struct bg_kvlist *env,
						 const char *region);
/**
 * Fills @p vol (zeroed by the caller) with an EFS volume: root directory
 * @p root_directory (NULL: "/"), transit encryption @p transit_encryption
 * (NULL: "ENABLED"), access point @p access_point_id and IAM @p iam
 * (both may be NULL). Free with bg_volume_finish().
 * @return BG_OK or BG_ERR_NOMEM.
 */
BG_EXPORT enum bg_status bg_efs_volume(struct bg_volume *vol, const char *name,
				       const char *file_system_id,
				       const char *root_directory,
				       const char *transit_encryption,
				       const char *access_point_id,
				       const char *iam);
/** Fills @p vol (zeroed) with a host volume. @return BG_OK/NOMEM. */
BG_EXPORT enum bg_status bg_host_volume(struct bg_volume *vol, const char *name,
					const char *host_path);
/** Frees what @p vol owns and zeroes it. NULL is fine. */
BG_EXPORT void bg_volume_finish(struct bg_volume *vol);
/** Fills @p mp (zeroed) with a mount point. @return BG_OK/NOMEM. */
BG_EXPORT enum bg_status bg_standard_mount_point(struct bg_mount_point *mp,
						 const char *volume,
						 const char *container_path,
						 bool read_only);
/** Frees what @p mp owns and zeroes it. NULL is fine. */
BG_EXPORT void bg_mount_point_finish(struct bg_mount_point *mp);
/**
 * Sets @p c to request @p count GPUs (the seed's GPU resource
 * requirement; emitted as {"type":"GPU","value":"N"}).
 */
BG_EXPORT void bg_gpu_resource_requirement(struct bg_container *c,
					   int64_t count);

/* ---- Validation ---- */

/**
 * Runs every validation rule over @p def and appends one diagnostic per
 * problem to @p diags (never stops at the first). Field paths are
 * relative to the resource ("container_properties.vcpus"), prefixed by
 * @p path_prefix when not NULL ("jobs[2]").
 * @return BG_OK when no error was found (warnings allowed),
 * BG_ERR_INVALID otherwise, BG_ERR_NOMEM when out of memory.
 */
BG_EXPORT enum bg_status bg_validate(const struct bg_jobdef *def,
				     const char *path_prefix,
				     struct bg_diags *diags);

/**
 * Compares the @p n job definitions with a previous output of
 * batchgen, the Terraform JSON text @p old of @p len bytes. Terraform
 * replaces a resource whose name or evaluate_on_exit conditions change
 * (instead of registering a new revision), and a replacement
 * deregisters every revision of the job definition: each such resource
 * gets a "forces-replacement" warning. Text that is not Terraform JSON
 * (HCL, say) has nothing to compare and gives no diagnostic.
 * @return BG_OK, BG_ERR_ARG or BG_ERR_NOMEM.
 */
BG_EXPORT enum bg_status bg_check_replacement(const char *old, size_t len,
					      const struct bg_jobdef *const *defs,
					      size_t n, struct bg_diags *diags);

/**
 * Checks that the @p n job definitions can live in one Terraform
 * module: job names and resource labels are unique. Diagnostics point
 * at each later duplicate (its origin) and name the first. Two jobs
 * from the same origin file are not compared: bg_spec_load_buffer()
 * already reported those.
 * @return BG_OK, BG_ERR_INVALID or BG_ERR_NOMEM.
 */
BG_EXPORT enum bg_status bg_validate_unique(const struct bg_jobdef *const *defs,
					    size_t n, struct bg_diags *diags);

/* ---- Spec files ---- */

/** The job definitions of one spec file (opaque). */
struct bg_spec;

/**
 * Loads a spec (YAML, or JSON when @p name ends in ".json" or the text
 * starts with '{') from memory, applies templates from @p set, and
 * validates every job. Every problem becomes a diagnostic with @p name,
 * line, column and field path ("jobs[2].container_properties.vcpus"),
 * including job names and labels used twice in the spec.
 * @param[out] out caller-owned on success; untouched on failure.
 * @return BG_OK, BG_ERR_NOMEM, BG_ERR_PARSE, BG_ERR_SCHEMA, or
 * BG_ERR_INVALID (see @p diags).
 */
BG_EXPORT enum bg_status bg_spec_load_buffer(const char *buf, size_t len,
					     const char *name,
					     const struct bg_template_set *set,
					     struct bg_spec **out,
					     struct bg_diags *diags);
/**
 * Like bg_spec_load_buffer() for the file at @p path ("-": standard
 * input). @return also BG_ERR_IO when the file cannot be read.
 */
BG_EXPORT enum bg_status bg_spec_load_file(const char *path,
					   const struct bg_template_set *set,
					   struct bg_spec **out,
					   struct bg_diags *diags);
/** Frees @p spec and its job definitions. NULL is fine. */
BG_EXPORT void bg_spec_destroy(struct bg_spec *spec);
/** @return the number of jobs in @p spec. */
BG_EXPORT size_t bg_spec_job_count(const struct bg_spec *spec);
/** @return job @p i of @p spec (borrowed until bg_spec_destroy()). */
BG_EXPORT const struct bg_jobdef *bg_spec_job(const struct bg_spec *spec,
					      size_t i);

/**
 * The JSON Schema (draft 2020-12) of spec files, generated from the
 * same field tables the loader reads: every key, type, enum and
 * description; unknown keys are refused. Every spec batchgen accepts
 * is valid against it (the rules batchgen checks beyond the shape are
 * not in it). For editors: `# yaml-language-server: $schema=PATH`.
 * @param[out] out caller frees with free(); untouched on failure.
 * @param[out] len length of *out (may be NULL).
 * @return BG_OK, BG_ERR_ARG or BG_ERR_NOMEM.
 */
BG_EXPORT enum bg_status bg_spec_schema(char **out, size_t *len);

/** One validation rule, as `batchgen rules` lists it. */
struct bg_rule_info {
	const char *code;     /**< Stable code, e.g. "fargate-size". */
	const char *field;    /**< Field it concerns. */
	enum bg_severity severity;
	const char *summary;  /**< One line. */
	/** Review rules (security and cost, run by bg_lint_file()): the
	 * CWE ("CWE-250"), or NULL. */
	const char *cwe;
	/** Security rules: GitHub code scanning's security-severity, a
	 * CVSS-like score as text ("8.8"); NULL otherwise. */
	const char *security_severity;
	/** Review rules: why, with the source; NULL: the summary says it. */
	const char *help;
};

/** @return the number of validation rules. */
BG_EXPORT size_t bg_rule_count(void);
/** @return rule @p i (static storage), or NULL when out of range. */
BG_EXPORT const struct bg_rule_info *bg_rule_get(size_t i);

/* ---- Emitters ---- */

/** Output formats. */
enum bg_format {
	BG_FORMAT_JSON = 0, /**< Terraform JSON (.tf.json). */
	BG_FORMAT_HCL,      /**< HCL (.tf), as terraform fmt writes it. */
	BG_FORMAT__COUNT
};

/**
 * Renders @p n job definitions as one Terraform document in @p format.
 * Output is deterministic: the same input gives the same bytes.
 * @param[out] out caller frees with free(); untouched on failure.
 * @param[out] len length of *out without the final NUL (may be NULL).
 * @return BG_OK, BG_ERR_NOMEM, BG_ERR_ARG or BG_ERR_EMIT.
 */
BG_EXPORT enum bg_status bg_emit(const struct bg_jobdef *const *defs, size_t n,
				 enum bg_format format, char **out,
				 size_t *len);

/** Where text goes as it is produced: writes @p len bytes of @p data
 * (not NUL-terminated); false when that failed. */
typedef bool (*bg_write_fn)(void *ctx, const char *data, size_t len);

/**
 * bg_emit(), the text handed to @p write in pieces of about 64 KiB as
 * each resource is written, so that a large document is never held
 * whole. The pieces joined are bg_emit()'s text, byte for byte.
 * @return BG_OK, BG_ERR_NOMEM, BG_ERR_ARG, or BG_ERR_IO when @p write
 * returned false (it is not called again).
 */
BG_EXPORT enum bg_status bg_emit_to(const struct bg_jobdef *const *defs,
				    size_t n, enum bg_format format,
				    bg_write_fn write, void *ctx);

/**
 * The seed's resource analysis of @p n job definitions, as a JSON array
 * (one object per job: name, label, type, platforms {ec2, fargate},
 * vcpus, memory_mib, gpus, per_node/nodes/main_node for multinode jobs,
 * retry_attempts, timeout_seconds, volumes, mount_points).
 * @param[out] out caller frees with free(); untouched on failure.
 * @return BG_OK, BG_ERR_NOMEM or BG_ERR_ARG.
 */
BG_EXPORT enum bg_status bg_describe_json(const struct bg_jobdef *const *defs,
					  size_t n, char **out, size_t *len);

/**
 * Escapes @p text for a Terraform template string: every "${" becomes
 * "$${" and every "%{" becomes "%%{", except a "${...}" whose content
 * starts with a Terraform reference (a lowercase identifier followed by
 * ".", e.g. ${var.image} or ${aws_iam_role.job.arn}), which is kept.
 * @return a new string (caller frees with free()), or NULL (no memory).
 */
BG_EXPORT char *bg_tf_escape(const char *text);

/**
 * Derives a Terraform identifier from a job definition name: lowercase,
 * every character outside [a-z0-9_] becomes "_", and a leading digit
 * gets a "job_" prefix ("ml-training" -> "ml_training"). A name with
 * Terraform expressions gives the label of its literal text, trimmed of
 * separators ("${var.prefix}-etl" -> "etl"), or "" when it has no
 * letter or digit outside them (the job then needs a label of its own).
 * @return a new string (caller frees with free()), or NULL (no memory).
 */
BG_EXPORT char *bg_tf_label(const char *name);

/* ---- The pipeline ---- */

/** One spec: a file (@c text NULL; "-": standard input), or text in
 * memory (@c name names it in diagnostics; ".json" or a leading '{'
 * reads it as JSON). */
struct bg_input {
	const char *name;
	const char *text;
	size_t len;
};

/** What one run builds. */
struct bg_request {
	const struct bg_input *inputs; /**< Spec files; may be none. */
	size_t input_count;
	const char *template_name; /**< A template job too, or NULL. */
	const struct bg_job_options *options; /**< Its options (NULL:
	                                           none). */
	bool emit;             /**< Write Terraform text (else validate). */
	enum bg_format format; /**< Of the text. */
	const char *previous;  /**< An earlier Terraform JSON output, to
	                            warn where terraform would replace a
	                            job (bg_check_replacement), or NULL. */
	size_t previous_len;
};

/** Options of bg_import(). */
struct bg_import_options {
	bool json;          /**< Write the spec as JSON (else YAML). */
	bool all_revisions; /**< Every revision of a describe answer, not
	                         the newest ACTIVE one of each name. */
	const char *name;   /**< The spec's name in what its validation
	                         says when no source line is known (NULL:
	                         "spec"). */
	bool as_templates;  /**< Each job as the template of @p set that
	                         renders it with the fewest values, and
	                         those values (else the full tree). */
};

/** A source given to bg_import_sources() or bg_lint_source(): the
 * text of a file, or the file to read. */
struct bg_source {
	const char *name; /**< The file: read when @c text is NULL, and
	                       the name every diagnostic gives (and lint's
	                       configuration matches) in any case. */
	const char *text; /**< Its text (@c len bytes), or NULL. Besides
	                       what a file may hold, the output of the HCL
	                       helper (bg-hcl FILE.tf) for the .tf @c name. */
	size_t len;
};

/**
 * Imports job definitions that exist: each of @p files holds the
 * answer of `aws batch describe-job-definitions`, one
 * `register-job-definition --cli-input-json` input (JSON, or YAML), or
 * Terraform JSON (its aws_batch_job_definition resources).
 * Writes one spec of them all (the full attribute tree, each job with
 * where it came from), and validates it as render would, every
 * diagnostic located in the source file.
 * @param[out] out the spec text, caller frees; set on BG_OK and on
 * BG_ERR_INVALID, untouched otherwise.
 * @return BG_OK; BG_ERR_INVALID: the spec is written, but what it
 * holds is wrong (AWS would refuse it): fix it in the spec; BG_ERR_IO,
 * BG_ERR_PARSE, BG_ERR_SCHEMA: an input could not be imported (nothing
 * written); BG_ERR_NOMEM, BG_ERR_ARG.
 */
BG_EXPORT enum bg_status bg_import(const struct bg_template_set *set,
				   const char *const *files, size_t n,
				   const struct bg_import_options *opts,
				   char **out, size_t *len,
				   struct bg_diags *diags);

/**
 * bg_import() of sources given as text or by name: a .tf file, read
 * by the HCL helper (the caller runs it: bg-hcl FILE.tf), is the
 * helper's output with the .tf's name, and every diagnostic is placed
 * at the .tf's line and column.
 */
BG_EXPORT enum bg_status bg_import_sources(const struct bg_template_set *set,
					   const struct bg_source *sources,
					   size_t n,
					   const struct bg_import_options *opts,
					   char **out, size_t *len,
					   struct bg_diags *diags);

/* ---- Lint ---- */

/** lint's configuration (a .batchgen.yaml): fail-on, rule levels, and
 * ignore entries (opaque). */
struct bg_lint_config;

/**
 * Reads lint's configuration from @p file: a YAML mapping of
 * @c fail-on (error, warning, note or none), @c rules (rule code -> off,
 * error, warning or note) and @c ignore (a list of {rule, files, paths,
 * reason}: files are globs on the path from the configuration's
 * directory, paths globs on the field path). Every problem is a located
 * diagnostic (code lint-config).
 * @return BG_OK; BG_ERR_IO; BG_ERR_PARSE; BG_ERR_SCHEMA; BG_ERR_NOMEM;
 * BG_ERR_ARG.
 */
BG_EXPORT enum bg_status bg_lint_config_load(const char *file,
					     struct bg_lint_config **out,
					     struct bg_diags *diags);
/** Frees @p config. NULL is fine. */
BG_EXPORT void bg_lint_config_destroy(struct bg_lint_config *config);
/** @return the fail-on level @p config sets: a struct bg_severity, -1
 * for none, -2 when it sets none (or @p config is NULL). */
BG_EXPORT int bg_lint_config_fail_on(const struct bg_lint_config *config);
/**
 * Adds a note (lint-ignore-unused) for each ignore entry of @p config
 * that matched no finding of the bg_lint_file() calls before.
 * @return BG_OK or BG_ERR_NOMEM.
 */
BG_EXPORT enum bg_status bg_lint_config_finish(const struct bg_lint_config *config,
					       struct bg_diags *diags);

/** What bg_lint_file() found. */
struct bg_lint_result {
	size_t jobs;       /**< Job definitions found (at least 1 when
	                        one could not be read); 0: the file holds
	                        none, and nothing was added to diags. */
	size_t suppressed; /**< Findings silenced: by x-batchgen-ignore, a
	                        CloudFormation resource's
	                        Metadata.batchgen.ignore, or the config. */
};

/**
 * Lints the job definitions of @p file where they are written: a spec,
 * or any source bg_import() reads (a describe-job-definitions answer, a
 * register-job-definition input, a CloudFormation template in YAML or
 * JSON, Terraform JSON, terraform show -json of a plan or state). Every
 * rule runs, and the security and cost review (the rules whose
 * bg_rule_info has a @c help); each diagnostic is placed at the line
 * and column of @p file where its value is written. Import's notes on
 * writing a spec are left out. Findings a job silences (a spec job's
 * x-batchgen-ignore, a CloudFormation resource's
 * Metadata.batchgen.ignore: lists of rule codes) or @p config silences
 * are counted in @p result, not added; an in-file entry that silences
 * nothing is a note (lint-ignore-unused). Nothing is written.
 * @param config may be NULL; it records which of its entries matched.
 * @param result may be NULL.
 * @return BG_OK (the findings, if any, are on @p diags); BG_ERR_IO when
 * the file cannot be read, BG_ERR_PARSE when it is not YAML or JSON
 * (a diagnostic says where); BG_ERR_NOMEM; BG_ERR_ARG.
 */
BG_EXPORT enum bg_status bg_lint_file(const struct bg_template_set *set,
				      const char *file,
				      struct bg_lint_config *config,
				      struct bg_lint_result *result,
				      struct bg_diags *diags);

/** bg_lint_file() of a source given as text or by name (a .tf: the
 * HCL helper's output, see struct bg_source). */
BG_EXPORT enum bg_status bg_lint_source(const struct bg_template_set *set,
					const struct bg_source *source,
					struct bg_lint_config *config,
					struct bg_lint_result *result,
					struct bg_diags *diags);

/** What a run built (opaque): its jobs and its text. */
struct bg_result;

/**
 * The one pipeline: every spec of @p req loaded (templates applied, jobs
 * validated, diagnostics located), the template job built and
 * validated, names and labels checked across all jobs, an earlier
 * output compared, and the Terraform text written when nothing is wrong
 * and @p req asks for it. Every problem goes to @p diags.
 * @param[out] out caller-owned (bg_result_destroy) unless the status is
 * BG_ERR_NOMEM or BG_ERR_ARG; on BG_ERR_IO and BG_ERR_INVALID it holds
 * the jobs that could be built, and no text.
 * @return BG_OK; BG_ERR_IO (an input could not be read; the others
 * were checked); BG_ERR_INVALID; BG_ERR_NOMEM, BG_ERR_ARG, BG_ERR_EMIT.
 */
BG_EXPORT enum bg_status bg_build(const struct bg_template_set *set,
				  const struct bg_request *req,
				  struct bg_result **out,
				  struct bg_diags *diags);
/**
 * bg_build(), with the text (when @p req asks for it and nothing is
 * wrong) handed to @p write as it is written (bg_emit_to) instead of
 * kept in the result: a large output is never held whole, and nothing
 * reaches @p write unless every job passed. bg_result_output() then has
 * no text.
 * @return as bg_build(); BG_ERR_IO too when @p write returned false.
 */
BG_EXPORT enum bg_status bg_build_to(const struct bg_template_set *set,
				     const struct bg_request *req,
				     bg_write_fn write, void *ctx,
				     struct bg_result **out,
				     struct bg_diags *diags);
/** Frees @p result. NULL is fine. */
BG_EXPORT void bg_result_destroy(struct bg_result *result);
/** @return the number of jobs built. */
BG_EXPORT size_t bg_result_job_count(const struct bg_result *result);
/** @return the jobs built, spec jobs in input order, then the template
 * job (borrowed until bg_result_destroy()). */
BG_EXPORT const struct bg_jobdef *const *
bg_result_jobs(const struct bg_result *result);
/** @return the Terraform text (borrowed), or NULL when none was asked
 * for or built; *@p len its length when @p len is not NULL. */
BG_EXPORT const char *bg_result_output(const struct bg_result *result,
				       size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* BATCHGEN_H */
