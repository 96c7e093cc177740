/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * The field tables (lib/model/fields.c), checked as data: whatever a
 * new row says, these tests hold every walk to it. Linked with the
 * library's objects (internal symbols included).
 *
 * - spec keys are unique in every object, and the job-level shortcuts
 *   name full-tree paths that exist;
 * - every field of a container, set, reaches the API JSON under its key,
 *   and every object there has its keys sorted;
 * - a copy (bg__object_merge onto nothing) emits the same bytes, and
 *   merging under gives what merging over a copy gives;
 * - the API keys that are not the spec key in camelCase are exactly the
 *   listed ones;
 * - every command-line flag sets the field whose path it names;
 * - the located check's key lookup (binary search in the generated
 *   schemas) finds every row of every mapping, and nothing else.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "test_common.h"
#include "input/cyschema.h"
#include "model/fields.h"

#define AT(p, off) ((void *)((char *)(p) + (off)))

/* ---- every object of the tables ---- */

static const struct bg__object *seen[64];
static size_t seen_count;

static void
collect(const struct bg__object *o)
{
	for (size_t i = 0; i < seen_count; i++) {
		if (seen[i] == o) {
			return;
		}
	}
	ck_assert_uint_lt(seen_count, 64);
	seen[seen_count++] = o;
	for (size_t i = 0; i < o->count; i++) {
		if (o->fields[i].sub != NULL) {
			collect(o->fields[i].sub);
		}
	}
}

static void
collect_all(void)
{
	seen_count = 0;
	collect(&bg__obj_spec);
	collect(&bg__obj_template);
	collect(&bg__obj_resource);
}

struct keys {
	const char *v[128];
	const struct bg__field *f[128];
	size_t n;
};

static bool
note_key(const struct bg__field *f, uint32_t off, void *ctx)
{
	struct keys *k = ctx;

	(void)off;
	ck_assert_uint_lt(k->n, 128);
	k->f[k->n] = f;
	k->v[k->n++] = f->key;
	return true;
}

START_TEST(spec_keys_are_unique)
{
	collect_all();
	ck_assert_uint_ge(seen_count, 20);
	for (size_t i = 0; i < seen_count; i++) {
		struct keys k = { .n = 0 };
		bg__object_each(seen[i], note_key, &k);
		for (size_t a = 0; a < k.n; a++) {
			for (size_t b = a + 1; b < k.n; b++) {
				ck_assert_msg(strcmp(k.v[a], k.v[b]) != 0,
					      "%s: key '%s' twice",
					      seen[i]->name, k.v[a]);
			}
			{
				const struct bg__field *f = bg__object_field(
					seen[i], k.v[a], NULL, NULL);
				/* that field of that object, not another's
				 * of the same key */
				ck_assert_msg(f != NULL && f == k.f[a] &&
						      strcmp(f->key, k.v[a]) == 0,
					      "%s: '%s' finds '%s'",
					      seen[i]->name, k.v[a],
					      f != NULL ? f->key : "nothing");
			}
			{
				/* A neighbour of a key is no key, or itself. */
				char other[80];
				snprintf(other, sizeof(other), "%s_", k.v[a]);
				ck_assert_ptr_null(bg__object_field(
					seen[i], other, NULL, NULL));
				const struct bg__field *g;
				snprintf(other, sizeof(other), "%.*s",
					 (int)strlen(k.v[a]) - 1, k.v[a]);
				g = bg__object_field(seen[i], other, NULL, NULL);
				ck_assert(g == NULL || strcmp(g->key, other) == 0);
			}
		}
		/* The keys of every other object: found only where this
		 * one has the key too, and then as its own field. */
		for (size_t j = 0; j < seen_count; j++) {
			struct keys o = { .n = 0 };
			bg__object_each(seen[j], note_key, &o);
			for (size_t b = 0; b < o.n; b++) {
				const struct bg__field *f = bg__object_field(
					seen[i], o.v[b], NULL, NULL);
				size_t a = 0;
				while (a < k.n && strcmp(k.v[a], o.v[b]) != 0) {
					a++;
				}
				ck_assert_msg(a < k.n ? f == k.f[a] : f == NULL,
					      "%s: '%s' of %s", seen[i]->name,
					      o.v[b], seen[j]->name);
			}
		}
		for (size_t r = 0; r < seen[i]->count; r++) {
			ck_assert_msg(seen[i]->fields[r].desc != NULL &&
					      seen[i]->fields[r].desc[0] != '\0',
				      "%s.%s has no description",
				      seen[i]->name, seen[i]->fields[r].key);
		}
	}
}
END_TEST

