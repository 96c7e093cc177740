/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The rules of an EKS job's pod (rules doc section 1.10, provider
 * reference section 4.1). The schema check already holds the enums to
 * the provider's case and the required keys; these are the rules
 * between values: how many containers, their names, their resources,
 * the volumes and what mounts them.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/eks.h"
#include "model/enums.h"
#include "validate/rules.h"

#define POD "eks_properties.pod_properties"
#define CASE_ONLY "the provider takes them in this case only"

/* A DNS subdomain (RFC 1123), as Kubernetes names volumes: 1-253 of
 * [a-z0-9.-], a letter or digit at both ends. */
static bool
is_dns_subdomain(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 253 || !bg__is_alnum(s[0]) ||
	    !bg__is_alnum(s[n - 1])) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '.')) {
			return false;
		}
	}
	return true;
}

/* v (not NULL) is a DNS subdomain, offline or at plan time: "WHAT
 * must be a DNS subdomain (...); got 'V'". */
static bool
check_dns_name(struct ctx *cx, enum rule_id id, const char *path,
	       const char *what, const char *v)
{
	return bg__check_string(cx, id, path, v, is_dns_subdomain(v),
				PLAN_RE("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$"),
				"%s must be a DNS subdomain, as Kubernetes "
				"names it (1 to 253 of a-z, 0-9, '-' and '.', "
				"a letter or digit at both ends); got '%s'",
				what, v);
}

static const char *const resource_keys[] = { "cpu", "memory",
					     "nvidia.com/gpu" };
/* What each key takes, and its form at plan time (RE2, no quote or
 * backslash): cpu a multiple of 0.25 ("0.25", "2", "750m"), memory
 * whole MiB with Mi, GPUs a whole number. */
static const char *const resource_forms[] = {
	"a number of vCPUs, a multiple of 0.25 (0.25, 1, 250m)",
	"a whole number of MiB with the suffix Mi (1024Mi)",
	"a whole number of GPUs",
};
static const char *const resource_res[] = {
	"^([0-9]+([.](0+|250*|50*|750*))?|[0-9]*(000|250|500|750)m)$",
	"^[0-9]+Mi$",
	"^[0-9]+$",
};
/* A cpu quantity as a number of vCPUs, in HCL ("250m" is 0.25). */
#define CPU_NUMBER(v) \
	"(endswith(" v ", \"m\") ? tonumber(trimsuffix(" v ", \"m\")) / 1000 " \
	": tonumber(" v "))"

/* A limit and its request, one of them an expression: the rule between
 * them at plan time (try(): a value of the wrong form fails its own
 * precondition above, not this one). */
static void
plan_limit(struct ctx *cx, const char *key, const char *lim, const char *req,
	   const char *path)
{
	bool cpu = strcmp(key, "cpu") == 0;

	bg__plan_pair(cx, R_EKS_RESOURCES, path,
		      cpu ? "try(" CPU_NUMBER("@@") " >= " CPU_NUMBER("@2")
			    ", true)"
			  : "@@ == @2",
		      lim, req,
		      cpu ? bg__asprintf("the cpu limit must not be below its "
					 "request; limit '%s', request '%s'",
					 lim, req)
			  : bg__asprintf("the %s limit must equal its request "
					 "(AWS Batch schedules by it); limit "
					 "'%s', request '%s'",
					 key, lim, req));
}

static void
check_resources(struct ctx *cx, const struct bg_eks_resources *r,
		const char *base)
{
	const struct bg_kvlist *lists[2] = { &r->limits, &r->requests };
	const char *names[2] = { "limits", "requests" };
	char path[480];

	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; i < lists[l]->count; i++) {
			const struct bg_kv *kv = &lists[l]->items[i];
			int64_t q;
			size_t key = ARRAY_LENGTH(resource_keys);
			bool known = false;
			for (size_t k = 0; k < ARRAY_LENGTH(resource_keys); k++) {
				if (strcmp(kv->key, resource_keys[k]) == 0) {
					known = true;
					key = k;
				}
			}
			snprintf(path, sizeof(path), "%.200s.resources.%s.%.100s", base,
				 names[l], kv->key);
			if (!known) {
				bg__report(cx, R_EKS_RESOURCES, path,
					   "resources are cpu, memory and "
					   "nvidia.com/gpu; got '%s'",
					   kv->key);
			} else if (kv->value == NULL) {
				continue;
			} else if (bg__tf_has_expr(kv->value)) {
				/* its form, at plan time */
				bg__check_string(cx, R_EKS_RESOURCES, path,
						 kv->value, true,
						 PLAN_RE(resource_res[key]),
						 "%s must be %s; got '%s'",
						 kv->key, resource_forms[key],
						 kv->value);
			} else if (!bg__eks_quantity(kv->key, kv->value, &q)) {
				bg__report(cx, R_EKS_RESOURCES, path,
					   "%s must be %s; got '%s'", kv->key,
					   resource_forms[key], kv->value);
			} else if (strcmp(kv->key, "cpu") == 0 && q % 250 != 0) {
				bg__report(cx, R_EKS_RESOURCES, path,
					   "cpu must be a multiple of 0.25 "
					   "vCPU; got '%s'",
					   kv->value);
			}
		}
	}
	/* memory and GPUs: a limit equals its request; cpu: a limit is
	 * at least its request. */
	for (size_t k = 0; k < ARRAY_LENGTH(resource_keys); k++) {
		const char *key = resource_keys[k];
		const char *lim = bg_kvlist_get(&r->limits, key);
		const char *req = bg_kvlist_get(&r->requests, key);
		int64_t a, b;
		if (lim == NULL || req == NULL) {
			continue;
		}
		snprintf(path, sizeof(path), "%.200s.resources.limits.%s", base,
			 key);
		if (bg__tf_has_expr(lim) || bg__tf_has_expr(req)) {
			plan_limit(cx, key, lim, req, path);
			continue;
		}
		if (!bg__eks_quantity(key, lim, &a) ||
		    !bg__eks_quantity(key, req, &b)) {
			continue;
		}
		if (strcmp(key, "cpu") != 0 && a != b) {
			bg__report(cx, R_EKS_RESOURCES, path,
				   "the %s limit must equal its request "
				   "(AWS Batch schedules by it); limit '%s', "
				   "request '%s'",
				   key, lim, req);
		} else if (strcmp(key, "cpu") == 0 && a < b) {
			bg__report(cx, R_EKS_RESOURCES, path,
				   "the cpu limit must not be below its "
				   "request; limit '%s', request '%s'",
				   lim, req);
		}
	}
}

