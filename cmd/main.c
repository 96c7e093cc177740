/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 the batchgen authors */
#include "config.h"

#include <stdio.h>

#include "cli.h"

int
main(int argc, char **argv)
{
	static char errbuf[1 << 16];
	int rc;

	/* stderr is unbuffered: 100,000 diagnostics were 500,000 write
	 * calls. Buffer it; it is flushed before exit. */
	setvbuf(stderr, errbuf, _IOFBF, sizeof(errbuf));
	rc = batchgen_main(argc, argv);
	fflush(stderr);
	return rc;
}
