/*
 * TSLOG: a fixed-size buffer of boot-time records, timestamped with the
 * cycle counter.  Recording stops silently when the buffer is full, as in
 * FreeBSD.  tslog_dump() prints the records in the line format of
 * FreeBSD's "sysctl debug.tslog":
 *	<thread %p> <timestamp %llu> <ENTER|EXIT|THREAD|EVENT> <f>[ <s>]
 */
#include <sys/systm.h>
#include <sys/tslog.h>
#include <riscv/riscvreg.h>

#define	TSLOGSIZE	8192

static struct timestamp {
	void		*td;
	int		type;
	const char	*f;
	const char	*s;
	uint64_t	tsc;
} timestamps[TSLOGSIZE];
static size_t nrecs;

void
tslog(void *td, int type, const char *f, const char *s)
{
	uint64_t tsc = rdcycle();
	size_t pos;

	if (nrecs >= TSLOGSIZE)
		return;
	pos = nrecs++;
	timestamps[pos].td = td;
	timestamps[pos].type = type;
	timestamps[pos].f = f;
	timestamps[pos].s = s;
	timestamps[pos].tsc = tsc;
}

void
tslog_dump(void)
{
	static const char *const types[] = { "ENTER", "EXIT", "THREAD",
	    "EVENT" };
	size_t i;

	printf("---- tslog begin ----\n");
	for (i = 0; i < nrecs; i++) {
		struct timestamp *t = &timestamps[i];

		printf("%p %lu %s %s", t->td, t->tsc, types[t->type & 3],
		    t->f != NULL ? t->f : "(null)");
		if (t->s != NULL)
			printf(" %s\n", t->s);
		else
			printf("\n");
	}
	printf("---- tslog end ----\n");
}
