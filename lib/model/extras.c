/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The container settings beyond the everyday ones (struct
 * bg_container_extras): linuxParameters, logConfiguration, secrets,
 * ulimits, ephemeralStorage, runtimePlatform, repositoryCredentials,
 * enableExecuteCommand and instanceType. Job options and containers
 * hold the same struct, so one overlay serves templates, spec files and
 * node ranges, and one free serves both.
 *
 * Overlay: a value given in src replaces dst's; a list given in src
 * replaces dst's whole list; linuxParameters merge member by member (a
 * template's shared memory size survives a user's init process flag);
 * a log configuration is replaced whole (options belong to a driver).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "batchgen-int.h"

/* ================================================================== */
/* Freeing                                                             */
/* ================================================================== */

static void
secrets_free(struct bg_secret *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].name);
		free(s[i].value_from);
	}
	free(s);
}

static void
devices_free(struct bg_device *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].host_path);
		free(d[i].container_path);
		bg__strv_free(d[i].permissions, d[i].permission_count);
	}
	free(d);
}

static void
tmpfs_free(struct bg_tmpfs *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].container_path);
		bg__strv_free(t[i].mount_options, t[i].mount_option_count);
	}
	free(t);
}

static void
ulimits_free(struct bg_ulimit *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(u[i].name);
	}
	free(u);
}

static void
log_free(struct bg_log_configuration *l)
{
	if (l == NULL) {
		return;
	}
	free(l->log_driver);
	bg_kvlist_finish(&l->options);
	secrets_free(l->secret_options, l->secret_option_count);
	free(l);
}

static void
linux_free(struct bg_linux_parameters *lp)
{
	if (lp == NULL) {
		return;
	}
	devices_free(lp->devices, lp->device_count);
	tmpfs_free(lp->tmpfs, lp->tmpfs_count);
	free(lp);
}

void
bg__extras_finish(struct bg_container_extras *x)
{
	linux_free(x->linux_parameters);
	log_free(x->log_configuration);
	secrets_free(x->secrets, x->secret_count);
	ulimits_free(x->ulimits, x->ulimit_count);
	free(x->operating_system_family);
	free(x->cpu_architecture);
	free(x->repository_credentials);
	free(x->instance_type);
	memset(x, 0, sizeof(*x));
}

/* ================================================================== */
/* Copying                                                             */
/* ================================================================== */

/* Each copy fills a zeroed array of n elements; on failure the caller
 * frees what was filled (every element is zeroed before). */

static bool
secrets_copy(struct bg_secret **dst, size_t *dst_n, const struct bg_secret *s,
	     size_t n)
{
	bool failed = false;

	*dst = calloc(n, sizeof(**dst));
	if (*dst == NULL) {
		return false;
	}
	*dst_n = n;
	for (size_t i = 0; i < n; i++) {
		(*dst)[i].name = bg__strdup(s[i].name, &failed);
		(*dst)[i].value_from = bg__strdup(s[i].value_from, &failed);
	}
	return !failed;
}

static bool
devices_copy(struct bg_device **dst, size_t *dst_n, const struct bg_device *d,
	     size_t n)
{
	bool failed = false;

	*dst = calloc(n, sizeof(**dst));
	if (*dst == NULL) {
		return false;
	}
	*dst_n = n;
	for (size_t i = 0; i < n; i++) {
		struct bg_device *o = &(*dst)[i];
		o->host_path = bg__strdup(d[i].host_path, &failed);
		o->container_path = bg__strdup(d[i].container_path, &failed);
		o->permissions = bg__strv_dup(d[i].permissions,
					      d[i].permission_count, &failed);
		o->permission_count =
			o->permissions != NULL ? d[i].permission_count : 0;
	}
	return !failed;
}

static bool
tmpfs_copy(struct bg_tmpfs **dst, size_t *dst_n, const struct bg_tmpfs *t,
	   size_t n)
{
	bool failed = false;

	*dst = calloc(n, sizeof(**dst));
	if (*dst == NULL) {
		return false;
	}
	*dst_n = n;
	for (size_t i = 0; i < n; i++) {
		struct bg_tmpfs *o = &(*dst)[i];
		o->container_path = bg__strdup(t[i].container_path, &failed);
		o->size = t[i].size;
		o->mount_options = bg__strv_dup(
			t[i].mount_options, t[i].mount_option_count, &failed);
		o->mount_option_count =
			o->mount_options != NULL ? t[i].mount_option_count : 0;
	}
	return !failed;
}

