/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Job definitions as AWS writes them -> jobs of a spec. The input is
 * the API's camelCase JSON (or YAML): the answer of `aws batch
 * describe-job-definitions` ({"jobDefinitions": [...]}) or one
 * register-job-definition input; Terraform JSON is turned into the
 * latter first (input/import_tf.c). The field tables say where each API
 * key goes (the reverse of emit/api.c): no key is known here by name
 * but the few the tables cannot say (the definition's name, the fields
 * only a response has, the legacy vcpus and memory).
 *
 * Each job becomes a cJSON object in the spec's snake_case, its values
 * as written (numbers keep their text), and every spec path it writes
 * is remembered with the source line and column, so that what the
 * validator later says about the spec is located in the source. A key
 * with no place in a spec is an error: nothing is dropped without a
 * word.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/import.h"
#include "model/fields.h"

struct conv {
	struct bg__ydoc *d;
	const char *file;
	struct bg_diags *diags;
	struct bg__import *imp;
	char path[512]; /* the spec path being written */
	bool eks;       /* in eksProperties: camelCase of the spec keys */
	bool literal;   /* text is AWS's (not Terraform's): escaped */
	struct bg__cfn *cfn; /* a CloudFormation template: keys capitalised,
				functions */
	bool failed;
	/* Not 0: every path is located here in file (a definition made
	 * from a Terraform resource: its text is not the file's). */
	unsigned at_line, at_col;
	/* With at_line: where each attribute of the resource is ("LINE:COL"
	 * by its key, the spec's), for the paths below it; or NULL. */
	const struct bg_kvlist *at_keys;
	/* Or better: the nodes whose own place is the source's (by node
	 * index: a definition made from a .tf, its values placed); or
	 * NULL. */
	const bool *located;
};

/* With at_keys: the place of the attribute that the path being written
 * ("jobs[0].container_properties.image") is under, or NULL. */
static const char *
attribute_at(const struct conv *cv)
{
	const char *dot = strchr(cv->path, '.');
	size_t n;

	if (cv->at_keys == NULL || dot == NULL) {
		return NULL;
	}
	n = strcspn(dot + 1, ".[");
	for (size_t i = 0; i < cv->at_keys->count; i++) {
		const char *k = cv->at_keys->items[i].key;
		if (strlen(k) == n && strncmp(k, dot + 1, n) == 0) {
			return cv->at_keys->items[i].value;
		}
	}
	return NULL;
}

/* Where the value n being written is in file: at its attribute
 * (at_keys), at the resource (at_line), or where n itself is. */
static void
place(const struct conv *cv, const struct bg__ynode *n, unsigned *line,
      unsigned *col)
{
	const char *at = attribute_at(cv);
	char *end;

	if (cv->located != NULL && n != NULL &&
	    cv->located[n - cv->d->nodes]) {
		*line = bg__ynode_line(n);
		*col = bg__ynode_column(n);
	} else if (at != NULL) {
		*line = (unsigned)strtoul(at, &end, 10);
		*col = (unsigned)strtoul(end + 1, NULL, 10);
	} else if (cv->at_line != 0) {
		*line = cv->at_line;
		*col = cv->at_col;
	} else {
		*line = bg__ynode_line(n);
		*col = bg__ynode_column(n);
	}
}

/* API keys of the eks_properties block where the camelCase of the
 * provider's attribute is not the API's. */
static const char *const eks_api[][2] = {
	{ "read_only_root_file_system", "readOnlyRootFilesystem" },
};

/* The fields only a describe answer has. */
static const char *const response_only[] = {
	"jobDefinitionArn", "revision", "status", "containerOrchestrationType",
};

/* The API key of row i of o, in this part of the tree. */
static const char *
api_key(const struct conv *cv, const struct bg__object *o, size_t i,
	char *buf, size_t size)
{
	const struct bg__field *f = &o->fields[i];

	if (!cv->eks) {
		return bg__api_key(o, i);
	}
	for (size_t k = 0; k < ARRAY_LENGTH(eks_api); k++) {
		if (strcmp(f->key, eks_api[k][0]) == 0) {
			return eks_api[k][1];
		}
	}
	bg__camel_case(f->key, buf, size);
	return buf;
}

/* The row of o (inlined tables searched too) whose API key is key,
 * spelt exactly or (nocase) in any case: the provider decodes JSON keys
 * case-insensitively, and so does AWS. */
static const struct bg__field *
find_key(const struct conv *cv, const struct bg__object *o, const char *key,
	 bool nocase, char *spelt, size_t size)
{
	char buf[64];

	for (size_t i = 0; i < o->count; i++) {
		const struct bg__field *f = &o->fields[i];
		const char *api;
		if ((f->flags & BG_F_ALIAS) || f->same_as != NULL) {
			continue;
		}
		if (f->kind == BG_K_INLINE) {
			const struct bg__field *in =
				find_key(cv, f->sub, key, nocase, spelt, size);
			if (in != NULL) {
				return in;
			}
			continue;
		}
		api = api_key(cv, o, i, buf, sizeof(buf));
		if (api[0] != '\0' && (nocase ? strcasecmp(api, key)
					      : strcmp(api, key)) == 0) {
			if (spelt != NULL) {
				snprintf(spelt, size, "%s", api);
			}
			return f;
		}
	}
	return NULL;
}

static const struct bg__field *
find(const struct conv *cv, const struct bg__object *o, const char *key)
{
	return find_key(cv, o, key, false, NULL, 0);
}

static void report(struct conv *cv, enum bg_severity sev, const char *code,
		   const struct bg__ynode *n, const char *fmt, ...)
	BG_PRINTF(5, 6);

static void
report(struct conv *cv, enum bg_severity sev, const char *code,
       const struct bg__ynode *n, const char *fmt, ...)
{
	va_list ap;
	unsigned line, col;

	place(cv, n, &line, &col);
	va_start(ap, fmt);
	cv->imp->nomem |= bg__diags_vadd(cv->diags, sev, code, cv->file, line,
					 col, cv->path[0] ? cv->path : NULL,
					 fmt, ap) != BG_OK;
	va_end(ap);
	if (sev == BG_SEV_ERROR) {
		cv->failed = true;
	}
}

/* Remembers where the spec path being written came from. */
static void
remember(struct conv *cv, const struct bg__ynode *n)
{
	char where[32];
	unsigned line, col;

	place(cv, n, &line, &col);
	bg__line_col(where, line, col);
	/* appended: a path is written once (a lookup finds the first) */
	if (bg__kvlist_push(&cv->imp->where, cv->path, where) != BG_OK) {
		cv->imp->nomem = true;
	}
}

/* Appends ".key" (or "key" at the top) or "[index]" to the path, cut
 * as snprintf would cut it (without its cost: one call per node). */
static size_t
push(struct conv *cv, const char *key, size_t index)
{
	size_t old = strlen(cv->path);
	char num[24];

	if (key != NULL) {
		/* below the top, an empty base gives ".key" */
		bg__path_join(cv->path + old, sizeof(cv->path) - old,
			      old > 0 ? "" : NULL, key);
	} else {
		bg__path_join(cv->path + old, sizeof(cv->path) - old, NULL,
			      bg__index_text(num, index));
	}
	return old;
}

/* A JSON number as it was written, or NULL. */
static cJSON *
number(const char *text)
{
	char *end;

	if (text == NULL || text[0] == '\0') {
		return NULL;
	}
	(void)strtod(text, &end);
	if (*end != '\0' || strspn(text, "-+0123456789.eE") != strlen(text)) {
		return NULL;
	}
	return cJSON_CreateRaw(text);
}

static cJSON *scalar(struct conv *cv, struct bg__ynode *n);
static cJSON *object(struct conv *cv, const struct bg__object *o,
		     struct bg__ynode *map);

/* A CloudFormation function where a value is: its spec text. */
static cJSON *
call(struct conv *cv, struct bg__ynode *n)
{
	bool nomem = false;
	char *text;
	cJSON *v;

	if (cv->cfn == NULL) {
		report(cv, BG_SEV_ERROR, "import-shape", n,
		       "a CloudFormation function (%s) outside a "
		       "CloudFormation template",
		       bg__cfn_function(n->tag));
		return NULL;
	}
	text = bg__cfn_text(cv->cfn, n, cv->path, &nomem);
	if (text == NULL) {
		cv->imp->nomem |= nomem;
		cv->failed = true;
		return NULL;
	}
	v = cJSON_CreateString(text);
	free(text);
	return v;
}

/* n is a function call of the template being read (a short form is
 * one anywhere: call() refuses it outside a template). */
static bool
is_call(const struct conv *cv, const struct bg__ynode *n)
{
	return bg__cfn_function(n->tag) != NULL ||
	       (cv->cfn != NULL && bg__cfn_is_call(cv->d, n));
}

/* A scalar as the spec writes it: text, a number or a boolean. */
static cJSON *
scalar(struct conv *cv, struct bg__ynode *n)
{
	const char *text = bg__ynode_text(cv->d, n);
	cJSON *v;

	if (is_call(cv, n)) {
		return call(cv, n);
	}
	if (text == NULL) {
		report(cv, BG_SEV_ERROR, "import-shape", n,
		       "expected a value, not a list or an object");
		return NULL;
	}
	if (n->style == YAML_PLAIN_SCALAR_STYLE) {
		if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
			return cJSON_CreateBool(text[0] == 't');
		}
		if ((v = number(text)) != NULL) {
			return v;
		}
	}
	return cv->literal ? bg__import_literal_string(text)
			   : cJSON_CreateString(text);
}

cJSON *
bg__import_literal_string(const char *text)
{
	char *spec = bg__tf_spec_text(text);
	cJSON *v = spec != NULL ? cJSON_CreateString(spec) : NULL;

	free(spec);
	return v;
}

/* key as the API writes it: CloudFormation's keys are the API's,
 * capitalised (buf holds the result; a key too long for it stays as
 * it is, and is then unknown). */
static const char *
api_case(const struct conv *cv, const char *key, char *buf, size_t size)
{
	if (cv->cfn == NULL || key == NULL || !(key[0] >= 'A' && key[0] <= 'Z') ||
	    strlen(key) >= size) {
		return key;
	}
	snprintf(buf, size, "%c%s", key[0] - 'A' + 'a', key + 1);
	return buf;
}

/* Any value, in the shape it has (maps, lists of strings, env).
 * pairs: a list of {Name, Value} or {Type, Value}, whose keys
 * CloudFormation capitalises. */
static cJSON *
plain(struct conv *cv, struct bg__ynode *n, bool pairs)
{
	cJSON *out;

	if (n->type == BG_Y_SCALAR || is_call(cv, n)) {
		return scalar(cv, n);
	}
	out = n->type == BG_Y_SEQ ? cJSON_CreateArray() : cJSON_CreateObject();
	for (size_t i = 0; out != NULL && i < n->len; i++) {
		struct bg__ynode *v = n->type == BG_Y_SEQ
					      ? bg__ynode_item(cv->d, n, i)
					      : bg__ynode_value(cv->d, n, i);
		const char *key =
			n->type == BG_Y_MAP
				? bg__ynode_text(cv->d, bg__ynode_key(cv->d, n, i))
				: NULL;
		char lower[64];
		size_t old;
		cJSON *item;
		if (pairs) {
			key = api_case(cv, key, lower, sizeof(lower));
		}
		old = n->type == BG_Y_SEQ ? push(cv, NULL, i)
					  : push(cv, key, 0);
		remember(cv, v);
		item = plain(cv, v, pairs && n->type == BG_Y_SEQ);
		cv->path[old] = '\0';
		if (item == NULL) {
			continue;
		}
		if (n->type == BG_Y_SEQ) {
			cJSON_AddItemToArray(out, item);
		} else {
			cJSON_AddItemToObject(out, key, item);
		}
	}
	return out;
}

/* The value of API key n (a row f of the tables) at spec path. */
static cJSON *
value(struct conv *cv, const struct bg__field *f, struct bg__ynode *v)
{
	cJSON *out;
	bool was_eks = cv->eks;

	remember(cv, v);
	if (is_call(cv, v) && f->kind >= BG_K_STRS) {
		report(cv, BG_SEV_ERROR, "import-cfn-function", v,
		       "a function cannot stand for %s here: a spec writes "
		       "it out",
		       f->sub != NULL ? f->sub->desc : "a list or an object");
		return NULL;
	}
	switch (f->kind) {
	case BG_K_OBJ:
	case BG_K_EMBED:
		cv->eks = cv->eks || f->sub == &bg__obj_eks;
		out = object(cv, f->sub, v);
		cv->eks = was_eks;
		return out;
	case BG_K_OBJS:
		if (v->type != BG_Y_SEQ) {
			report(cv, BG_SEV_ERROR, "import-shape", v,
			       "expected a list of %s", f->sub->desc);
			return NULL;
		}
		out = cJSON_CreateArray();
		for (size_t i = 0; out != NULL && i < v->len; i++) {
			size_t old = push(cv, NULL, i);
			struct bg__ynode *item = bg__ynode_item(cv->d, v, i);
			cJSON *o;
			remember(cv, item);
			o = object(cv, f->sub, item);
			if (o != NULL) {
				cJSON_AddItemToArray(out, o);
			}
			cv->path[old] = '\0';
		}
		return out;
	case BG_K_STRS:
	case BG_K_MAP:
	case BG_K_ENV:
	case BG_K_RESOURCES:
		if (v->type == BG_Y_SCALAR) {
			report(cv, BG_SEV_ERROR, "import-shape", v,
			       "expected a list or an object, not a value");
			return NULL;
		}
		return plain(cv, v,
			     f->kind == BG_K_ENV || f->kind == BG_K_RESOURCES);
	default:
		return scalar(cv, v);
	}
}

static bool
listed(const char *const *list, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(list[i], key) == 0) {
			return true;
		}
	}
	return false;
}

/* Mapping map, an object of table o. */
static cJSON *
object(struct conv *cv, const struct bg__object *o, struct bg__ynode *map)
{
	cJSON *out;

	if (map->type != BG_Y_MAP) {
		report(cv, BG_SEV_ERROR, "import-shape", map,
		       "expected an object (%s)", o->desc);
		return NULL;
	}
	out = cJSON_CreateObject();
	for (size_t i = 0; out != NULL && i < map->len; i++) {
		struct bg__ynode *k = bg__ynode_key(cv->d, map, i);
		struct bg__ynode *v = bg__ynode_value(cv->d, map, i);
		const char *key = bg__ynode_text(cv->d, k);
		const struct bg__field *f;
		const char *spec_key;
		char api[128];
		size_t old;
		cJSON *item;

		if (key == NULL) {
			continue;
		}
		if (cv->cfn != NULL && o == &bg__obj_job &&
		    bg__cfn_job_property(cv->cfn, key, v, cv->path, &spec_key,
					 &item)) {
			old = push(cv, spec_key, 0);
			remember(cv, v);
			if (item != NULL) {
				cJSON_AddItemToObject(out, spec_key, item);
			}
			cv->failed |= item == NULL;
			cv->path[old] = '\0';
			continue;
		}
		key = api_case(cv, key, api, sizeof(api));
		f = find(cv, o, key);
		spec_key = f != NULL ? f->key : NULL;
		if (o == &bg__obj_job && strcmp(key, "jobDefinitionName") == 0) {
			spec_key = "name";
			f = find(cv, o, "name");
		} else if (o == &bg__obj_job &&
			   listed(response_only, ARRAY_LENGTH(response_only),
				  key)) {
			continue; /* AWS's answer, not the definition */
		} else if (f == NULL && o == &bg__obj_container &&
			   (strcasecmp(key, "vcpus") == 0 ||
			    strcasecmp(key, "memory") == 0)) {
			/* Legacy: batchgen writes them as resources. */
			f = find(cv, o, "resourceRequirements");
			key = strcasecmp(key, "vcpus") == 0 ? "vcpus" : "memory";
			spec_key = key;
			old = push(cv, key, 0);
			report(cv, BG_SEV_NOTE, "import-legacy-resources", v,
			       "the legacy '%s' is written as the spec's %s, "
			       "which batchgen renders as a resource "
			       "requirement: AWS takes both, and stores what "
			       "it is sent",
			       key, key);
			cv->path[old] = '\0';
		}
		if (f == NULL && cv->cfn == NULL &&
		    (f = find_key(cv, o, key, true, api, sizeof(api))) !=
			    NULL) {
			/* api: the spelling found (f may be a row of an
			 * inlined table, not of o) */
			spec_key = f->key;
			old = push(cv, spec_key, 0);
			report(cv, BG_SEV_NOTE, "import-key-case", k,
			       "'%s' is read as '%s' (AWS and the provider "
			       "read keys in any case; batchgen writes the "
			       "API's spelling)",
			       key, api);
			cv->path[old] = '\0';
		}
		if (f == NULL || spec_key == NULL) {
			key = bg__ynode_text(cv->d, k); /* as written */
			old = push(cv, key, 0);
			report(cv, BG_SEV_ERROR, "import-unknown-key", k,
			       "'%s' has no place in a batchgen spec (%s): "
			       "batchgen cannot write it, so this definition "
			       "is not imported",
			       key, o->desc);
			cv->path[old] = '\0';
			continue;
		}
		old = push(cv, spec_key, 0);
		if (cJSON_GetObjectItemCaseSensitive(out, spec_key) != NULL) {
			report(cv, BG_SEV_ERROR, "import-duplicate-key", k,
			       "'%s' is given twice (or in two spellings): "
			       "which one AWS keeps is not for batchgen to "
			       "guess, so this definition is not imported",
			       bg__ynode_text(cv->d, k));
			cv->path[old] = '\0';
			continue;
		}
		/* the name, and legacy resources: values the spec holds as
		 * they are */
		item = f->kind == BG_K_RESOURCES && strcmp(spec_key, key) == 0
			       ? scalar(cv, v)
			       : value(cv, f, v);
		if (item != NULL) {
			cJSON_AddItemToObject(out, spec_key, item);
		}
		cv->path[old] = '\0';
	}
	return out;
}

/* One definition (a mapping) into the spec's jobs; the job, or NULL
 * when it is not imported. */
static cJSON *
import_job(struct conv *cv, struct bg__ynode *def, const char *origin)
{
	size_t index = cv->imp->job_count;
	cJSON *job;
	bool failed = cv->failed;

	cv->failed = false;
	snprintf(cv->path, sizeof(cv->path), "jobs[%zu]", index);
	remember(cv, def);
	job = object(cv, &bg__obj_job, def);
	if (job == NULL || cv->failed) {
		cJSON_Delete(job);
		cv->failed = true;
		cv->path[0] = '\0';
		return NULL;
	}
	cJSON_AddItemToArray(cv->imp->jobs, job);
	cv->imp->job_count++;
	if (bg__kvlist_push(&cv->imp->origins, origin, "") != BG_OK) {
		cv->imp->nomem = true;
	}
	cv->failed = failed;
	cv->path[0] = '\0';
	return job;
}

/* A revision of a describe answer: what picking the newest needs. */
struct rev {
	const char *name; /* NULL: none given */
	long revision;
	bool active;
	size_t index; /* in the answer */
};

static int
rev_cmp(const void *a, const void *b)
{
	const struct rev *x = a, *y = b;
	int c = strcmp(x->name != NULL ? x->name : "",
		       y->name != NULL ? y->name : "");

	if (c != 0) {
		return c;
	}
	if (x->revision != y->revision) {
		return x->revision > y->revision ? -1 : 1; /* newest first */
	}
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The newest ACTIVE revision of each name (every revision when all),
 * in the order of the answer: one pass to read, one sort. */
static void
import_describe(struct conv *cv, struct bg__ynode *list, bool all)
{
	struct rev *revs = calloc(list->len ? list->len : 1, sizeof(*revs));
	bool *take = calloc(list->len ? list->len : 1, sizeof(*take));

	if (revs == NULL || take == NULL) {
		cv->imp->nomem = true;
		free(revs);
		free(take);
		return;
	}
	for (size_t i = 0; i < list->len; i++) {
		struct bg__ynode *def = bg__ynode_item(cv->d, list, i);
		const char *status, *rev;
		revs[i].index = i;
		if (def->type != BG_Y_MAP) {
			continue;
		}
		revs[i].name = bg__ynode_text(
			cv->d, bg__ynode_get(cv->d, def, "jobDefinitionName"));
		status = bg__ynode_text(cv->d,
					bg__ynode_get(cv->d, def, "status"));
		rev = bg__ynode_text(cv->d, bg__ynode_get(cv->d, def,
							  "revision"));
		revs[i].revision = rev != NULL ? strtol(rev, NULL, 10) : 0;
		revs[i].active = status == NULL || strcmp(status, "ACTIVE") == 0;
		take[i] = all;
	}
	if (!all) {
		/* by name, newest first: the first ACTIVE one of each */
		qsort(revs, list->len, sizeof(*revs), rev_cmp);
		for (size_t i = 0; i < list->len;) {
			size_t j = i;
			bool picked = false;
			if (revs[i].name == NULL) {
				/* the validator says what it lacks */
				take[revs[i].index] = revs[i].active;
				i++;
				continue;
			}
			while (j < list->len && revs[j].name != NULL &&
			       strcmp(revs[j].name, revs[i].name) == 0) {
				if (!picked && revs[j].active) {
					take[revs[j].index] = picked = true;
				}
				j++;
			}
			i = j;
		}
	}
	for (size_t i = 0; i < list->len; i++) {
		struct bg__ynode *def = bg__ynode_item(cv->d, list, i);
		const char *name, *rev;
		char origin[600];
		if (def->type != BG_Y_MAP) {
			report(cv, BG_SEV_ERROR, "import-shape", def,
			       "jobDefinitions holds objects");
			continue;
		}
		if (!take[i]) {
			continue;
		}
		name = bg__ynode_text(cv->d, bg__ynode_get(cv->d, def,
							   "jobDefinitionName"));
		rev = bg__ynode_text(cv->d,
				     bg__ynode_get(cv->d, def, "revision"));
		snprintf(origin, sizeof(origin),
			 "%s, jobDefinitions[%zu] (%s, revision %s, line %u)",
			 cv->file, i, name != NULL ? name : "?",
			 rev != NULL ? rev : "?", bg__ynode_line(def));
		import_job(cv, def, origin);
	}
	free(revs);
	free(take);
}

void
bg__places_add(struct bg__places *p, const cJSON *item,
	       const struct bg__ynode *n)
{
	if (n != NULL) {
		bg__places_at(p, item, bg__ynode_line(n), bg__ynode_column(n));
	}
}

void
bg__places_at(struct bg__places *p, const cJSON *item, unsigned line,
	      unsigned col)
{
	if (item == NULL) {
		return;
	}
	if (p->count == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		struct bg__place *more = realloc(p->at, cap * sizeof(*more));
		if (more == NULL) {
			p->nomem = true;
			return;
		}
		p->at = more;
		p->cap = cap;
	}
	p->at[p->count++] = (struct bg__place){ item, line, col };
	p->sorted = false;
}

void
bg__places_finish(struct bg__places *p)
{
	free(p->at);
	memset(p, 0, sizeof(*p));
}

static int
place_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct bg__place *)a)->item;
	uintptr_t y = (uintptr_t)((const struct bg__place *)b)->item;

	return x < y ? -1 : x > y;
}

void
bg__ynode_cjson_walk(struct bg__ydoc *d, struct bg__ynode *n,
		     const cJSON *item,
		     void (*visit)(struct bg__ydoc *d, struct bg__ynode *n,
				   const cJSON *item, void *ctx),
		     void *ctx)
{
	const cJSON *c = item->child;
	size_t i = 0;

	visit(d, n, item, ctx);
	if (cJSON_IsArray(item) && n->type == BG_Y_SEQ) {
		for (; c != NULL && i < n->len; i++, c = c->next) {
			bg__ynode_cjson_walk(d, bg__ynode_item(d, n, i), c,
					     visit, ctx);
		}
	} else if (cJSON_IsObject(item) && n->type == BG_Y_MAP) {
		for (; c != NULL && i < n->len; c = c->next) {
			const char *k = bg__ynode_text(d, bg__ynode_key(d, n, i));
			/* The view leaves out the top level's x- keys
			 * (input/yaml.c); cJSON keeps them. */
			if (c->string != NULL && strncmp(c->string, "x-", 2) == 0 &&
			    (k == NULL || strcmp(k, c->string) != 0)) {
				continue;
			}
			bg__ynode_cjson_walk(d, bg__ynode_value(d, n, i), c,
					     visit, ctx);
			i++;
		}
	}
	/* Anything else is no longer the same tree: nothing below is
	 * paired (a scalar's text is no list of children). */
}

struct put {
	const struct bg__places *places;
	bool *located;
};

/* Node n placed where places says item came from. */
static void
put_place(struct bg__ydoc *d, struct bg__ynode *n, const cJSON *item,
	  void *ctx)
{
	const struct put *p = ctx;
	struct bg__place key = { .item = item };
	const struct bg__place *at = bsearch(&key, p->places->at,
					     p->places->count,
					     sizeof(*p->places->at), place_cmp);

	if (at != NULL) {
		n->line = at->line;
		n->column = at->col;
		p->located[n - d->nodes] = true;
	}
}

enum bg_status
bg__import_api(const cJSON *api, const char *file, unsigned line,
	       unsigned col, const struct bg_kvlist *at_keys,
	       struct bg__places *places, const char *origin,
	       struct bg__import *imp, struct bg_diags *diags)
{
	char *text = cJSON_PrintUnformatted(api);
	struct bg__ydoc d;
	struct conv cv = { .d = &d, .file = file, .diags = diags, .imp = imp,
			   .at_line = line, .at_col = col,
			   .at_keys = at_keys };
	bool *located = NULL;
	enum bg_status st;

	if (text == NULL) {
		return BG_ERR_NOMEM;
	}
	st = bg__ydoc_read(&d, text, strlen(text), true, file, diags);
	cJSON_free(text);
	if (st != BG_OK) {
		return st;
	}
	if (places != NULL && places->count > 0) {
		located = calloc(d.count, sizeof(*located));
		if (located == NULL) {
			bg__ydoc_finish(&d);
			return BG_ERR_NOMEM;
		}
		if (!places->sorted) {
			qsort(places->at, places->count, sizeof(*places->at),
			      place_cmp);
			places->sorted = true;
		}
		bg__ynode_cjson_walk(&d, bg__ydoc_root(&d), api, put_place,
				     &(struct put){ places, located });
		cv.located = located;
	}
	import_job(&cv, bg__ydoc_root(&d), origin);
	bg__ydoc_finish(&d);
	free(located);
	return imp->nomem ? BG_ERR_NOMEM : cv.failed ? BG_ERR_SCHEMA : BG_OK;
}

enum bg_status
bg__import_document(struct bg__ydoc *d, const char *file, bool all_revisions,
		    struct bg__import *imp, struct bg_diags *diags)
{
	struct conv cv = { .d = d, .file = file, .diags = diags, .imp = imp,
			   .literal = true };
	struct bg__ynode *root = bg__ydoc_root(d);
	struct bg__ynode *list;
	size_t before = cJSON_GetArraySize(imp->jobs);
	char origin[600];

	if (root == NULL || root->type != BG_Y_MAP) {
		bg_diags_add(diags, BG_SEV_ERROR, "import-shape", file,
			     root != NULL ? bg__ynode_line(root) : 0,
			     root != NULL ? bg__ynode_column(root) : 0, NULL,
			     "expected an object: the answer of aws batch "
			     "describe-job-definitions, or one "
			     "register-job-definition input");
		return BG_ERR_SCHEMA;
	}
	list = bg__ynode_get(d, root, "jobDefinitions");
	if (bg__ynode_get(d, root, "batchgen_hcl") != NULL) {
		return bg__import_hcl(d, file, imp, diags);
	}
	if (bg__ynode_get(d, root, "resource") != NULL) {
		return bg__import_terraform(d, file, NULL, imp, diags);
	}
	if (bg__ynode_get(d, root, "values") != NULL ||
	    bg__ynode_get(d, root, "planned_values") != NULL) {
		/* terraform show -json: a state, or a plan */
		struct bg__ynode *v = bg__ynode_get(d, root, "planned_values");
		return bg__import_terraform_state(
			d, v != NULL ? v : bg__ynode_get(d, root, "values"),
			v != NULL ? bg__ynode_get(d, root, "resource_changes")
				  : NULL,
			file, imp, diags);
	}
	if (bg__cfn_is_template(d, root)) {
		return bg__import_cloudformation(d, file, imp, diags);
	}
	if (list != NULL && list->type == BG_Y_SEQ) {
		import_describe(&cv, list, all_revisions);
	} else if (bg__ynode_get(d, root, "jobDefinitionName") != NULL) {
		snprintf(origin, sizeof(origin), "%s (register-job-definition "
			 "input, line %u)", file, bg__ynode_line(root));
		import_job(&cv, root, origin);
	} else {
		bg_diags_add(diags, BG_SEV_ERROR, "import-shape", file,
			     bg__ynode_line(root), bg__ynode_column(root), NULL,
			     "no job definition here: expected "
			     "{\"jobDefinitions\": [...]} (aws batch "
			     "describe-job-definitions), an object with "
			     "jobDefinitionName (register-job-definition "
			     "--cli-input-json), a CloudFormation template "
			     "(Resources), Terraform JSON (resource) or what "
			     "terraform show -json prints (values, "
			     "planned_values)");
		return BG_ERR_SCHEMA;
	}
	if (imp->nomem) {
		return BG_ERR_NOMEM;
	}
	if (cv.failed) {
		return BG_ERR_SCHEMA;
	}
	if (cJSON_GetArraySize(imp->jobs) == (int)before) {
		bg_diags_add(diags, BG_SEV_ERROR, "import-shape", file,
			     bg__ynode_line(root), bg__ynode_column(root), NULL,
			     "no ACTIVE job definition here%s",
			     all_revisions ? "" : " (--all-revisions takes "
						  "the inactive ones too)");
		return BG_ERR_SCHEMA;
	}
	return BG_OK;
}

enum bg_status
bg__import_cfn_job(struct bg__cfn *c, struct bg__ydoc *d,
		   struct bg__ynode *props, struct bg__ynode *id,
		   const char *file, const char *origin,
		   struct bg__import *imp, struct bg_diags *diags)
{
	struct conv cv = { .d = d, .file = file, .diags = diags, .imp = imp,
			   .literal = true, .cfn = c };
	cJSON *job = import_job(&cv, props, origin);
	const char *logical = bg__ynode_text(d, id);

	if (job != NULL && !cJSON_HasObjectItem(job, "name") &&
	    logical != NULL) {
		/* CloudFormation would make one up: STACK-ID-RANDOM */
		cJSON *name = cJSON_CreateString(logical);
		size_t index = (size_t)cJSON_GetArraySize(imp->jobs) - 1;
		if (name == NULL) {
			return BG_ERR_NOMEM;
		}
		cJSON_AddItemToObject(job, "name", name);
		cJSON_DetachItemViaPointer(job, name);
		cJSON_InsertItemInArray(job, 0, name);
		snprintf(cv.path, sizeof(cv.path), "jobs[%zu].name", index);
		remember(&cv, id);
		report(&cv, BG_SEV_NOTE, "import-cfn-name", id,
		       "JobDefinitionName is not given, so CloudFormation "
		       "names the definition STACK-%s-RANDOM; the spec names "
		       "it %s, which Terraform registers as it is",
		       logical, logical);
	}
	return imp->nomem ? BG_ERR_NOMEM
	       : cv.failed ? BG_ERR_SCHEMA
			   : BG_OK;
}
