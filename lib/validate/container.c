/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The rules of a container: resources and the Fargate size table,
 * image, user, roles, environment, volumes and EFS, Fargate network and
 * platform version (rules doc 2.1-2.3).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "model/enums.h"
#include "validate/rules.h"

/* ================================================================== */
/* Fargate sizes (AWS Batch API, SDK 3.1138.0)                         */
/* ================================================================== */

struct fargate_size {
	int64_t vcpus_milli;
	int64_t min, max, step; /* MiB */
	const int64_t *list;    /* explicit values instead of a range */
	size_t list_count;
};

static const int64_t quarter_vcpu[] = { 512, 1024, 2048 };
static const int64_t thirty_two_vcpu[] = { 61440, 122880, 249856 };

static const struct fargate_size fargate_sizes[] = {
	{ 250, 0, 0, 0, quarter_vcpu, ARRAY_LENGTH(quarter_vcpu) },
	{ 500, 1024, 4096, 1024, NULL, 0 },
	{ 1000, 2048, 8192, 1024, NULL, 0 },
	{ 2000, 4096, 16384, 1024, NULL, 0 },
	{ 4000, 8192, 30720, 1024, NULL, 0 },
	{ 8000, 16384, 61440, 4096, NULL, 0 },
	{ 16000, 32768, 122880, 8192, NULL, 0 },
	{ 32000, 0, 0, 0, thirty_two_vcpu, ARRAY_LENGTH(thirty_two_vcpu) },
};

static const struct fargate_size *
fargate_size_find(int64_t vcpus_milli)
{
	for (size_t i = 0; i < ARRAY_LENGTH(fargate_sizes); i++) {
		if (fargate_sizes[i].vcpus_milli == vcpus_milli) {
			return &fargate_sizes[i];
		}
	}
	return NULL;
}

bool
bg__fargate_size_ok(int64_t vcpus_milli, int64_t memory)
{
	const struct fargate_size *s = fargate_size_find(vcpus_milli);

	if (s == NULL) {
		return false;
	}
	if (s->list != NULL) {
		for (size_t i = 0; i < s->list_count; i++) {
			if (s->list[i] == memory) {
				return true;
			}
		}
		return false;
	}
	return memory >= s->min && memory <= s->max &&
	       (memory - s->min) % s->step == 0;
}

bool
bg__fargate_memory_text(int64_t vcpus_milli, char *buf, size_t size)
{
	const struct fargate_size *s = fargate_size_find(vcpus_milli);
	size_t used = 0;

	if (s == NULL) {
		return false;
	}
	if (s->list == NULL) {
		snprintf(buf, size, "%lld-%lld MiB in %lld MiB steps",
			 (long long)s->min, (long long)s->max,
			 (long long)s->step);
		return true;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < s->list_count && used < size; i++) {
		const char *sep = i == 0			? ""
				  : i + 1 == s->list_count ? " or "
							   : ", ";
		int n = snprintf(buf + used, size - used, "%s%lld", sep,
				 (long long)s->list[i]);
		if (n < 0) {
			break;
		}
		used += (size_t)n;
	}
	if (used < size) {
		snprintf(buf + used, size - used, " MiB");
	}
	return true;
}

/* arn:PARTITION:iam::ACCOUNT:role/NAME, for every partition (aws,
 * aws-cn, aws-us-gov, aws-iso...); NAME may hold a path. */
static bool
is_role_arn(const char *arn)
{
	const char *p = arn;
	int digits = 0;

	if (strncmp(p, "arn:aws", 7) != 0) {
		return false;
	}
	p += 7;
	while (*p == '-') { /* partition suffixes: -cn, -us-gov, -iso-b */
		p++;
		if (!(*p >= 'a' && *p <= 'z')) {
			return false;
		}
		while (*p >= 'a' && *p <= 'z') {
			p++;
		}
	}
	if (strncmp(p, ":iam::", 6) != 0) {
		return false;
	}
	for (p += 6; *p >= '0' && *p <= '9'; p++) {
		digits++;
	}
	if (digits != 12 || strncmp(p, ":role/", 6) != 0) {
		return false;
	}
	p += 6;
	if (*p == '\0') {
		return false;
	}
	for (; *p != '\0'; p++) {
		if (!bg__is_alnum(*p) && strchr("+=,.@_/-", *p) == NULL) {
			return false;
		}
	}
	return true;
}