/* Volume mounts name a volume of the pod, at an absolute path. */
static void
check_mounts(struct ctx *cx, const struct bg_eks_pod *pod,
	     const struct bg_eks_container *c, const char *base)
{
	char path[480];

	for (size_t i = 0; i < c->volume_mount_count; i++) {
		const struct bg_eks_volume_mount *m = &c->volume_mounts[i];
		bool declared = false;
		snprintf(path, sizeof(path), "%.200s.volume_mounts[%zu]", base,
			 i);
		for (size_t v = 0; m->name != NULL && v < pod->volume_count;
		     v++) {
			declared = declared || (pod->volumes[v].name != NULL &&
						strcmp(pod->volumes[v].name,
						       m->name) == 0);
		}
		if (m->name != NULL && !declared) {
			bg__report(cx, R_EKS_VOLUME_MOUNT, path,
				   "volume mount '%s' names no volume of the "
				   "pod (" POD ".volumes)",
				   m->name);
		}
		bg__check_absolute(cx, R_EKS_VOLUME_MOUNT, path, "mount_path",
				   m->mount_path);
	}
}

/* One list of containers (containers or init_containers): names,
 * environment, resources, mounts. seen: the names so far, "Default"
 * for a container without one (AWS's name). */
static void
check_containers(struct ctx *cx, const struct bg_eks_pod *pod,
		 const struct bg_eks_container *cs, size_t n,
		 const char *list, const char **seen, size_t *nseen)
{
	char path[480];

	if (n == 0 && strcmp(list, "containers") == 0) {
		bg__report(cx, R_EKS_CONTAINERS, POD ".containers",
			   "a pod has at least one container");
	}
	if (n > 10) {
		snprintf(path, sizeof(path), POD ".%s", list);
		bg__report(cx, R_EKS_CONTAINERS, path,
			   "a pod has at most 10 %s; got %zu",
			   strcmp(list, "containers") == 0 ? "containers"
							    : "init containers",
			   n);
	}
	for (size_t i = 0; i < n; i++) {
		const struct bg_eks_container *c = &cs[i];
		const char *name = c->name != NULL ? c->name : "Default";
		snprintf(path, sizeof(path), POD ".%s[%zu]", list, i);
		for (size_t j = 0; j < *nseen; j++) {
			if (strcmp(seen[j], name) == 0) {
				bg__report(cx, R_EKS_CONTAINER_NAME, path,
					   "container name '%s' is used twice "
					   "in the pod%s",
					   name,
					   c->name == NULL
						   ? " (a container without a "
						     "name is 'Default')"
						   : "");
				break;
			}
		}
		if (*nseen < 20) {
			seen[(*nseen)++] = name;
		}
		for (size_t e = 0; e < c->env.count; e++) {
			const char *k = c->env.items[e].key;
			char epath[520];
			snprintf(epath, sizeof(epath), "%.300s.env[%zu]", path,
				 e);
			bg__check_string(cx, R_ENV_RESERVED, epath, k,
					 strncmp(k, "AWS_BATCH", 9) != 0,
					 PLAN_IF("!startswith(@@, "
						 "\"AWS_BATCH\")"),
					 "environment variable '%s': names "
					 "starting with AWS_BATCH are reserved "
					 "for AWS Batch",
					 k);
		}
		{
			char ipath[520];
			snprintf(ipath, sizeof(ipath), "%.400s.image", path);
			bg__check_image(cx, c->image, ipath);
		}
		if (c->image_pull_policy != NULL) {
			char ppath[520];
			snprintf(ppath, sizeof(ppath), "%.400s.image_pull_policy",
				 path);
			bg__check_enum(cx, R_EKS_ENUM, ppath,
				       c->image_pull_policy,
				       bg__enum_eks_pull_policies, CASE_ONLY);
		}
		if (c->resources != NULL) {
			check_resources(cx, c->resources, path);
		}
		check_mounts(cx, pod, c, path);
	}
}

