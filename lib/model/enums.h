/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Internal: the enumerations of the spec format, declared once
 * (model/enums.c). The field tables (input/fields.c) show them in the
 * JSON Schema and the docs; the rules (validate/) check values against
 * them. Each list is NULL-terminated.
 */
#ifndef BG_MODEL_ENUMS_H
#define BG_MODEL_ENUMS_H

#include <stddef.h>

extern const char *const bg__enum_enabled_disabled[];
extern const char *const bg__enum_job_types[];
extern const char *const bg__enum_platforms[];
extern const char *const bg__enum_resource_types[];
extern const char *const bg__enum_device_permissions[];
extern const char *const bg__enum_retry_actions[];
extern const char *const bg__enum_log_drivers[];
extern const char *const bg__enum_ulimit_names[];
extern const char *const bg__enum_tmpfs_options[];
extern const char *const bg__enum_os_families[];
extern const char *const bg__enum_cpu_architectures[];
extern const char *const bg__enum_eks_dns_policies[];
extern const char *const bg__enum_eks_pull_policies[];
extern const char *const bg__enum_eks_media[];
extern const char *const bg__enum_ecs_conditions[];
extern const char *const bg__enum_ecs_firelens_types[];
extern const char *const bg__enum_ecs_ipc_modes[];
extern const char *const bg__enum_ecs_pid_modes[];

/* The number of values in a NULL-terminated list. */
size_t bg__enum_count(const char *const *list);

#endif /* BG_MODEL_ENUMS_H */
