/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
#include "config.h"

#include "cli.h"

int
main(int argc, char **argv)
{
	return batchgen_main(argc, argv);
}
