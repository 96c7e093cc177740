/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Internal to validation: the rule ids (the table itself is in
 * validate.c), the reporting context, and checks shared by the files
 * of this folder.
 */
#ifndef BG_VALIDATE_RULES_H
#define BG_VALIDATE_RULES_H

#include "batchgen-int.h"

enum rule_id {
#define R(id, code, field, severity, summary) R_##id,
#include "validate/rules.def"
#undef R
	R__COUNT
};

struct ctx {
	const char *prefix; /* "jobs[2]" or NULL */
	struct bg_diags *diags;
	struct bg_kvlist *plan; /* preconditions, or NULL: not collected */
	char refused[400];      /* the last path refused: a constant
				   expression (bg__plan_add) */
	bool nomem;
};

/* Adds the diagnostic of rule id at path (under cx->prefix). */
void bg__report(struct ctx *cx, enum rule_id id, const char *path,
		const char *fmt, ...) BG_PRINTF(4, 5);
void bg__vreport(struct ctx *cx, enum rule_id id, const char *path,
		 const char *fmt, va_list ap) BG_PRINTF(4, 0);

/* When v is given and outside lo ... hi: reports "WHAT must be between
 * LO and HI[ UNIT]; got V" (rule id at path). @return false then. */
bool bg__check_range(struct ctx *cx, enum rule_id id, const char *path,
		     const struct bg_opt_int *v, int64_t lo, int64_t hi,
		     const char *what, const char *unit);

/* Rules that travel to plan time (validate/plan.c). A value holding a
 * Terraform expression is checked when terraform plans, by a
 * precondition carrying rule id's message "PATH: TEXT [CODE]" (path
 * without the job prefix: the resource is the job). cond (an HCL
 * expression) and text (a template: the value's expressions kept) are
 * taken and freed; NULL means out of memory. */
void bg__plan_add(struct ctx *cx, enum rule_id id, const char *path,
		  char *cond, char *text);
/* s as an HCL quoted template (its expressions kept), or NULL. */
char *bg__plan_quoted(const char *s);
/* The condition "quoted matches the regular expression re" (re holds
 * no quote or backslash); NULL when quoted is NULL or out of memory. */
char *bg__plan_regex(const char *re, const char *quoted);
/* lo <= length(s) <= hi at plan time: "WHAT; got LENGTH". */
void bg__plan_length(struct ctx *cx, enum rule_id id, const char *path,
		     const char *s, size_t lo, size_t hi, const char *what);
/* The name rules on a name that holds expressions. */
void bg__plan_name(struct ctx *cx, const char *name);
/* How a rule on a string reads at plan time: the value is one of in
 * (a NULL-terminated list), or matches the RE2 expression re (no quote
 * or backslash), or meets cond, an HCL condition in which "@@" stands
 * for the value. Give one. */
struct bg__plan_form {
	const char *const *in;
	const char *re;
	const char *cond;
};
/* One rule on the string s. When s holds a Terraform expression, the
 * rule travels to plan time in the given form with the message fmt
 * (the value's expressions kept), and the answer is true; otherwise
 * ok is the offline verdict, and when it is false fmt is reported. */
bool bg__check_string(struct ctx *cx, enum rule_id id, const char *path,
		      const char *s, bool ok, struct bg__plan_form form,
		      const char *fmt, ...) BG_PRINTF(7, 8);
#define PLAN_IN(l) ((struct bg__plan_form){ .in = (l) })
#define PLAN_RE(r) ((struct bg__plan_form){ .re = (r) })
#define PLAN_IF(c) ((struct bg__plan_form){ .cond = (c) })
/* "a, b, c": the values of a NULL-terminated list, for messages,
 * into buf (cut at size). */
const char *bg__list_text(const char *const *list, char *buf, size_t size);
/* v is one of list (exact case), offline or at plan time: "'V' is not
 * one of A, B (WHY)"; why may be NULL. */
void bg__check_enum(struct ctx *cx, enum rule_id id, const char *path,
		    const char *v, const char *const *list, const char *why);
/* v (NULL: not given) is an absolute path, offline or at plan time:
 * "WHAT must be an absolute path; got 'V'". */
bool bg__check_absolute(struct ctx *cx, enum rule_id id, const char *path,
			const char *what, const char *v);
/* cond with every "@@" replaced by a and every "@2" by b (when b is
 * not NULL), in one pass; NULL on ENOMEM. */
char *bg__plan_subst(const char *cond, const char *a, const char *b);
/* A rule on two strings, a and b (NULL: not given), one of which holds
 * an expression: cond names them "@@" and "@2" (HCL quoted templates,
 * or null). text as for bg__plan_add. */
void bg__plan_pair(struct ctx *cx, enum rule_id id, const char *path,
		   const char *cond, const char *a, const char *b,
		   char *text);
/* lo <= EXPR <= hi at plan time, with bg__check_range's message. */
void bg__plan_range(struct ctx *cx, enum rule_id id, const char *path,
		    const char *expr, int64_t lo, int64_t hi,
		    const char *what, const char *unit);

/* The letters and digits of ASCII. */
static inline bool
bg__is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* The rules table (validate/rules.c). */
extern const struct bg_rule_info bg__rules[R__COUNT];

/* A job definition through every area (validate/job.c); a container
 * (validate/container.c): base is its field path; in_range: a node
 * range's container. */
void bg__check_jobdef(struct ctx *cx, const struct bg_jobdef *def);
/* What a struct bg_container stands for: the whole of a job's (or a
 * node range's) container, a container of an ECS task (its own keys:
 * no roles, volumes, network or platform, no resources required of it
 * alone), or an ECS task's keys (roles, volumes, network, platform
 * version, runtime platform, storage; no image). */
enum bg__cview { BG_CV_WHOLE, BG_CV_ECS_CONTAINER, BG_CV_ECS_TASK };
void bg__check_container(struct ctx *cx, const struct bg_container *c,
			 const char *base, bool fargate, bool in_range,
			 enum bg__cview view);

/* The checks of struct bg_container_extras (validate/extras.c). base
 * is the container's field path; in_range: a node range's container. */
void bg__check_extras(struct ctx *cx, const struct bg_container *c,
		      const char *base, bool fargate, bool in_range,
		      enum bg__cview view);

/* image-format on an image (offline, or at plan time) (container.c). */
void bg__check_image(struct ctx *cx, const char *image, const char *path);

/* The rules of an EKS job (def->eks_properties), and whether one of
 * its containers' command or args holds Ref::name (validate/eks.c). */
void bg__check_eks(struct ctx *cx, const struct bg_jobdef *def);
bool bg__eks_refers(const struct bg_eks_properties *e, const char *name);

/* The rules of an ECS task (validate/ecs.c): base is the path of its
 * ecs_properties; in_range: a node range's. And whether one of its
 * containers' command holds Ref::name. */
void bg__check_ecs(struct ctx *cx, const struct bg_ecs_properties *e,
		   const char *base, bool fargate, bool in_range);
bool bg__ecs_refers(const struct bg_ecs_properties *e, const char *name);

/* Node ranges use one instance type (validate/extras.c). */
void bg__check_instance_types(struct ctx *cx,
			      const struct bg_node_properties *np);

#endif
