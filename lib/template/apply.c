/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/*
 * Applying a template to a user's options: the template's resolved
 * defaults, then everything the user set; what the template fixes
 * (platform, job type) checked; the job definition model built, with
 * Fargate's defaults written out and what is missing scaffolded as
 * Terraform input variables.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/ecs.h"
#include "model/eks.h"
#include "model/fields.h"
#include "model/tset.h"

/* ================================================================== */
/* Applying a template                                                 */
/* ================================================================== */

/* The container of options o, as a copy. */
static enum bg_status
container_from_options(struct bg_container *c, const struct bg_job_options *o)
{
	return bg__object_merge(&bg__obj_container, c, &o->c);
}

/* Checks the user's options against what template t fixes. */
/* A template of EKS jobs (platform: EKS): its options build a pod. */
static bool
is_eks(const struct template *t)
{
	return t != NULL && t->r_platform != NULL &&
	       strcmp(t->r_platform, "EKS") == 0;
}

/* A template of ECS multi-container jobs: its defaults hold a task. */
static bool
is_ecs(const struct template *t)
{
	return t != NULL && t->r_defaults.ecs != NULL;
}

/* The job type in its one spelling: AWS and the provider take any
 * case, but the provider diffs anything but lower case forever. */
static const char *
canonical_type(const char *type)
{
	if (type != NULL && strcasecmp(type, "container") == 0) {
		return "container";
	}
	if (type != NULL && strcasecmp(type, "multinode") == 0) {
		return "multinode";
	}
	return type;
}

static bool
check_conflicts(const struct template *t, const struct bg_job_options *user,
		struct bg_diags *diags)
{
	bool ok = true;

	if (t->r_platform != NULL && user->platform_capability_count > 0 &&
	    (user->platform_capability_count != 1 ||
	     strcmp(user->platform_capabilities[0], t->r_platform) != 0)) {
		bg_diags_add(diags, BG_SEV_ERROR, BG_CODE_TEMPLATE_CONFLICT,
			     NULL, 0, 0, "platform_capabilities",
			     "template '%s' runs on %s only; platform %s "
			     "contradicts it",
			     t->name, t->r_platform,
			     user->platform_capabilities[0]);
		ok = false;
	}
	if (user->type != NULL &&
	    strcmp(canonical_type(user->type), t->r_type) != 0) {
		bg_diags_add(diags, BG_SEV_ERROR, BG_CODE_TEMPLATE_CONFLICT,
			     NULL, 0, 0, "type",
			     "template '%s' makes %s jobs; type %s "
			     "contradicts it",
			     t->name, t->r_type, user->type);
		ok = false;
	}
	if (user->eks != NULL && !is_eks(t)) {
		bg_diags_add(diags, BG_SEV_ERROR, BG_CODE_TEMPLATE_OPTION,
			     NULL, 0, 0, "eks_properties",
			     "template '%s' makes ECS jobs; an EKS job "
			     "(eks_properties) takes an EKS template "
			     "(eks-container, eks-gpu) or none",
			     t->name);
		ok = false;
	}
	if (user->ecs != NULL) {
		/* A list of containers given would replace the template's
		 * task, and the options in it, without a word. */
		bg_diags_add(diags, BG_SEV_ERROR, BG_CODE_TEMPLATE_OPTION,
			     NULL, 0, 0, "ecs_properties",
			     "template '%s' builds its own job; a task written "
			     "as ecs_properties takes no template (ecs-sidecar "
			     "makes its main container from the options: "
			     "image, command, environment, vcpus, memory, "
			     "gpus)",
			     t->name);
		ok = false;
	}
	if (strcmp(t->r_type, "multinode") != 0) {
		if (user->node_range_count > 0) {
			bg_diags_add(diags, BG_SEV_ERROR,
				     BG_CODE_TEMPLATE_OPTION, NULL, 0, 0,
				     "node_properties",
				     "template '%s' is a single-container "
				     "job; node ranges apply to multinode "
				     "jobs only",
				     t->name);
			ok = false;
		}
		if (bg__given(user->num_nodes)) {
			bg_diags_add(diags, BG_SEV_ERROR,
				     BG_CODE_TEMPLATE_OPTION, NULL, 0, 0,
				     "num_nodes",
				     "template '%s' is a single-container "
				     "job; the number of nodes applies to "
				     "multinode jobs only",
				     t->name);
			ok = false;
		}
		if (bg__given(user->main_node)) {
			bg_diags_add(diags, BG_SEV_ERROR,
				     BG_CODE_TEMPLATE_OPTION, NULL, 0, 0,
				     "main_node",
				     "template '%s' is a single-container "
				     "job; the main node applies to "
				     "multinode jobs only",
				     t->name);
			ok = false;
		}
	}
	return ok;
}

