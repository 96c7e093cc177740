/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * CloudFormation templates -> spec jobs. Each AWS::Batch::JobDefinition
 * resource's Properties are the register-job-definition input with its
 * keys capitalised (JobDefinitionName, ContainerProperties, ...), so
 * input/import.c walks them with the same field tables; what is
 * CloudFormation's own is here:
 *
 * - its functions, written long (`{"Ref": "X"}`) or short (`!Ref X`,
 *   which the YAML reader tags), become spec text: a parameter, a
 *   pseudo parameter, a resource's Ref or attribute and a stack export
 *   are Terraform input variables (`${var.job_role_arn}`), one note each
 *   saying what to declare; Fn::Sub and Fn::Join become text with those
 *   references in it; Fn::FindInMap and Fn::Select with literal
 *   arguments are looked up. The rest (Fn::If, Fn::Split, ...) depends
 *   on what only CloudFormation knows: a located error, never a guess;
 * - a resource's attributes (Condition, DependsOn, DeletionPolicy, ...)
 *   and ResourceRetentionPolicy;
 * - the name CloudFormation would generate when JobDefinitionName is
 *   not given: the logical id is written instead, with a note.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/import.h"

struct cfn_var {
	char *name;   /* the Terraform variable */
	char *source; /* what it stands for: "Ref X", "GetAtt X.Y", ... */
};

struct bg__cfn {
	struct bg__ydoc *d;
	const char *file;
	struct bg_diags *diags;
	struct bg__ynode *parameters, *mappings, *resources; /* or NULL */
	struct cfn_var *vars;
	size_t var_count, var_cap;
	bool nomem;
};

static void report(struct bg__cfn *c, enum bg_severity sev, const char *code,
		   const struct bg__ynode *n, const char *path,
		   const char *fmt, ...) BG_PRINTF(6, 7);

static void
report(struct bg__cfn *c, enum bg_severity sev, const char *code,
       const struct bg__ynode *n, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	c->nomem |= bg__diags_vadd(c->diags, sev, code, c->file,
				   bg__ynode_line(n), bg__ynode_column(n),
				   path != NULL && path[0] ? path : NULL, fmt,
				   ap) != BG_OK;
	va_end(ap);
}

bool
bg__cfn_is_call(const struct bg__ydoc *d, const struct bg__ynode *n)
{
	const char *key;

	if (bg__cfn_function(n->tag) != NULL) {
		return true;
	}
	if (n->type != BG_Y_MAP || n->len != 1) {
		return false;
	}
	key = bg__ynode_text(d, bg__ynode_key((struct bg__ydoc *)d, n, 0));
	return key != NULL &&
	       (strcmp(key, "Ref") == 0 || strncmp(key, "Fn::", 4) == 0 ||
		strcmp(key, "Condition") == 0);
}

/* The snake_case of a CloudFormation name: "TaskRoleArn" ->
 * "task_role_arn", "AWS::AccountId" -> "aws_account_id", "ECSRole" ->
 * "ecs_role"; anything but letters and digits is one '_'. */
static void
snake(struct bg__buf *b, const char *s)
{
	bool sep = false; /* a '_' is owed before the next word */

	for (size_t i = 0; s[i] != '\0'; i++) {
		char c = s[i];
		bool upper = c >= 'A' && c <= 'Z';
		bool lower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!upper && !lower) {
			sep = b->len > 0;
			continue;
		}
		if (upper && i > 0 && b->len > 0) {
			char p = s[i - 1];
			bool prev_lower = (p >= 'a' && p <= 'z') ||
					  (p >= '0' && p <= '9');
			bool next_lower = s[i + 1] >= 'a' && s[i + 1] <= 'z';
			bool prev_upper = p >= 'A' && p <= 'Z';
			if (prev_lower || (prev_upper && next_lower)) {
				sep = true;
			}
		}
		if (sep && b->len > 0 && b->data[b->len - 1] != '_') {
			bg__buf_putc(b, '_');
		}
		sep = false;
		bg__buf_putc(b, upper ? (char)(c - 'A' + 'a') : c);
	}
}

/* The declaration a variable needs, for its note. */
static void
describe_source(struct bg__cfn *c, const char *kind, const char *what,
		struct bg__buf *b)
{
	struct bg__ynode *p = c->parameters != NULL
				      ? bg__ynode_get(c->d, c->parameters, what)
				      : NULL;
	struct bg__ynode *r = c->resources != NULL
				      ? bg__ynode_get(c->d, c->resources, what)
				      : NULL;