static void
check_volumes(struct ctx *cx, const struct bg_eks_pod *pod)
{
	char path[128];

	for (size_t i = 0; i < pod->volume_count; i++) {
		const struct bg_eks_volume *v = &pod->volumes[i];
		int sources = (v->empty_dir != NULL) + (v->host_path != NULL) +
			      (v->secret != NULL);
		snprintf(path, sizeof(path), POD ".volumes[%zu]", i);
		if (sources != 1) {
			bg__report(cx, R_EKS_VOLUME, path,
				   "a volume has exactly one of empty_dir, "
				   "host_path and secret; got %d",
				   sources);
		}
		if (v->empty_dir != NULL && v->empty_dir->medium != NULL) {
			const char *m = v->empty_dir->medium;
			char mpath[160];
			snprintf(mpath, sizeof(mpath), "%s.empty_dir.medium",
				 path);
			bg__check_string(cx, R_EKS_ENUM, mpath, m,
					 m[0] == '\0' || strcasecmp(m, "Memory") == 0,
					 PLAN_RE("(?i)^(memory)?$"),
					 "medium is \"\" (the node's disk) or "
					 "Memory; got '%s'",
					 m);
		}
		if (v->name == NULL) {
			continue;
		}
		if (v->secret != NULL && v->secret->secret_name != NULL) {
			char spath[160];
			snprintf(spath, sizeof(spath), "%s.secret.secret_name",
				 path);
			check_dns_name(cx, R_EKS_SECRET_NAME, spath,
				       "a secret's name", v->secret->secret_name);
		}
		check_dns_name(cx, R_EKS_VOLUME, path, "volume name", v->name);
		for (size_t j = 0; j < i; j++) {
			if (pod->volumes[j].name != NULL &&
			    strcmp(pod->volumes[j].name, v->name) == 0) {
				bg__report(cx, R_EKS_VOLUME, path,
					   "volume name '%s' is used twice "
					   "(volumes[%zu])",
					   v->name, j);
				break;
			}
		}
	}
}

void
bg__check_eks(struct ctx *cx, const struct bg_jobdef *def)
{
	const struct bg_eks_pod *pod = def->eks_properties->pod_properties;
	const char *seen[20];
	size_t nseen = 0;

	if (def->type != NULL && strcmp(def->type, "multinode") == 0) {
		bg__report(cx, R_EKS_KIND, "type",
			   "EKS jobs are container jobs: a multinode job "
			   "cannot have eks_properties (AWS refuses it when "
			   "terraform applies)");
	}
	if (def->platform_capability_count > 0) {
		bg__report(cx, R_EKS_KIND, "platform_capabilities",
			   "EKS jobs take no platform_capabilities: the EKS "
			   "cluster's compute environment decides where they "
			   "run");
	}
	if (pod == NULL) {
		return; /* the schema check said it is missing */
	}
	if (pod->dns_policy != NULL) {
		bg__check_enum(cx, R_EKS_ENUM, POD ".dns_policy",
			       pod->dns_policy, bg__enum_eks_dns_policies,
			       CASE_ONLY);
	}
	check_containers(cx, pod, pod->containers, pod->container_count,
			 "containers", seen, &nseen);
	check_containers(cx, pod, pod->init_containers,
			 pod->init_container_count, "init_containers", seen,
			 &nseen);
	check_volumes(cx, pod);
	for (size_t i = 0; i < pod->image_pull_secret_count; i++) {
		const char *name = pod->image_pull_secrets[i].name;
		char path[128];
		snprintf(path, sizeof(path), POD ".image_pull_secrets[%zu].name",
			 i);
		if (name != NULL && name[0] != '\0') {
			check_dns_name(cx, R_EKS_SECRET_NAME, path,
				       "an image pull secret's name", name);
		}
	}
}

/* Whether a container of cs (n) has Ref::name in its command or args. */
static bool
containers_refer(const struct bg_eks_container *cs, size_t n,
		 const char *name)
{
	for (size_t i = 0; i < n; i++) {
		char *const *lists[2] = { cs[i].command, cs[i].args };
		size_t counts[2] = { cs[i].command_count, cs[i].arg_count };
		for (size_t l = 0; l < 2; l++) {
			for (size_t k = 0; k < counts[l]; k++) {
				if (strncmp(lists[l][k], "Ref::", 5) == 0 &&
				    strcmp(lists[l][k] + 5, name) == 0) {
					return true;
				}
			}
		}
	}
	return false;
}

bool
bg__eks_refers(const struct bg_eks_properties *e, const char *name)
{
	const struct bg_eks_pod *pod = e != NULL ? e->pod_properties : NULL;

	return pod != NULL &&
	       (containers_refer(pod->containers, pod->container_count, name) ||
		containers_refer(pod->init_containers,
				 pod->init_container_count, name));
}
