/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The rules of a job definition as a whole: name, label, type,
 * platforms, node properties and ranges, tags, parameters, retry
 * strategy, timeout and scheduling priority; and the runner that walks
 * a job through every area (bg__check_jobdef).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "model/ecs.h"
#include "validate/rules.h"

static bool
has_prefix_nocase(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++) {
		char a = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		if (a != *prefix) {
			return false;
		}
	}
	return true;
}

/* A name with Terraform expressions: what is known offline is checked
 * offline (its literal text: characters, length, the first character
 * when the name starts with one); the rules on the computed name become
 * preconditions. */
static void
check_name_parts(struct ctx *cx, const char *name)
{
	char *lit = bg__tf_literal(name, '\0');
	size_t len;

	if (lit == NULL) {
		cx->nomem = true;
		return;
	}
	len = strlen(lit);
	if (len > 128) {
		bg__report(cx, R_NAME_LENGTH, "name",
		       "Job definition name must be between 1 and 128 "
		       "characters; its literal text alone has %zu",
		       len);
	}
	for (size_t i = 0; i < len; i++) {
		if (!bg__is_alnum(lit[i]) && lit[i] != '-' && lit[i] != '_') {
			bg__report(cx, R_NAME_CHARSET, "name",
			       "Job definition name can only contain "
			       "letters, numbers, hyphens, and underscores; "
			       "'%s' has '%c' outside its Terraform "
			       "expressions",
			       name, lit[i]);
			break;
		}
	}
	if (bg__tf_expr_len(name) == 0 && !bg__is_alnum(name[0])) {
		bg__report(cx, R_NAME_START, "name",
		       "Job definition name must start with a letter or "
		       "number; got '%s'",
		       name);
	}
	free(lit);
	bg__plan_name(cx, name);
}

static void
check_name(struct ctx *cx, const char *name)
{
	size_t len = name != NULL ? strlen(name) : 0;

	if (len > 0 && bg__tf_has_expr(name)) {
		check_name_parts(cx, name);
		return;
	}

	if (len < 1 || len > 128) {
		bg__report(cx, R_NAME_LENGTH, "name",
		       "Job definition name must be between 1 and 128 "
		       "characters; got %zu",
		       len);
	}
	if (len == 0) {
		return;
	}
	for (size_t i = 0, chars = 0; i < len; i++) {
		if ((name[i] & 0xc0) != 0x80) {
			chars++; /* positions count characters, not bytes */
		}
		if (!bg__is_alnum(name[i]) && name[i] != '-' && name[i] != '_') {
			/* Quote the whole character: one byte of a UTF-8
			 * sequence would not be text. */
			size_t n = bg__utf8_char(name + i, len - i);
			bg__report(cx, R_NAME_CHARSET, "name",
			       "Job definition name can only contain "
			       "letters, numbers, hyphens, and underscores; "
			       "'%s' has '%.*s' at position %zu",
			       name, (int)n, name + i, chars);
			break;
		}
	}
	if (!bg__is_alnum(name[0])) {
		bg__report(cx, R_NAME_START, "name",
		       "Job definition name must start with a letter or "
		       "number; got '%s'",
		       name);
	}
}

static void
check_label(struct ctx *cx, const char *label, const char *name)
{
	if ((label == NULL || label[0] == '\0') && bg__tf_has_expr(name)) {
		bg__report(cx, R_LABEL, "label",
		       "the name '%s' has no letter or digit outside its "
		       "Terraform expressions to make a Terraform label "
		       "from: give the job a label",
		       name);
	} else if (!bg__is_tf_identifier(label)) {
		bg__report(cx, R_LABEL, "label",
		       "Terraform label must start with a letter or '_' and "
		       "hold only letters, digits, '_' and '-'; got '%s'",
		       label != NULL ? label : "");
	}
}

