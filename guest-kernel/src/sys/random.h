/* The kernel's random number generator, seeded by entropy sources. */
#ifndef _SYS_RANDOM_H_
#define _SYS_RANDOM_H_

#include <sys/types.h>

void	random_harvest(const void *buf, size_t len, const char *source);
uint32_t arc4random(void);
extern bool random_seeded;

#endif