	if (strcmp(kind, "Ref") == 0 && strncmp(what, "AWS::", 5) == 0) {
		bg__buf_printf(b, "the pseudo parameter %s", what);
	} else if (strcmp(kind, "Ref") == 0 && p != NULL &&
		   p->type == BG_Y_MAP) {
		const char *type = bg__ynode_text(c->d,
						  bg__ynode_get(c->d, p, "Type"));
		const char *def = bg__ynode_text(
			c->d, bg__ynode_get(c->d, p, "Default"));
		bg__buf_printf(b, "the parameter %s (%s", what,
			       type != NULL ? type : "no type");
		if (def != NULL) {
			bg__buf_printf(b, ", default '%.200s'", def);
		}
		bg__buf_puts(b, ")");
	} else if (strcmp(kind, "ImportValue") == 0) {
		bg__buf_printf(b, "the stack export '%s'", what);
	} else {
		const char *type =
			r != NULL && r->type == BG_Y_MAP
				? bg__ynode_text(c->d,
						 bg__ynode_get(c->d, r, "Type"))
				: NULL;
		char *dot = strchr(what, '.');
		if (strcmp(kind, "GetAtt") == 0 && dot != NULL) {
			bg__buf_printf(b, "the attribute %s of the resource "
					  "%.*s",
				       dot + 1, (int)(dot - what), what);
		} else {
			bg__buf_printf(b, "the Ref of the resource %s", what);
		}
		if (type != NULL) {
			bg__buf_printf(b, " (%s)", type);
		}
	}
}

/* The variable that stands for kind ("Ref", "GetAtt", "ImportValue")
 * of what; the first use of each is a note. NULL: out of memory. */
static const char *
variable(struct bg__cfn *c, const char *kind, const char *what,
	 const struct bg__ynode *at, const char *path)
{
	struct bg__buf source = { 0 }, name = { 0 }, how = { 0 };
	char *src, *base;
	struct cfn_var *v;

	bg__buf_printf(&source, "%s %s", kind, what);
	src = bg__buf_take(&source, NULL);
	for (size_t i = 0; src != NULL && i < c->var_count; i++) {
		if (strcmp(c->vars[i].source, src) == 0) {
			free(src);
			return c->vars[i].name;
		}
	}
	snake(&name, what);
	if (name.len == 0 || !(name.data[0] >= 'a' && name.data[0] <= 'z')) {
		/* a variable name starts with a letter */
		bg__buf_finish(&name);
		bg__buf_puts(&name, "cfn_");
		snake(&name, what);
	}
	base = bg__buf_take(&name, NULL);
	if (src == NULL || base == NULL) {
		free(src);
		free(base);
		c->nomem = true;
		return NULL;
	}
	if (c->var_count == c->var_cap) {
		size_t cap = c->var_cap ? c->var_cap * 2 : 8;
		struct cfn_var *vs = realloc(c->vars, cap * sizeof(*vs));
		if (vs == NULL) {
			free(src);
			free(base);
			c->nomem = true;
			return NULL;
		}
		c->vars = vs;
		c->var_cap = cap;
	}
	v = &c->vars[c->var_count];
	v->source = src;
	v->name = base;
	/* two sources with one snake_case name: the later is numbered */
	for (unsigned k = 2;; k++) {
		bool taken = false;
		for (size_t i = 0; i < c->var_count; i++) {
			taken |= strcmp(c->vars[i].name, v->name) == 0;
		}
		if (!taken) {
			break;
		}
		if (v->name != base) {
			free(v->name);
		}
		v->name = bg__asprintf("%s_%u", base, k);
		if (v->name == NULL) {
			free(src);
			free(base);
			c->nomem = true;
			return NULL;
		}
	}
	if (v->name != base) {
		free(base);
	}
	c->var_count++;
	describe_source(c, kind, what, &how);
	report(c, BG_SEV_NOTE, "import-cfn-variable", at, path,
	       "%s is written as ${var.%s}: declare variable \"%s\" in the "
	       "Terraform module and give it the value CloudFormation gave",
	       how.data != NULL ? how.data : what, v->name, v->name);
	bg__buf_finish(&how);
	return v->name;
}

