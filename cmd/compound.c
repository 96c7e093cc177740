/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The values of the field flags that build a list entry or read more
 * than one value: --command, --platform, --efs-volume, --host-volume,
 * --mount, --secret, --ulimit.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

/* ================================================================== */
/* Compound values                                                     */
/* ================================================================== */

static bool
push_str(char ***v, size_t *n, const char *s)
{
	char **grown = realloc(*v, (*n + 1) * sizeof(**v));

	if (grown == NULL) {
		return false;
	}
	*v = grown;
	grown[*n] = strdup(s);
	if (grown[*n] == NULL) {
		return false;
	}
	(*n)++;
	return true;
}

/* A whole number by the library's one rule. */
static bool
parse_int(const char *opt, const char *arg, struct bg_opt_int *out)
{
	const char *why = NULL;

	if (bg_number_parse(arg, 0, &out->value, NULL, &why) != BG_OK) {
		usage_error("--%s: '%s' is not a whole number: %s", opt, arg,
			    why);
		return false;
	}
	out->set = true;
	return true;
}

/* --command: a JSON array of strings (read with cJSON), or words. */
bool
parse_command(const char *arg, struct bg_job_options *o)
{
	const char *p = arg;

	for (size_t i = 0; i < o->c.command_count; i++) {
		free(o->c.command[i]);
	}
	free(o->c.command);
	o->c.command = NULL;
	o->c.command_count = 0;
	while (*p == ' ') {
		p++;
	}
	if (*p == '[') {
		cJSON *arr = cJSON_Parse(p);
		const cJSON *item;
		bool ok = cJSON_IsArray(arr);
		cJSON_ArrayForEach(item, arr)
		{
			if (!cJSON_IsString(item)) {
				ok = false;
				break;
			}
			if (!push_str(&o->c.command, &o->c.command_count,
				      item->valuestring)) {
				ok = false;
				break;
			}
		}
		cJSON_Delete(arr);
		if (!ok) {
			usage_error("--command: '%s' is not a JSON array of "
				    "strings",
				    arg);
		}
		return ok;
	}
	while (*p != '\0') {
		size_t n = strcspn(p, " \t");
		char *word = strndup(p, n);
		bool ok = word != NULL &&
			  push_str(&o->c.command, &o->c.command_count, word);
		free(word);
		if (!ok) {
			return false;
		}
		p += n;
		p += strspn(p, " \t");
	}
	return true;
}

static struct bg_volume *
new_volume(struct bg_job_options *o)
{
	struct bg_volume *grown =
		realloc(o->c.volumes, (o->c.volume_count + 1) * sizeof(*grown));

	if (grown == NULL) {
		return NULL;
	}
	o->c.volumes = grown;
	memset(&grown[o->c.volume_count], 0, sizeof(*grown));
	return &grown[o->c.volume_count++];
}

/* --efs-volume NAME=FS_ID[,key=value...] */
bool
parse_efs(const char *arg, struct bg_job_options *o)
{
	char *copy = strdup(arg);
	char *eq = copy != NULL ? strchr(copy, '=') : NULL;
	char *save = NULL;
	char *fs;
	const char *root = NULL, *transit = NULL, *ap = NULL, *iam = NULL;
	const char *port = NULL;
	struct bg_volume *vol;
	bool ok = true;

	if (eq == NULL) {
		free(copy);
		usage_error("--efs-volume: expected NAME=FS_ID[,OPTION=VALUE...]"
			    ", got '%s'",
			    arg);
		return false;
	}
	*eq = '\0';
	fs = strtok_r(eq + 1, ",", &save);
	for (char *kv = strtok_r(NULL, ",", &save); kv != NULL && ok;
	     kv = strtok_r(NULL, ",", &save)) {
		char *v = strchr(kv, '=');
		if (v == NULL) {
			ok = false;
			break;
		}
		*v++ = '\0';
		if (strcmp(kv, "root") == 0) {
			root = v;
		} else if (strcmp(kv, "transit-encryption") == 0) {
			transit = v;
		} else if (strcmp(kv, "access-point") == 0) {
			ap = v;
		} else if (strcmp(kv, "iam") == 0) {
			iam = v;
		} else if (strcmp(kv, "port") == 0) {
			port = v;
		} else {
			ok = false;
		}
	}
	if (!ok) {
		usage_error("--efs-volume: '%s': options are root=DIR, "
			    "transit-encryption=ENABLED|DISABLED, port=N, "
			    "access-point=ID, iam=ENABLED|DISABLED",
			    arg);
		free(copy);
		return false;
	}
	vol = new_volume(o);
	ok = vol != NULL && bg_efs_volume(vol, copy, fs != NULL ? fs : "",
					  root, transit, ap, iam) == BG_OK;
	if (ok && port != NULL) {
		ok = parse_int("efs-volume port", port,
			       &vol->efs->transit_encryption_port);
	}
	free(copy);
	return ok;
}

/* --host-volume NAME[=PATH] */
bool
parse_host(const char *arg, struct bg_job_options *o)
{
	const char *eq = strchr(arg, '=');
	char *name = strndup(arg, eq != NULL ? (size_t)(eq - arg) : strlen(arg));
	struct bg_volume *vol = name != NULL ? new_volume(o) : NULL;
	bool ok = vol != NULL &&
		  bg_host_volume(vol, name, eq != NULL ? eq + 1 : NULL) == BG_OK;

	free(name);
	return ok;
}