/* An IAM role name: 1 to 64 of letters, digits and + = , . @ _ - */
static bool
is_role_name(const char *s)
{
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			     "0123456789+=,.@_-");

	return n >= 1 && n <= 64 && s[n] == '\0';
}

static void
check_role(struct ctx *cx, const char *arn, const char *path,
	   const char *what)
{
	if (arn == NULL) {
		return;
	}
	if (bg__tf_has_expr(arn)) {
		/* At plan time: the same ARN shape, as a regular expression
		 * (a value unknown until apply is checked then); a bare role
		 * name passes, as it does offline with a warning (a Ref of
		 * an IAM role in CloudFormation is its name). */
		char *q = bg__plan_quoted(arn);
		bg__plan_add(cx, R_ROLE_ARN, path,
			     bg__plan_regex(strcmp(what, "Execution role") == 0
						    ? "^arn:aws(-[a-z]+)*:iam::"
						      "[0-9]{12}:role/"
						      "[A-Za-z0-9+=,.@_/-]+$"
						    : "^(arn:aws(-[a-z]+)*:iam::"
						      "[0-9]{12}:role/"
						      "[A-Za-z0-9+=,.@_/-]+|"
						      "[A-Za-z0-9+=,.@_-]{1,64})$",
					    q),
			     bg__asprintf("%s ARN must be a valid IAM role ARN "
					  "(arn:PARTITION:iam::ACCOUNT:role/"
					  "NAME); got '%s'",
					  what, arn));
		free(q);
		return;
	}
	if (!is_role_arn(arn) && strcmp(what, "Execution role") != 0 &&
	    is_role_name(arn)) {
		bg__report(cx, R_ROLE_NAME, path,
		       "%s is the role name '%s', not an ARN: AWS documents "
		       "an ARN (arn:PARTITION:iam::ACCOUNT:role/NAME); give "
		       "one, such as ${aws_iam_role.job.arn}",
		       what, arn);
	} else if (!is_role_arn(arn)) {
		bg__report(cx, R_ROLE_ARN, path,
		       "%s ARN must be a valid IAM role ARN "
		       "(arn:PARTITION:iam::ACCOUNT:role/NAME) or a Terraform "
		       "reference such as ${aws_iam_role.job.arn}; got '%s'",
		       what, arn);
	}
}

static bool
is_platform_version(const char *v)
{
	int dots = 0;
	bool digit = false;

	if (strcmp(v, "LATEST") == 0) {
		return true;
	}
	for (const char *p = v; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			digit = true;
		} else if (*p == '.' && digit) {
			dots++;
			digit = false;
		} else {
			return false;
		}
	}
	return dots == 2 && digit;
}

/* The resource rules on values that are Terraform expressions, at
 * plan time: vCPUs (whole on EC2, a Fargate size on Fargate), memory,
 * GPUs, and the Fargate table when either side is an expression. */