/* The text of a scalar that is no function call, or NULL. */
static const char *
literal_text(struct bg__cfn *c, const struct bg__ynode *n)
{
	return bg__cfn_is_call(c->d, n) ? NULL : bg__ynode_text(c->d, n);
}

static bool call(struct bg__cfn *c, struct bg__ynode *n, const char *path,
		 struct bg__buf *out);

/* Appends spec text: a reference after a literal '$' would be read as
 * "$${", the literal sequence, so that is refused. */
static bool
append_ref(struct bg__cfn *c, struct bg__buf *out, const char *var,
	   const struct bg__ynode *at, const char *path)
{
	if (var == NULL) {
		return false;
	}
	if (out->len > 0 && out->data[out->len - 1] == '$') {
		report(c, BG_SEV_ERROR, "import-cfn-function", at, path,
		       "a '$' right before a substitution cannot be written "
		       "in Terraform (\"$${\" is its literal \"${\"): move "
		       "the '$' into the value");
		return false;
	}
	bg__buf_printf(out, "${var.%s}", var);
	return true;
}

/* A value where text is made: a literal scalar or a call. */
static bool
part(struct bg__cfn *c, struct bg__ynode *n, const char *path,
     struct bg__buf *out)
{
	const char *text = literal_text(c, n);

	if (text == NULL) {
		if (bg__cfn_is_call(c->d, n)) {
			return call(c, n, path, out);
		}
		report(c, BG_SEV_ERROR, "import-cfn-function", n, path,
		       "expected a value or a function giving one, not a "
		       "list or an object");
		return false;
	}
	bg__tf_spec_text_into(out, text);
	return true;
}

/* Whether the template declares what a Ref (a parameter or resource)
 * or a GetAtt (the resource before the first dot) names. */
static bool
declared(const struct bg__cfn *c, const char *kind, const char *what)
{
	char name[256];

	snprintf(name, sizeof(name), "%.*s", (int)strcspn(what, "."), what);
	if (c->resources != NULL &&
	    bg__ynode_get(c->d, c->resources, name) != NULL) {
		return true;
	}
	return strcmp(kind, "Ref") == 0 && c->parameters != NULL &&
	       bg__ynode_get(c->d, c->parameters, what) != NULL;
}

/* Ref X, or X.Y of GetAtt, written in Fn::Sub's ${...}. */
static bool
reference(struct bg__cfn *c, const char *kind, const char *what,
	  const struct bg__ynode *at, const char *path, struct bg__buf *out)
{
	if (strcmp(kind, "Ref") == 0 && strcmp(what, "AWS::NoValue") == 0) {
		report(c, BG_SEV_ERROR, "import-cfn-function", at, path,
		       "Ref AWS::NoValue removes the property: leave the "
		       "property out");
		return false;
	}
	if (strcmp(kind, "ImportValue") != 0 && strncmp(what, "AWS::", 5) != 0 &&
	    !declared(c, kind, what)) {
		report(c, BG_SEV_ERROR, "import-cfn-undefined", at, path,
		       "%s %s: the template declares no %s '%.*s' (CloudFormation "
		       "refuses the stack)",
		       kind, what,
		       strcmp(kind, "Ref") == 0 ? "parameter or resource"
						: "resource",
		       (int)strcspn(what, "."), what);
		return false;
	}
	return append_ref(c, out, variable(c, kind, what, at, path), at,
			  path);
}

/* The literal text gathered in lit, as spec text onto out. */
static void
flush(struct bg__buf *lit, struct bg__buf *out)
{
	bg__tf_spec_text_into(out, lit->data != NULL ? lit->data : "");
	bg__buf_finish(lit);
}

/* Fn::Sub: "${Name}", "${Res.Attr}", "${!Literal}", names of vars. */
static bool
sub(struct bg__cfn *c, struct bg__ynode *n, const char *path,
    struct bg__buf *out)
{
	struct bg__ynode *tmpl = n, *vars = NULL;
	const char *s;
	struct bg__buf lit = { 0 };
	bool ok = true;