/* Parses target_nodes ("N", "N:M", "N:", ":M") into [*lo, *hi]. */
static bool
parse_target(const char *t, int64_t nodes, int64_t *lo, int64_t *hi)
{
	const char *colon = strchr(t, ':');
	char a[24] = "", b[24] = "";

	if (colon == NULL) {
		return bg__parse_int(t, lo) && *lo >= 0 && (*hi = *lo, true);
	}
	if ((size_t)(colon - t) >= sizeof(a) || strlen(colon + 1) >= sizeof(b)) {
		return false;
	}
	memcpy(a, t, (size_t)(colon - t));
	strcpy(b, colon + 1);
	if (a[0] == '\0' && b[0] == '\0') {
		return false;
	}
	*lo = 0;
	*hi = nodes - 1;
	if ((a[0] != '\0' && (!bg__parse_int(a, lo) || *lo < 0)) ||
	    (b[0] != '\0' && (!bg__parse_int(b, hi) || *hi < 0))) {
		return false;
	}
	return *lo <= *hi;
}

/* The last node of "N:" when the node count is an expression: above
 * every index written, so nesting and overlaps read the same. */
#define OPEN_END ((int64_t)1 << 40)

/* What a node count from an expression must be, for node ranges
 * lo[i]..hi[i] (n, parsed; hi OPEN_END - 1 for "N:"): at least one
 * past every index written, and at most the first node no range
 * covers. Offline when no count can do both. */
static void
plan_node_count(struct ctx *cx, const struct bg_node_properties *np,
		const int64_t *lo, const int64_t *hi, size_t n)
{
	const char *expr = np->num_nodes.expr;
	char *e = bg__tf_expr_inner(expr);
	int64_t need = 1, gap = 0;
	bool found = true;

	for (size_t i = 0; i < n; i++) {
		int64_t last = hi[i] == OPEN_END - 1 ? lo[i] : hi[i];
		need = last + 1 > need ? last + 1 : need;
	}
	/* The first node no range covers, or OPEN_END: all of them. */
	while (found && gap < OPEN_END) {
		found = false;
		for (size_t i = 0; i < n && !found; i++) {
			if (lo[i] <= gap && gap <= hi[i]) {
				gap = hi[i] + 1;
				found = true;
			}
		}
	}
	if (e == NULL) {
		cx->nomem = true;
		return;
	}
	if (gap < need) {
		bg__report(cx, R_NODE_COVERAGE,
			   "node_properties.node_range_properties",
			   "node %lld is in no node range, and the ranges "
			   "reach node %lld: no num_nodes makes them cover "
			   "every node",
			   (long long)gap, (long long)(need - 1));
	} else if (need > 1) { /* need 1: node-num says it */
		bg__plan_add(cx, R_NODE_TARGET_FORMAT,
			     "node_properties.node_range_properties",
			     bg__asprintf("(%s) >= %lld", e, (long long)need),
			     bg__asprintf("the node ranges reach node %lld, "
					  "so num_nodes must be at least "
					  "%lld; got %s",
					  (long long)(need - 1),
					  (long long)need, expr));
	}
	if (gap >= need && gap < OPEN_END) {
		bg__plan_add(cx, R_NODE_COVERAGE,
			     "node_properties.node_range_properties",
			     bg__asprintf("(%s) <= %lld", e, (long long)gap),
			     bg__asprintf("node %lld is in no node range: "
					  "num_nodes must be at most %lld; got "
					  "%s",
					  (long long)gap, (long long)gap,
					  expr));
	}
	free(e);
}

/* Node ranges: valid targets within the nodes, covering all of them,
 * nested or apart (a partial overlap is undefined). */
