/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * --diagnostics json|sarif: the run's diagnostics as one document,
 * written when the command ends (lint: on standard output, which it
 * uses for nothing else; every other command: on standard error, as
 * standard output holds what it writes).
 *
 * JSON: {"diagnostics": [{file, line, column, path, code, severity,
 * message, help_uri}], "summary": {...}}.
 *
 * SARIF 2.1.0 as GitHub code scanning reads it: the driver lists every
 * rule of the table (security rules with their CWE tag and
 * security-severity), each result has a ruleId, level, message, a
 * location with a repository-relative URI (relative to the working
 * directory, under %SRCROOT%) and a region, and a partial fingerprint
 * made of what does not move with lines: rule, file, field path and
 * message.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cli.h"

#define HELP_BASE "https://github.com/batchgen/batchgen/blob/main/docs/rules.md#"

enum diag_format cli_diag_format = DIAG_TEXT;
struct lint_summary cli_lint_summary;
static struct bg_diags *collected;

bool
diag_format_parse(const char *arg)
{
	if (strcmp(arg, "text") == 0) {
		cli_diag_format = DIAG_TEXT;
	} else if (strcmp(arg, "json") == 0) {
		cli_diag_format = DIAG_JSON;
	} else if (strcmp(arg, "sarif") == 0) {
		cli_diag_format = DIAG_SARIF;
	} else {
		usage_error("--diagnostics: '%s' is not a format; use text, "
			    "json or sarif",
			    arg);
		return false;
	}
	return true;
}

bool
diag_collect(const struct bg_diags *diags)
{
	if (collected == NULL && (collected = bg_diags_create()) == NULL) {
		return false;
	}
	for (size_t i = 0; i < bg_diags_count(diags); i++) {
		const struct bg_diag *d = bg_diags_get(diags, i);
		if (bg_diags_add(collected, d->severity, d->code, d->file,
				 d->line, d->column, d->path, "%s",
				 d->message) != BG_OK) {
			return false;
		}
	}
	return true;
}

static const char *const levels[] = { "error", "warning", "note" };

/* The rule of code, or NULL. */
static const struct bg_rule_info *
rule_of(const char *code, size_t *index)
{
	for (size_t i = 0; code != NULL && i < bg_rule_count(); i++) {
		if (strcmp(bg_rule_get(i)->code, code) == 0) {
			*index = i;
			return bg_rule_get(i);
		}
	}
	return NULL;
}

static char *
help_uri(const char *code)
{
	static char buf[200];

	snprintf(buf, sizeof(buf), HELP_BASE "%s", code);
	return buf;
}

static void
add_summary(cJSON *o, const struct bg_diags *d)
{
	cJSON_AddNumberToObject(
		o, "errors", (double)bg_diags_count_severity(d, BG_SEV_ERROR));
	cJSON_AddNumberToObject(
		o, "warnings",
		(double)bg_diags_count_severity(d, BG_SEV_WARNING));
	cJSON_AddNumberToObject(
		o, "notes", (double)bg_diags_count_severity(d, BG_SEV_NOTE));
	if (cli_lint_summary.linting) {
		cJSON_AddNumberToObject(o, "files",
					(double)cli_lint_summary.files);
		cJSON_AddNumberToObject(o, "job_definitions",
					(double)cli_lint_summary.jobs);
		cJSON_AddNumberToObject(o, "skipped",
					(double)cli_lint_summary.skipped);
		cJSON_AddNumberToObject(o, "suppressed",
					(double)cli_lint_summary.suppressed);
	}
}

static cJSON *
json_document(const struct bg_diags *all)
{
	cJSON *doc = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(doc, "diagnostics");

	cJSON_AddStringToObject(doc, "version", bg_version());
	for (size_t i = 0; i < bg_diags_count(all); i++) {
		const struct bg_diag *d = bg_diags_get(all, i);
		cJSON *o = cJSON_CreateObject();
		size_t idx;
		const struct bg_rule_info *r = rule_of(d->code, &idx);
		cJSON_AddItemToArray(list, o);
		if (d->file != NULL) {
			cJSON_AddStringToObject(o, "file", d->file);
		} else {
			cJSON_AddNullToObject(o, "file");
		}
		cJSON_AddNumberToObject(o, "line", d->line);
		cJSON_AddNumberToObject(o, "column", d->column);
		if (d->path != NULL) {
			cJSON_AddStringToObject(o, "path", d->path);
		} else {
			cJSON_AddNullToObject(o, "path");
		}
		cJSON_AddStringToObject(o, "code", d->code);
		cJSON_AddStringToObject(o, "severity", levels[d->severity]);
		cJSON_AddStringToObject(o, "message", d->message);
		if (r != NULL) {
			cJSON_AddStringToObject(o, "help_uri",
						help_uri(d->code));
		}
	}
	add_summary(cJSON_AddObjectToObject(doc, "summary"), all);
	return doc;
}

/* ---- SARIF ---- */

/* 64-bit FNV-1a over the parts, each followed by a NUL. */
static uint64_t
fnv(uint64_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
	     ; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
		if (*p == '\0') {
			return h;
		}
	}
}

