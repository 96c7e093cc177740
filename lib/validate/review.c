/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The security and cost review (`batchgen lint`): rules on definitions
 * AWS accepts, but that give away more than the job needs or can bill
 * without end. Each rule is a row RV of validate/rules.def, with its
 * CWE, score and source; this file finds them, in every container of
 * every job kind: container_properties, each node range's container or
 * ECS task, the ECS task's containers, the EKS pod's containers and
 * init containers.
 *
 * A value that holds a Terraform expression is not known here, and is
 * not judged (the review is advice, not a plan-time rule).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/ecs.h"
#include "model/eks.h"
#include "validate/rules.h"

/* s is written out: given, and no Terraform expression in it. */
static bool
literal(const char *s)
{
	return s != NULL && !bg__tf_has_expr(s);
}

static bool
is_true(const struct bg_opt_bool *b)
{
	return b->set && b->value;
}

/* ================================================================== */
/* Images                                                              */
/* ================================================================== */

/* "repo" and "repo:latest" move; "repo:1.2" and "repo@sha256:..." do
 * not. The tag follows the last ':' after the last '/' (a registry's
 * port is before it). */
static void
review_image(struct ctx *cx, const char *image, const char *path)
{
	const char *slash, *last, *colon;

	if (!literal(image) || image[0] == '\0') {
		return;
	}
	slash = strrchr(image, '/');
	last = slash != NULL ? slash + 1 : image;
	if (strchr(last, '@') != NULL) {
		return;
	}
	colon = strrchr(last, ':');
	if (colon == NULL) {
		bg__report(cx, R_SEC_IMAGE_TAG, path,
			   "image '%.200s' has no tag, so it is :latest, "
			   "which moves: pin a version tag or a digest "
			   "(@sha256:...)",
			   image);
	} else if (strcmp(colon + 1, "latest") == 0) {
		bg__report(cx, R_SEC_IMAGE_TAG, path,
			   "image '%.200s' is :latest, which moves: pin a "
			   "version tag or a digest (@sha256:...)",
			   image);
	}
}

/* ================================================================== */
/* Credentials in environment values                                   */
/* ================================================================== */

static bool
key_id_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
}

/* An AWS access key id in v: (A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA) and 16
 * of [A-Z2-7], not the documentation's (ending in EXAMPLE). */
static bool
has_access_key_id(const char *v)
{
	static const char *const prefixes[] = { "AKIA", "ASIA", "ABIA",
						 "ACCA", "A3T" };
	size_t n = strlen(v);

	for (size_t i = 0; i + 20 <= n; i++) {
		for (size_t p = 0; p < sizeof(prefixes) / sizeof(*prefixes);
		     p++) {
			size_t k = strlen(prefixes[p]), j;
			if (strncmp(v + i, prefixes[p], k) != 0) {
				continue;
			}
			if (k == 3) { /* A3T and one of [A-Z0-9] */
				if (!isupper((unsigned char)v[i + 3]) &&
				    !isdigit((unsigned char)v[i + 3])) {
					continue;
				}
				k = 4;
			}
			for (j = k; j < 20 && key_id_char(v[i + j]); j++) {
			}
			if (j == 20 && strncmp(v + i + 13, "EXAMPLE", 7) != 0) {
				return true;
			}
		}
	}
	return false;
}

/* The words of an environment variable's name, upper case, split at
 * '_', '-', '.', and where a lower-case letter meets an upper-case one
 * (dbPassword: DB PASSWORD). At most max words. */
static size_t
name_words(const char *name, char words[][24], size_t max)
{
	size_t n = 0, len = 0;

	for (const char *p = name;; p++) {
		bool sep = *p == '\0' || !isalnum((unsigned char)*p);
		bool camel = p > name && islower((unsigned char)p[-1]) &&
			     isupper((unsigned char)*p);
		if ((sep || camel) && len > 0) {
			words[n][len] = '\0';
			if (++n == max) {
				return n;
			}
			len = 0;
		}
		if (*p == '\0') {
			return n;
		}
		if (!sep && len + 1 < sizeof(words[0])) {
			words[n][len++] = (char)toupper((unsigned char)*p);
		}
	}
}