static void
check_node_ranges(struct ctx *cx, const struct bg_node_properties *np)
{
	int64_t lo[5], hi[5];
	bool ok[5] = { false };
	size_t n = np->range_count < 5 ? np->range_count : 5;
	bool unknown = np->num_nodes.expr != NULL;
	/* An unknown node count: "N:" reaches past every number written,
	 * and what the count must be goes to plan time. */
	int64_t nodes = unknown		     ? OPEN_END
			: np->num_nodes.set ? np->num_nodes.value
					    : 0;
	char path[128];
	bool all_ok = unknown || (nodes > 0 && nodes <= 1000);

	for (size_t i = 0; i < n; i++) {
		const char *t = np->ranges[i].target_nodes;
		snprintf(path, sizeof(path),
			 "node_properties.node_range_properties[%zu]"
			 ".target_nodes",
			 i);
		if (t == NULL) {
			all_ok = false;
			continue;
		}
		ok[i] = parse_target(t, nodes, &lo[i], &hi[i]);
		if (!ok[i]) {
			bg__report(cx, R_NODE_TARGET_FORMAT, path,
			       "target_nodes must be N, N:M (N <= M), N: or "
			       ":M; got '%s'",
			       t);
		} else if (!unknown && nodes > 0 && hi[i] >= nodes) {
			bg__report(cx, R_NODE_TARGET_FORMAT, path,
			       "target_nodes '%s' reaches node %lld, but the "
			       "nodes are 0 to %lld",
			       t, (long long)hi[i], (long long)(nodes - 1));
			ok[i] = false;
		}
		all_ok = all_ok && ok[i];
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < i; j++) {
			bool apart = hi[i] < lo[j] || hi[j] < lo[i];
			bool nested = (lo[i] >= lo[j] && hi[i] <= hi[j]) ||
				      (lo[j] >= lo[i] && hi[j] <= hi[i]);
			if (ok[i] && ok[j] && !apart && !nested) {
				snprintf(path, sizeof(path),
					 "node_properties.node_range_"
					 "properties[%zu].target_nodes",
					 i);
				bg__report(cx, R_NODE_OVERLAP, path,
				       "target_nodes '%s' partly overlaps "
				       "'%s' (range %zu): ranges must nest or "
				       "be apart",
				       np->ranges[i].target_nodes,
				       np->ranges[j].target_nodes, j);
			}
		}
	}
	if (unknown && all_ok && n == np->range_count) {
		plan_node_count(cx, np, lo, hi, n);
	} else if (all_ok && n == np->range_count) {
		for (int64_t node = 0; node < nodes; node++) {
			bool covered = false;
			for (size_t i = 0; i < n && !covered; i++) {
				covered = lo[i] <= node && node <= hi[i];
			}
			if (!covered) {
				bg__report(cx, R_NODE_COVERAGE,
				       "node_properties.node_range_properties",
				       "node %lld is in no node range: the "
				       "ranges must cover nodes 0 to %lld",
				       (long long)node, (long long)(nodes - 1));
				break;
			}
		}
	}
}

/* 0 <= main_node < num_nodes, at plan time when either is an
 * expression. */
static void
plan_main_node(struct ctx *cx, const struct bg_node_properties *np)
{
	const struct bg_opt_int *m = &np->main_node, *num = &np->num_nodes;
	char *me, *ne;

	if (m->expr == NULL && num->expr == NULL) {
		if (!m->set || m->value < 0) {
			bg__report(cx, R_NODE_MAIN, "node_properties.main_node",
			       "Node properties must include a non-negative "
			       "main_node index");
		} else if (num->set && num->value > 0 &&
			   m->value >= num->value) {
			bg__report(cx, R_NODE_MAIN, "node_properties.main_node",
			       "main_node must be less than num_nodes (%lld); "
			       "got %lld",
			       (long long)num->value, (long long)m->value);
		}
		return;
	}
	if (m->expr == NULL && (!m->set || m->value < 0)) {
		bg__report(cx, R_NODE_MAIN, "node_properties.main_node",
		       "Node properties must include a non-negative "
		       "main_node index");
		return;
	}
	if (m->expr == NULL && m->value == 0) {
		return; /* 0 < num_nodes: node-num */
	}
	me = m->expr != NULL ? bg__tf_expr_inner(m->expr)
			     : bg__asprintf("%lld", (long long)m->value);
	ne = num->expr != NULL ? bg__tf_expr_inner(num->expr)
			       : bg__asprintf("%lld", (long long)num->value);
	bg__plan_add(cx, R_NODE_MAIN, "node_properties.main_node",
		     me == NULL || ne == NULL ? NULL
		     : m->expr != NULL
			     ? bg__asprintf("(%s) >= 0 && (%s) < (%s)", me, me,
					    ne)
			     : bg__asprintf("(%s) > %s", ne, me),
		     bg__asprintf("main_node must be 0 or more and less than "
				  "num_nodes (%s); got %s",
				  num->expr != NULL ? num->expr : ne,
				  m->expr != NULL ? m->expr : me));
	free(me);
	free(ne);
}