/* Turns a missing value into a Terraform input variable. */
static enum bg_status
scaffold(struct bg_jobdef *def, char **field, const char *what,
	 const char *suffix, const char *flag, struct bg_diags *diags)
{
	char *var = bg__asprintf("%s_%s", def->label, suffix);
	char *ref = var != NULL ? bg__asprintf("${var.%s}", var) : NULL;
	char *desc = bg__asprintf("%s of the %s job definition", what,
				  def->name);
	enum bg_status st = BG_ERR_NOMEM;

	if (var != NULL && ref != NULL && desc != NULL &&
	    bg__jobdef_add_variable(def, var, desc) == BG_OK) {
		free(*field);
		*field = ref;
		ref = NULL;
		st = bg_diags_add(diags, BG_SEV_NOTE, BG_CODE_SCAFFOLD, NULL, 0,
				  0, NULL,
				  "no %s given for '%s': it comes from input "
				  "variable '%s'",
				  flag, def->name, var);
	}
	free(var);
	free(ref);
	free(desc);
	return st;
}

/* Builds the node ranges: explicit ones (each container is the job's
 * options with the range's on top), or one range 0:N-1. */
static enum bg_status
build_ranges(struct bg_node_properties *np, struct bg_job_options *o,
	     struct bg_diags *diags)
{
	size_t n = o->node_range_count > 0 ? o->node_range_count : 1;
	bool containers = false;

	np->ranges = calloc(n, sizeof(*np->ranges));
	if (np->ranges == NULL) {
		return BG_ERR_NOMEM;
	}
	np->has_ranges = true;
	for (size_t i = 0; i < n; i++) {
		const struct bg_node_range_options *r =
			o->node_range_count > 0 ? &o->node_ranges[i] : NULL;
		struct bg_node_range *range = &np->ranges[i];
		enum bg_status st;

		np->range_count = i + 1;
		if (r == NULL && np->num_nodes.expr != NULL) {
			/* Every node, however many: "0:" ends at the last. */
			range->target_nodes = bg__asprintf("0:");
		} else if (r == NULL) {
			int64_t nodes = np->num_nodes.value;
			range->target_nodes =
				nodes > 1 ? bg__asprintf("0:%lld",
							 (long long)(nodes - 1))
					  : bg__asprintf("0");
		} else if (r->target_nodes != NULL) {
			range->target_nodes = bg__asprintf("%s", r->target_nodes);
		}
		if (r != NULL && r->target_nodes != NULL &&
		    range->target_nodes == NULL) {
			return BG_ERR_NOMEM;
		}
		if (r == NULL && range->target_nodes == NULL) {
			return BG_ERR_NOMEM;
		}
		if (r != NULL && r->ecs != NULL) {
			/* A task of its own: the job's container settings
			 * are not its. */
			if (r->container != NULL) {
				bg_diags_add(diags, BG_SEV_ERROR, "ecs-kind",
					     NULL, 0, 0, "node_properties",
					     "node range %zu has both a container "
					     "and ecs_properties; a range runs "
					     "one or the other",
					     i);
				return BG_ERR_INVALID;
			}
			range->ecs = r->ecs;
			o->node_ranges[i].ecs = NULL;
			continue;
		}
		containers = true;
		range->container = bg_container_create();
		if (range->container == NULL) {
			return BG_ERR_NOMEM;
		}
		/* The job's container, with the range's on top. */
		st = container_from_options(range->container, o);
		if (st == BG_OK && r != NULL && r->container != NULL) {
			st = bg__object_merge(&bg__obj_container,
					      range->container, r->container);
		}
		if (st != BG_OK) {
			return st;
		}
	}
	if (!containers && bg__object_given(&bg__obj_container, &o->c)) {
		/* No range takes them: they would be dropped. */
		bg_diags_add(diags, BG_SEV_ERROR, "ecs-kind", NULL, 0, 0,
			     "container_properties",
			     "every node range runs an ECS task "
			     "(ecs_properties); container settings apply to "
			     "ranges with a container, and no range has one");
		return BG_ERR_INVALID;
	}
	return BG_OK;
}