static bool
in(const char *w, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(w, *list) == 0) {
			return true;
		}
	}
	return false;
}

/* Whether a variable of this name holds a credential when it holds a
 * literal: it says so (PASSWORD, SECRET, TOKEN, API KEY, PRIVATE KEY,
 * ACCESS KEY), and its last word does not say it names one instead
 * (DB_PASSWORD_ARN, SECRET_NAME, TOKEN_URL, ACCESS_KEY_ID). */
static bool
secret_name(const char *name)
{
	static const char *const alone[] = { "PASSWORD", "PASSWD",
					     "PASSPHRASE", "SECRET", "TOKEN",
					     "APIKEY", "CREDENTIAL",
					     "CREDENTIALS", NULL };
	static const char *const before_key[] = { "API", "PRIVATE", "ACCESS",
						  "AUTH", "SIGNING", NULL };
	static const char *const naming[] = {
		"NAME", "ARN", "ID", "FILE", "PATH", "URL", "URI", "ENDPOINT",
		"HOST", "PORT", "REGION", "TYPE", "TTL", "LENGTH", "TIMEOUT",
		"SECONDS", "EXPIRY", "EXPIRATION", "HEADER", "PARAM",
		"PARAMETER", "VERSION", "BUCKET", "PREFIX", "DIR", "FIELD",
		"LOCATION", "SOURCE", "MODE", "ENABLED", "REF", "KEY_ID",
		"STORE", "PROVIDER", "LIFETIME", "DURATION", NULL };
	char words[12][24];
	size_t n = name_words(name, words, 12);
	bool says = false;

	if (n == 0 || in(words[n - 1], naming)) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		says = says || in(words[i], alone) ||
		       (i + 1 < n && strcmp(words[i + 1], "KEY") == 0 &&
			in(words[i], before_key));
	}
	return says;
}

/* A value that names a credential, or says nothing: an ARN, a path, a
 * URL, a CloudFormation dynamic reference, a word such as true. */
static bool
reference_like(const char *v)
{
	static const char *const words[] = { "true", "false", "yes", "no",
					     "none", "null", "", NULL };
	char lower[8];
	size_t n = strlen(v), i;

	for (i = 0; i < n && i + 1 < sizeof(lower); i++) {
		lower[i] = (char)tolower((unsigned char)v[i]);
	}
	lower[i] = '\0';
	if (n < sizeof(lower) && in(lower, words)) {
		return true;
	}
	for (i = 0; i < n && isdigit((unsigned char)v[i]); i++) {
	}
	return i == n || strncmp(v, "arn:", 4) == 0 || v[0] == '/' ||
	       strstr(v, "://") != NULL || strncmp(v, "{{resolve:", 10) == 0;
}

static void
review_env(struct ctx *cx, const struct bg_kvlist *env, const char *base,
	   const char *key)
{
	char path[512];

	for (size_t i = 0; i < env->count; i++) {
		const char *name = env->items[i].key;
		const char *v = env->items[i].value;
		const char *what = NULL;
		if (!literal(v) || name == NULL) {
			continue;
		}
		if (has_access_key_id(v)) {
			what = "an AWS access key id";
		} else if (strstr(v, "-----BEGIN") != NULL &&
			   strstr(v, "PRIVATE KEY-----") != NULL) {
			what = "a PEM private key";
		} else if (secret_name(name) && !reference_like(v)) {
			what = strlen(v) == 40 ? "what looks like a 40-character "
						 "secret key"
					       : "a literal credential";
		}
		if (what != NULL) {
			snprintf(path, sizeof(path), "%s.%s[%zu]", base, key, i);
			bg__report(cx, R_SEC_SECRET_ENV, path,
				   "environment variable '%.100s' holds %s in "
				   "plain text, readable by anyone who can "
				   "describe the job definition or read the "
				   "state: move it to secrets (value_from a "
				   "Secrets Manager secret or SSM parameter)",
				   name, what);
		}
	}
}