/* file relative to the working directory ("./a" -> "a"; an absolute
 * path under it loses the prefix), percent-encoded as a URI path. */
static char *
relative_uri(const char *file)
{
	static char cwd[PATH_MAX];
	size_t n;
	char *out, *o;

	if (cwd[0] == '\0' && getcwd(cwd, sizeof(cwd)) == NULL) {
		cwd[0] = '\0';
	}
	n = strlen(cwd);
	if (file[0] == '/' && n > 0 && strncmp(file, cwd, n) == 0 &&
	    file[n] == '/') {
		file += n + 1;
	}
	while (file[0] == '.' && file[1] == '/') {
		file += 2;
	}
	out = malloc(strlen(file) * 3 + 1);
	if (out == NULL) {
		return NULL;
	}
	o = out;
	for (const unsigned char *p = (const unsigned char *)file; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL) {
			*o++ = (char)*p;
		} else {
			o += sprintf(o, "%%%02X", *p);
		}
	}
	*o = '\0';
	return out;
}

static cJSON *
text(const char *s)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "text", s);
	return o;
}

static cJSON *
sarif_rule(const struct bg_rule_info *r)
{
	cJSON *o = cJSON_CreateObject(), *props, *tags, *help;
	char md[4096];
	bool security = r->security_severity != NULL;

	char name[64];
	size_t n = 0;

	/* name: the code in PascalCase (SARIF wants it to differ from id,
	 * in any case) */
	for (const char *p = r->code; *p != '\0' && n + 1 < sizeof(name); p++) {
		if (*p != '-') {
			name[n++] = (p == r->code || p[-1] == '-') && *p >= 'a' &&
						    *p <= 'z'
					    ? (char)(*p - 'a' + 'A')
					    : *p;
		}
	}
	name[n] = '\0';
	if (strchr(r->code, '-') == NULL) { /* else it is the id again */
		snprintf(name + n, sizeof(name) - n, "Rule");
	}
	cJSON_AddStringToObject(o, "id", r->code);
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddItemToObject(o, "shortDescription", text(r->summary));
	cJSON_AddItemToObject(o, "fullDescription",
			      text(r->help != NULL ? r->help : r->summary));
	help = text(r->help != NULL ? r->help : r->summary);
	snprintf(md, sizeof(md), "**%s** (%s): %s\n\n%s\n\nSee [the rule](%s).",
		 r->code, levels[r->severity], r->summary,
		 r->help != NULL ? r->help : "", help_uri(r->code));
	cJSON_AddStringToObject(help, "markdown", md);
	cJSON_AddItemToObject(o, "help", help);
	cJSON_AddStringToObject(o, "helpUri", help_uri(r->code));
	cJSON_AddStringToObject(
		cJSON_AddObjectToObject(o, "defaultConfiguration"), "level",
		levels[r->severity]);
	props = cJSON_AddObjectToObject(o, "properties");
	tags = cJSON_AddArrayToObject(props, "tags");
	if (security) {
		char cwe[64];
		cJSON_AddItemToArray(tags, cJSON_CreateString("security"));
		if (r->cwe != NULL && strncmp(r->cwe, "CWE-", 4) == 0) {
			snprintf(cwe, sizeof(cwe), "external/cwe/cwe-%s",
				 r->cwe + 4);
			cJSON_AddItemToArray(tags, cJSON_CreateString(cwe));
		}
		cJSON_AddStringToObject(props, "security-severity",
					r->security_severity);
	} else if (strncmp(r->code, "cost-", 5) == 0) {
		cJSON_AddItemToArray(tags, cJSON_CreateString("cost"));
	} else {
		cJSON_AddItemToArray(tags, cJSON_CreateString("correctness"));
	}
	cJSON_AddStringToObject(props, "precision",
				security ? "high" : "very-high");
	return o;
}