static bool
is_fargate(const struct bg_jobdef *def)
{
	return bg_jobdef_supports_fargate(def);
}

/* An EFS volume's root directory, transit encryption and (when there
 * is an authorization block) IAM setting, written out where AWS would
 * fill its default ("/", DISABLED, DISABLED): what AWS stores
 * is then what the configuration says, so a plan after an apply shows
 * no change whatever AWS echoes for an omitted value (provider
 * reference: the EFS defaults are the one echo it could not confirm). */
static enum bg_status
container_efs_defaults(struct bg_container *c)
{
	for (size_t i = 0; c != NULL && i < c->volume_count; i++) {
		struct bg_efs *e = c->volumes[i].efs;
		if (e == NULL) {
			continue;
		}
		if ((e->root_directory == NULL &&
		     !bg__str_set(&e->root_directory, "/")) ||
		    (e->transit_encryption == NULL &&
		     !bg__str_set(&e->transit_encryption, "DISABLED")) ||
		    (e->authorization.access_point_id != NULL &&
		     e->authorization.iam == NULL &&
		     !bg__str_set(&e->authorization.iam, "DISABLED"))) {
			return BG_ERR_NOMEM;
		}
	}
	return BG_OK;
}

static enum bg_status
efs_defaults(struct bg_jobdef *def)
{
	enum bg_status st = container_efs_defaults(def->container);

	for (size_t i = 0; st == BG_OK && def->node_properties != NULL &&
			   i < def->node_properties->range_count;
	     i++) {
		st = container_efs_defaults(
			def->node_properties->ranges[i].container);
	}
	return st;
}

/* A resource of the pod's container: requests and limits alike (AWS
 * Batch schedules an EKS job by them; memory and GPU limits must equal
 * their requests). text: the amount, taken. */
static bool
eks_resource(struct bg_eks_resources *r, const char *key, char *text)
{
	bool ok = text != NULL &&
		  bg_kvlist_set(&r->requests, key, text) == BG_OK &&
		  bg_kvlist_set(&r->limits, key, text) == BG_OK;

	free(text);
	return ok;
}

/* A number of the options as the text of a resource: the expression,
 * or the number, then suffix. */
static char *
eks_amount(const struct bg_opt_int *v, bool vcpus, const char *suffix)
{
	char buf[32];

	if (v->expr != NULL) {
		return bg__asprintf("%s%s", v->expr, suffix);
	}
	if (vcpus) {
		bg_vcpus_format(v->value, buf, sizeof(buf));
	} else {
		snprintf(buf, sizeof(buf), "%lld", (long long)v->value);
	}
	return bg__asprintf("%s%s", buf, suffix);
}

/* An EKS template's job: one container of the options' image, command,
 * environment, vCPUs, memory (Mi) and GPUs (nvidia.com/gpu), and the
 * user's own pod settings (eks_properties) on top. Container options
 * with no meaning in a pod are an error, not dropped. */
static enum bg_status
eks_from_options(const struct template *t, struct bg_job_options *o,
		 struct bg_jobdef *def, struct bg_diags *diags)
{
	struct bg_container *c = &o->c;
	struct bg_eks_properties *e = calloc(1, sizeof(*e));
	struct bg_eks_pod *pod = e != NULL ? calloc(1, sizeof(*pod)) : NULL;
	struct bg_eks_container *k = pod != NULL ? calloc(1, sizeof(*k)) : NULL;
	struct bg_eks_resources *r = k != NULL ? calloc(1, sizeof(*r)) : NULL;
	bool ok = r != NULL;

