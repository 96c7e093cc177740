// SPDX-License-Identifier: MIT
// Copyright (c) 2026 the batchgen authors

// bg-hcl reads one Terraform file (.tf) with HashiCorp's own HCL parser
// (hclsyntax) and prints, as JSON on stdout, its aws_batch_job_definition
// resources in Terraform's JSON syntax, with where each value is written
// in the .tf, for batchgen's import and lint (the C library reads it:
// lib/input/import_hcl.c). Nothing is evaluated: a literal stays
// literal, every other expression is written as the interpolation of its
// source text ("${var.image}"), and the argument of
// jsonencode({...}) in container_properties, node_properties and
// ecs_properties is written as the object it builds, so that each of its
// keys and values keeps its own line and column.
//
//	bg-hcl FILE.tf
//
// Output, one JSON object:
//
//	{"resource": {"aws_batch_job_definition": {LABEL: BODY, ...}},
//	 "batchgen_hcl": {"version": 1, "at": [[LINE, COLUMN], ...],
//	                  "errors": [{"line", "column", "code", "message"}]}}
//
// "at" holds the place of every node under "resource" (each object,
// array, key and value, in the order they are written: an object, then
// each key followed by its value; an array, then each item); a heredoc
// string's is [LINE, COLUMN, TEXT_LINE, INDENT]: its text starts on
// TEXT_LINE, and a flush heredoc (<<-) took INDENT columns off the
// start of each line. Columns
// count characters (code points) from 1, as batchgen's other readers
// do. Nested blocks are written as arrays of objects under their type,
// as Terraform's JSON syntax allows for every block. Exit 0 when the
// output was written (errors in the file are in "errors"), 2 on usage
// or when the file cannot be read.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	// Linked by the system's linker against libc (meson builds a PIE
	// with -linkmode=external), as a Debian binary is.
	_ "runtime/cgo"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

const resourceType = "aws_batch_job_definition"

// How deep a value may nest (batchgen's readers take 64 levels; the
// resource, its type and label are the first three).
const maxDepth = 60

// The attributes whose value is a JSON string: jsonencode({...}) of
// them is walked.
var jsonAttributes = map[string]bool{
	"container_properties": true,
	"node_properties":      true,
	"ecs_properties":       true,
}

var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

type kind int

const (
	kString kind = iota
	kNumber
	kBool
	kNull
	kObject
	kArray
)

type pos struct{ line, column int }

type node struct {
	kind  kind
	text  string // string, number or bool text
	keys  []string
	kpos  []pos
	items []*node // object values (by keys) or array items
	at    pos
	// A heredoc: the line its text starts on, and how many columns
	// of each line a flush heredoc (<<-) strips (0: none); else 0, 0.
	textLine, indent int
}

type problem struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

type reader struct {
	src      []byte
	lines    []int // byte offset of each line's start
	problems []problem
	notes    []problem
	ctx      *hcl.EvalContext // the module's locals and variables' defaults
}

func (r *reader) place(p hcl.Pos) pos {
	line := p.Line
	if line < 1 || line > len(r.lines) {
		return pos{p.Line, p.Column}
	}
	start := r.lines[line-1]
	end := p.Byte
	if end < start || end > len(r.src) {
		return pos{p.Line, p.Column}
	}
	return pos{line, 1 + utf8.RuneCount(r.src[start:end])}
}

func (r *reader) fail(p hcl.Pos, code, format string, args ...interface{}) {
	at := r.place(p)
	r.problems = append(r.problems, problem{at.line, at.column, code,
		fmt.Sprintf(format, args...)})
}

func (r *reader) text(rng hcl.Range) string {
	if rng.Start.Byte < 0 || rng.End.Byte > len(r.src) ||
		rng.Start.Byte > rng.End.Byte {
		return ""
	}
	return string(r.src[rng.Start.Byte:rng.End.Byte])
}

// Literal text as Terraform's JSON syntax writes it in a template.
func templateText(s string) string {
	s = strings.ReplaceAll(s, "${", "$${")
	return strings.ReplaceAll(s, "%{", "%%{")
}

func (r *reader) interpolation(e hclsyntax.Expression) *node {
	return &node{kind: kString, text: "${" + r.text(e.Range()) + "}",
		at: r.place(e.Range().Start)}
}