/* ================================================================== */
/* Host paths                                                          */
/* ================================================================== */

/* "/etc/" and "/etc" alike: the length of p without trailing slashes
 * (a lone "/" stays). */
static size_t
trimmed(const char *p)
{
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/') {
		n--;
	}
	return n;
}

static bool
same_or_under(const char *p, size_t n, const char *dir)
{
	size_t k = strlen(dir);

	return n >= k && strncmp(p, dir, k) == 0 && (n == k || p[k] == '/');
}

static void
review_host_path(struct ctx *cx, const char *p, const char *path)
{
	static const char *const under[] = { "/etc", "/proc", "/sys", "/root",
					     "/boot", "/var/lib/docker", NULL };
	static const char *const exact[] = { "/", "/var/run", "/run", NULL };
	size_t n;

	if (!literal(p) || p[0] != '/') {
		return;
	}
	n = trimmed(p);
	if ((n == 20 && strncmp(p, "/var/run/docker.sock", n) == 0) ||
	    (n == 16 && strncmp(p, "/run/docker.sock", n) == 0)) {
		bg__report(cx, R_SEC_DOCKER_SOCKET, path,
			   "the host's Docker socket (%s) is mounted: the job "
			   "can start a privileged container and is root on "
			   "the instance",
			   p);
		return;
	}
	for (size_t i = 0; under[i] != NULL; i++) {
		if (same_or_under(p, n, under[i])) {
			bg__report(cx, R_SEC_HOST_PATH, path,
				   "host path %.200s is mounted: it holds the "
				   "host's own files (%s)",
				   p, under[i]);
			return;
		}
	}
	for (size_t i = 0; exact[i] != NULL; i++) {
		if (strlen(exact[i]) == n && strncmp(p, exact[i], n) == 0) {
			bg__report(cx, R_SEC_HOST_PATH, path,
				   "host path %.200s is mounted: it holds the "
				   "host's own files",
				   p);
			return;
		}
	}
}

/* ================================================================== */
/* Containers and tasks                                                */
/* ================================================================== */

/* What runs: the image, privileges, environment, root file system. */
static void
review_process(struct ctx *cx, const struct bg_container *c,
	       const char *base)
{
	char path[512];

	bg__path_join(path, sizeof(path), base, "image");
	review_image(cx, c->image, path);
	if (is_true(&c->privileged)) {
		bg__path_join(path, sizeof(path), base, "privileged");
		bg__report(cx, R_SEC_PRIVILEGED, path,
			   "a privileged container is root on the instance, "
			   "with every capability and device: give it only "
			   "the devices it needs (linux_parameters.devices)");
	}
	review_env(cx, &c->environment, base, "environment");
	if (!is_true(&c->readonly_root_filesystem) &&
	    c->readonly_root_filesystem.expr == NULL) {
		snprintf(path, sizeof(path), "%s.readonly_root_filesystem",
			 base);
		bg__report(cx, R_SEC_ROOT_FS, path,
			   "the root file system is writable: "
			   "readonly_root_filesystem = true, with scratch "
			   "space on a volume or tmpfs, keeps the image as "
			   "built");
	}
}

/* The task's own: roles, volumes, network. The job role is
 * job_role_arn in container_properties, task_role_arn in a task. */