	if (e != NULL) {
		def->eks_properties = e; /* freed with def */
		e->pod_properties = pod;
	}
	if (pod != NULL) {
		pod->containers = k;
		pod->container_count = k != NULL;
	}
	if (!ok) {
		free(r);
		return BG_ERR_NOMEM;
	}
	k->resources = r;
	/* The options move into the pod. */
	k->image = c->image;
	c->image = NULL;
	k->command = c->command;
	k->command_count = c->command_count;
	c->command = NULL;
	c->command_count = 0;
	k->env = c->environment;
	memset(&c->environment, 0, sizeof(c->environment));
	if (bg__given(c->vcpus_milli)) {
		ok = ok && eks_resource(r, "cpu",
					eks_amount(&c->vcpus_milli, true, ""));
	}
	if (bg__given(c->memory)) {
		ok = ok && eks_resource(r, "memory",
					eks_amount(&c->memory, false, "Mi"));
	}
	if (bg__given(c->gpus)) {
		ok = ok && eks_resource(r, "nvidia.com/gpu",
					eks_amount(&c->gpus, false, ""));
	}
	if (!ok) {
		return BG_ERR_NOMEM;
	}
	free(c->vcpus_milli.expr);
	free(c->memory.expr);
	free(c->gpus.expr);
	c->vcpus_milli = c->memory = c->gpus = (struct bg_opt_int){ 0 };
	if (bg__object_given(&bg__obj_container, c)) {
		bg_diags_add(diags, BG_SEV_ERROR, "eks-kind", NULL, 0, 0,
			     "container_properties",
			     "template '%s' makes EKS jobs: of the container "
			     "settings it takes image, command, environment, "
			     "vcpus, memory and gpus; the pod's other "
			     "settings are written under eks_properties",
			     t->name);
		return BG_ERR_INVALID;
	}
	if (o->eks != NULL && o->eks->pod_properties != NULL &&
	    o->eks->pod_properties->container_count > 0) {
		/* The user's list would replace the template's container,
		 * and the options in it, without a word. */
		bg_diags_add(diags, BG_SEV_ERROR, "eks-kind", NULL, 0, 0,
			     "eks_properties.pod_properties.containers",
			     "template '%s' makes the pod's container from "
			     "the job's options; write the containers without "
			     "a template, or the container's settings as "
			     "options (image, command, environment, vcpus, "
			     "memory, gpus)",
			     t->name);
		return BG_ERR_INVALID;
	}
	if (o->eks != NULL &&
	    bg__object_merge(&bg__obj_eks, e, o->eks) != BG_OK) {
		return BG_ERR_NOMEM;
	}
	if (k->image == NULL) {
		return scaffold(def, &k->image, "Container image", "image",
				"image", diags);
	}
	return BG_OK;
}

/* Moves *from to *to (a string the options give), freeing *to. */
static void
move_str(char **to, char **from)
{
	if (*from != NULL) {
		free(*to);
		*to = *from;
		*from = NULL;
	}
}

/* An ECS template's job: its task, with the options' container
 * settings on its main container (the first essential one) and the
 * options' roles on the task. Other container options are an error,
 * not dropped. */
static enum bg_status
ecs_from_options(const struct template *t, struct bg_job_options *o,
		 struct bg_jobdef *def, struct bg_diags *diags)
{
	struct bg_container *c = &o->c;
	struct bg_ecs_task *task;
	struct bg_ecs_container *main = NULL;
	struct bg_container rest;

	def->ecs_properties = o->ecs; /* the template's task, merged */
	o->ecs = NULL;
	task = def->ecs_properties->task_property_count > 0
		       ? &def->ecs_properties->task_properties[0]
		       : NULL;
	for (size_t i = 0; task != NULL && i < task->container_count; i++) {
		const struct bg_opt_bool *e = &task->containers[i].essential;
		if (main == NULL && !(e->set && !e->value && e->expr == NULL)) {
			main = &task->containers[i];
		}
	}
	if (main == NULL) {
		return BG_OK; /* the validator says what the task lacks */
	}
	move_str(&task->t.execution_role_arn, &c->execution_role_arn);
	move_str(&task->t.job_role_arn, &c->job_role_arn);
	/* What is left is the main container's, when the ECS container
	 * table has it: take those out, and see what remains. */
	rest = *c;
	/* Checked before the merge: the ECS container's table frees only
	 * what an ECS container holds, so these must not reach it. */
	if (c->volume_count > 0 || c->assign_public_ip != NULL ||
	    c->platform_version != NULL || bg__given(c->extras.ephemeral_storage) ||
	    c->extras.operating_system_family != NULL ||
	    c->extras.cpu_architecture != NULL ||
	    bg__given(c->extras.enable_execute_command) ||
	    c->extras.instance_type != NULL) {
		bg_diags_add(diags, BG_SEV_ERROR, "ecs-kind", NULL, 0, 0,
			     "container_properties",
			     "template '%s' makes ECS multi-container jobs: "
			     "of the container settings it takes the main "
			     "container's (image, command, environment, "
			     "vcpus, memory, gpus, ...) and the roles; "
			     "volumes, the runtime platform, storage and ECS "
			     "Exec belong to a task written as "
			     "ecs_properties, without a template",
			     t->name);
		return BG_ERR_INVALID;
	}
	memset(c, 0, sizeof(*c));
	if (bg__object_merge(&bg__obj_container, &main->c, &rest) != BG_OK) {
		bg__object_finish(&bg__obj_container, &rest);
		return BG_ERR_NOMEM;
	}
	*c = rest; /* freed with o */
	if (main->c.image == NULL) {
		return scaffold(def, &main->c.image, "Container image",
				"image", "image", diags);
	}
	return BG_OK;
}