/* Follows a dotted path of spec keys from o; the field at its end. */
static const struct bg__field *
follow(const struct bg__object *o, const char *path)
{
	char key[64];
	const struct bg__field *f = NULL;

	while (o != NULL && *path != '\0') {
		size_t n = strcspn(path, ".");
		ck_assert_uint_lt(n, sizeof(key));
		memcpy(key, path, n);
		key[n] = '\0';
		f = bg__object_field(o, key, NULL, NULL);
		if (f == NULL) {
			return NULL;
		}
		o = f->sub;
		path += n + (path[n] == '.');
	}
	return *path == '\0' ? f : NULL;
}

START_TEST(shortcuts_name_tree_paths)
{
	size_t n = 0;

	for (size_t i = 0; i < bg__obj_job_options.count; i++) {
		const struct bg__field *f = &bg__obj_job_options.fields[i];
		const struct bg__field *tree;
		if (f->same_as == NULL) {
			continue;
		}
		tree = follow(&bg__obj_job_options, f->same_as);
		ck_assert_msg(tree != NULL, "%s: no field at %s", f->key,
			      f->same_as);
		ck_assert_int_eq(tree->kind, f->kind);
		n++;
	}
	ck_assert_uint_ge(n, 6);
}
END_TEST

/* ---- a container with every field set ---- */

static void fill(const struct bg__object *o, void *p);

static const char *
text_for(const struct bg__field *f)
{
	return f->enums != NULL ? f->enums[0] : f->key;
}

static void
fill_field(const struct bg__field *f, void *p)
{
	void *m = AT(p, f->off);

	switch (f->kind) {
	case BG_K_STR:
		*(char **)m = strdup(text_for(f));
		break;
	case BG_K_NUM:
		*(struct bg_opt_int *)m = (struct bg_opt_int){ .set = true, .value = 1250 };
		break;
	case BG_K_INT:
		*(struct bg_opt_int *)m = (struct bg_opt_int){ .set = true, .value = 7 };
		break;
	case BG_K_BOOL:
		*(struct bg_opt_bool *)m = (struct bg_opt_bool){ .set = true, .value = true };
		break;
	case BG_K_FLAG:
		*(bool *)m = true;
		break;
	case BG_K_STRS:
		*(char ***)m = calloc(1, sizeof(char *));
		(*(char ***)m)[0] = strdup(text_for(f));
		*(size_t *)AT(p, f->count_off) = 1;
		break;
	case BG_K_MAP:
	case BG_K_ENV:
		ck_assert_int_eq(bg_kvlist_set(m, "KEY", "value"), BG_OK);
		break;
	case BG_K_OBJ:
		*(void **)m = calloc(1, f->sub->size);
		fill(f->sub, *(void **)m);
		break;
	case BG_K_OBJS:
		*(void **)m = calloc(1, f->sub->size);
		fill(f->sub, *(void **)m);
		*(size_t *)AT(p, f->count_off) = 1;
		break;
	case BG_K_EMBED:
		if (f->present > 0) {
			*(bool *)AT(p, f->present - 1) = true;
		}
		fill(f->sub, m);
		break;
	default:
		break;
	}
}

static void
fill(const struct bg__object *o, void *p)
{
	for (size_t i = 0; i < o->count; i++) {
		const struct bg__field *f = &o->fields[i];
		if (!(f->flags & BG_F_ALIAS) && f->same_as == NULL) {
			fill_field(f, p);
		}
	}
}

/* Every object of a JSON tree has its keys in strcmp order. */
static void
assert_sorted(const cJSON *v, const char *where)
{
	const cJSON *c;
	const char *prev = NULL;

	cJSON_ArrayForEach(c, v)
	{
		if (cJSON_IsObject(v)) {
			ck_assert_msg(prev == NULL || strcmp(prev, c->string) < 0,
				      "%s: '%s' after '%s'", where, c->string,
				      prev);
			prev = c->string;
		}
		assert_sorted(c, c->string != NULL ? c->string : where);
	}
}