static void
plan_resources(struct ctx *cx, const struct bg_container *c,
	       const char *base, bool fargate, bool table_check)
{
	char path[256];
	char *v = c->vcpus_milli.expr != NULL
			  ? bg__tf_expr_inner(c->vcpus_milli.expr)
			  : NULL;
	struct bg__buf table = { 0 };

	bg__path_join(path, sizeof(path), base, "vcpus");
	if (v != NULL && !fargate) {
		bg__plan_add(cx, R_VCPUS, path,
			     bg__asprintf("try(tonumber(%s) > 0 && "
					  "floor(tonumber(%s)) == tonumber(%s), "
					  "false)",
					  v, v, v),
			     bg__asprintf("vCPUs must be a positive integer; "
					  "got %s",
					  c->vcpus_milli.expr));
	}
	bg__path_join(path, sizeof(path), base, "memory");
	if (c->memory.expr != NULL) {
		bg__plan_range(cx, R_MEMORY, path, c->memory.expr, 4,
			       INT32_MAX, "Memory", "MiB");
	}
	bg__path_join(path, sizeof(path), base, "gpus");
	if (c->gpus.expr != NULL) {
		bg__plan_range(cx, R_GPUS, path, c->gpus.expr, 1, INT32_MAX,
			       "GPUs", "");
	}
	if (table_check && fargate && bg__given(c->vcpus_milli) &&
	    bg__given(c->memory)) {
		/* {"VCPU" = [MEMORY ...] ...}[tostring(V)] holds M. */
		char vtext[32], *m = NULL;
		bg__buf_puts(&table, "try(contains(lookup({");
		for (size_t i = 0; i < ARRAY_LENGTH(fargate_sizes); i++) {
			const struct fargate_size *f = &fargate_sizes[i];
			bg_vcpus_format(f->vcpus_milli, vtext, sizeof(vtext));
			bg__buf_printf(&table, "%s\"%s\" = [", i ? ", " : "",
				       vtext);
			for (int64_t mem = f->list ? f->list[0] : f->min, k = 0;
			     f->list ? (size_t)k < f->list_count
				     : mem <= f->max;
			     k++, mem = f->list ? (size_t)k < f->list_count
						     ? f->list[k]
						     : 0
						: mem + f->step) {
				bg__buf_printf(&table, "%s%lld", k ? ", " : "",
					       (long long)mem);
			}
			bg__buf_puts(&table, "]");
		}
		if (v == NULL) {
			bg_vcpus_format(c->vcpus_milli.value, vtext,
					sizeof(vtext));
		}
		m = c->memory.expr != NULL ? bg__tf_expr_inner(c->memory.expr)
					   : bg__asprintf("%lld",
							  (long long)c->memory
								  .value);
		/* numbers compared as numbers: "1.0" is 1 vCPU, "2048"
		 * is 2048 MiB */
		if (v != NULL) {
			bg__buf_printf(&table,
				       "}, tostring(tonumber(%s)), []), "
				       "tonumber(%s)), false)",
				       v, m != NULL ? m : "");
		} else {
			bg__buf_printf(&table,
				       "}, \"%s\", []), tonumber(%s)), false)",
				       vtext, m != NULL ? m : "");
		}
		bg__path_join(path, sizeof(path), base, "memory");
		bg__plan_add(cx, R_FARGATE_SIZE, path,
			     m != NULL ? bg__buf_take(&table, NULL) : NULL,
			     bg__asprintf("Fargate vCPUs and memory must be a "
					  "Fargate size (0.25 vCPU: 512, 1024 "
					  "or 2048 MiB; 1 vCPU: 2048 to 8192 "
					  "in steps of 1024; ...); got %s vCPU "
					  "with %s MiB",
					  c->vcpus_milli.expr != NULL
						  ? c->vcpus_milli.expr
						  : vtext,
					  c->memory.expr != NULL
						  ? c->memory.expr
						  : m != NULL ? m : ""));
		free(m);
	}
	bg__buf_finish(&table);
	free(v);
}

/* The values of vcpus, memory and gpus, each on its own. */
static void
check_amounts(struct ctx *cx, const struct bg_container *c, const char *base,
	      bool fargate)
{
	char path[256];
	char v[32];

	bg__path_join(path, sizeof(path), base, "vcpus");
	if (c->vcpus_milli.set) {
		bool not_whole = !fargate &&
				 (c->vcpus_milli.value % 1000 != 0 ||
				  c->vcpus_milli.value >
					  (int64_t)INT32_MAX * 1000);
		/* formatted only for a message: most jobs have none */
		if (c->vcpus_milli.value <= 0 || not_whole) {
			bg_vcpus_format(c->vcpus_milli.value, v, sizeof(v));
		}
		if (c->vcpus_milli.value <= 0) {
			bg__report(cx, R_VCPUS, path,
			       "vCPUs must be a positive integer; got %s", v);
		} else if (not_whole) {
			bg__report(cx, R_VCPUS, path,
			       "vCPUs must be a positive integer; got %s "
			       "(fractional vCPUs are for Fargate only)",
			       v);
		}
	}
	bg__path_join(path, sizeof(path), base, "memory");
	if (c->memory.set) {
		if (c->memory.value <= 0) {
			bg__report(cx, R_MEMORY, path,
			       "Memory must be a positive integer (MB); "
			       "got %lld",
			       (long long)c->memory.value);
		} else if (c->memory.value < 4 ||
			   c->memory.value > INT32_MAX) {
			bg__report(cx, R_MEMORY, path,
			       "Memory must be between 4 and %d MiB; got "
			       "%lld",
			       INT32_MAX, (long long)c->memory.value);
		}
	}
	bg__path_join(path, sizeof(path), base, "gpus");
	if (c->gpus.set) {
		if (c->gpus.value <= 0 || c->gpus.value > INT32_MAX) {
			bg__report(cx, R_GPUS, path,
			       "GPUs must be a positive integer; got %lld",
			       (long long)c->gpus.value);
		} else if (fargate) {
			bg__report(cx, R_FARGATE_GPU, path,
			       "GPU resources are not supported on Fargate; "
			       "use EC2 for GPU jobs");
		}
	}
}