/* Builds def from the merged options o. t is the template (NULL: none,
 * then nothing is scaffolded). */
static enum bg_status
build(const struct template *t, struct bg_job_options *o,
      struct bg_jobdef *def, struct bg_diags *diags)
{
	bool failed = false;
	const char *type;
	struct bg_container *c = NULL;
	enum bg_status st;

	if (t != NULL) {
		type = t->r_type;
	} else if (o->type != NULL) {
		type = canonical_type(o->type);
		if (strcmp(type, o->type) != 0 &&
		    bg_diags_add(diags, BG_SEV_NOTE, BG_CODE_TYPE_CASE, NULL,
				 0, 0, "type",
				 "type '%s' is written as '%s': AWS takes any "
				 "case, but the provider sees a change in "
				 "anything but lower case at every plan",
				 o->type, type) != BG_OK) {
			return BG_ERR_NOMEM;
		}
	} else {
		type = o->node_range_count > 0 || bg__given(o->num_nodes)
			       ? "multinode"
			       : "container";
	}
	def->name = bg__strdup(o->name != NULL ? o->name
				: t != NULL	 ? t->name
						 : "",
			       &failed);
	def->label = o->label != NULL ? bg__strdup(o->label, &failed)
				      : bg_tf_label(def->name ? def->name : "");
	def->type = bg__strdup(type, &failed);
	if (failed || def->label == NULL || def->name == NULL) {
		return BG_ERR_NOMEM;
	}
	if (o->platform_capability_count > 0) {
		def->platform_capabilities =
			bg__strv_dup(o->platform_capabilities,
				     o->platform_capability_count, &failed);
		def->platform_capability_count = o->platform_capability_count;
	} else if (t != NULL && t->r_platform != NULL &&
		   strcmp(t->r_platform, "EC2") != 0 && !is_eks(t)) {
		/* A template's fixed EC2 is not written: EC2 is what AWS
		 * assumes, and AWS stores it only when it is sent, so the same
		 * job written as a full tree without it (or imported from a
		 * definition without it) must give the same bytes, or
		 * switching between them registers a revision (provider
		 * reference, T08/T09). The spec's own list is written as
		 * given. */
		def->platform_capabilities =
			bg__strv_dup((char *const *)&t->r_platform, 1, &failed);
		def->platform_capability_count = 1;
	}
	if (bg__opt_int_copy(&def->retry_attempts, &o->retry_attempts) !=
		    BG_OK ||
	    bg__opt_int_copy(&def->timeout_seconds, &o->timeout_seconds) !=
		    BG_OK) {
		return BG_ERR_NOMEM;
	}
	if (o->evaluate_on_exit_count > 0) {
		def->evaluate_on_exit = calloc(o->evaluate_on_exit_count,
					       sizeof(*def->evaluate_on_exit));
		if (def->evaluate_on_exit == NULL) {
			return BG_ERR_NOMEM;
		}
		def->evaluate_on_exit_count = o->evaluate_on_exit_count;
		for (size_t i = 0; i < o->evaluate_on_exit_count; i++) {
			if (bg__object_merge(&bg__obj_eoe,
					     &def->evaluate_on_exit[i],
					     &o->evaluate_on_exit[i]) != BG_OK) {
				return BG_ERR_NOMEM;
			}
		}
	}
	/* The resource's other values: the options of the same name. */
	if (failed || bg__object_move_matching(&bg__obj_resource, def,
					       &bg__obj_job, o) != BG_OK) {
		return BG_ERR_NOMEM;
	}

