/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Command-line flags that set one field each, from the field tables
 * (model/fields.c: a row with .flag). bg_option_get lists them for the
 * command line's option table and --help; bg_job_options_set parses a
 * value by the field's kind, with the same number rule as spec files,
 * and puts it where the table says (creating the objects on the way).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "input/input.h"
#include "model/fields.h"

#define AT(p, off) ((void *)((char *)(p) + (off)))
#define MAX_OPTIONS 64
#define MAX_DEPTH 6

/* One flag: its row, and the rows leading to it from the job. */
struct flag_path {
	const struct bg__field *rows[MAX_DEPTH];
	size_t depth;
	struct bg_option_info info;
	char path[160];
};

static struct flag_path flags[MAX_OPTIONS];
static size_t flag_count;
static once_flag flags_once = ONCE_FLAG_INIT;

/* Collects the flagged rows below o, following members once (as
 * model/walk.c does: not the shortcuts). */
static void
collect(const struct bg__object *o, struct flag_path *at)
{
	for (size_t i = 0; i < o->count; i++) {
		const struct bg__field *f = &o->fields[i];
		if ((f->flags & BG_F_ALIAS) || f->same_as != NULL ||
		    at->depth == MAX_DEPTH) {
			continue;
		}
		at->rows[at->depth++] = f;
		if (f->flag != NULL && flag_count < MAX_OPTIONS) {
			struct flag_path *fp = &flags[flag_count++];
			size_t used = 0;
			*fp = *at;
			for (size_t d = 0; d < fp->depth; d++) {
				const char *k = fp->rows[d]->key;
				if (k[0] == '\0') {
					continue;
				}
				used += (size_t)snprintf(
					fp->path + used, sizeof(fp->path) - used,
					"%s%s", used > 0 ? "." : "", k);
				if (used >= sizeof(fp->path)) {
					used = sizeof(fp->path) - 1;
				}
			}
			fp->info = (struct bg_option_info){
				.flag = f->flag,
				.arg = f->arg,
				.help = f->desc,
				.path = fp->path,
			};
		}
		if (f->kind == BG_K_OBJ || f->kind == BG_K_EMBED ||
		    f->kind == BG_K_INLINE) {
			collect(f->sub, at);
		}
		at->depth--;
	}
}

static int
flag_cmp(const void *a, const void *b)
{
	return strcmp(((const struct flag_path *)a)->info.flag,
		      ((const struct flag_path *)b)->info.flag);
}

static void
init(void)
{
	struct flag_path at = { .depth = 0 };

	collect(&bg__obj_job, &at);
	qsort(flags, flag_count, sizeof(flags[0]), flag_cmp);
	/* Each path points into its own entry, wherever the sort put it. */
	for (size_t i = 0; i < flag_count; i++) {
		flags[i].info.path = flags[i].path;
	}
}

size_t
bg_option_count(void)
{
	call_once(&flags_once, init);
	return flag_count;
}

const struct bg_option_info *
bg_option_get(size_t i)
{
	call_once(&flags_once, init);
	return i < flag_count ? &flags[i].info : NULL;
}

static enum bg_status
bad(struct bg_diags *diags, const char *flag, const char *what,
    const char *arg, const char *why)
{
	bg_diags_add(diags, BG_SEV_ERROR, "schema-type", NULL, 0, 0, flag,
		     "'%s' is not %s: %s", arg, what, why);
	return BG_ERR_ARG;
}