func (r *reader) literal(v cty.Value, e hclsyntax.Expression) *node {
	at := r.place(e.Range().Start)
	switch {
	case v.IsNull():
		return &node{kind: kNull, at: at}
	case !v.IsKnown():
		return r.interpolation(e)
	case v.Type() == cty.String:
		return &node{kind: kString, text: templateText(v.AsString()), at: at}
	case v.Type() == cty.Bool:
		return &node{kind: kBool, text: fmt.Sprint(v.True()), at: at}
	case v.Type() == cty.Number:
		src := strings.TrimSpace(r.text(e.Range()))
		if !jsonNumber.MatchString(src) {
			src = v.AsBigFloat().Text('g', -1)
		}
		if !jsonNumber.MatchString(src) {
			f, _ := v.AsBigFloat().Float64()
			src = big.NewFloat(f).Text('g', -1)
		}
		return &node{kind: kNumber, text: src, at: at}
	}
	return r.interpolation(e)
}

// A template: literal text and interpolations, as Terraform's JSON
// syntax writes it. A directive (%{if}, %{for}) is not read.
func (r *reader) template(e *hclsyntax.TemplateExpr) *node {
	var b strings.Builder
	for _, part := range e.Parts {
		if lit, ok := part.(*hclsyntax.LiteralValueExpr); ok &&
			lit.Val.Type() == cty.String && lit.Val.IsKnown() && !lit.Val.IsNull() {
			b.WriteString(templateText(lit.Val.AsString()))
			continue
		}
		switch part.(type) {
		case *hclsyntax.ConditionalExpr, *hclsyntax.TemplateJoinExpr:
			if strings.Contains(r.text(e.SrcRange), "%{") {
				r.fail(part.Range().Start, "import-tf-expression",
					"a template directive (%%{...}): batchgen reads "+
						"literal text and interpolations only; write the "+
						"value, or an interpolation")
				return &node{kind: kString, at: r.place(e.SrcRange.Start)}
			}
		}
		b.WriteString("${" + r.text(part.Range()) + "}")
	}
	n := &node{kind: kString, text: b.String(), at: r.place(e.SrcRange.Start)}
	if src := r.text(e.SrcRange); strings.HasPrefix(src, "<<") {
		n.textLine, n.indent = r.heredoc(e, strings.HasPrefix(src, "<<-"))
	}
	return n
}

// Where a heredoc's text starts (the line after <<EOF), and the
// columns a flush heredoc strips: the fewest leading spaces of its
// lines that are not blank, as hclsyntax counts them.
func (r *reader) heredoc(e *hclsyntax.TemplateExpr, flush bool) (int, int) {
	first := e.SrcRange.Start.Line + 1
	last := e.SrcRange.End.Line - 1 // the closing marker's line
	if !flush || first > last || last > len(r.lines) {
		return first, 0
	}
	least := -1
	for line := first; line <= last; line++ {
		end := len(r.src)
		if line < len(r.lines) {
			end = r.lines[line]
		}
		text := string(r.src[r.lines[line-1]:end])
		trimmed := strings.TrimLeftFunc(text, unicode.IsSpace)
		if trimmed == "" {
			continue
		}
		spaces := utf8.RuneCountInString(text[:len(text)-len(trimmed)])
		if least < 0 || spaces < least {
			least = spaces
		}
	}
	if least < 0 {
		least = 0
	}
	return first, least
}

// A key as Terraform's JSON syntax writes it: a template (literal
// text escaped, an interpolation as "${...}"), as a key of a .tf.json
// is read. A key that is not a name or a string template (a number,
// a bool) is refused.
func (r *reader) key(k hclsyntax.Expression) (string, bool) {
	if kw := hcl.ExprAsKeyword(k); kw != "" {
		return templateText(kw), true
	}
	wrapped := k
	if ok, isKey := k.(*hclsyntax.ObjectConsKeyExpr); isKey {
		wrapped = ok.Wrapped
	}
	switch x := wrapped.(type) {
	case *hclsyntax.TemplateExpr:
		n := r.template(x)
		return n.text, n.kind == kString
	case *hclsyntax.TemplateWrapExpr:
		return "${" + r.text(x.Wrapped.Range()) + "}", true
	case *hclsyntax.ParenthesesExpr:
		return "${" + r.text(x.Expression.Range()) + "}", true
	}
	v, diags := wrapped.Value(nil)
	if !diags.HasErrors() && v.IsWhollyKnown() && !v.IsNull() && v.Type().IsPrimitiveType() {
		// a number or bool key is its text, as Terraform converts it
		if text, err := convert.Convert(v, cty.String); err == nil {
			v = text
		}
	}
	switch {
	case !diags.HasErrors() && v.IsWhollyKnown() && !v.IsNull() && v.Type() == cty.String:
		return templateText(v.AsString()), true
	case diags.HasErrors() || !v.IsWhollyKnown():
		// (var.k), a reference or a call: an expression key
		return "${" + r.text(wrapped.Range()) + "}", true
	}
	return "", false
}