	if (is_eks(t)) {
		st = eks_from_options(t, o, def, diags);
		if (st != BG_OK) {
			return st;
		}
	} else if (o->eks != NULL) {
		/* An EKS job: a pod, no container or node properties (a
		 * multinode type is the validator's to refuse). */
		def->eks_properties = o->eks;
		o->eks = NULL;
	} else if (is_ecs(t)) {
		st = ecs_from_options(t, o, def, diags);
		if (st != BG_OK) {
			return st;
		}
	} else if (o->ecs != NULL) {
		/* An ECS multi-container job: its task as written (a
		 * multinode type is the validator's to refuse: a multinode
		 * job's tasks are in its ranges). */
		def->ecs_properties = o->ecs;
		o->ecs = NULL;
	} else if (strcmp(type, "multinode") == 0) {
		struct bg_node_properties *np = calloc(1, sizeof(*np));
		if (np == NULL) {
			return BG_ERR_NOMEM;
		}
		def->node_properties = np;
		np->num_nodes.set = true;
		np->num_nodes.value = o->num_nodes.set ? o->num_nodes.value : 2;
		np->main_node.set = true;
		np->main_node.value = o->main_node.set ? o->main_node.value : 0;
		/* An expression replaces the number. */
		if (bg__opt_int_copy(&np->num_nodes, &o->num_nodes) != BG_OK ||
		    bg__opt_int_copy(&np->main_node, &o->main_node) != BG_OK) {
			return BG_ERR_NOMEM;
		}
		st = build_ranges(np, o, diags);
		if (st != BG_OK) {
			return st;
		}
		c = np->ranges[0].container;
	} else {
		c = bg_container_create();
		if (c == NULL) {
			return BG_ERR_NOMEM;
		}
		def->container = c;
		/* o is the merged copy, freed after: its container moves
		 * into the model. */
		*c = o->c;
		memset(&o->c, 0, sizeof(o->c));
		st = BG_OK;
		if (st != BG_OK) {
			return st;
		}
	}
	st = efs_defaults(def);
	if (st != BG_OK) {
		return st;
	}
	if (c != NULL && is_fargate(def)) {
		/* AWS returns assignPublicIp DISABLED when it is not
		 * given; say it, so plans show no drift. */
		if (c->assign_public_ip == NULL &&
		    !bg__str_set(&c->assign_public_ip, "DISABLED")) {
			return BG_ERR_NOMEM;
		}
		/* The same for runtimePlatform (rules doc 4.2, case C). */
		if (c->extras.operating_system_family == NULL &&
		    !bg__str_set(&c->extras.operating_system_family,
				 "LINUX")) {
			return BG_ERR_NOMEM;
		}
		if (c->extras.cpu_architecture == NULL &&
		    !bg__str_set(&c->extras.cpu_architecture, "X86_64")) {
			return BG_ERR_NOMEM;
		}
		if (c->execution_role_arn == NULL && t != NULL) {
			st = scaffold(def, &c->execution_role_arn,
				      "Execution role ARN",
				      "execution_role_arn",
				      "execution role ARN", diags);
			if (st != BG_OK) {
				return st;
			}
		}
	}
	if (t != NULL && def->container != NULL && c->image == NULL) {
		st = scaffold(def, &c->image, "Container image", "image",
			      "image", diags);
		if (st != BG_OK) {
			return st;
		}
	}
	if (t != NULL && def->node_properties != NULL) {
		/* One variable serves every range without an image. */
		char *ref = NULL;
		for (size_t i = 0; i < def->node_properties->range_count; i++) {
			struct bg_container *rc =
				def->node_properties->ranges[i].container;
			if (rc == NULL || rc->image != NULL) {
				continue;
			}
			if (ref == NULL) {
				st = scaffold(def, &rc->image, "Container image",
					      "image", "image", diags);
				if (st != BG_OK) {
					return st;
				}
				ref = rc->image;
			} else if (!bg__str_set(&rc->image, ref)) {
				return BG_ERR_NOMEM;
			}
		}
	}
	return BG_OK;
}