static void
check_resources(struct ctx *cx, const struct bg_container *c,
		const char *base, bool fargate)
{
	char path[256];
	char v[32];
	char allowed[128];

	if (!bg__given(c->vcpus_milli) || !bg__given(c->memory)) {
		bg__report(cx, R_RESOURCES_REQUIRED, base,
		       "Container properties must set %s (AWS rejects the "
		       "job otherwise)",
		       !bg__given(c->vcpus_milli) && !bg__given(c->memory)
			       ? "vcpus and memory"
		       : !bg__given(c->vcpus_milli) ? "vcpus"
						    : "memory");
	}
	if (c->vcpus_milli.expr != NULL || c->memory.expr != NULL ||
	    c->gpus.expr != NULL) {
		plan_resources(cx, c, base, fargate, true);
	}
	check_amounts(cx, c, base, fargate);
	if (!fargate || !c->vcpus_milli.set || c->vcpus_milli.value <= 0) {
		return;
	}
	bg_vcpus_format(c->vcpus_milli.value, v, sizeof(v));
	if (fargate_size_find(c->vcpus_milli.value) == NULL) {
		bg__path_join(path, sizeof(path), base, "vcpus");
		bg__report(cx, R_FARGATE_SIZE, path,
		       "Fargate vCPUs must be one of 0.25, 0.5, 1, "
		       "2, 4, 8, 16 (or 32); got %s",
		       v);
		return;
	}
	bg__path_join(path, sizeof(path), base, "memory");
	if (c->memory.set && c->memory.value > 0) {
		if (!bg__fargate_size_ok(c->vcpus_milli.value,
					 c->memory.value)) {
			bg__fargate_memory_text(c->vcpus_milli.value, allowed,
						sizeof(allowed));
			bg__report(cx, R_FARGATE_SIZE, path,
			       "Fargate %s vCPU takes %s; got %lld", v,
			       allowed, (long long)c->memory.value);
		} else if (c->vcpus_milli.value == 32000) {
			bg__report(cx, R_FARGATE_32_VCPU, path,
			       "32 vCPU on Fargate is documented only by "
			       "the newest AWS SDK; check that your region "
			       "offers it");
		}
	}
}

