/*
 * The run queue, as in FreeBSD's kern_switch.c: 64 FIFO queues, one per
 * band of RQ_PPQ priorities, and a bitmap of the non-empty ones, so the
 * most urgent runnable thread is found with one count-trailing-zeros.
 */
#include <sys/systm.h>
#include <sys/proc.h>

#define	RQ_NQS	64		/* number of run queues */
#define	RQ_PPQ	4		/* priorities per queue */

TAILQ_HEAD(rqhead, thread);

static struct runq {
	uint64_t	rq_status;	/* bit i: queue i is not empty */
	struct rqhead	rq_queues[RQ_NQS];
} runq;

void
runq_init(void)
{
	int i;

	runq.rq_status = 0;
	for (i = 0; i < RQ_NQS; i++)
		TAILQ_INIT(&runq.rq_queues[i]);
}

/* At the tail of its priority's queue: equal priorities take turns. */
void
runq_add(struct thread *td)
{
	int pri = td->td_priority / RQ_PPQ;

	TAILQ_INSERT_TAIL(&runq.rq_queues[pri], td, td_runq);
	runq.rq_status |= 1UL << pri;
}

/* Take the first thread of the most urgent non-empty queue, or NULL. */
struct thread *
runq_choose(void)
{
	struct rqhead *rqh;
	struct thread *td;
	int pri;

	if (runq.rq_status == 0)
		return (NULL);
	pri = __builtin_ctzl(runq.rq_status);
	rqh = &runq.rq_queues[pri];
	td = TAILQ_FIRST(rqh);
	TAILQ_REMOVE(rqh, td, td_runq);
	if (TAILQ_EMPTY(rqh))
		runq.rq_status &= ~(1UL << pri);
	return (td);
}

/* Is a thread at least as urgent as priority waiting? */
bool
runq_check(int priority)
{
	uint64_t mask = (2UL << (priority / RQ_PPQ)) - 1;

	return ((runq.rq_status & mask) != 0);
}