static void
review_task(struct ctx *cx, const struct bg_container *c, const char *base,
	    const char *role_key)
{
	char path[512];

	if (literal(c->job_role_arn) && literal(c->execution_role_arn) &&
	    strcmp(c->job_role_arn, c->execution_role_arn) == 0) {
		snprintf(path, sizeof(path), "%s.%s", base, role_key);
		bg__report(cx, R_SEC_SAME_ROLE, path,
			   "the job role is the execution role: the job's "
			   "code may do all the agent may (read every secret, "
			   "pull every image); give it a role of its own");
	}
	for (size_t i = 0; i < c->volume_count; i++) {
		const struct bg_volume *v = &c->volumes[i];
		if (v->has_host && v->host_source_path != NULL) {
			snprintf(path, sizeof(path),
				 "%s.volumes[%zu].host.source_path", base, i);
			review_host_path(cx, v->host_source_path, path);
		}
	}
	if (literal(c->assign_public_ip) &&
	    strcmp(c->assign_public_ip, "ENABLED") == 0) {
		snprintf(path, sizeof(path),
			 "%s.network_configuration.assign_public_ip", base);
		bg__report(cx, R_SEC_PUBLIC_IP, path,
			   "each task gets a public IP address: in a private "
			   "subnet with a NAT gateway it needs none");
	}
}

static void
review_ecs(struct ctx *cx, const struct bg_ecs_properties *e,
	   const char *base)
{
	char tbase[400], cbase[440];

	for (size_t t = 0; t < e->task_property_count; t++) {
		const struct bg_ecs_task *task = &e->task_properties[t];
		snprintf(tbase, sizeof(tbase), "%s.task_properties[%zu]", base,
			 t);
		review_task(cx, &task->t, tbase, "task_role_arn");
		for (size_t i = 0; i < task->container_count; i++) {
			snprintf(cbase, sizeof(cbase), "%s.containers[%zu]",
				 tbase, i);
			review_process(cx, &task->containers[i].c, cbase);
		}
	}
}

#define POD "eks_properties.pod_properties"

static void
review_eks_containers(struct ctx *cx, const struct bg_eks_container *cs,
		      size_t n, const char *key)
{
	char base[128], path[256];

	for (size_t i = 0; i < n; i++) {
		const struct bg_eks_container *c = &cs[i];
		const struct bg_eks_security_context *sc = c->security_context;
		snprintf(base, sizeof(base), POD ".%s[%zu]", key, i);
		bg__path_join(path, sizeof(path), base, "image");
		review_image(cx, c->image, path);
		review_env(cx, &c->env, base, "env");
		if (sc != NULL && is_true(&sc->privileged)) {
			snprintf(path, sizeof(path),
				 "%s.security_context.privileged", base);
			bg__report(cx, R_SEC_PRIVILEGED, path,
				   "a privileged container is root on the "
				   "node, with every capability and device");
		}
		if (sc != NULL && sc->run_as_user.set &&
		    sc->run_as_user.value == 0) {
			snprintf(path, sizeof(path),
				 "%s.security_context.run_as_user", base);
			bg__report(cx, R_SEC_EKS_HOST, path,
				   "the container runs as UID 0 (root): give "
				   "it a non-zero run_as_user");
		}
		if (sc != NULL && sc->run_as_non_root.set &&
		    !sc->run_as_non_root.value) {
			snprintf(path, sizeof(path),
				 "%s.security_context.run_as_non_root", base);
			bg__report(cx, R_SEC_EKS_HOST, path,
				   "run_as_non_root is false: the container "
				   "may run as root");
		}
		if ((sc == NULL || (!is_true(&sc->read_only_root_file_system) &&
				    sc->read_only_root_file_system.expr ==
					    NULL))) {
			snprintf(path, sizeof(path),
				 "%s.security_context.read_only_root_file_system",
				 base);
			bg__report(cx, R_SEC_ROOT_FS, path,
				   "the root file system is writable: "
				   "read_only_root_file_system = true, with "
				   "scratch space on an emptyDir, keeps the "
				   "image as built");
		}
	}
}