static void
check_nodes(struct ctx *cx, const struct bg_node_properties *np,
	    bool fargate)
{
	char path[256];

	plan_main_node(cx, np);
	if (np->num_nodes.expr != NULL) {
		char *e = bg__tf_expr_inner(np->num_nodes.expr);
		bg__plan_add(cx, R_NODE_NUM, "node_properties.num_nodes",
			     e != NULL ? bg__asprintf("(%s) >= 1", e) : NULL,
			     bg__asprintf("Node properties must include a "
					  "positive num_nodes value; got %s",
					  np->num_nodes.expr));
		bg__plan_add(cx, R_NODE_MAX, "node_properties.num_nodes",
			     e != NULL ? bg__asprintf("(%s) <= 1000", e) : NULL,
			     bg__asprintf("at most 1000 nodes are allowed (an "
					  "ECS limit that AWS can raise); got "
					  "%s",
					  np->num_nodes.expr));
		free(e);
	} else if (!np->num_nodes.set || np->num_nodes.value <= 0 ||
	    np->num_nodes.value > INT32_MAX) {
		bg__report(cx, R_NODE_NUM, "node_properties.num_nodes",
		       "Node properties must include a positive num_nodes "
		       "value");
	}
	if (!np->has_ranges) {
		bg__report(cx, R_NODE_RANGES, "node_properties.node_range_properties",
		       "Node properties must include node_range_properties "
		       "array");
		return;
	}
	if (np->num_nodes.set && np->num_nodes.value > 1000) {
		bg__report(cx, R_NODE_MAX, "node_properties.num_nodes",
		       "at most 1000 nodes are allowed (an ECS limit that AWS "
		       "can raise); got %lld",
		       (long long)np->num_nodes.value);
	}
	if (np->range_count > 5) {
		bg__report(cx, R_NODE_GROUPS, "node_properties.node_range_properties",
		       "at most 5 node ranges are allowed; got %zu",
		       np->range_count);
	}
	check_node_ranges(cx, np);
	bg__check_instance_types(cx, np);
	bool warned = false;
	for (size_t i = 0; i < np->range_count; i++) {
		const struct bg_node_range *r = &np->ranges[i];
		snprintf(path, sizeof(path),
			 "node_properties.node_range_properties[%zu]", i);
		if (r->target_nodes == NULL) {
			bg__report(cx, R_NODE_TARGET, path,
			       "Node range property %zu must include "
			       "target_nodes string",
			       i);
		}
		if (r->container != NULL) {
			char base[300];
			snprintf(base, sizeof(base), "%s.container", path);
			bg__check_container(cx, r->container, base, fargate, true,
					    BG_CV_WHOLE);
		}
		if (r->ecs != NULL) {
			char base[300];
			snprintf(base, sizeof(base), "%s.ecs_properties", path);
			bg__check_ecs(cx, r->ecs, base, fargate, true);
		}
		if (r->ecs != NULL && !warned) {
			/* once per job: it is the resource's */
			char base[300];
			warned = true;
			snprintf(base, sizeof(base), "%s.ecs_properties", path);
			bg__report(cx, R_ECS_RANGE_UPDATE, base,
				   "the aws provider 5.100 crashes when it "
				   "updates this definition in place (Update "
				   "reads the range's container, which an ECS "
				   "range has not): to change it, replace the "
				   "resource (terraform apply -replace=...)");
		}
	}
}

/* Tags: at most 50; keys 1-128 and values at most 256 characters;
 * neither starts with aws: (any case). */