/* The container_properties of def as parsed JSON. */
static cJSON *
container_json(const struct bg_jobdef *def)
{
	const struct bg_jobdef *defs[] = { def };
	char *text = NULL;
	cJSON *doc, *props;
	const cJSON *res;

	ck_assert_int_eq(bg_emit(defs, 1, BG_FORMAT_JSON, &text, NULL), BG_OK);
	doc = cJSON_Parse(text);
	free(text);
	res = cJSON_GetObjectItem(
		cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "resource"),
				    "aws_batch_job_definition"),
		def->label);
	props = cJSON_Parse(cJSON_GetStringValue(
		cJSON_GetObjectItem(res, "container_properties")));
	cJSON_Delete(doc);
	ck_assert_ptr_nonnull(props);
	return props;
}

static struct bg_jobdef *
job_with(struct bg_container *c)
{
	struct bg_jobdef *def = bg_jobdef_create();

	def->name = strdup("every-field");
	def->label = strdup("every_field");
	def->type = strdup("container");
	def->platform_capabilities = calloc(1, sizeof(char *));
	def->platform_capabilities[0] = strdup("FARGATE");
	def->platform_capability_count = 1;
	def->container = c;
	return def;
}

START_TEST(every_container_field_reaches_the_api_json)
{
	struct bg_container *c = bg_container_create();
	struct bg_jobdef *def;
	cJSON *props;
	size_t n = 0;

	fill(&bg__obj_container, c);
	def = job_with(c);
	props = container_json(def);
	for (size_t i = 0; i < bg__obj_container.count; i++) {
		const char *api = bg__api_key(&bg__obj_container, i);
		if (api[0] == '\0') {
			continue; /* vcpus, memory, gpus: resourceRequirements */
		}
		ck_assert_msg(cJSON_HasObjectItem(props, api),
			      "container field %s is not written as %s",
			      bg__obj_container.fields[i].key, api);
		n++;
	}
	ck_assert_uint_ge(n, 22);
	ck_assert_int_eq(
		cJSON_GetArraySize(cJSON_GetObjectItem(props,
						       "resourceRequirements")),
		3);
	assert_sorted(props, "containerProperties");
	cJSON_Delete(props);
	bg_jobdef_destroy(def);
}
END_TEST

START_TEST(a_copy_emits_the_same_bytes)
{
	struct bg_container *c = bg_container_create();
	struct bg_container *copy = bg_container_create();
	struct bg_jobdef *a, *b;
	const struct bg_jobdef *one[1];
	char *ta = NULL, *tb = NULL;

	fill(&bg__obj_container, c);
	ck_assert_int_eq(bg__object_merge(&bg__obj_container, copy, c), BG_OK);
	a = job_with(c);
	b = job_with(copy);
	one[0] = a;
	ck_assert_int_eq(bg_emit(one, 1, BG_FORMAT_HCL, &ta, NULL), BG_OK);
	one[0] = b;
	ck_assert_int_eq(bg_emit(one, 1, BG_FORMAT_HCL, &tb, NULL), BG_OK);
	ck_assert_str_eq(ta, tb);
	free(ta);
	free(tb);
	bg_jobdef_destroy(a);
	bg_jobdef_destroy(b);
}
END_TEST