/* --mount VOLUME:PATH[:ro|:rw] */
bool
parse_mount(const char *arg, struct bg_job_options *o)
{
	const char *colon = strchr(arg, ':');
	const char *path;
	const char *mode;
	char *vol;
	char *cpath;
	bool ro = false;
	struct bg_mount_point *grown;
	enum bg_status st;

	if (colon == NULL) {
		usage_error("--mount: expected VOLUME:PATH[:ro], got '%s'", arg);
		return false;
	}
	path = colon + 1;
	mode = strrchr(path, ':');
	if (mode != NULL &&
	    (strcmp(mode, ":ro") == 0 || strcmp(mode, ":rw") == 0)) {
		ro = strcmp(mode, ":ro") == 0;
	} else {
		mode = path + strlen(path);
	}
	grown = realloc(o->c.mount_points,
			(o->c.mount_point_count + 1) * sizeof(*grown));
	if (grown == NULL) {
		return false;
	}
	o->c.mount_points = grown;
	vol = strndup(arg, (size_t)(colon - arg));
	cpath = strndup(path, (size_t)(mode - path));
	st = vol != NULL && cpath != NULL
		     ? bg_standard_mount_point(&grown[o->c.mount_point_count],
					       vol, cpath, ro)
		     : BG_ERR_NOMEM;
	free(vol);
	free(cpath);
	if (st != BG_OK) {
		return false;
	}
	o->c.mount_point_count++;
	return true;
}

bool
parse_platform(const char *arg, struct bg_job_options *o)
{
	char *upper = strdup(arg);

	if (upper == NULL) {
		return false;
	}
	for (char *p = upper; *p != '\0'; p++) {
		if (*p >= 'a' && *p <= 'z') {
			*p = (char)(*p - 'a' + 'A');
		}
	}
	for (size_t i = 0; i < o->platform_capability_count; i++) {
		free(o->platform_capabilities[i]);
	}
	o->platform_capability_count = 0;
	if (!push_str(&o->platform_capabilities, &o->platform_capability_count,
		      upper)) {
		free(upper);
		return false;
	}
	free(upper);
	return true;
}

bool
set_str(char **dst, const char *s)
{
	char *copy = strdup(s);

	if (copy == NULL) {
		return false;
	}
	free(*dst);
	*dst = copy;
	return true;
}

/* --secret NAME=VALUE_FROM. */
bool
parse_secret(const char *arg, struct bg_job_options *o, bool *nomem)
{
	const char *eq = strchr(arg, '=');
	struct bg_container_extras *x = &o->c.extras;
	struct bg_secret *grown;

	if (eq == NULL || eq == arg || eq[1] == '\0') {
		usage_error("--secret: expected NAME=ARN, got '%s'", arg);
		return false;
	}
	grown = realloc(x->secrets, (x->secret_count + 1) * sizeof(*grown));
	if (grown == NULL) {
		*nomem = true;
		return false;
	}
	x->secrets = grown;
	grown[x->secret_count].name = strndup(arg, (size_t)(eq - arg));
	grown[x->secret_count].value_from = strdup(eq + 1);
	x->secret_count++;
	if (grown[x->secret_count - 1].name == NULL ||
	    grown[x->secret_count - 1].value_from == NULL) {
		*nomem = true;
		return false;
	}
	return true;
}

/* --ulimit NAME=SOFT[:HARD] (HARD defaults to SOFT; -1: unlimited). */
bool
parse_ulimit(const char *arg, struct bg_job_options *o, bool *nomem)
{
	const char *eq = strchr(arg, '=');
	struct bg_container_extras *x = &o->c.extras;
	struct bg_ulimit u = { 0 };
	struct bg_ulimit *grown;
	char soft[32];
	const char *colon = eq != NULL ? strchr(eq + 1, ':') : NULL;
	size_t soft_len = colon != NULL ? (size_t)(colon - eq - 1)
			  : eq != NULL	? strlen(eq + 1)
					: 0;
	const char *why = "expected NAME=SOFT[:HARD]";

	if (eq != NULL && eq != arg && soft_len < sizeof(soft)) {
		memcpy(soft, eq + 1, soft_len);
		soft[soft_len] = '\0';
		if (bg_number_parse(soft, 0, &u.soft_limit.value, NULL,
				    &why) == BG_OK &&
		    bg_number_parse(colon != NULL ? colon + 1 : soft, 0,
				    &u.hard_limit.value, NULL,
				    &why) == BG_OK) {
			why = NULL;
		}
	}
	if (why != NULL) {
		usage_error("--ulimit: expected NAME=SOFT[:HARD] with whole "
			    "numbers (-1: unlimited), got '%s': %s",
			    arg, why);
		return false;
	}
	u.soft_limit.set = u.hard_limit.set = true;
	grown = realloc(x->ulimits, (x->ulimit_count + 1) * sizeof(*grown));
	u.name = strndup(arg, (size_t)(eq - arg));
	if (grown != NULL) {
		x->ulimits = grown;
	}
	if (grown == NULL || u.name == NULL) {
		free(u.name);
		*nomem = true;
		return false;
	}
	grown[x->ulimit_count++] = u;
	return true;
}