// A value computed from the module's locals and variables' defaults,
// as a node at one place.
func (r *reader) computed(v cty.Value, at pos, depth int) *node {
	if depth > maxDepth {
		return &node{kind: kNull, at: at}
	}
	switch {
	case v.IsNull():
		return &node{kind: kNull, at: at}
	case v.Type() == cty.String:
		return &node{kind: kString, text: templateText(v.AsString()), at: at}
	case v.Type() == cty.Bool:
		return &node{kind: kBool, text: fmt.Sprint(v.True()), at: at}
	case v.Type() == cty.Number:
		return &node{kind: kNumber, text: v.AsBigFloat().Text('g', -1), at: at}
	case v.Type().IsObjectType() || v.Type().IsMapType():
		o := &node{kind: kObject, at: at}
		for it := v.ElementIterator(); it.Next(); {
			k, x := it.Element()
			o.keys = append(o.keys, k.AsString())
			o.kpos = append(o.kpos, at)
			o.items = append(o.items, r.computed(x, at, depth+1))
		}
		return o
	}
	a := &node{kind: kArray, at: at}
	for it := v.ElementIterator(); it.Next(); {
		_, x := it.Element()
		a.items = append(a.items, r.computed(x, at, depth+1))
	}
	return a
}

// A list or map that e computes from the module's locals and
// variables' defaults, or nil (e is a string, number or bool, which a
// spec writes as an expression; or it is not known before a plan).
func (r *reader) collection(e hclsyntax.Expression, depth int) *node {
	v, diags := e.Value(r.ctx)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() ||
		v.Type().IsPrimitiveType() {
		return nil
	}
	at := r.place(e.Range().Start)
	text := r.text(e.Range())
	if len(text) > 60 {
		text = text[:57] + "..."
	}
	r.notes = append(r.notes, problem{at.line, at.column, "import-tf-computed",
		fmt.Sprintf("'%s' is computed from the module's locals and the "+
			"defaults of its variables: the spec holds the values, "+
			"which do not follow a variable set otherwise (-var, "+
			"tfvars)", strings.ReplaceAll(text, "\n", " "))})
	return r.computed(v, at, depth)
}

// An expression's value: literals, templates, objects and tuples as
// they are; a list or map another expression computes, computed where
// it can be; anything else as the interpolation of its text.
func (r *reader) value(e hclsyntax.Expression, depth int) *node {
	if depth > maxDepth {
		r.fail(e.Range().Start, "hcl-syntax",
			"nested more than %d levels: batchgen reads %d", maxDepth, maxDepth)
		return &node{kind: kNull, at: r.place(e.Range().Start)}
	}
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return r.literal(x.Val, x)
	case *hclsyntax.TemplateExpr:
		return r.template(x)
	case *hclsyntax.TemplateWrapExpr:
		return &node{kind: kString, text: "${" + r.text(x.Wrapped.Range()) + "}",
			at: r.place(x.SrcRange.Start)}
	case *hclsyntax.UnaryOpExpr:
		if lit, ok := x.Val.(*hclsyntax.LiteralValueExpr); ok &&
			x.Op == hclsyntax.OpNegate && lit.Val.Type() == cty.Number {
			n := r.literal(lit.Val, lit)
			if n.kind == kNumber && !strings.HasPrefix(n.text, "-") {
				n.text = "-" + n.text
				n.at = r.place(x.SrcRange.Start)
				return n
			}
		}
	case *hclsyntax.ObjectConsExpr:
		o := &node{kind: kObject, at: r.place(x.SrcRange.Start)}
		seen := map[string]bool{}
		for _, item := range x.Items {
			k, ok := r.key(item.KeyExpr)
			if !ok {
				r.fail(item.KeyExpr.Range().Start, "import-tf-expression",
					"a key that is not a name or a string (%s): a key "+
						"of a job definition's map is text", r.text(item.KeyExpr.Range()))
				continue
			}
			if seen[k] {
				r.fail(item.KeyExpr.Range().Start, "import-shape",
					"the key '%s' is written twice in this object", k)
				continue
			}
			seen[k] = true
			o.keys = append(o.keys, k)
			o.kpos = append(o.kpos, r.place(item.KeyExpr.Range().Start))
			o.items = append(o.items, r.value(item.ValueExpr, depth+1))
		}
		return o
	case *hclsyntax.TupleConsExpr:
		a := &node{kind: kArray, at: r.place(x.SrcRange.Start)}
		for _, item := range x.Exprs {
			a.items = append(a.items, r.value(item, depth+1))
		}
		return a
	}
	if n := r.collection(e, depth); n != nil {
		return n
	}
	return r.interpolation(e)
}

