/*
 * The scheduler: strict priorities over the run queue, round robin within
 * a priority, and the idle thread when nothing else can run.  The kernel
 * is not preemptible: a thread in the kernel runs until it sleeps.  A
 * thread in user mode is switched out on its way back to user mode
 * (userret) when a more urgent thread was woken, or when the clock finds
 * another thread of its priority waiting (a one-tick time slice).
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/proc.h>

struct thread *idlethread;

/*
 * Make td runnable: on the run queue.  The idle thread never goes there:
 * sched_choose() falls back to it when the queue is empty.
 */
void
sched_add(struct thread *td)
{
	td->td_state = TDS_RUNQ;
	if (td->td_priority >= PRI_MIN_IDLE)
		return;
	runq_add(td);
	if (td->td_priority < curthread->td_priority)
		curthread->td_flags |= TDF_NEEDRESCHED;
}

struct thread *
sched_choose(void)
{
	struct thread *td = runq_choose();

	return (td != NULL ? td : idlethread);
}

/* Called by the clock on every tick for the thread it interrupted. */
void
sched_clock(struct thread *td)
{
	if (td != idlethread && runq_check(td->td_priority))
		td->td_flags |= TDF_NEEDRESCHED;
}

/* An empty run queue; thread0, running, is the only thread so far. */
static void
sched_setup(const void *dummy)
{
	runq_init();
}
SYSINIT(sched_setup, SI_SUB_RUN_QUEUE, SI_ORDER_FIRST, sched_setup, NULL);