/* The bytes an image name may hold: [A-Za-z0-9-_:./#@]. */
static bool
image_char(unsigned char c)
{
	if ((unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u) {
		return true;
	}
	switch (c) {
	case '-':
	case '_':
	case ':':
	case '.':
	case '/':
	case '#':
	case '@':
		return true;
	default:
		return false;
	}
}

/* Image names: at most 255 of [A-Za-z0-9-_:./#@] (an image with
 * Terraform expressions: at plan time). */
void
bg__check_image(struct ctx *cx, const char *image, const char *path)
{
	size_t len;

	if (image == NULL || image[0] == '\0') {
		return;
	}
	if (bg__tf_has_expr(image)) {
		/* At plan time: the same rule, on the computed image. */
		char *q = bg__plan_quoted(image);
		bg__plan_add(cx, R_IMAGE_FORMAT, path,
			     q != NULL ? bg__asprintf(
						 "length(%s) <= 255 && "
						 "can(regex(\"^[A-Za-z0-9_:./#@-]+$\", "
						 "%s))",
						 q, q)
				       : NULL,
			     bg__asprintf("image may hold letters, digits and "
					  "- _ : . / # @ only, at most 255 "
					  "characters; got '%s'",
					  image));
		free(q);
		return;
	}
	len = strlen(image);
	if (len > 255) {
		bg__report(cx, R_IMAGE_FORMAT, path,
		       "image must be at most 255 characters; got %zu", len);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (!image_char((unsigned char)image[i])) {
			/* the whole character, and its place in characters */
			char *before = bg__asprintf("%.*s", (int)i, image);
			bg__report(cx, R_IMAGE_FORMAT, path,
			       "image may hold letters, digits and - _ : . / "
			       "# @ only; '%s' has '%.*s' at position %zu",
			       image, (int)bg__utf8_char(image + i, len - i),
			       image + i,
			       before != NULL ? bg__utf8_len(before) + 1 : i + 1);
			free(before);
			return;
		}
	}
}

/* "BASE.LIST[I]" in buf: formatted only when a report needs it, since
 * the checks run over every item of every job. */
static const char *
item_path(char *buf, size_t size, const char *base, const char *list,
	  size_t i)
{
	snprintf(buf, size, "%s.%s[%zu]", base, list, i);
	return buf;
}

static void
check_environment(struct ctx *cx, const struct bg_container *c,
		  const char *base)
{
	char path[300];
	struct bg__strindex seen = { 0 };

	for (size_t i = 0; i < c->environment.count; i++) {
		const struct bg_kv *kv = &c->environment.items[i];
		size_t j;
		if (kv->key == NULL || kv->key[0] == '\0' ||
		    kv->value == NULL) {
			item_path(path, sizeof(path), base, "environment", i);
			bg__report(cx, R_ENVIRONMENT, path,
			       "Environment variable %zu must have 'name' "
			       "and 'value' fields",
			       i);
			continue;
		}
		if (strncmp(kv->key, "AWS_BATCH", 9) == 0 ||
		    bg__tf_has_expr(kv->key)) {
			item_path(path, sizeof(path), base, "environment", i);
			bg__check_string(cx, R_ENV_RESERVED, path, kv->key,
					 false,
					 PLAN_IF("!startswith(@@, "
						 "\"AWS_BATCH\")"),
					 "environment variable '%s': names "
					 "starting with AWS_BATCH are reserved "
					 "for AWS Batch",
					 kv->key);
		}
		switch (bg__strindex_put(&seen, kv->key, i, &j)) {
		case BG_OK:
			break;
		case BG_ERR_ARG:
			item_path(path, sizeof(path), base, "environment", i);
			bg__report(cx, R_ENV_DUPLICATE, path,
				   "environment variable '%s' is set twice "
				   "(also environment[%zu])",
				   kv->key, j);
			break;
		default:
			cx->nomem = true;
			break;
		}
		if (kv->value[0] == '\0') {
			item_path(path, sizeof(path), base, "environment", i);
			bg__report(cx, R_ENV_EMPTY, path,
			       "environment variable '%s' is empty: AWS Batch "
			       "drops empty values (the variable will not "
			       "be set)",
			       kv->key);
		}
	}
	bg__strindex_finish(&seen);
}

static bool
enabled_or_disabled(const char *v)
{
	return v == NULL || strcmp(v, "ENABLED") == 0 ||
	       strcmp(v, "DISABLED") == 0;
}

static void
check_efs(struct ctx *cx, const struct bg_container *c,
	  const struct bg_efs *e, const char *path)
{
	const char *te = e->transit_encryption, *ia = e->authorization.iam;
	const char *root = e->root_directory;
	bool transit = te != NULL && strcmp(te, "ENABLED") == 0;
	bool iam = ia != NULL && strcmp(ia, "ENABLED") == 0;
	bool iam_expr = bg__tf_has_expr(ia);

	bg__check_string(cx, R_EFS_TRANSIT, path, te, enabled_or_disabled(te),
			 PLAN_IN(bg__enum_enabled_disabled),
			 "transit_encryption must be ENABLED or DISABLED; got "
			 "'%s'",
			 te != NULL ? te : "");
	bg__check_string(cx, R_EFS_TRANSIT, path, ia, enabled_or_disabled(ia),
			 PLAN_IN(bg__enum_enabled_disabled),
			 "authorization_config.iam must be ENABLED or "
			 "DISABLED; got '%s'",
			 ia != NULL ? ia : "");
	if (ia != NULL && (iam_expr || bg__tf_has_expr(te))) {
		bg__plan_pair(cx, R_EFS_IAM, path,
			      "@@ != \"ENABLED\" || @2 == \"ENABLED\"", ia, te,
			      bg__asprintf("EFS IAM authorization needs "
					   "transit_encryption ENABLED"));
	} else if (iam && !transit) {
		bg__report(cx, R_EFS_IAM, path,
		       "EFS IAM authorization needs transit_encryption "
		       "ENABLED");
	}
	if ((iam || iam_expr) && c->job_role_arn == NULL) {
		bg__check_string(cx, R_EFS_IAM, path, ia, false,
				 PLAN_IF("@@ != \"ENABLED\""),
				 "EFS IAM authorization needs a job_role_arn "
				 "(the role EFS authorizes)");
	}
	if (e->authorization.access_point_id != NULL) {
		bg__check_string(cx, R_EFS_ACCESS_POINT, path, te, transit,
				 PLAN_IF("@@ == \"ENABLED\""),
				 "an EFS access point needs "
				 "transit_encryption ENABLED");
		bg__check_string(cx, R_EFS_ACCESS_POINT, path, root,
				 root == NULL || strcmp(root, "/") == 0,
				 PLAN_IF("@@ == \"/\""),
				 "with an EFS access point, root_directory "
				 "must be / or absent (the access point sets "
				 "it); got '%s'",
				 root != NULL ? root : "");
	}
	if (bg__tf_has_expr(root)) {
		bg__plan_length(cx, R_EFS_ROOT, path, root, 0, 4096,
				"root_directory must be at most 4096 "
				"characters");
	} else if (root != NULL && strlen(root) > 4096) {
		bg__report(cx, R_EFS_ROOT, path,
		       "root_directory must be at most 4096 characters; got "
		       "%zu",
		       strlen(root));
	}
	bg__check_range(cx, R_EFS_PORT, path, &e->transit_encryption_port, 0,
			65535, "transit_encryption_port", "");
}

/* Whether a Fargate platform version can mount EFS: 1.4.0 or later.
 * LATEST (given, or by default when absent) has been Linux platform
 * 1.4.0 since March 2021, so only an explicit older version cannot. */
static bool
version_mounts_efs(const char *v)
{
	int major = 0, minor = 0;

	if (v == NULL || strcmp(v, "LATEST") == 0) {
		return true;
	}
	return sscanf(v, "%d.%d", &major, &minor) == 2 &&
	       (major > 1 || (major == 1 && minor >= 4));
}

/* user, user:group, uid, uid:gid, user:gid, uid:group. */
static void
check_user(struct ctx *cx, const char *user, const char *path)
{
	int parts = 1;
	bool empty_part = user[0] == '\0';

	for (const char *p = user; *p != '\0'; p++) {
		if (*p == ':') {
			parts++;
			empty_part = empty_part || p[1] == '\0' || p == user;
		} else if (!bg__is_alnum(*p) && strchr("_.-", *p) == NULL) {
			empty_part = true;
		}
	}
	bg__check_string(cx, R_USER, path, user, parts <= 2 && !empty_part,
			 PLAN_RE("^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$"),
			 "user must be user, user:group, uid or uid:gid "
			 "(names of letters, digits, _ . -); got '%s'",
			 user);
}

static void
check_volumes(struct ctx *cx, const struct bg_container *c, const char *base,
	      bool fargate, enum bg__cview view)
{
	char path[256];

	for (size_t i = 0; i < c->volume_count; i++) {
		const struct bg_volume *vol = &c->volumes[i];
		snprintf(path, sizeof(path), "%s.volumes[%zu]", base, i);
		if (vol->name == NULL || vol->name[0] == '\0') {
			bg__report(cx, R_VOLUME_NAME, path,
			       "Volume %zu must have a 'name' field", i);
		} else {
			for (size_t j = 0; j < i; j++) {
				if (c->volumes[j].name != NULL &&
				    strcmp(c->volumes[j].name, vol->name) ==
					    0) {
					bg__report(cx, R_VOLUME_NAME, path,
					       "Volume name '%s' is used "
					       "twice (volumes[%zu])",
					       vol->name, j);
					break;
				}
			}
		}
		if (vol->efs != NULL && (vol->efs->file_system_id == NULL ||
					 vol->efs->file_system_id[0] == '\0')) {
			bg__report(cx, R_EFS_FILE_SYSTEM, path,
			       "EFS volume %zu must have a file_system_id", i);
		}
		if (vol->efs != NULL && vol->has_host) {
			bg__report(cx, R_VOLUME_KIND, path,
			       "volume '%s' is both a host and an EFS volume; "
			       "give one of host, efs_volume_configuration",
			       vol->name ? vol->name : "");
		}
		if (vol->name != NULL && vol->name[0] != '\0') {
			size_t len = strlen(vol->name);
			bool ok = len <= 255;
			for (size_t k = 0; ok && k < len; k++) {
				ok = bg__is_alnum(vol->name[k]) ||
				     vol->name[k] == '-' || vol->name[k] == '_';
			}
			bg__check_string(cx, R_VOLUME_KIND, path, vol->name,
					 ok, PLAN_RE("^[A-Za-z0-9_-]{1,255}$"),
					 "volume name must be 1 to 255 "
					 "letters, digits, - and _; got '%s'",
					 vol->name);
		}
		if (vol->efs != NULL) {
			check_efs(cx, c, vol->efs, path);
			if (fargate) {
				bg__check_string(
					cx, R_FARGATE_EFS_VERSION, path,
					c->platform_version,
					version_mounts_efs(c->platform_version),
					PLAN_RE("^(LATEST|1[.]([4-9]|[1-9][0-9]+)"
						"[.][0-9]+|([2-9]|[1-9][0-9]+)"
						"[.][0-9]+[.][0-9]+)$"),
					"EFS volumes on Fargate need "
					"platform_version 1.4.0 or later (or "
					"LATEST); got %s",
					c->platform_version);
			}
		}
		if (fargate && vol->has_host) {
			bg__report(cx, R_FARGATE_HOST_VOLUME, path,
			       "Host volumes are not supported on Fargate; "
			       "use an EFS volume");
		}
	}
	for (size_t i = 0; i < c->mount_point_count; i++) {
		const struct bg_mount_point *mp = &c->mount_points[i];
		/* An ECS container mounts the task's volumes: there, the
		 * caller looks for them. */
		bool found = view == BG_CV_ECS_CONTAINER;
		snprintf(path, sizeof(path), "%s.mount_points[%zu]", base, i);
		if (mp->source_volume == NULL || mp->source_volume[0] == '\0') {
			bg__report(cx, R_MOUNT_POINT, path,
			       "Mount point %zu must include non-empty "
			       "'source_volume'",
			       i);
		}
		if (mp->container_path == NULL ||
		    mp->container_path[0] == '\0') {
			bg__report(cx, R_MOUNT_POINT, path,
			       "Mount point %zu must include non-empty "
			       "'container_path'",
			       i);
		}
		if (mp->container_path != NULL &&
		    mp->container_path[0] != '\0') {
			bg__check_absolute(cx, R_MOUNT_PATH, path,
					   "container_path", mp->container_path);
		}
		if (mp->source_volume == NULL || mp->source_volume[0] == '\0') {
			continue;
		}
		for (size_t j = 0; j < c->volume_count; j++) {
			if (c->volumes[j].name != NULL &&
			    strcmp(c->volumes[j].name, mp->source_volume) ==
				    0) {
				found = true;
			}
		}
		if (!found) {
			bg__report(cx, R_MOUNT_POINT_VOLUME, path,
			       "Mount point %zu refers to volume '%s', which "
			       "is not declared in volumes",
			       i, mp->source_volume);
		}
	}
}

void
bg__check_container(struct ctx *cx, const struct bg_container *c,
		const char *base, bool fargate, bool in_range,
		enum bg__cview view)
{
	char path[256];
	bool task = view == BG_CV_ECS_TASK;

	/* Paths are formatted where they can be needed: this runs for
	 * every container of every job. */
	if (task) {
		/* the task's containers have the image */
	} else if (c->image == NULL || c->image[0] == '\0') {
		bg__path_join(path, sizeof(path), base, "image");
		bg__report(cx, R_IMAGE, path,
		       "Container properties must include a non-empty "
		       "'image' field");
	} else {
		bg__path_join(path, sizeof(path), base, "image");
		bg__check_image(cx, c->image, path);
	}
	if (c->user != NULL) {
		bg__path_join(path, sizeof(path), base, "user");
		check_user(cx, c->user, path);
	}
	if (fargate && c->vcpus_milli.set && c->vcpus_milli.value > 6000 &&
	    fargate_size_find(c->vcpus_milli.value) != NULL) {
		char v[24];
		bg_vcpus_format(c->vcpus_milli.value, v, sizeof(v));
		bg__path_join(path, sizeof(path), base, "vcpus");
		bg__report(cx, R_FARGATE_QUOTA, path,
		       "%s Fargate vCPUs exceed the default account quota of "
		       "6 On-Demand vCPUs: the job may wait in RUNNABLE "
		       "until the quota is raised",
		       v);
	}
	if (view == BG_CV_WHOLE) {
		check_resources(cx, c, base, fargate);
	} else if (view == BG_CV_ECS_CONTAINER) {
		/* each container alone; the task's sum is checked offline
		 * when every amount is known */
		if (c->vcpus_milli.expr != NULL || c->memory.expr != NULL ||
		    c->gpus.expr != NULL) {
			plan_resources(cx, c, base, fargate, false);
		}
		check_amounts(cx, c, base, fargate);
	}
	if (c->job_role_arn != NULL) {
		bg__path_join(path, sizeof(path), base,
			      task ? "task_role_arn" : "job_role_arn");
		check_role(cx, c->job_role_arn, path,
			   task ? "Task role" : "Job role");
	}
	if (view == BG_CV_ECS_CONTAINER) {
		/* roles and platform are the task's */
	} else if (c->execution_role_arn != NULL || fargate) {
		bg__path_join(path, sizeof(path), base, "execution_role_arn");
		check_role(cx, c->execution_role_arn, path, "Execution role");
	}
	if (fargate && c->execution_role_arn == NULL &&
	    view != BG_CV_ECS_CONTAINER) {
		bg__report(cx, R_FARGATE_EXECUTION_ROLE, path,
		       "Fargate jobs require an execution role ARN "
		       "(execution_role_arn)");
	}
	if (fargate && c->privileged.expr != NULL) {
		char *e = bg__tf_expr_inner(c->privileged.expr);
		bg__path_join(path, sizeof(path), base, "privileged");
		bg__plan_add(cx, R_FARGATE_PRIVILEGED, path,
			     e != NULL ? bg__asprintf("!(%s)", e) : NULL,
			     bg__asprintf("Privileged containers are not "
					  "supported on Fargate"));
		free(e);
	} else if (fargate && c->privileged.set && c->privileged.value) {
		bg__path_join(path, sizeof(path), base, "privileged");
		bg__report(cx, R_FARGATE_PRIVILEGED, path,
		       "Privileged containers are not supported on Fargate");
	}
	if (c->assign_public_ip != NULL) {
		snprintf(path, sizeof(path),
			 "%s.network_configuration.assign_public_ip", base);
		if (!fargate) {
			bg__report(cx, R_FARGATE_ONLY, path,
			       "assign_public_ip is for Fargate jobs only; "
			       "EC2 jobs must not set a network "
			       "configuration");
		} else {
			bg__check_string(cx, R_ASSIGN_PUBLIC_IP, path,
					 c->assign_public_ip,
					 enabled_or_disabled(c->assign_public_ip),
					 PLAN_IN(bg__enum_enabled_disabled),
					 "assign_public_ip must be ENABLED or "
					 "DISABLED; got '%s'",
					 c->assign_public_ip);
		}
	}
	if (c->platform_version != NULL) {
		snprintf(path, sizeof(path), "%s.%splatform_version", base,
			 task ? "" : "fargate_platform_configuration.");
		if (!fargate) {
			bg__report(cx, R_FARGATE_ONLY, path,
			       "platform_version is for Fargate jobs only; "
			       "EC2 jobs must not set it");
		} else {
			bg__check_string(cx, R_PLATFORM_VERSION, path,
					 c->platform_version,
					 is_platform_version(c->platform_version),
					 PLAN_RE("^(LATEST|[0-9]+[.][0-9]+[.][0-9]+)$"),
					 "platform_version must be LATEST or a "
					 "version such as 1.4.0; got '%s'",
					 c->platform_version);
		}
	}
	check_environment(cx, c, base);
	check_volumes(cx, c, base, fargate, view);
	bg__check_extras(cx, c, base, fargate, in_range, view);
}

