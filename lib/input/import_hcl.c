/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * A .tf file, as the HCL helper (cmd/hcl/bg-hcl.go, HashiCorp's
 * hclsyntax) printed it: its aws_batch_job_definition resources in
 * Terraform's JSON syntax, with the place in the .tf of every node
 * ("batchgen_hcl": {"at": [[LINE, COLUMN], ...], "errors": [...]}).
 * The places are put on the nodes, the helper's errors become
 * diagnostics, and the resources are read as Terraform JSON is
 * (input/import_tf.c), so that every diagnostic names the .tf's line
 * and column. The library runs no program: the caller (the CLI) runs
 * the helper and hands its text over as the source of the .tf.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/import.h"

struct places {
	struct bg__ydoc *d;
	struct bg__ynode *at; /* [[LINE, COLUMN], ...] */
	size_t next;
	struct bg__hcl *hcl;
	bool bad, nomem;
};

static unsigned
number(struct bg__ydoc *d, struct bg__ynode *n, bool *bad)
{
	const char *text = n != NULL ? bg__ynode_text(d, n) : NULL;
	char *end;
	unsigned long v;

	if (text == NULL || n->type != BG_Y_SCALAR) {
		*bad = true;
		return 0;
	}
	v = strtoul(text, &end, 10);
	if (*end != '\0' || end == text || v == 0 || v > UINT32_MAX) {
		*bad = true;
		return 0;
	}
	return (unsigned)v;
}

/* The next place onto n. */
static void
place(struct places *p, struct bg__ynode *n)
{
	struct bg__ynode *pair;

	if (p->next >= p->at->len) {
		p->bad = true;
		return;
	}
	pair = bg__ynode_item(p->d, p->at, p->next++);
	if (pair->type != BG_Y_SEQ || (pair->len != 2 && pair->len != 4)) {
		p->bad = true;
		return;
	}
	n->line = number(p->d, bg__ynode_item(p->d, pair, 0), &p->bad);
	n->column = number(p->d, bg__ynode_item(p->d, pair, 1), &p->bad);
	if (pair->len == 4) {
		/* a heredoc: where its text starts, what <<- stripped */
		struct bg__hcl *h = p->hcl;
		bool zero = false;
		unsigned line = number(p->d, bg__ynode_item(p->d, pair, 2),
				       &p->bad);
		unsigned indent = number(p->d, bg__ynode_item(p->d, pair, 3),
					 &zero); /* 0 is an indent */
		if (h->count == h->cap) {
			size_t cap = h->cap ? 2 * h->cap : 8;
			struct bg__heredoc *more =
				realloc(h->heredocs, cap * sizeof(*more));
			if (more == NULL) {
				p->nomem = p->bad = true;
				return;
			}
			h->heredocs = more;
			h->cap = cap;
		}
		h->heredocs[h->count++] = (struct bg__heredoc){
			(uint32_t)(n - p->d->nodes), line, indent
		};
	}
}

/* Every node under n, in the order the helper wrote them: a node, then
 * each key and its value, or each item. */
static void
place_all(struct places *p, struct bg__ynode *n, unsigned depth)
{
	if (p->bad || depth > 100) {
		p->bad = true;
		return;
	}
	place(p, n);
	for (size_t i = 0; n->type != BG_Y_SCALAR && i < n->len; i++) {
		if (n->type == BG_Y_MAP) {
			place(p, bg__ynode_key(p->d, n, i));
			place_all(p, bg__ynode_value(p->d, n, i), depth + 1);
		} else {
			place_all(p, bg__ynode_item(p->d, n, i), depth + 1);
		}
	}
}

/* The helper's errors (or notes), each at its place in file; whether
 * there is one. */
static bool
errors(struct bg__ydoc *d, struct bg__ynode *list, enum bg_severity sev,
       const char *file, struct bg_diags *diags, bool *bad)
{
	bool any = false;

	for (size_t i = 0; list != NULL && i < list->len; i++) {
		struct bg__ynode *e = bg__ynode_item(d, list, i);
		struct bg__ynode *code = bg__ynode_get(d, e, "code");
		struct bg__ynode *msg = bg__ynode_get(d, e, "message");
		unsigned line = number(d, bg__ynode_get(d, e, "line"), bad);
		unsigned col = number(d, bg__ynode_get(d, e, "column"), bad);
		/* the table's string: a diagnostic keeps its code's pointer */
		const char *c = bg__rule_code(
			code != NULL ? bg__ynode_text(d, code) : NULL);
		const char *m = msg != NULL ? bg__ynode_text(d, msg) : NULL;
		if (c == NULL || m == NULL) {
			*bad = true;
			continue;
		}
		bg_diags_add(diags, sev, c, file, line, col, NULL, "%s", m);
		any = true;
	}
	return any;
}

enum bg_status
bg__import_hcl(struct bg__ydoc *d, const char *file, struct bg__import *imp,
	       struct bg_diags *diags)
{
	struct bg__ynode *root = bg__ydoc_root(d);
	struct bg__ynode *meta = bg__ynode_get(d, root, "batchgen_hcl");
	struct bg__ynode *res = bg__ynode_get(d, root, "resource");
	struct bg__ynode *version =
		meta != NULL && meta->type == BG_Y_MAP
			? bg__ynode_get(d, meta, "version")
			: NULL;
	struct bg__hcl hcl = { 0 };
	struct places p = { .d = d, .hcl = &hcl };
	enum bg_status st;
	bool bad = version == NULL ||
		   strcmp(bg__ynode_text(d, version) != NULL
				  ? bg__ynode_text(d, version)
				  : "",
			  "1") != 0 ||
		   res == NULL || res->type != BG_Y_MAP;
	bool failed = false;

	if (!bad) {
		p.at = bg__ynode_get(d, meta, "at");
		bad = p.at == NULL || p.at->type != BG_Y_SEQ;
	}
	if (!bad) {
		place_all(&p, res, 0);
		bad = p.bad || p.next != p.at->len;
	}
	if (!bad) {
		struct bg__ynode *list = bg__ynode_get(d, meta, "errors");
		struct bg__ynode *notes = bg__ynode_get(d, meta, "notes");
		bad = list == NULL || list->type != BG_Y_SEQ || notes == NULL ||
		      notes->type != BG_Y_SEQ;
		if (!bad) {
			failed = errors(d, list, BG_SEV_ERROR, file, diags,
					&bad);
			(void)errors(d, notes, BG_SEV_NOTE, file, diags, &bad);
		}
	}
	if (p.nomem) {
		free(hcl.heredocs);
		return BG_ERR_NOMEM;
	}
	if (bad) {
		free(hcl.heredocs);
		/* not what the helper writes: another program's, or a
		 * helper of another batchgen */
		bg_diags_add(diags, BG_SEV_ERROR, "import-shape", file, 0, 0,
			     NULL,
			     "the HCL helper's output for this file is not "
			     "what this batchgen reads (version 1, a place "
			     "for every node): is bg-hcl from the same "
			     "batchgen?");
		return BG_ERR_SCHEMA;
	}
	if (failed || res->len == 0) {
		if (!failed) {
			bg_diags_add(diags, BG_SEV_ERROR, "import-shape", file,
				     1, 1, NULL,
				     "no resource \"aws_batch_job_definition\" "
				     "in this .tf file");
		}
		free(hcl.heredocs);
		return BG_ERR_SCHEMA;
	}
	st = bg__import_terraform(d, file, &hcl, imp, diags);
	free(hcl.heredocs);
	return st;
}