// An attribute of the resource (or of a block in it).
func (r *reader) attribute(a *hclsyntax.Attribute, top bool, depth int) *node {
	if call, ok := a.Expr.(*hclsyntax.FunctionCallExpr); ok && top &&
		jsonAttributes[a.Name] && call.Name == "jsonencode" &&
		len(call.Args) == 1 && !call.ExpandFinal {
		n := r.value(call.Args[0], depth)
		if n.kind == kObject {
			n.at = r.place(a.Expr.Range().Start)
			return n
		}
	}
	return r.value(a.Expr, depth)
}

type entry struct {
	start  int
	name   string
	at     pos
	value  *node
	blocks []*hclsyntax.Block
}

// A body: its attributes and blocks in the order they are written,
// blocks of one type gathered in an array at the first one's place.
func (r *reader) body(b *hclsyntax.Body, at pos, top bool, depth int) *node {
	var entries []*entry
	byType := map[string]*entry{}
	for _, a := range b.Attributes {
		entries = append(entries, &entry{start: a.SrcRange.Start.Byte,
			name: a.Name, at: r.place(a.NameRange.Start),
			value: r.attribute(a, top, depth+1)})
	}
	for _, blk := range b.Blocks {
		name := blk.Type
		if e, ok := byType[name]; ok {
			e.blocks = append(e.blocks, blk)
			continue
		}
		e := &entry{start: blk.TypeRange.Start.Byte, name: name,
			at: r.place(blk.TypeRange.Start), blocks: []*hclsyntax.Block{blk}}
		byType[name] = e
		entries = append(entries, e)
	}
	sort.SliceStable(entries, func(i, j int) bool {
		return entries[i].start < entries[j].start
	})
	o := &node{kind: kObject, at: at}
	for _, e := range entries {
		if e.value == nil {
			a := &node{kind: kArray, at: e.at}
			for _, blk := range e.blocks {
				if len(blk.Labels) > 0 {
					// dynamic "x" {...}: kept, under its type, for
					// batchgen to refuse by name at its place
					r.fail(blk.TypeRange.Start, "import-unknown-key",
						"a %s block (\"%s\") is expanded by Terraform; "+
							"batchgen does not read it: write each block",
						blk.Type, strings.Join(blk.Labels, "\", \""))
				}
				if depth > maxDepth {
					r.fail(blk.TypeRange.Start, "hcl-syntax",
						"blocks nested more than %d levels: batchgen "+
							"reads %d", maxDepth, maxDepth)
					continue
				}
				a.items = append(a.items, r.body(blk.Body,
					r.place(blk.OpenBraceRange.Start), false, depth+2))
			}
			e.value = a
		}
		o.keys = append(o.keys, e.name)
		o.kpos = append(o.kpos, e.at)
		o.items = append(o.items, e.value)
	}
	return o
}

type writer struct {
	out bytes.Buffer
	at  []placed
	buf bytes.Buffer  // one string's JSON
	enc *json.Encoder // into buf
}

// A node's place: [LINE, COLUMN], and for a heredoc [LINE, COLUMN,
// TEXT_LINE, INDENT].
type placed struct {
	pos
	textLine, indent int
}

func (w *writer) str(s string) {
	if w.enc == nil {
		w.enc = json.NewEncoder(&w.buf)
		w.enc.SetEscapeHTML(false)
	}
	w.buf.Reset()
	_ = w.enc.Encode(s)
	w.out.Write(bytes.TrimRight(w.buf.Bytes(), "\n"))
}