	if (n->type == BG_Y_SEQ && n->len == 2) {
		tmpl = bg__ynode_item(c->d, n, 0);
		vars = bg__ynode_item(c->d, n, 1);
	}
	/* a short form's own node is its argument */
	s = tmpl == n ? bg__ynode_text(c->d, n) : literal_text(c, tmpl);
	if (s == NULL || (vars != NULL && vars->type != BG_Y_MAP)) {
		report(c, BG_SEV_ERROR, "import-cfn-function", n, path,
		       "Fn::Sub takes a string, or a string and a map of "
		       "its variables");
		return false;
	}
	while (ok && *s != '\0') {
		const char *end = NULL;
		char *name;
		struct bg__ynode *given;
		if (s[0] == '$' && s[1] == '{') {
			end = strchr(s + 2, '}');
		}
		if (end == NULL) {
			bg__buf_putc(&lit, *s++);
			continue;
		}
		if (s[2] == '!') { /* ${!Literal}: the text "${Literal}" */
			bg__buf_puts(&lit, "${");
			s += 3;
			continue;
		}
		name = bg__asprintf("%.*s", (int)(end - s - 2), s + 2);
		if (name == NULL) {
			c->nomem = true;
			ok = false;
			break;
		}
		flush(&lit, out);
		given = vars != NULL ? bg__ynode_get(c->d, vars, name) : NULL;
		if (given != NULL) {
			ok = part(c, given, path, out);
		} else {
			bool attr = strchr(name, '.') != NULL &&
				    strncmp(name, "AWS::", 5) != 0;
			ok = reference(c, attr ? "GetAtt" : "Ref", name, tmpl,
				       path, out);
		}
		free(name);
		s = end + 1;
	}
	if (ok) {
		flush(&lit, out);
	}
	bg__buf_finish(&lit);
	return ok;
}

/* The function of call n and its argument. */
static const char *
function_of(struct bg__cfn *c, struct bg__ynode *n, struct bg__ynode **arg)
{
	const char *fn = bg__cfn_function(n->tag);

	if (fn != NULL) {
		*arg = n; /* the tagged node is the argument */
		return fn;
	}
	*arg = bg__ynode_value(c->d, n, 0);
	return bg__ynode_text(c->d, bg__ynode_key(c->d, n, 0));
}

/* Item i of a list argument that is not itself a call, or NULL. */
static struct bg__ynode *
arg_item(struct bg__cfn *c, struct bg__ynode *arg, size_t i)
{
	if (arg->type != BG_Y_SEQ || i >= arg->len) {
		return NULL;
	}
	return bg__ynode_item(c->d, arg, i);
}

static bool
find_in_map(struct bg__cfn *c, struct bg__ynode *arg, const char *path,
	    struct bg__buf *out)
{
	struct bg__ynode *v = c->mappings;

	for (size_t i = 0; i < 3; i++) {
		struct bg__ynode *k = arg_item(c, arg, i);
		const char *key = k != NULL ? literal_text(c, k) : NULL;
		if (key == NULL || arg->len != 3) {
			report(c, BG_SEV_ERROR, "import-cfn-function", arg,
			       path,
			       "Fn::FindInMap is read when its three "
			       "arguments are written out (a map, a key, a "
			       "second key); with functions in them it "
			       "depends on the stack: write the value");
			return false;
		}
		v = v != NULL && v->type == BG_Y_MAP
			    ? bg__ynode_get(c->d, v, key)
			    : NULL;
		if (v == NULL) {
			report(c, BG_SEV_ERROR, "import-cfn-function", k, path,
			       "Fn::FindInMap: Mappings has no '%s' here",
			       key);
			return false;
		}
	}
	return part(c, v, path, out);
}

static bool
join(struct bg__cfn *c, struct bg__ynode *arg, const char *path,
     struct bg__buf *out)
{
	struct bg__ynode *d = arg_item(c, arg, 0), *parts = arg_item(c, arg, 1);
	const char *delim = d != NULL ? literal_text(c, d) : NULL;

	if (delim == NULL || arg->len != 2 || parts->type != BG_Y_SEQ ||
	    bg__cfn_is_call(c->d, parts)) {
		report(c, BG_SEV_ERROR, "import-cfn-function", arg, path,
		       "Fn::Join is read when it joins a list written out "
		       "(a delimiter and the values)");
		return false;
	}
	for (size_t i = 0; i < parts->len; i++) {
		struct bg__ynode *p = bg__ynode_item(c->d, parts, i);
		if ((i > 0 && !part(c, d, path, out)) ||
		    !part(c, p, path, out)) {
			return false;
		}
	}
	return true;
}