static void
check_tags(struct ctx *cx, const struct bg_kvlist *tags)
{
	char path[300];

	if (tags->count > 50) {
		bg__report(cx, R_TAGS_COUNT, "tags",
		       "at most 50 tags are allowed; got %zu", tags->count);
	}
	for (size_t i = 0; i < tags->count; i++) {
		const char *k = tags->items[i].key;
		const char *v = tags->items[i].value ? tags->items[i].value : "";
		size_t klen = bg__utf8_len(k), vlen = bg__utf8_len(v);
		bool kx = bg__tf_has_expr(k), vx = bg__tf_has_expr(v);
		bool aws = has_prefix_nocase(k, "aws:") ||
			   has_prefix_nocase(v, "aws:");
		if ((klen >= 1 && klen <= 128) && vlen <= 256 && !aws &&
		    !kx && !vx) {
			continue; /* the usual case: no path to format */
		}
		snprintf(path, sizeof(path), "tags.%.200s", k);
		if (kx) {
			bg__plan_length(cx, R_TAG_KEY, path, k, 1, 128,
					"tag keys must be 1 to 128 characters");
		} else if (klen < 1 || klen > 128) {
			bg__report(cx, R_TAG_KEY, path,
			       "tag keys must be 1 to 128 characters; got %zu",
			       klen);
		}
		if (vx) {
			bg__plan_length(cx, R_TAG_VALUE, path, v, 0, 256,
					"tag values must be at most 256 "
					"characters");
		} else if (vlen > 256) {
			bg__report(cx, R_TAG_VALUE, path,
			       "tag values must be at most 256 characters; got "
			       "%zu",
			       vlen);
		}
		if (kx || vx) {
			bg__plan_pair(cx, R_TAG_AWS_PREFIX, path,
				      "!startswith(lower(@@), \"aws:\") && "
				      "!startswith(lower(@2), \"aws:\")",
				      k, v,
				      bg__asprintf("tag keys and values "
						   "starting with 'aws:' are "
						   "reserved for AWS"));
		} else if (aws) {
			bg__report(cx, R_TAG_AWS_PREFIX, path,
			       "tag keys and values starting with 'aws:' are "
			       "reserved for AWS");
		}
	}
}

static bool
command_refers(const struct bg_container *c, const char *name)
{
	for (size_t i = 0; c != NULL && i < c->command_count; i++) {
		if (strncmp(c->command[i], "Ref::", 5) == 0 &&
		    strcmp(c->command[i] + 5, name) == 0) {
			return true;
		}
	}
	return false;
}

static int
str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The containers of ECS task e (NULL: none) into cs, at most max. */
static size_t
task_containers(const struct bg_ecs_properties *e,
		const struct bg_container **cs, size_t max)
{
	size_t n = 0;

	for (size_t t = 0; e != NULL && t < e->task_property_count; t++) {
		const struct bg_ecs_task *task = &e->task_properties[t];
		for (size_t i = 0; i < task->container_count && n < max; i++) {
			cs[n++] = &task->containers[i].c;
		}
	}
	return n;
}

