/* Kernel malloc(9) with malloc types, as in FreeBSD. */
#ifndef _SYS_MALLOC_H_
#define _SYS_MALLOC_H_

#include <sys/types.h>
#include <sys/kernel.h>

#define	M_NOWAIT	0x0001
#define	M_WAITOK	0x0002
#define	M_ZERO		0x0100

struct malloc_type {
	struct malloc_type *ks_next;	/* the list of all types */
	const char	*ks_shortdesc;
	uint64_t	ks_memuse;	/* bytes in use */
	uint64_t	ks_calls;	/* allocations so far */
};

#define	MALLOC_DEFINE(type, shortdesc, longdesc)			\
	struct malloc_type type[1] = { { NULL, shortdesc, 0, 0 } };	\
	SYSINIT(type##_init, SI_SUB_KMEM, SI_ORDER_THIRD, malloc_init,	\
	    type)

#define	MALLOC_DECLARE(type)	extern struct malloc_type type[1]

MALLOC_DECLARE(M_TEMP);
MALLOC_DECLARE(M_DEVBUF);

void	malloc_init(void *data);
void	*malloc(size_t size, struct malloc_type *type, int flags);
void	free(void *addr, struct malloc_type *type);

#endif