/* Call n as spec text onto out. */
static bool
call(struct bg__cfn *c, struct bg__ynode *n, const char *path,
     struct bg__buf *out)
{
	struct bg__ynode *arg;
	const char *fn = function_of(c, n, &arg);
	const char *text = arg->type == BG_Y_SCALAR ? bg__ynode_text(c->d, arg)
						    : NULL;

	if (strcmp(fn, "Ref") == 0 && text != NULL) {
		return reference(c, "Ref", text, n, path, out);
	}
	if (strcmp(fn, "Fn::GetAtt") == 0) {
		struct bg__ynode *r = arg_item(c, arg, 0);
		struct bg__ynode *a = arg_item(c, arg, 1);
		const char *res = r != NULL ? literal_text(c, r) : NULL;
		const char *att = a != NULL ? literal_text(c, a) : NULL;
		if (text != NULL && strchr(text, '.') != NULL) {
			return reference(c, "GetAtt", text, n, path, out);
		}
		if (res != NULL && att != NULL && arg->len == 2) {
			char *what = bg__asprintf("%s.%s", res, att);
			bool ok = what != NULL &&
				  reference(c, "GetAtt", what, n, path, out);
			c->nomem |= what == NULL;
			free(what);
			return ok;
		}
	} else if (strcmp(fn, "Fn::Sub") == 0) {
		return sub(c, arg, path, out);
	} else if (strcmp(fn, "Fn::Join") == 0) {
		return join(c, arg, path, out);
	} else if (strcmp(fn, "Fn::ImportValue") == 0) {
		/* the export's name, written out or as a Fn::Sub template
		 * ("${RoleStackName}:ECSTaskRole"): one variable */
		struct bg__ynode *a = arg, *t;
		const char *name = text != NULL && (arg == n ||
						     !bg__cfn_is_call(c->d, arg))
					   ? text
					   : NULL;
		if (name == NULL && arg != n && bg__cfn_is_call(c->d, arg) &&
		    strcmp(function_of(c, arg, &a), "Fn::Sub") == 0) {
			t = a->type == BG_Y_SEQ ? arg_item(c, a, 0) : a;
			name = t != NULL && t->type == BG_Y_SCALAR
				       ? bg__ynode_text(c->d, t)
				       : NULL;
		}
		if (name != NULL) {
			return append_ref(c, out,
					  variable(c, "ImportValue", name, n,
						   path),
					  n, path);
		}
	} else if (strcmp(fn, "Fn::FindInMap") == 0) {
		return find_in_map(c, arg, path, out);
	} else if (strcmp(fn, "Fn::Select") == 0) {
		struct bg__ynode *i = arg_item(c, arg, 0);
		struct bg__ynode *l = arg_item(c, arg, 1);
		const char *index = i != NULL ? literal_text(c, i) : NULL;
		char *end = NULL;
		unsigned long k = index != NULL ? strtoul(index, &end, 10) : 0;
		if (index != NULL && end != index && *end == '\0' &&
		    arg->len == 2 && l->type == BG_Y_SEQ &&
		    !bg__cfn_is_call(c->d, l) && k < l->len) {
			return part(c, bg__ynode_item(c->d, l, k), path, out);
		}
		report(c, BG_SEV_ERROR, "import-cfn-function", n, path,
		       "Fn::Select is read when its index and list are "
		       "written out and the index is in the list");
		return false;
	} else {
		report(c, BG_SEV_ERROR, "import-cfn-function", n, path,
		       "%s depends on what only CloudFormation knows at "
		       "deploy time (batchgen reads Ref, Fn::GetAtt, Fn::Sub, "
		       "Fn::Join, Fn::ImportValue, and Fn::FindInMap and "
		       "Fn::Select written out): write the value it gives",
		       fn);
		return false;
	}
	report(c, BG_SEV_ERROR, "import-cfn-function", n, path,
	       "%s takes %s", fn,
	       strcmp(fn, "Ref") == 0 ? "a name"
	       : strcmp(fn, "Fn::GetAtt") == 0
		       ? "a resource and an attribute (\"Res.Attr\" or "
			 "[Res, Attr])"
		       : "a name, written out");
	return false;
}