START_TEST(merging_under_equals_merging_over_a_copy)
{
	struct bg_job_options defaults = { 0 }, user = { 0 };
	struct bg_job_options over = { 0 }, under = { 0 };
	struct bg_container *a = bg_container_create();
	struct bg_container *b = bg_container_create();
	struct bg_jobdef *da, *db;
	const struct bg_jobdef *one[1];
	char *ta = NULL, *tb = NULL;

	fill(&bg__obj_container, &defaults.c);
	ck_assert_int_eq(bg_job_options_set(&user, "memory", "2048", NULL),
			 BG_OK);
	ck_assert_int_eq(bg_job_options_set(&user, "env", "KEY=user", NULL),
			 BG_OK);
	ck_assert_int_eq(bg_job_options_set(&user, "env", "MORE=1", NULL),
			 BG_OK);
	/* over: defaults, then the user; under: the user, defaults under */
	ck_assert_int_eq(bg__object_merge(&bg__obj_job, &over, &defaults),
			 BG_OK);
	ck_assert_int_eq(bg__object_merge(&bg__obj_job, &over, &user), BG_OK);
	ck_assert_int_eq(bg__object_merge(&bg__obj_job, &under, &user), BG_OK);
	ck_assert_int_eq(bg__object_merge_under(&bg__obj_job, &under,
						&defaults),
			 BG_OK);
	ck_assert_int_eq(bg__object_merge(&bg__obj_container, a, &over.c),
			 BG_OK);
	ck_assert_int_eq(bg__object_merge(&bg__obj_container, b, &under.c),
			 BG_OK);
	da = job_with(a);
	db = job_with(b);
	one[0] = da;
	ck_assert_int_eq(bg_emit(one, 1, BG_FORMAT_JSON, &ta, NULL), BG_OK);
	one[0] = db;
	ck_assert_int_eq(bg_emit(one, 1, BG_FORMAT_JSON, &tb, NULL), BG_OK);
	ck_assert_str_eq(ta, tb);
	ck_assert_ptr_nonnull(strstr(ta, "2048"));
	ck_assert_ptr_nonnull(strstr(ta, "user"));
	free(ta);
	free(tb);
	bg_jobdef_destroy(da);
	bg_jobdef_destroy(db);
	bg_job_options_finish(&defaults);
	bg_job_options_finish(&user);
	bg_job_options_finish(&over);
	bg_job_options_finish(&under);
}
END_TEST

/* The text a template job built from o renders, or the status it
 * failed with ("#N") and its diagnostics. */
static char *
applied_text(const struct bg_template_set *set, const struct bg_job_options *o)
{
	struct bg_diags *d = bg_diags_create();
	struct bg_jobdef *def = NULL;
	const struct bg_jobdef *one[1];
	char *text = NULL;
	enum bg_status st = bg_template_apply(set, "simple-container", o, &def,
					      d);

	if (st == BG_OK) {
		one[0] = def;
		st = bg_emit(one, 1, BG_FORMAT_JSON, &text, NULL);
	}
	if (st != BG_OK) {
		/* "#status", then every diagnostic */
		size_t len = 16;
		for (size_t i = 0; i < bg_diags_count(d); i++) {
			const struct bg_diag *g = bg_diags_get(d, i);
			len += strlen(g->message) + strlen(g->code) +
			       (g->path ? strlen(g->path) : 0) + 4;
		}
		text = malloc(len);
		snprintf(text, len, "#%d", (int)st);
		for (size_t i = 0; i < bg_diags_count(d); i++) {
			const struct bg_diag *g = bg_diags_get(d, i);
			strcat(text, "\n");
			strcat(text, g->code);
			strcat(text, " ");
			strcat(text, g->path ? g->path : "");
			strcat(text, " ");
			strcat(text, g->message);
		}
	}
	bg_jobdef_destroy(def);
	bg_diags_destroy(d);
	return text;
}

/* Laying defaults under a job only where they give a value (a spec's
 * defaults and a template's, found once for every job) is
 * bg__object_merge_under: for each field of a job on its own as the
 * defaults, and for all of them at once, under a job that gives some
 * values of its own, both build the same job definition. Nothing is
 * found where the defaults give nothing. */
