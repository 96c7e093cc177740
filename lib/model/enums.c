/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The enumerations of the spec format, in the exact case AWS and the
 * aws provider want (rules doc 2.4-2.6).
 */
#include "config.h"

#include "model/enums.h"

const char *const bg__enum_enabled_disabled[] = { "ENABLED", "DISABLED",
						  NULL };
const char *const bg__enum_job_types[] = { "container", "multinode", NULL };
const char *const bg__enum_platforms[] = { "EC2", "FARGATE", NULL };
const char *const bg__enum_resource_types[] = { "GPU", "MEMORY", "VCPU",
						NULL };
const char *const bg__enum_device_permissions[] = { "READ", "WRITE",
						    "MKNOD", NULL };
const char *const bg__enum_retry_actions[] = { "RETRY", "EXIT", NULL };

const char *const bg__enum_log_drivers[] = {
	"awsfirelens", "awslogs", "fluentd", "gelf",
	"journald",    "json-file", "splunk", "syslog", NULL,
};

const char *const bg__enum_ulimit_names[] = {
	"core",	  "cpu",      "data",	"fsize",      "locks",
	"memlock", "msgqueue", "nice",	"nofile",     "nproc",
	"rss",	  "rtprio",   "rttime", "sigpending", "stack", NULL,
};

const char *const bg__enum_tmpfs_options[] = {
	"defaults",   "ro",	     "rw",	   "suid",	  "nosuid",
	"dev",	      "nodev",	     "exec",	   "noexec",	  "sync",
	"async",      "dirsync",     "remount",	   "mand",	  "nomand",
	"atime",      "noatime",     "diratime",   "nodiratime",  "bind",
	"rbind",      "unbindable",  "runbindable", "private",	  "rprivate",
	"shared",     "rshared",     "slave",	   "rslave",	  "relatime",
	"norelatime", "strictatime", "nostrictatime", "mode",	  "uid",
	"gid",	      "nr_inodes",   "nr_blocks",  "mpol",	  NULL,
};

const char *const bg__enum_os_families[] = {
	"LINUX",
	"WINDOWS_SERVER_2019_CORE",
	"WINDOWS_SERVER_2019_FULL",
	"WINDOWS_SERVER_2022_CORE",
	"WINDOWS_SERVER_2022_FULL",
	NULL,
};

const char *const bg__enum_cpu_architectures[] = { "X86_64", "ARM64", NULL };

/* EKS, in the provider's case (enum.go): it refuses "clusterfirst". */
const char *const bg__enum_eks_dns_policies[] = {
	"Default", "ClusterFirst", "ClusterFirstWithHostNet", NULL,
};
const char *const bg__enum_eks_pull_policies[] = { "Always", "IfNotPresent",
						   "Never", NULL };
/* emptyDir medium: the node's disk ("") or memory (any case). */
const char *const bg__enum_eks_media[] = { "", "Memory", NULL };

/* ECS tasks: the API's values, exact case. */
const char *const bg__enum_ecs_conditions[] = { "START", "COMPLETE",
						"SUCCESS", NULL };
const char *const bg__enum_ecs_firelens_types[] = { "fluentd", "fluentbit",
						    NULL };
const char *const bg__enum_ecs_ipc_modes[] = { "host", "task", "none", NULL };
const char *const bg__enum_ecs_pid_modes[] = { "host", "task", NULL };

size_t
bg__enum_count(const char *const *list)
{
	size_t n = 0;

	while (list[n] != NULL) {
		n++;
	}
	return n;
}