char *
bg__cfn_text(struct bg__cfn *c, struct bg__ynode *n, const char *path,
	     bool *nomem)
{
	struct bg__buf out = { 0 };
	char *text;

	bg__buf_puts(&out, "");
	if (!call(c, n, path, &out)) {
		bg__buf_finish(&out);
		*nomem = c->nomem;
		return NULL;
	}
	text = bg__buf_take(&out, NULL);
	*nomem = c->nomem || text == NULL;
	return text;
}

/* The resource attributes: what each becomes. */
static const struct {
	const char *key;
	enum bg_severity sev;
	const char *why;
} attributes[] = {
	{ "Condition", BG_SEV_WARNING,
	  "the job is imported as if its condition held: Terraform would "
	  "need count or for_each, which a spec does not write" },
	{ "DependsOn", BG_SEV_NOTE,
	  "left out: Terraform orders resources by their references" },
	{ "Metadata", BG_SEV_NOTE, "left out: it is CloudFormation's" },
	{ "DeletionPolicy", BG_SEV_WARNING,
	  "left out: Terraform deregisters the definition on destroy" },
	{ "UpdateReplacePolicy", BG_SEV_NOTE,
	  "left out: the provider registers a new revision on change "
	  "(deregister_on_new_revision says what becomes of the old one)" },
};

bool
bg__cfn_job_property(struct bg__cfn *c, const char *key, struct bg__ynode *v,
		     const char *path, const char **spec_key, cJSON **value)
{
	struct bg__ynode *skip;
	const char *text;

	if (strcmp(key, "ResourceRetentionPolicy") != 0) {
		return false;
	}
	*spec_key = "deregister_on_new_revision";
	*value = NULL;
	skip = v->type == BG_Y_MAP
		       ? bg__ynode_get(c->d, v, "SkipDeregisterOnUpdate")
		       : NULL;
	text = skip != NULL ? literal_text(c, skip) : NULL;
	if (text != NULL && v->len == 1 &&
	    (strcmp(text, "true") == 0 || strcmp(text, "false") == 0)) {
		/* skipping deregistration keeps the old revision ACTIVE */
		*value = cJSON_CreateBool(text[0] == 'f');
		c->nomem |= *value == NULL;
	} else {
		report(c, BG_SEV_ERROR, "import-cfn-function", v, path,
		       "ResourceRetentionPolicy is {SkipDeregisterOnUpdate: "
		       "true|false}, written out");
	}
	return true;
}

/* The resource's Metadata.batchgen.ignore (lint's suppressions), onto
 * the job just imported: in the spec as x-batchgen-ignore, and on
 * imp->ignores with where each code is written. */
static void
take_ignores(struct bg__cfn *c, struct bg__ynode *r, struct bg__import *imp)
{
	struct bg__ynode *meta = bg__ynode_get(c->d, r, "Metadata");
	struct bg__ynode *bg = meta != NULL && meta->type == BG_Y_MAP
				       ? bg__ynode_get(c->d, meta, "batchgen")
				       : NULL;
	struct bg__ynode *list = bg != NULL && bg->type == BG_Y_MAP
					 ? bg__ynode_get(c->d, bg, "ignore")
					 : NULL;
	cJSON *job = cJSON_GetArrayItem(imp->jobs, (int)imp->job_count - 1);
	cJSON *codes;
	char key[32], value[128];

	if (list == NULL || job == NULL) {
		return;
	}
	codes = cJSON_AddArrayToObject(job, "x-batchgen-ignore");
	snprintf(key, sizeof(key), "jobs[%zu]", imp->job_count - 1);
	for (size_t i = 0; codes != NULL &&
			   i < (list->type == BG_Y_SEQ ? list->len : 1);
	     i++) {
		struct bg__ynode *n = list->type == BG_Y_SEQ
					      ? bg__ynode_item(c->d, list, i)
					      : list;
		const char *code = bg__ynode_text(c->d, n);
		snprintf(value, sizeof(value), "%.80s %u:%u",
			 code != NULL ? code : "", bg__ynode_line(n),
			 bg__ynode_column(n));
		cJSON_AddItemToArray(codes, cJSON_CreateString(code != NULL
								       ? code
								       : ""));
		if (bg__kvlist_push(&imp->ignores, key, value) != BG_OK) {
			imp->nomem = true;
		}
	}
}

/* Resource r (logical id at key k) of the template, when it is a job
 * definition. */