static bool
ulimits_copy(struct bg_ulimit **dst, size_t *dst_n, const struct bg_ulimit *u,
	     size_t n)
{
	bool failed = false;

	*dst = calloc(n, sizeof(**dst));
	if (*dst == NULL) {
		return false;
	}
	*dst_n = n;
	for (size_t i = 0; i < n; i++) {
		(*dst)[i].name = bg__strdup(u[i].name, &failed);
		(*dst)[i].soft_limit = u[i].soft_limit;
		(*dst)[i].hard_limit = u[i].hard_limit;
	}
	return !failed;
}

/* Replaces list (*dst, *dst_n) by a copy of (src, n) when n > 0. */
#define REPLACE_LIST(T, dst, dst_n, src, n, copy, release)             \
	do {                                                           \
		if ((n) > 0) {                                         \
			T *v_ = NULL;                                  \
			size_t n_ = 0;                                 \
			bool ok_ = copy(&v_, &n_, (src), (n));         \
			if (!ok_) {                                    \
				if (v_ != NULL) {                      \
					release(v_, n_);               \
				}                                      \
				return BG_ERR_NOMEM;                   \
			}                                              \
			release((dst), (dst_n));                       \
			(dst) = v_;                                    \
			(dst_n) = n_;                                  \
		}                                                      \
	} while (0)

static enum bg_status
linux_overlay(struct bg_linux_parameters **dstp,
	      const struct bg_linux_parameters *src)
{
	struct bg_linux_parameters *dst = *dstp;

	if (src == NULL) {
		return BG_OK;
	}
	if (dst == NULL) {
		dst = calloc(1, sizeof(*dst));
		if (dst == NULL) {
			return BG_ERR_NOMEM;
		}
		*dstp = dst;
	}
	if (src->init_process_enabled.set) {
		dst->init_process_enabled = src->init_process_enabled;
	}
	if (src->shared_memory_size.set) {
		dst->shared_memory_size = src->shared_memory_size;
	}
	if (src->max_swap.set) {
		dst->max_swap = src->max_swap;
	}
	if (src->swappiness.set) {
		dst->swappiness = src->swappiness;
	}
	REPLACE_LIST(struct bg_device, dst->devices, dst->device_count, src->devices,
		     src->device_count, devices_copy, devices_free);
	REPLACE_LIST(struct bg_tmpfs, dst->tmpfs, dst->tmpfs_count, src->tmpfs,
		     src->tmpfs_count, tmpfs_copy, tmpfs_free);
	return BG_OK;
}

static enum bg_status
log_overlay(struct bg_log_configuration **dstp,
	    const struct bg_log_configuration *src)
{
	struct bg_log_configuration *l;
	bool failed = false;

	if (src == NULL) {
		return BG_OK;
	}
	l = calloc(1, sizeof(*l));
	if (l == NULL) {
		return BG_ERR_NOMEM;
	}
	l->log_driver = bg__strdup(src->log_driver, &failed);
	if (bg__kvlist_copy(&l->options, &src->options) != BG_OK) {
		failed = true;
	}
	if (src->secret_option_count > 0 &&
	    !secrets_copy(&l->secret_options, &l->secret_option_count,
			  src->secret_options, src->secret_option_count)) {
		failed = true;
	}
	if (failed) {
		log_free(l);
		return BG_ERR_NOMEM;
	}
	log_free(*dstp);
	*dstp = l;
	return BG_OK;
}

enum bg_status
bg__extras_overlay(struct bg_container_extras *dst,
		   const struct bg_container_extras *src)
{
	const char *const *sv[] = {
		(const char *const *)&src->operating_system_family,
		(const char *const *)&src->cpu_architecture,
		(const char *const *)&src->repository_credentials,
		(const char *const *)&src->instance_type,
	};
	char **dv[] = {
		&dst->operating_system_family,
		&dst->cpu_architecture,
		&dst->repository_credentials,
		&dst->instance_type,
	};

	for (size_t i = 0; i < ARRAY_LENGTH(sv); i++) {
		if (*sv[i] != NULL && !bg__str_set(dv[i], *sv[i])) {
			return BG_ERR_NOMEM;
		}
	}
	if (src->ephemeral_storage.set) {
		dst->ephemeral_storage = src->ephemeral_storage;
	}
	if (src->enable_execute_command.set) {
		dst->enable_execute_command = src->enable_execute_command;
	}
	if (linux_overlay(&dst->linux_parameters, src->linux_parameters) !=
		    BG_OK ||
	    log_overlay(&dst->log_configuration, src->log_configuration) !=
		    BG_OK) {
		return BG_ERR_NOMEM;
	}
	REPLACE_LIST(struct bg_secret, dst->secrets, dst->secret_count, src->secrets,
		     src->secret_count, secrets_copy, secrets_free);
	REPLACE_LIST(struct bg_ulimit, dst->ulimits, dst->ulimit_count, src->ulimits,
		     src->ulimit_count, ulimits_copy, ulimits_free);
	return BG_OK;
}
