/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * An EKS pod's numbers: the Kubernetes quantities AWS Batch takes (cpu,
 * memory in Mi, GPUs) and what a pod asks for in total.
 */
#include "config.h"

#include <string.h>

#include "model/eks.h"

/* A resource quantity: cpu in thousandths ("2", "0.5", "250m"),
 * memory in MiB ("1024Mi"), GPUs ("1"). false when it is not that
 * form. */
bool
bg__eks_quantity(const char *key, const char *v, int64_t *out)
{
	size_t n = strlen(v);
	char buf[32];
	bool respelled;
	const char *why;

	if (n == 0 || n >= sizeof(buf)) {
		return false;
	}
	memcpy(buf, v, n + 1);
	if (strcmp(key, "memory") == 0) {
		if (n < 3 || strcmp(buf + n - 2, "Mi") != 0) {
			return false;
		}
		buf[n - 2] = '\0';
		return bg_number_parse(buf, 0, out, &respelled, &why) == BG_OK;
	}
	if (strcmp(key, "cpu") == 0 && buf[n - 1] == 'm') {
		buf[n - 1] = '\0';
		return bg_number_parse(buf, 0, out, &respelled, &why) == BG_OK;
	}
	return bg_number_parse(buf, strcmp(key, "cpu") == 0 ? 3 : 0, out,
			       &respelled, &why) == BG_OK;
}

/* What one container asks for: its request, else its limit. */
static int64_t
asked(const struct bg_eks_container *c, const char *key)
{
	const char *v = NULL;
	int64_t q = 0;

	if (c->resources != NULL) {
		v = bg_kvlist_get(&c->resources->requests, key);
		if (v == NULL) {
			v = bg_kvlist_get(&c->resources->limits, key);
		}
	}
	return v != NULL && bg__eks_quantity(key, v, &q) ? q : 0;
}

void
bg__eks_totals(const struct bg_eks_properties *e, int64_t *vcpus_milli,
	       int64_t *memory_mib, int64_t *gpus)
{
	const struct bg_eks_pod *pod = e->pod_properties;

	*vcpus_milli = *memory_mib = *gpus = 0;
	for (size_t i = 0; pod != NULL && i < pod->container_count; i++) {
		*vcpus_milli += asked(&pod->containers[i], "cpu");
		*memory_mib += asked(&pod->containers[i], "memory");
		*gpus += asked(&pod->containers[i], "nvidia.com/gpu");
	}
}