/* Ref::name in a command and the parameters that give defaults. */
static void
check_parameters(struct ctx *cx, const struct bg_jobdef *def)
{
	/* A container, 5 ranges of a container or a task of 10. */
	const struct bg_container *cs[64];
	size_t n = 0;
	char path[300];

	if (def->container != NULL) {
		cs[n++] = def->container;
	}
	n += task_containers(def->ecs_properties, cs + n, 64 - n);
	for (size_t i = 0; def->node_properties != NULL &&
			   i < def->node_properties->range_count && n < 64;
	     i++) {
		if (def->node_properties->ranges[i].container != NULL) {
			cs[n++] = def->node_properties->ranges[i].container;
		}
		n += task_containers(def->node_properties->ranges[i].ecs,
				     cs + n, 64 - n);
	}
	/* One warning per job, naming every parameter without a default
	 * (a job may well take all of them at submit time), at the first. */
	const char **missing = NULL;
	size_t nmissing = 0, cap = 0;
	for (size_t k = 0; k < n; k++) {
		for (size_t i = 0; i < cs[k]->command_count; i++) {
			const char *arg = cs[k]->command[i];
			const char **grown;
			if (strncmp(arg, "Ref::", 5) != 0 || arg[5] == '\0' ||
			    bg_kvlist_get(&def->parameters, arg + 5) != NULL) {
				continue;
			}
			if (nmissing == 0) {
				snprintf(path, sizeof(path), "%s.command[%zu]",
					 def->container != NULL
						 ? "container_properties"
					 : def->ecs_properties != NULL
						 ? "ecs_properties"
						 : "node_properties",
					 i);
			}
			if (nmissing == cap) {
				cap = cap ? cap * 2 : 8;
				grown = realloc(missing, cap * sizeof(*grown));
				if (grown == NULL) {
					cx->nomem = true;
					free(missing);
					return;
				}
				missing = grown;
			}
			missing[nmissing++] = arg + 5;
		}
	}
	if (nmissing > 0) {
		struct bg__buf names = { 0 };
		size_t unique = 0;
		qsort(missing, nmissing, sizeof(*missing), str_ptr_cmp);
		for (size_t i = 0; i < nmissing; i++) {
			if (i > 0 && strcmp(missing[i], missing[i - 1]) == 0) {
				continue;
			}
			bg__buf_printf(&names, "%s%s", unique++ ? ", " : "",
				       missing[i]);
		}
		bg__report(cx, R_PARAMETER_REF, path,
			   "%zu Ref:: parameter%s without a default in "
			   "parameters (%s): every SubmitJob must give %s, or "
			   "the command gets the text Ref::NAME",
			   unique, unique == 1 ? "" : "s",
			   names.data != NULL ? names.data : "",
			   unique == 1 ? "it" : "them");
		cx->nomem = cx->nomem || names.failed;
		bg__buf_finish(&names);
	}
	free(missing);
	for (size_t i = 0; i < def->parameters.count; i++) {
		const char *name = def->parameters.items[i].key;
		bool used = false;
		for (size_t k = 0; k < n && !used; k++) {
			used = command_refers(cs[k], name);
		}
		used = used || bg__eks_refers(def->eks_properties, name) ||
		       bg__ecs_refers(def->ecs_properties, name);
		for (size_t r = 0; !used && def->node_properties != NULL &&
				   r < def->node_properties->range_count;
		     r++) {
			used = bg__ecs_refers(def->node_properties->ranges[r].ecs,
					      name);
		}
		if (!used) {
			snprintf(path, sizeof(path), "parameters.%.200s", name);
			bg__report(cx, R_PARAMETER_UNUSED, path,
			       "parameter '%s' is not used: no command "
			       "argument is Ref::%s",
			       name, name);
		}
	}
}

/* A glob of allowed characters with '*' only at the end, 1-512 long. */
static bool
is_retry_pattern(const char *s, bool digits_only)
{
	size_t len = strlen(s);

	if (len < 1 || len > 512) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool ok = (c >= '0' && c <= '9') ||
			  (!digits_only && (bg__is_alnum(c) || c == '.' ||
					    c == ':' || c == ' ' || c == '\t'));
		if (c == '*' && i + 1 == len) {
			ok = true;
		}
		if (!ok) {
			return false;
		}
	}
	return true;
}

/* is_retry_pattern at plan time. */
#define RETRY_LENGTH "length(@@) >= 1 && length(@@) <= 512"
#define RETRY_REASON "can(regex(\"^[A-Za-z0-9.:[:blank:]]*[*]?$\", @@))"