static cJSON *
sarif_result(const struct bg_diag *d)
{
	cJSON *o = cJSON_CreateObject(), *loc, *phys, *art, *region, *fp;
	size_t idx = 0;
	const struct bg_rule_info *r = rule_of(d->code, &idx);
	char *uri = d->file != NULL ? relative_uri(d->file) : NULL;
	char hex[32];
	uint64_t h = 14695981039346656037ULL;

	cJSON_AddStringToObject(o, "ruleId", d->code);
	if (r != NULL) {
		cJSON_AddNumberToObject(o, "ruleIndex", (double)idx);
	}
	cJSON_AddStringToObject(o, "level", levels[d->severity]);
	if (d->path != NULL) {
		char *m = malloc(strlen(d->path) + strlen(d->message) + 3);
		if (m != NULL) {
			sprintf(m, "%s: %s", d->path, d->message);
			cJSON_AddItemToObject(o, "message", text(m));
			free(m);
		}
	} else {
		cJSON_AddItemToObject(o, "message", text(d->message));
	}
	if (uri != NULL) {
		loc = cJSON_CreateObject();
		phys = cJSON_AddObjectToObject(loc, "physicalLocation");
		art = cJSON_AddObjectToObject(phys, "artifactLocation");
		cJSON_AddStringToObject(art, "uri", uri);
		cJSON_AddStringToObject(art, "uriBaseId", "%SRCROOT%");
		if (d->line > 0) {
			unsigned col = d->column > 0 ? d->column : 1;
			region = cJSON_AddObjectToObject(phys, "region");
			cJSON_AddNumberToObject(region, "startLine", d->line);
			cJSON_AddNumberToObject(region, "startColumn", col);
			cJSON_AddNumberToObject(region, "endLine", d->line);
			cJSON_AddNumberToObject(region, "endColumn", col + 1);
		}
		if (d->path != NULL) {
			cJSON *logical = cJSON_CreateObject();
			cJSON_AddStringToObject(logical, "fullyQualifiedName",
						d->path);
			cJSON_AddStringToObject(logical, "kind", "member");
			cJSON_AddItemToArray(
				cJSON_AddArrayToObject(loc, "logicalLocations"),
				logical);
		}
		cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "locations"),
				     loc);
	}
	h = fnv(h, d->code);
	h = fnv(h, uri);
	h = fnv(h, d->path);
	h = fnv(h, d->message);
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
	fp = cJSON_AddObjectToObject(o, "partialFingerprints");
	cJSON_AddStringToObject(fp, "batchgen/v1", hex);
	free(uri);
	return o;
}

static cJSON *
sarif_document(const struct bg_diags *all, int rc)
{
	cJSON *doc = cJSON_CreateObject(), *run, *driver, *rules, *results,
	      *inv, *base;
	char cwd[PATH_MAX + 16];

	cJSON_AddStringToObject(doc, "$schema",
				"https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(doc, "version", "2.1.0");
	run = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(doc, "runs"), run);
	driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"),
					 "driver");
	cJSON_AddStringToObject(driver, "name", "batchgen");
	snprintf(cwd, sizeof(cwd), "batchgen %s", bg_version());
	cJSON_AddStringToObject(driver, "fullName", cwd);
	cJSON_AddStringToObject(driver, "version", bg_version());
	cJSON_AddStringToObject(driver, "semanticVersion", bg_version());
	cJSON_AddStringToObject(driver, "informationUri",
				"https://github.com/batchgen/batchgen");
	rules = cJSON_AddArrayToObject(driver, "rules");
	for (size_t i = 0; i < bg_rule_count(); i++) {
		cJSON_AddItemToArray(rules, sarif_rule(bg_rule_get(i)));
	}
	if (getcwd(cwd, PATH_MAX) != NULL) {
		char *uri = relative_uri(cwd); /* encoded; absolute stays */
		if (uri != NULL) {
			char full[PATH_MAX * 3 + 16];
			snprintf(full, sizeof(full), "file://%s/",
				 strcmp(uri, "/") == 0 ? "" : uri);
			base = cJSON_AddObjectToObject(run, "originalUriBaseIds");
			cJSON_AddStringToObject(
				cJSON_AddObjectToObject(base, "%SRCROOT%"),
				"uri", full);
			free(uri);
		}
	}
	cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
	/* one category of analysis per run, as code scanning tells runs
	 * apart */
	cJSON_AddStringToObject(cJSON_AddObjectToObject(run, "automationDetails"),
				"id", "batchgen/");
	results = cJSON_AddArrayToObject(run, "results");
	for (size_t i = 0; i < bg_diags_count(all); i++) {
		cJSON_AddItemToArray(results,
				     sarif_result(bg_diags_get(all, i)));
	}
	inv = cJSON_CreateObject();
	cJSON_AddBoolToObject(inv, "executionSuccessful", rc != EXIT_IO &&
								  rc != EXIT_USAGE);
	cJSON_AddNumberToObject(inv, "exitCode", rc);
	add_summary(cJSON_AddObjectToObject(inv, "properties"), all);
	cJSON_AddItemToArray(cJSON_AddArrayToObject(run, "invocations"), inv);
	return doc;
}

int
diag_finish(int rc, bool to_stdout)
{
	struct bg_diags *none = NULL;
	const struct bg_diags *all = collected;
	cJSON *doc;
	char *out;

	if (cli_diag_format == DIAG_TEXT) {
		bg_diags_destroy(collected);
		collected = NULL;
		return rc;
	}
	if (all == NULL) {
		all = none = bg_diags_create();
	}
	doc = all == NULL ? NULL
	      : cli_diag_format == DIAG_SARIF ? sarif_document(all, rc)
					      : json_document(all);
	out = doc != NULL ? cJSON_Print(doc) : NULL;
	if (out == NULL) {
		fputs("batchgen: out of memory\n", stderr);
		rc = EXIT_IO;
	} else {
		FILE *f = to_stdout ? stdout : stderr;
		fputs(out, f);
		fputc('\n', f);
	}
	free(out);
	cJSON_Delete(doc);
	bg_diags_destroy(none);
	bg_diags_destroy(collected);
	collected = NULL;
	return rc;
}