static void
import_resource(struct bg__cfn *c, struct bg__ynode *k, struct bg__ynode *r,
		struct bg__import *imp, bool *failed)
{
	const char *id = bg__ynode_text(c->d, k);
	struct bg__ynode *props = NULL;
	size_t before;
	char origin[600];
	char path[300];

	snprintf(path, sizeof(path), "Resources.%.200s", id);
	for (size_t i = 0; i < r->len; i++) {
		const char *key = bg__ynode_text(c->d, bg__ynode_key(c->d, r, i));
		struct bg__ynode *v = bg__ynode_value(c->d, r, i);
		bool known = false;
		if (key == NULL || strcmp(key, "Type") == 0) {
			continue;
		}
		if (strcmp(key, "Properties") == 0) {
			props = v;
			continue;
		}
		for (size_t a = 0; a < ARRAY_LENGTH(attributes); a++) {
			if (strcmp(key, attributes[a].key) == 0) {
				report(c, attributes[a].sev,
				       "import-cfn-attribute", v, path,
				       "%s: %s", key, attributes[a].why);
				known = true;
			}
		}
		if (!known) {
			report(c, BG_SEV_ERROR, "import-cfn-attribute", v, path,
			       "'%s' is no attribute of a CloudFormation "
			       "resource this import knows",
			       key);
			*failed = true;
		}
	}
	if (props == NULL || props->type != BG_Y_MAP) {
		report(c, BG_SEV_ERROR, "import-shape", props != NULL ? props : r,
		       path, "an AWS::Batch::JobDefinition has Properties, an "
			     "object");
		*failed = true;
		return;
	}
	snprintf(origin, sizeof(origin),
		 "%s, Resources.%.200s (AWS::Batch::JobDefinition, line %u)",
		 c->file, id, bg__ynode_line(k));
	before = imp->job_count;
	if (bg__import_cfn_job(c, c->d, props, k, c->file, origin, imp,
			       c->diags) != BG_OK) {
		*failed = true;
	} else if (imp->job_count > before) {
		take_ignores(c, r, imp);
	}
}

bool
bg__cfn_is_template(struct bg__ydoc *d, struct bg__ynode *root)
{
	return bg__ynode_get(d, root, "AWSTemplateFormatVersion") != NULL ||
	       (bg__ynode_get(d, root, "Resources") != NULL &&
		bg__ynode_get(d, root, "resource") == NULL);
}

enum bg_status
bg__import_cloudformation(struct bg__ydoc *d, const char *file,
			  struct bg__import *imp, struct bg_diags *diags)
{
	struct bg__ynode *root = bg__ydoc_root(d);
	struct bg__cfn c = { .d = d, .file = file, .diags = diags };
	bool failed = false;
	size_t found = 0;

	c.parameters = bg__ynode_get(d, root, "Parameters");
	c.mappings = bg__ynode_get(d, root, "Mappings");
	c.resources = bg__ynode_get(d, root, "Resources");
	if (c.resources == NULL || c.resources->type != BG_Y_MAP) {
		report(&c, BG_SEV_ERROR, "import-shape",
		       c.resources != NULL ? c.resources : root, NULL,
		       "a CloudFormation template has Resources, an object");
		return BG_ERR_SCHEMA;
	}
	for (size_t i = 0; i < c.resources->len; i++) {
		struct bg__ynode *k = bg__ynode_key(d, c.resources, i);
		struct bg__ynode *r = bg__ynode_value(d, c.resources, i);
		const char *type =
			r->type == BG_Y_MAP
				? bg__ynode_text(d, bg__ynode_get(d, r, "Type"))
				: NULL;
		if (type != NULL &&
		    strcmp(type, "AWS::Batch::JobDefinition") == 0) {
			found++;
			import_resource(&c, k, r, imp, &failed);
		}
	}
	if (found == 0 && !c.nomem) {
		report(&c, BG_SEV_ERROR, "import-shape", c.resources, NULL,
		       "no AWS::Batch::JobDefinition resource in this "
		       "template");
		failed = true;
	}
	for (size_t i = 0; i < c.var_count; i++) {
		free(c.vars[i].name);
		free(c.vars[i].source);
	}
	free(c.vars);
	return c.nomem || imp->nomem ? BG_ERR_NOMEM
	       : failed		     ? BG_ERR_SCHEMA
				     : BG_OK;
}