static void
check_retry_conditions(struct ctx *cx, const struct bg_jobdef *def)
{
	char path[128];

	if (def->evaluate_on_exit_count == 0) {
		return;
	}
	if (def->evaluate_on_exit_count > 5) {
		bg__report(cx, R_EOE_COUNT, "retry_strategy.evaluate_on_exit",
		       "at most 5 evaluate_on_exit conditions are allowed; "
		       "got %zu",
		       def->evaluate_on_exit_count);
	}
	if (!bg__given(def->retry_attempts)) {
		bg__report(cx, R_EOE_ATTEMPTS, "retry_strategy.attempts",
		       "evaluate_on_exit needs retry_strategy.attempts (1 to "
		       "10): AWS rejects conditions without it");
	}
	for (size_t i = 0; i < def->evaluate_on_exit_count; i++) {
		const struct bg_evaluate_on_exit *e = &def->evaluate_on_exit[i];
		snprintf(path, sizeof(path),
			 "retry_strategy.evaluate_on_exit[%zu]", i);
		bg__check_string(cx, R_EOE_ACTION, path, e->action,
				 e->action != NULL &&
					 (strcasecmp(e->action, "RETRY") == 0 ||
					  strcasecmp(e->action, "EXIT") == 0),
				 PLAN_RE("(?i)^(RETRY|EXIT)$"),
				 "action must be RETRY or EXIT; got '%s'",
				 e->action != NULL ? e->action : "");
		if (e->on_exit_code == NULL && e->on_reason == NULL &&
		    e->on_status_reason == NULL) {
			bg__report(cx, R_EOE_CONDITION, path,
			       "give on_exit_code, on_reason or "
			       "on_status_reason: a condition without one is "
			       "undefined");
		}
		bg__check_string(cx, R_EOE_EXIT_CODE, path, e->on_exit_code,
				 e->on_exit_code == NULL ||
					 is_retry_pattern(e->on_exit_code, true),
				 PLAN_IF(RETRY_LENGTH " && can(regex(\"^[0-9]*[*]?$\", "
					 "@@))"),
				 "on_exit_code must be 1 to 512 digits, with "
				 "'*' only at the end (\"1*\"); got '%.60s'",
				 e->on_exit_code);
		bg__check_string(cx, R_EOE_REASON, path, e->on_reason,
				 e->on_reason == NULL ||
					 is_retry_pattern(e->on_reason, false),
				 PLAN_IF(RETRY_LENGTH " && " RETRY_REASON),
				 "on_reason may hold letters, digits, '.', ':' "
				 "and spaces, with '*' only at the end (1 to "
				 "512 characters); got '%.60s'",
				 e->on_reason != NULL ? e->on_reason : "");
		bg__check_string(cx, R_EOE_REASON, path, e->on_status_reason,
				 e->on_status_reason == NULL ||
					 is_retry_pattern(e->on_status_reason,
							  false),
				 PLAN_IF(RETRY_LENGTH " && " RETRY_REASON),
				 "on_status_reason may hold letters, digits, "
				 "'.', ':' and spaces, with '*' only at the end "
				 "(1 to 512 characters); got '%.60s'",
				 e->on_status_reason != NULL
					 ? e->on_status_reason
					 : "");
	}
}

static bool
is_fargate(const struct bg_jobdef *def)
{
	return bg_jobdef_supports_fargate(def);
}

static void
check_platforms(struct ctx *cx, const struct bg_jobdef *def)
{
	char path[64];

	for (size_t i = 0; i < def->platform_capability_count; i++) {
		const char *p = def->platform_capabilities[i];
		snprintf(path, sizeof(path), "platform_capabilities[%zu]", i);
		if (bg__tf_has_expr(p)) {
			bg__report(cx, R_EXPR_UNSUPPORTED, path,
			       "a Terraform expression is not supported here: "
			       "the platform decides which rules apply, so "
			       "give EC2 or FARGATE; got '%s'",
			       p);
		} else if (strcmp(p, "EC2") != 0 && strcmp(p, "FARGATE") != 0) {
			bg__report(cx, R_PLATFORM_CAPABILITY, path,
			       "Invalid platform capability '%s'. Valid: "
			       "EC2, FARGATE",
			       p);
		}
	}
	if (def->platform_capability_count > 1) {
		bg__report(cx, R_PLATFORM_COUNT, "platform_capabilities",
		       "Platform capabilities must hold one platform, EC2 "
		       "or FARGATE; got %zu",
		       def->platform_capability_count);
	}
}

/* A container job has container properties, a multinode job node
 * properties. */
static void
check_properties(struct ctx *cx, const struct bg_jobdef *def, bool multinode)
{
	if (multinode && def->container != NULL) {
		bg__report(cx, R_TYPE_PROPERTIES, "container_properties",
		       "Multi-node jobs take node_properties, not "
		       "container_properties");
	}
	if (!multinode && def->node_properties != NULL) {
		bg__report(cx, R_TYPE_PROPERTIES, "node_properties",
		       "Container jobs take container_properties, not "
		       "node_properties");
	}
	if (multinode && def->node_properties == NULL &&
	    def->ecs_properties == NULL) {
		bg__report(cx, R_TYPE_PROPERTIES, "node_properties",
		       "Multi-node jobs must include node_properties");
	}
	if (!multinode && def->container == NULL &&
	    def->ecs_properties == NULL) {
		bg__report(cx, R_TYPE_PROPERTIES, "container_properties",
		       "Container jobs must include container_properties");
	}
	if (multinode && def->ecs_properties != NULL) {
		bg__report(cx, R_ECS_KIND, "ecs_properties",
		       "a multinode job's tasks are written in its node ranges "
		       "(node_properties.node_range_properties[].ecs_properties)"
		       ", not beside them");
	}
}