static void
review_eks(struct ctx *cx, const struct bg_eks_properties *e)
{
	const struct bg_eks_pod *pod = e->pod_properties;
	char path[256];

	if (pod == NULL) {
		return;
	}
	if (is_true(&pod->host_network)) {
		bg__report(cx, R_SEC_EKS_HOST, POD ".host_network",
			   "the pod shares the node's network namespace: it "
			   "sees and can bind every address of the node");
	}
	for (size_t i = 0; i < pod->volume_count; i++) {
		const struct bg_eks_volume *v = &pod->volumes[i];
		if (v->host_path != NULL && v->host_path->path != NULL) {
			snprintf(path, sizeof(path),
				 POD ".volumes[%zu].host_path.path", i);
			review_host_path(cx, v->host_path->path, path);
		}
	}
	review_eks_containers(cx, pod->init_containers,
			      pod->init_container_count, "init_containers");
	review_eks_containers(cx, pod->containers, pod->container_count,
			      "containers");
}

/* ================================================================== */
/* The job                                                             */
/* ================================================================== */

/* A catch-all: every pattern given is "*". EXIT ends the retries of
 * what nobody listed; RETRY says, in the definition, that retrying it
 * is meant. Either way the retry is no surprise. */
static bool
catch_all(const struct bg_evaluate_on_exit *e)
{
	const char *pats[] = { e->on_exit_code, e->on_reason,
			       e->on_status_reason };
	size_t given = 0;

	if (e->action == NULL) {
		return false;
	}
	for (size_t i = 0; i < 3; i++) {
		if (pats[i] != NULL) {
			if (strcmp(pats[i], "*") != 0) {
				return false;
			}
			given++;
		}
	}
	return given > 0;
}

static void
review_retry(struct ctx *cx, const struct bg_jobdef *def)
{
	bool retries = def->retry_attempts.expr != NULL ||
		       (def->retry_attempts.set && def->retry_attempts.value > 1);

	if (def->evaluate_on_exit_count == 0 || !retries) {
		return;
	}
	for (size_t i = 0; i < def->evaluate_on_exit_count; i++) {
		if (catch_all(&def->evaluate_on_exit[i])) {
			return;
		}
	}
	bg__report(cx, R_COST_NO_RETRY_CATCHALL,
		   "retry_strategy.evaluate_on_exit",
		   "no condition catches the rest, and AWS retries a job that "
		   "matches none: a failure nobody listed runs %s times; end "
		   "the list with {action = \"EXIT\", on_reason = \"*\"}",
		   def->retry_attempts.expr != NULL ? "attempts" : "up to attempts");
}

enum bg_status
bg__review(const struct bg_jobdef *def, const char *path_prefix,
	   struct bg_diags *diags)
{
	struct ctx cx = { .prefix = path_prefix, .diags = diags };
	char base[128];

	if (def == NULL || diags == NULL) {
		return BG_ERR_ARG;
	}
	if (def->container != NULL) {
		review_process(&cx, def->container, "container_properties");
		review_task(&cx, def->container, "container_properties",
			    "job_role_arn");
	}
	if (def->ecs_properties != NULL) {
		review_ecs(&cx, def->ecs_properties, "ecs_properties");
	}
	if (def->eks_properties != NULL) {
		review_eks(&cx, def->eks_properties);
	}
	for (size_t i = 0; def->node_properties != NULL &&
			   i < def->node_properties->range_count;
	     i++) {
		const struct bg_node_range *r = &def->node_properties->ranges[i];
		if (r->container != NULL) {
			snprintf(base, sizeof(base),
				 "node_properties.node_range_properties[%zu]."
				 "container",
				 i);
			review_process(&cx, r->container, base);
			review_task(&cx, r->container, base, "job_role_arn");
		}
		if (r->ecs != NULL) {
			snprintf(base, sizeof(base),
				 "node_properties.node_range_properties[%zu]."
				 "ecs_properties",
				 i);
			review_ecs(&cx, r->ecs, base);
		}
	}
	if (!def->timeout_seconds.set && def->timeout_seconds.expr == NULL) {
		bg__report(&cx, R_COST_NO_TIMEOUT, "timeout",
			   "no timeout: AWS Batch has none by default, so a "
			   "job that hangs runs and bills until it is stopped; "
			   "set timeout.attempt_duration_seconds");
	}
	review_retry(&cx, def);
	return cx.nomem ? BG_ERR_NOMEM : BG_OK;
}