func (w *writer) node(n *node) {
	w.at = append(w.at, placed{n.at, n.textLine, n.indent})
	switch n.kind {
	case kString:
		w.str(n.text)
	case kNumber, kBool:
		w.out.WriteString(n.text)
	case kNull:
		w.out.WriteString("null")
	case kObject:
		w.out.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				w.out.WriteByte(',')
			}
			w.at = append(w.at, placed{pos: n.kpos[i]})
			w.str(k)
			w.out.WriteByte(':')
			w.node(n.items[i])
		}
		w.out.WriteByte('}')
	case kArray:
		w.out.WriteByte('[')
		for i, item := range n.items {
			if i > 0 {
				w.out.WriteByte(',')
			}
			w.node(item)
		}
		w.out.WriteByte(']')
	}
}

// Terraform's functions that cty's standard library has with the same
// meaning: enough to compute the lists and maps modules build.
var functions = map[string]function.Function{
	"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc,
	"chunklist": stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc,
	"coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc,
	"concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
	"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc,
	"flatten": stdlib.FlattenFunc, "floor": stdlib.FloorFunc,
	"format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
	"join": stdlib.JoinFunc, "keys": stdlib.KeysFunc,
	"length": stdlib.LengthFunc, "lookup": stdlib.LookupFunc,
	"lower": stdlib.LowerFunc, "max": stdlib.MaxFunc,
	"merge": stdlib.MergeFunc, "min": stdlib.MinFunc,
	"range": stdlib.RangeFunc, "replace": stdlib.ReplaceFunc,
	"reverse": stdlib.ReverseListFunc, "slice": stdlib.SliceFunc,
	"sort": stdlib.SortFunc, "split": stdlib.SplitFunc,
	"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc,
	"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
	"tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
	"tonumber": stdlib.MakeToFunc(cty.Number), "tostring": stdlib.MakeToFunc(cty.String),
	"trimspace": stdlib.TrimSpaceFunc, "upper": stdlib.UpperFunc,
	"values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
}