/* bg_template_apply; with take (user itself), user's values move into
 * the job instead of being copied, and user is left empty. */
static enum bg_status
apply(const struct bg_template_set *set, const char *name,
      const struct bg_job_options *user, struct bg_job_options *take,
      struct bg_jobdef **out, struct bg_diags *diags)
{
	struct bg_job_options merged = { 0 };
	const struct template *t = NULL;
	struct bg_jobdef *def;
	enum bg_status st = BG_OK;

	if (out == NULL || *out != NULL || user == NULL) {
		return BG_ERR_ARG;
	}
	if (name != NULL) {
		t = bg__tset_find(set, name);
		if (t == NULL) {
			bg_diags_add(diags, BG_SEV_ERROR, "template-unknown",
				     NULL, 0, 0, "template",
				     "unknown template '%s'", name);
			return BG_ERR_TEMPLATE;
		}
		if (!t->resolved || set->stale) {
			bg_diags_add(diags, BG_SEV_ERROR, "template-unknown",
				     NULL, 0, 0, "template",
				     "template '%s' cannot be used: its "
				     "extends chain is broken",
				     name);
			return BG_ERR_TEMPLATE;
		}
		if (!check_conflicts(t, user, diags)) {
			return BG_ERR_INVALID;
		}
	} else if (user->type != NULL &&
		   strcmp(canonical_type(user->type), "multinode") != 0 &&
		   bg__has_node_settings(user)) {
		/* Without a template the type is the user's: node settings
		 * on a container job would be dropped without a word. */
		bg_diags_add(diags, BG_SEV_ERROR, "type-properties", NULL, 0,
			     0, "node_properties",
			     "Container jobs take container_properties, not "
			     "node_properties (num_nodes, main_node, node "
			     "ranges); use type multinode");
		return BG_ERR_INVALID;
	}
	if (user->eks != NULL && !is_eks(t) &&
	    bg__object_given(&bg__obj_container, &user->c)) {
		/* The pod's containers are under eks_properties: container
		 * settings would be dropped without a word. */
		bg_diags_add(diags, BG_SEV_ERROR, "eks-kind", NULL, 0, 0,
			     "container_properties",
			     "an EKS job's containers are written under "
			     "eks_properties.pod_properties.containers; "
			     "container settings (image, vcpus, memory, "
			     "container_properties ...) are for ECS jobs");
		return BG_ERR_INVALID;
	}
	if (user->ecs != NULL && t == NULL &&
	    bg__object_given(&bg__obj_container, &user->c)) {
		/* The task's containers are under ecs_properties. */
		bg_diags_add(diags, BG_SEV_ERROR, "ecs-kind", NULL, 0, 0,
			     "container_properties",
			     "an ECS multi-container job's containers are "
			     "written under ecs_properties.task_properties[0]."
			     "containers; container_properties (image, vcpus, "
			     "memory ...) is for single-container jobs");
		return BG_ERR_INVALID;
	}
	def = bg_jobdef_create();
	if (def == NULL) {
		return BG_ERR_NOMEM;
	}
	/* The user's options, with the template's defaults under them. */
	if (take != NULL) {
		/* name may point into *take: it is not read again. */
		merged = *take;
		memset(take, 0, sizeof(*take));
	} else {
		st = bg__job_options_overlay(&merged, user);
	}
	if (st == BG_OK && t != NULL) {
		st = bg__object_merge_under_at(&bg__obj_job, &merged,
					       &t->r_defaults, &t->r_under);
	}
	if (st == BG_OK) {
		st = build(t, &merged, def, diags);
	}
	bg_job_options_finish(&merged);
	if (st != BG_OK) {
		bg_jobdef_destroy(def);
		return st;
	}
	*out = def;
	return BG_OK;
}

enum bg_status
bg_template_apply(const struct bg_template_set *set, const char *name,
		  const struct bg_job_options *user, struct bg_jobdef **out,
		  struct bg_diags *diags)
{
	return apply(set, name, user, NULL, out, diags);
}

enum bg_status
bg__template_apply_take(const struct bg_template_set *set, const char *name,
			struct bg_job_options *user, struct bg_jobdef **out,
			struct bg_diags *diags)
{
	return apply(set, name, user, user, out, diags);
}