/* Sets the member m of kind f->kind from text arg. */
static enum bg_status
set_value(const struct bg__field *f, void *m, const char *flag,
	  const char *arg, struct bg_diags *diags)
{
	struct bg_opt_int *n = m;
	const char *why = NULL;
	const char *eq;
	bool respelled = false;

	/* A number or a value-taking boolean may be a Terraform expression
	 * (--retry-attempts '${var.retries}'), as in a spec. */
	if ((f->kind == BG_K_INT || f->kind == BG_K_NUM ||
	     (f->kind == BG_K_BOOL && f->arg != NULL)) &&
	    bg__tf_is_expr(arg)) {
		char **expr = f->kind == BG_K_BOOL
				      ? &((struct bg_opt_bool *)m)->expr
				      : &n->expr;
		return bg__str_set(expr, arg) ? BG_OK : BG_ERR_NOMEM;
	}
	switch (f->kind) {
	case BG_K_STR:
		return bg__str_set(m, arg) ? BG_OK : BG_ERR_NOMEM;
	case BG_K_INT:
		if (bg_number_parse(arg, 0, &n->value, NULL, &why) != BG_OK) {
			return bad(diags, flag, "a whole number", arg, why);
		}
		n->set = true;
		return BG_OK;
	case BG_K_NUM:
		if (bg_number_parse(arg, 3, &n->value, &respelled, &why) !=
		    BG_OK) {
			return bad(diags, flag,
				   "a number of vCPUs (such as 1, 2 or 0.25)",
				   arg, why);
		}
		if (respelled) {
			char canon[32];
			bg_vcpus_format(n->value, canon, sizeof(canon));
			bg_diags_add(diags, BG_SEV_WARNING, "number-spelling",
				     NULL, 0, 0, flag,
				     "'%s' is written as '%s': AWS stores the "
				     "shortest form and refuses '%s' on EC2",
				     arg, canon, arg);
		}
		n->set = true;
		return BG_OK;
	case BG_K_BOOL: {
		/* A switch sets true; a flag with a value takes the
		 * spec's booleans (true, false, yes, no, on, off). */
		struct bg_opt_bool *b = m;
		if (f->arg == NULL) {
			b->value = true;
		} else if (!bg__scalar_is_bool(arg, &b->value)) {
			return bad(diags, flag, "true or false", arg,
				   "write true or false");
		}
		b->set = true;
		return BG_OK;
	}
	case BG_K_MAP:
	case BG_K_ENV: {
		char *key;
		enum bg_status st;
		eq = strchr(arg, '=');
		if (eq == NULL) {
			bg_diags_add(diags, BG_SEV_ERROR, "schema-type", NULL,
				     0, 0, flag, "expected KEY=VALUE, got '%s'",
				     arg);
			return BG_ERR_ARG;
		}
		key = strndup(arg, (size_t)(eq - arg));
		if (key == NULL) {
			return BG_ERR_NOMEM;
		}
		st = bg_kvlist_set(m, key, eq + 1);
		free(key);
		return st;
	}
	default:
		return BG_ERR_ARG;
	}
}

enum bg_status
bg_job_options_set(struct bg_job_options *opts, const char *flag,
		   const char *value, struct bg_diags *diags)
{
	const struct flag_path *fp = NULL;
	void *p = opts;

	call_once(&flags_once, init);
	for (size_t i = 0; opts != NULL && flag != NULL && i < flag_count;
	     i++) {
		if (strcmp(flags[i].info.flag, flag) == 0) {
			fp = &flags[i];
			break;
		}
	}
	if (fp == NULL || (value == NULL && fp->info.arg != NULL)) {
		return BG_ERR_ARG;
	}
	if (value != NULL && !bg__utf8_is_nfc(value, strlen(value)) &&
	    bg_diags_add(diags, BG_SEV_WARNING, "text-nfc", NULL, 0, 0, flag,
			 BG_NFC_MESSAGE) != BG_OK) {
		return BG_ERR_NOMEM;
	}
	for (size_t d = 0; d + 1 < fp->depth; d++) {
		const struct bg__field *f = fp->rows[d];
		p = AT(p, f->off);
		if (f->kind == BG_K_OBJ) {
			void **obj = p;
			if (*obj == NULL && (*obj = calloc(1, f->sub->size)) ==
						    NULL) {
				return BG_ERR_NOMEM;
			}
			p = *obj;
		}
	}
	return set_value(fp->rows[fp->depth - 1],
			 AT(p, fp->rows[fp->depth - 1]->off), flag,
			 value != NULL ? value : "", diags);
}
