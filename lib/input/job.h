/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Internal: a job's options as written (raw structs that libcyaml
 * fills) and their conversion (input/job.c), shared by spec files and
 * templates.
 */
#ifndef BG_INPUT_JOB_H
#define BG_INPUT_JOB_H

#include <cyaml/cyaml.h>

#include "input/input.h"

struct raw_efs_auth {
	char *access_point_id;
	char *iam;
};

struct raw_efs {
	char *file_system_id;
	char *root_directory;
	char *transit_encryption;
	int64_t *transit_encryption_port;
	struct raw_efs_auth *authorization_config;
};

struct raw_host {
	char *source_path;
};

struct raw_volume {
	char *name;
	struct raw_host *host;
	struct raw_efs *efs_volume_configuration;
};

struct raw_mount {
	char *source_volume;
	char *container_path;
	bool *read_only;
};

struct raw_rr {
	char *type;
	char *value;
};

struct raw_network {
	char *assign_public_ip;
};

struct raw_fargate {
	char *platform_version;
};

struct raw_device {
	char *host_path;
	char *container_path;
	char **permissions;
	unsigned permissions_count;
};

struct raw_tmpfs {
	char *container_path;
	int64_t *size;
	char **mount_options;
	unsigned mount_options_count;
};

struct raw_linux {
	struct raw_device *devices;
	unsigned devices_count;
	bool *init_process_enabled;
	int64_t *shared_memory_size;
	struct raw_tmpfs *tmpfs;
	unsigned tmpfs_count;
	int64_t *max_swap;
	int64_t *swappiness;
};

struct raw_secret {
	char *name;
	char *value_from;
};

struct raw_log {
	char *log_driver;
	struct raw_secret *secret_options;
	unsigned secret_options_count;
};

struct raw_ulimit {
	char *name;
	int64_t *soft_limit;
	int64_t *hard_limit;
};

struct raw_ephemeral {
	int64_t *size_in_gib;
};

struct raw_runtime {
	char *operating_system_family;
	char *cpu_architecture;
};

struct raw_credentials {
	char *credentials_parameter;
};

/* Container properties; also the container part of a job's options. */
struct raw_container {
	char *image;
	char **command;
	unsigned command_count;
	char *vcpus; /* a string: "0.25" must stay exact */
	int64_t *memory;
	int64_t *gpus;
	char *job_role_arn;
	char *execution_role_arn;
	struct raw_mount *mount_points;
	unsigned mount_points_count;
	struct raw_volume *volumes;
	unsigned volumes_count;
	struct raw_rr *resource_requirements;
	unsigned resource_requirements_count;
	bool *privileged;
	bool *readonly_root_filesystem;
	char *user;
	struct raw_network *network_configuration;
	struct raw_fargate *fargate_platform_configuration;
	struct raw_linux *linux_parameters;
	struct raw_log *log_configuration;
	struct raw_secret *secrets;
	unsigned secrets_count;
	struct raw_ulimit *ulimits;
	unsigned ulimits_count;
	struct raw_ephemeral *ephemeral_storage;
	struct raw_runtime *runtime_platform;
	struct raw_credentials *repository_credentials;
	bool *enable_execute_command;
	char *instance_type;
};

struct raw_range {
	char *target_nodes;
	struct raw_container *container;
};

struct raw_nodes {
	int64_t *main_node;
	int64_t *num_nodes;
	struct raw_range *node_range_properties;
	unsigned node_range_properties_count;
};

struct raw_eoe {
	char *action;
	char *on_exit_code;
	char *on_reason;
	char *on_status_reason;
};

struct raw_retry {
	int64_t *attempts;
	struct raw_eoe *evaluate_on_exit;
	unsigned evaluate_on_exit_count;
};

struct raw_timeout {
	int64_t *attempt_duration_seconds;
};

struct raw_job {
	char *name;
	char *label;
	char *template;
	char *type;
	struct raw_container c; /* image, vcpus, ... written at job level */
	char *assign_public_ip;
	char *platform_version;
	int64_t *num_nodes;
	int64_t *main_node;
	int64_t *retry_attempts;
	int64_t *timeout_seconds;
	int64_t *scheduling_priority;
	char **platform_capabilities;
	unsigned platform_capabilities_count;
	bool *propagate_tags;
	struct raw_container *container_properties;
	struct raw_nodes *node_properties;
	struct raw_retry *retry_strategy;
	struct raw_timeout *timeout;
};

/* The free-form maps of both (tags, environment, parameters, log
 * options), read from the located view. */
extern const struct bg__free_field bg__job_free_fields[];

/* A conversion: the located document, where diagnostics go, and what
 * went wrong. */
struct bg__conv {
	struct bg__ydoc *doc;
	struct bg_diags *diags;
	bool failed; /* a located error was reported */
	bool nomem;
};

/* Reports a located error at field path `path`; marks cv failed. */
void bg__conv_error(struct bg__conv *cv, const char *path, const char *code,
		    const char *fmt, ...) BG_PRINTF(4, 5);
/* Reports a located warning; cv stays as it is. */
void bg__conv_warning(struct bg__conv *cv, const char *path,
		      const char *code, const char *fmt, ...) BG_PRINTF(4, 5);

/* Converts raw job r, written at field path base, into o. */
void bg__job_from_raw(struct bg__conv *cv, struct bg_job_options *o,
		      const struct raw_job *r, const char *base);

#endif
