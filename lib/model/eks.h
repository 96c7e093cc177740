/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Internal: an EKS job's pod (eksProperties), as the aws provider
 * 5.100.0 declares it: the eks_properties block, snake_case. The spec
 * format writes the same tree. The public header names the type only
 * (struct bg_eks_properties): its members are the library's, read and
 * written through the field tables (model/fields.c).
 */
#ifndef BG_MODEL_EKS_H
#define BG_MODEL_EKS_H

#include "batchgen-int.h"

struct bg_eks_resources {
	struct bg_kvlist limits;   /* cpu, memory, nvidia.com/gpu */
	struct bg_kvlist requests;
};

struct bg_eks_security_context {
	struct bg_opt_bool privileged;
	struct bg_opt_bool read_only_root_file_system;
	struct bg_opt_bool run_as_non_root;
	struct bg_opt_int run_as_user;
	struct bg_opt_int run_as_group;
};

struct bg_eks_volume_mount {
	char *name;
	char *mount_path;
	struct bg_opt_bool read_only;
};

struct bg_eks_container {
	char *name;
	char *image;
	char *image_pull_policy;
	char **command;
	size_t command_count;
	char **args;
	size_t arg_count;
	struct bg_kvlist env;
	struct bg_eks_resources *resources;
	struct bg_eks_security_context *security_context;
	struct bg_eks_volume_mount *volume_mounts;
	size_t volume_mount_count;
};

struct bg_eks_empty_dir {
	char *medium;     /* "" or Memory */
	char *size_limit; /* a Kubernetes quantity */
};

struct bg_eks_host_path {
	char *path;
};

struct bg_eks_secret {
	char *secret_name;
	struct bg_opt_bool optional;
};

struct bg_eks_volume {
	char *name;
	struct bg_eks_empty_dir *empty_dir;
	struct bg_eks_host_path *host_path;
	struct bg_eks_secret *secret;
};

struct bg_eks_pull_secret {
	char *name;
};

struct bg_eks_metadata {
	struct bg_kvlist labels;
};

struct bg_eks_pod {
	struct bg_eks_container *containers;
	size_t container_count;
	struct bg_eks_container *init_containers;
	size_t init_container_count;
	char *dns_policy;
	struct bg_opt_bool host_network;
	struct bg_eks_pull_secret *image_pull_secrets;
	size_t image_pull_secret_count;
	struct bg_eks_metadata *metadata;
	char *service_account_name;
	struct bg_opt_bool share_process_namespace;
	struct bg_eks_volume *volumes;
	size_t volume_count;
};

struct bg_eks_properties {
	struct bg_eks_pod *pod_properties;
};

/* A resource quantity as AWS Batch takes it: cpu in thousandths of a
 * vCPU ("2", "0.5", "250m"), memory in MiB ("1024Mi"), GPUs ("1");
 * false when v is not in that form (model/eks.c). */
bool bg__eks_quantity(const char *key, const char *v, int64_t *out);
/* What the pod's containers ask for together (each its request, else
 * its limit; init containers run before them and are not added). */
void bg__eks_totals(const struct bg_eks_properties *e, int64_t *vcpus_milli,
		    int64_t *memory_mib, int64_t *gpus);

#endif /* BG_MODEL_EKS_H */
