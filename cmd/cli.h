/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
#ifndef BATCHGEN_CLI_H
#define BATCHGEN_CLI_H

/* The whole command line; returns the exit status. Can be called more
 * than once in one process (the argument fuzzer does). */
int batchgen_main(int argc, char **argv);

#endif