START_TEST(merging_under_found_places_equals_merging_under)
{
	struct bg_template_set *set = NULL;
	struct bg_diags *d = bg_diags_create();
	struct bg__under u;
	struct bg_job_options empty = { 0 };
	/* a job's fields (bg__obj_job has them inline) */
	const struct bg__object *O = &bg__obj_job_options;
	size_t fields = 0, found = 0;

	ck_assert_int_eq(bg_template_set_builtin(&set, d), BG_OK);
	ck_assert_int_eq(bg__object_under_find(&bg__obj_job, &empty, &u),
			 BG_OK);
	ck_assert_uint_eq(u.count, 0);
	ck_assert_ptr_null(u.at);
	for (size_t i = 0; i <= O->count; i++) {
		struct bg_job_options defaults = { 0 }, user = { 0 };
		struct bg_job_options a = { 0 }, b = { 0 };
		char *ta, *tb;

		if (i == O->count) {
			fill(O, &defaults); /* all at once */
		} else if (!(O->fields[i].flags & BG_F_ALIAS) &&
			   O->fields[i].same_as == NULL) {
			fill_field(&O->fields[i], &defaults);
		} else {
			continue;
		}
		ck_assert_int_eq(bg_job_options_set(&user, "image", "app:1",
						    NULL),
				 BG_OK);
		ck_assert_int_eq(bg_job_options_set(&user, "env", "KEY=user",
						    NULL),
				 BG_OK);
		ck_assert_int_eq(bg__object_merge(&bg__obj_job, &a, &user),
				 BG_OK);
		ck_assert_int_eq(bg__object_merge(&bg__obj_job, &b, &user),
				 BG_OK);
		ck_assert_int_eq(bg__object_merge_under(&bg__obj_job, &a,
							&defaults),
				 BG_OK);
		ck_assert_int_eq(bg__object_under_find(&bg__obj_job, &defaults,
						       &u),
				 BG_OK);
		ck_assert_msg(u.count > 0 || !bg__object_given(&bg__obj_job,
							      &defaults),
			      "field %zu gives a value, none found", i);
		found += u.count > 0;
		ck_assert_int_eq(bg__object_merge_under_at(&bg__obj_job, &b,
							   &defaults, &u),
				 BG_OK);
		ta = applied_text(set, &a);
		tb = applied_text(set, &b);
		ck_assert_msg(strcmp(ta, tb) == 0, "field %zu: %s\n--\n%s", i,
			      ta, tb);
		fields += ta[0] != '#';
		free(ta);
		free(tb);
		free(u.at);
		bg_job_options_finish(&defaults);
		bg_job_options_finish(&user);
		bg_job_options_finish(&a);
		bg_job_options_finish(&b);
	}
	/* Several fields alone make a job simple-container accepts (the
	 * others are refused alike: same status, same diagnostics). */
	ck_assert_uint_ge(fields, 5);
	ck_assert_uint_ge(found, 10);
	bg_template_set_destroy(set);
	bg_diags_destroy(d);
}
END_TEST

START_TEST(api_keys_not_camel_case_are_the_listed_ones)
{
	/* spec key -> API key where it is not the camelCase one */
	static const char *const expected[] = {
		"size_in_gib=sizeInGiB", "vcpus=", "memory=", "gpus=",
		"template=",
		/* eks_properties: the provider's attribute, in the
		 * singular */
		"image_pull_secrets=image_pull_secret",
	};
	bool found[ARRAY_LENGTH(expected)] = { false };

	collect_all();
	for (size_t i = 0; i < seen_count; i++) {
		const char *const *keys = bg__api_keys(seen[i]);
		ck_assert_ptr_nonnull(keys);
		for (size_t r = 0; r < seen[i]->count; r++) {
			const struct bg__field *f = &seen[i]->fields[r];
			char pair[96], camel[96];
			bool listed = false;
			/* all the keys at once are each key's */
			ck_assert_str_eq(keys[r], bg__api_key(seen[i], r));
			bg__camel_case(f->key, camel, sizeof(camel));
			ck_assert_str_eq(keys[r], f->api != NULL ? f->api : camel);
			if (f->api == NULL) {
				continue;
			}
			snprintf(pair, sizeof(pair), "%s=%s", f->key, f->api);
			for (size_t e = 0; e < ARRAY_LENGTH(expected); e++) {
				if (strcmp(pair, expected[e]) == 0) {
					listed = found[e] = true;
				}
			}
			ck_assert_msg(listed, "%s.%s: unlisted API key '%s'",
				      seen[i]->name, f->key, f->api);
		}
	}
	/* Each listed pair is still there (a task's container shares
	 * vcpus, memory and gpus with container_properties). */
	for (size_t e = 0; e < ARRAY_LENGTH(expected); e++) {
		ck_assert_msg(found[e], "'%s' is listed but gone", expected[e]);
	}
}
END_TEST

