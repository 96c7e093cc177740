/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
/* An ECS task's numbers: what its containers ask for together. */
#include "config.h"

#include <stddef.h>

#include "model/ecs.h"

_Static_assert(offsetof(struct bg_ecs_container, c) == 0,
	       "the container tables read a task's container at offset 0");
_Static_assert(offsetof(struct bg_ecs_task, t) == 0,
	       "the container tables read a task's keys at offset 0");

void
bg__ecs_totals(const struct bg_ecs_properties *e, int64_t *vcpus_milli,
	       int64_t *memory_mib, int64_t *gpus)
{
	*vcpus_milli = *memory_mib = *gpus = 0;
	if (e == NULL || e->task_property_count == 0) {
		return;
	}
	for (size_t i = 0; i < e->task_properties[0].container_count; i++) {
		const struct bg_container *c =
			&e->task_properties[0].containers[i].c;
		*vcpus_milli += c->vcpus_milli.set ? c->vcpus_milli.value : 0;
		*memory_mib += c->memory.set ? c->memory.value : 0;
		*gpus += c->gpus.set ? c->gpus.value : 0;
	}
}