// The evaluation context of file's module (every .tf of its
// directory): var.NAME is the variable's default (unknown without one),
// local.NAME the local's value where it is known before a plan.
func moduleContext(file string, parsed *hclsyntax.Body) *hcl.EvalContext {
	vars := map[string]cty.Value{}
	var locals []*hclsyntax.Attribute
	paths, _ := filepath.Glob(filepath.Join(filepath.Dir(file), "*.tf"))
	sort.Strings(paths)
	self, _ := os.Stat(file)
	for _, path := range paths {
		body := parsed // the file itself: parsed once
		if info, err := os.Stat(path); err != nil || self == nil ||
			!os.SameFile(info, self) {
			src, err := os.ReadFile(path)
			if err != nil || !utf8.Valid(src) || tooDeep(src) >= 0 {
				continue
			}
			f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
			if diags.HasErrors() {
				continue
			}
			body = f.Body.(*hclsyntax.Body)
		}
		for _, blk := range body.Blocks {
			switch {
			case blk.Type == "variable" && len(blk.Labels) == 1:
				vars[blk.Labels[0]] = cty.DynamicVal
				if d, ok := blk.Body.Attributes["default"]; ok {
					if v, diags := d.Expr.Value(nil); !diags.HasErrors() {
						vars[blk.Labels[0]] = v
					}
				}
			case blk.Type == "locals":
				for _, a := range blk.Body.Attributes {
					locals = append(locals, a)
				}
			}
		}
	}
	ctx := &hcl.EvalContext{Functions: functions, Variables: map[string]cty.Value{
		"var": cty.ObjectVal(vars)}}
	known := map[string]cty.Value{}
	for _, a := range locals {
		known[a.Name] = cty.DynamicVal
	}
	// A local may name another: as many rounds as there are locals.
	for round := 0; round <= len(locals); round++ {
		ctx.Variables["local"] = cty.ObjectVal(known)
		changed := false
		for _, a := range locals {
			if known[a.Name].IsWhollyKnown() {
				continue
			}
			if v, diags := a.Expr.Value(ctx); !diags.HasErrors() && v.IsWhollyKnown() {
				known[a.Name] = v
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	ctx.Variables["local"] = cty.ObjectVal(known)
	return ctx
}

// How deep brackets may nest in a file before it is parsed: hclsyntax
// parses by recursion, and 100,000 nested brackets overflow its stack.
// Brackets are counted in the raw text (in strings too), so the bound
// is far above what a value may nest (maxDepth).
const maxBrackets = 1000

// The byte offset where the brackets of src nest deeper than
// maxBrackets, or -1.
func tooDeep(src []byte) int {
	depth := 0
	for i, c := range src {
		switch c {
		case '{', '[', '(':
			depth++
			if depth > maxBrackets {
				return i
			}
		case '}', ']', ')':
			if depth > 0 {
				depth--
			}
		}
	}
	return -1
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func read(file string, src []byte) ([]byte, error) {
	r := &reader{src: src, lines: lineStarts(src)}
	resources := &node{kind: kObject, at: pos{1, 1}}
	if !utf8.Valid(src) {
		bad := 0
		for bad < len(src) {
			c, size := utf8.DecodeRune(src[bad:])
			if c == utf8.RuneError && size <= 1 {
				break
			}
			bad += size
		}
		line := bytes.Count(src[:bad], []byte("\n")) + 1
		r.fail(hcl.Pos{Line: line, Byte: bad}, "hcl-syntax",
			"this byte is not UTF-8: a .tf file is UTF-8 text")
	} else if at := tooDeep(src); at >= 0 {
		line := bytes.Count(src[:at], []byte("\n")) + 1
		r.fail(hcl.Pos{Line: line, Byte: at}, "hcl-syntax",
			"brackets nested more than %d deep: batchgen reads a value "+
				"nested at most %d levels", maxBrackets, maxDepth)
	} else {
		f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
		for _, d := range diags {
			if d.Severity != hcl.DiagError {
				continue
			}
			p := hcl.Pos{Line: 1, Column: 1}
			if d.Subject != nil {
				p = d.Subject.Start
			}
			msg := d.Summary
			if d.Detail != "" {
				msg += ": " + d.Detail
			}
			r.fail(p, "hcl-syntax", "%s", msg)
		}
		if body, ok := f.Body.(*hclsyntax.Body); ok && !diags.HasErrors() {
			defs := &node{kind: kObject}
			labels := map[string]bool{}
			r.ctx = moduleContext(file, body)
			for _, blk := range body.Blocks {
				if blk.Type != "resource" || len(blk.Labels) != 2 ||
					blk.Labels[0] != resourceType {
					continue
				}
				if len(defs.keys) == 0 {
					defs.at = r.place(blk.TypeRange.Start)
				}
				if labels[blk.Labels[1]] {
					r.fail(blk.LabelRanges[1].Start, "import-shape",
						"a second resource %s.%s: Terraform refuses "+
							"a resource declared twice",
						resourceType, blk.Labels[1])
				}
				labels[blk.Labels[1]] = true
				defs.keys = append(defs.keys, blk.Labels[1])
				defs.kpos = append(defs.kpos, r.place(blk.LabelRanges[1].Start))
				defs.items = append(defs.items,
					r.body(blk.Body, r.place(blk.OpenBraceRange.Start), true, 3))
			}
			if len(defs.keys) > 0 {
				resources.keys = []string{resourceType}
				resources.kpos = []pos{defs.at}
				resources.items = []*node{defs}
			}
		}
	}
	w := &writer{}
	w.out.WriteString(`{"resource":`)
	w.node(resources)
	w.out.WriteString(`,"batchgen_hcl":{"version":1,"at":[`)
	for i, p := range w.at {
		if i > 0 {
			w.out.WriteByte(',')
		}
		if p.textLine > 0 {
			fmt.Fprintf(&w.out, "[%d,%d,%d,%d]", p.line, p.column,
				p.textLine, p.indent)
		} else {
			fmt.Fprintf(&w.out, "[%d,%d]", p.line, p.column)
		}
	}
	w.out.WriteString(`]`)
	for _, list := range []struct {
		key   string
		items []problem
	}{{"errors", r.problems}, {"notes", r.notes}} {
		if list.items == nil {
			list.items = []problem{}
		}
		text, err := json.Marshal(list.items)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&w.out, `,"%s":`, list.key)
		w.out.Write(text)
	}
	w.out.WriteString("}}\n")
	return w.out.Bytes(), nil
}

func main() {
	if len(os.Args) != 2 || strings.HasPrefix(os.Args[1], "-") {
		fmt.Fprintln(os.Stderr, "usage: bg-hcl FILE.tf")
		os.Exit(2)
	}
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "bg-hcl: %v\n", err)
		os.Exit(2)
	}
	out, err := read(os.Args[1], src)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bg-hcl: %v\n", err)
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(out); err != nil {
		os.Exit(2)
	}
}