START_TEST(every_flag_sets_the_field_it_names)
{
	ck_assert_uint_ge(bg_option_count(), 25);
	for (size_t i = 0; i < bg_option_count(); i++) {
		const struct bg_option_info *o = bg_option_get(i);
		const struct bg__field *f = follow(&bg__obj_job, o->path);
		struct bg_job_options opts = { 0 };
		struct bg_diags *diags = bg_diags_create();
		const char *value = o->arg == NULL ? NULL
				    : f->kind == BG_K_MAP || f->kind == BG_K_ENV
					    ? "K=v"
				    : f->kind == BG_K_INT || f->kind == BG_K_NUM
					    ? "3"
				    : f->kind == BG_K_BOOL ? "false"
							   : "text";
		struct bg_job_options empty = { 0 };
		ck_assert_msg(f != NULL, "--%s: no field at %s", o->flag,
			      o->path);
		ck_assert_msg(bg_job_options_set(&opts, o->flag, value, diags) ==
				      BG_OK,
			      "--%s %s refused (%s, kind %d)", o->flag,
			      value ? value : "", f->key, f->kind);
		/* Something changed: the options differ from empty ones. */
		ck_assert_msg(memcmp(&opts, &empty, sizeof(opts)) != 0,
			      "--%s set nothing", o->flag);
		bg_job_options_finish(&opts);
		bg_diags_destroy(diags);
	}
}
END_TEST

/* Every row of mapping v (and of the mappings under it) is found at
 * its own index; keys not in it are not found. */
static void
lookup_walk(const cyaml_schema_value_t *v, unsigned depth, size_t *rows)
{
	const cyaml_schema_field_t *fields;
	size_t n = 0;

	ck_assert_uint_lt(depth, 16);
	if (v->type == CYAML_SEQUENCE || v->type == CYAML_SEQUENCE_FIXED) {
		lookup_walk(v->sequence.entry, depth + 1, rows);
		return;
	}
	if (v->type != CYAML_MAPPING) {
		return;
	}
	fields = v->mapping.fields;
	while (fields[n].key != NULL) {
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		char other[80];
		ck_assert_uint_eq(bg__schema_field_index(fields, n,
							 fields[i].key),
				  i);
		/* Neighbours in key order that are no key. */
		snprintf(other, sizeof(other), "%s_", fields[i].key);
		ck_assert_uint_eq(bg__schema_field_index(fields, n, other), n);
		snprintf(other, sizeof(other), "%.*s", (int)strlen(fields[i].key) - 1,
			 fields[i].key);
		ck_assert_uint_eq(bg__schema_field_index(fields, n, other), n);
		lookup_walk(&fields[i].value, depth + 1, rows);
		(*rows)++;
	}
	ck_assert_uint_eq(bg__schema_field_index(fields, n, ""), n);
	ck_assert_uint_eq(bg__schema_field_index(fields, n, "~~~"), n);
}

START_TEST(the_check_finds_every_schema_key)
{
	const struct bg__object *roots[] = { &bg__obj_spec, &bg__obj_template };
	/* Not a generated schema: searched one by one. */
	static const cyaml_schema_field_t plain[] = {
		CYAML_FIELD_IGNORE("b", CYAML_FLAG_OPTIONAL),
		CYAML_FIELD_IGNORE("a", CYAML_FLAG_OPTIONAL),
		CYAML_FIELD_END
	};

	for (size_t r = 0; r < ARRAY_LENGTH(roots); r++) {
		const struct bg__schemas *sc = bg__schemas(roots[r]);
		size_t rows = 0;
		ck_assert_ptr_nonnull(sc);
		lookup_walk(sc->check, 0, &rows);
		ck_assert_uint_ge(rows, 100);
		rows = 0;
		lookup_walk(sc->load, 0, &rows);
		ck_assert_uint_ge(rows, 100);
	}
	ck_assert_uint_eq(bg__schema_field_index(plain, 2, "a"), 1);
	ck_assert_uint_eq(bg__schema_field_index(plain, 2, "b"), 0);
	ck_assert_uint_eq(bg__schema_field_index(plain, 2, "c"), 2);
}
END_TEST