void
bg__check_jobdef(struct ctx *cx, const struct bg_jobdef *def)
{
	bool fargate = is_fargate(def);
	bool multinode = bg_jobdef_is_multinode_job(def);

	check_name(cx, def->name);
	check_label(cx, def->label, def->name);
	if (bg__tf_has_expr(def->type)) {
		bg__report(cx, R_EXPR_UNSUPPORTED, "type",
		       "a Terraform expression is not supported here: the "
		       "type decides which properties and rules apply, so "
		       "give container or multinode; got '%s'",
		       def->type);
	} else if (def->type != NULL && strcmp(def->type, "container") != 0 &&
	    strcmp(def->type, "multinode") != 0) {
		bg__report(cx, R_TYPE, "type",
		       "Job type must be 'container' or 'multinode'; got '%s'",
		       def->type);
	}
	check_platforms(cx, def);
	if (def->eks_properties != NULL) {
		bg__check_eks(cx, def);
	} else {
		check_properties(cx, def, multinode);
	}
	if (multinode && fargate) {
		bg__report(cx, R_FARGATE_MULTINODE, "platform_capabilities",
		       "Multi-node jobs run on EC2 only; FARGATE is not "
		       "supported");
	}
	if (def->container != NULL) {
		bg__check_container(cx, def->container, "container_properties",
				fargate, false, BG_CV_WHOLE);
	}
	if (def->ecs_properties != NULL) {
		bg__check_ecs(cx, def->ecs_properties, "ecs_properties",
			      fargate, false);
	}
	check_tags(cx, &def->tags);
	if (def->propagate_tags.set && def->propagate_tags.value &&
	    def->tags.count == 50) {
		bg__report(cx, R_PROPAGATE_TAGS, "tags",
			   "propagate_tags copies these 50 tags to each job's "
			   "task, and a task takes at most 50: a job "
			   "submitted with any tag of its own goes FAILED");
	}
	if (def->deregister_on_new_revision.set &&
	    !def->deregister_on_new_revision.value) {
		bg__report(cx, R_KEEP_REVISIONS, "deregister_on_new_revision",
			   "earlier revisions stay ACTIVE when a new one is "
			   "registered; a replacement (a new name or "
			   "evaluate_on_exit) or terraform destroy still "
			   "deregisters every revision of the name");
	}
	check_parameters(cx, def);
	if (def->node_properties != NULL) {
		check_nodes(cx, def->node_properties, fargate);
	}
	bg__check_range(cx, R_RETRY_ATTEMPTS, "retry_strategy.attempts",
			&def->retry_attempts, 1, 10, "Retry attempts", "");
	check_retry_conditions(cx, def);
	if (def->timeout_seconds.expr != NULL) {
		bg__plan_range(cx, R_TIMEOUT, "timeout.attempt_duration_seconds",
			       def->timeout_seconds.expr, 60, INT32_MAX,
			       "Timeout duration", "seconds");
	}
	if (def->timeout_seconds.set && (def->timeout_seconds.value < 60 ||
					 def->timeout_seconds.value >
						 INT32_MAX)) {
		bg__report(cx, R_TIMEOUT, "timeout.attempt_duration_seconds",
		       def->timeout_seconds.value < 60
			       ? "Timeout duration must be at least 60 "
				 "seconds; got %lld"
			       : "Timeout duration must be at most "
				 "2147483647 seconds; got %lld",
		       (long long)def->timeout_seconds.value);
	}
	bg__check_range(cx, R_SCHEDULING_PRIORITY, "scheduling_priority",
			&def->scheduling_priority, 0, 9999,
			"Scheduling priority", "");
}