/* The fields of a mapping or of the mapping a sequence holds, or NULL. */
static const cyaml_schema_field_t *
mapping_rows(const cyaml_schema_value_t *v)
{
	if (v->type == CYAML_SEQUENCE) {
		v = v->sequence.entry;
	}
	return v->type == CYAML_MAPPING ? v->mapping.fields : NULL;
}

static size_t
row_count(const cyaml_schema_field_t *f)
{
	size_t n = 0;

	while (f[n].key != NULL) {
		n++;
	}
	return n;
}

/* The load schema's rows of a mapping are the check schema's, in its
 * order but for a first part: a stable partition (the rows of
 * BG_F_OFTEN keys first). Down every mapping both schemas read. */
static void
same_rows_partitioned(const cyaml_schema_field_t *check,
		      const cyaml_schema_field_t *load, unsigned depth,
		      size_t *moved)
{
	size_t n = row_count(check), split = 0;
	size_t at[512];

	ck_assert_uint_lt(depth, 12);
	ck_assert_uint_eq(row_count(load), n);
	ck_assert_uint_le(n, ARRAY_LENGTH(at));
	for (size_t i = 0; i < n; i++) {
		at[i] = n;
		for (size_t j = 0; j < n; j++) {
			if (strcmp(load[i].key, check[j].key) == 0) {
				at[i] = j;
			}
		}
		ck_assert_msg(at[i] < n, "%s: not a row of the check schema",
			      load[i].key);
		/* The first part ends where the order goes back. */
		if (split == 0 && i > 0 && at[i] < at[i - 1]) {
			split = i;
		}
	}
	for (size_t i = 1; i < n; i++) {
		if (i != split) {
			ck_assert_msg(at[i] > at[i - 1],
				      "%s: out of the check schema's order",
				      load[i].key);
		}
	}
	*moved += split;
	for (size_t i = 0; i < n; i++) {
		const cyaml_schema_field_t *c = mapping_rows(&check[at[i]].value);
		const cyaml_schema_field_t *l = mapping_rows(&load[i].value);
		if (c != NULL && l != NULL) {
			same_rows_partitioned(c, l, depth + 1, moved);
		}
	}
}

/* libcyaml compares each key with the rows of its mapping one after the
 * other: the load schema has the keys most jobs write first. */
START_TEST(load_rows_have_the_often_keys_first)
{
	static const char *const first[] = { "name",	"template",
					     "image",	"command",
					     "vcpus",	"memory",
					     "environment", "tags",
					     "parameters" };
	const struct bg__schemas *sc = bg__schemas(&bg__obj_spec);
	const cyaml_schema_field_t *spec, *job = NULL;
	size_t moved = 0;

	ck_assert_ptr_nonnull(sc);
	same_rows_partitioned(mapping_rows(sc->check), mapping_rows(sc->load),
			      0, &moved);
	ck_assert_uint_gt(moved, 0);
	spec = mapping_rows(sc->load);
	for (size_t i = 0; spec[i].key != NULL; i++) {
		if (strcmp(spec[i].key, "jobs") == 0) {
			job = mapping_rows(&spec[i].value);
		}
	}
	ck_assert_ptr_nonnull(job);
	for (size_t i = 0; i < ARRAY_LENGTH(first); i++) {
		ck_assert_str_eq(job[i].key, first[i]);
	}
	moved = 0;
	sc = bg__schemas(&bg__obj_template);
	ck_assert_ptr_nonnull(sc);
	same_rows_partitioned(mapping_rows(sc->check), mapping_rows(sc->load),
			      0, &moved);
	ck_assert_uint_gt(moved, 0);
}
END_TEST

Suite *
test_suite(void)
{
	Suite *s = suite_create("fields");

	add_test(s, spec_keys_are_unique);
	add_test(s, shortcuts_name_tree_paths);
	add_test(s, every_container_field_reaches_the_api_json);
	add_test(s, a_copy_emits_the_same_bytes);
	add_test(s, merging_under_equals_merging_over_a_copy);
	add_test(s, merging_under_found_places_equals_merging_under);
	add_test(s, api_keys_not_camel_case_are_the_listed_ones);
	add_test(s, every_flag_sets_the_field_it_names);
	add_test(s, the_check_finds_every_schema_key);
	add_test(s, load_rows_have_the_often_keys_first);
	return s;
}
