/*
 * Sleeping and waking up, and the switch from one thread to another.
 * A thread sleeps on a "wait channel", any address that names what it
 * waits for; wakeup(chan) makes every thread sleeping on chan runnable.
 * Interrupts are off while the run queue and the sleepers change, since
 * the clock interrupt wakes sleepers whose time is up.
 */
#include <sys/systm.h>
#include <sys/interrupt.h>
#include <sys/proc.h>
#include <vm/vm.h>
#include <riscv/riscvreg.h>

struct thread *allthreads;

static register_t
intr_disable(void)
{
	register_t s = csr_read(sstatus) & SSTATUS_SIE;

	csr_clear(sstatus, SSTATUS_SIE);
	return (s);
}

static void
intr_restore(register_t s)
{
	csr_set(sstatus, s);
}

/*
 * Give the CPU to the most urgent runnable thread.  The caller has set its
 * own state: TDS_RUNNING (still runnable: back on the run queue) or
 * TDS_INHIBITED (asleep).  Returns when this thread is chosen again.
 */
void
mi_switch(void)
{
	struct thread *td = curthread, *newtd;
	register_t s = intr_disable();

	td->td_flags &= ~TDF_NEEDRESCHED;
	if (td->td_state == TDS_RUNNING)
		sched_add(td);
	newtd = sched_choose();
	newtd->td_state = TDS_RUNNING;
	if (newtd != td) {
		/* Kernel processes borrow the address space they find. */
		if (newtd->td_proc->p_vmspace != NULL)
			pmap_activate(&newtd->td_proc->p_vmspace->vm_pmap);
		curthread = newtd;
		cpu_switch(&td->td_pcb, &newtd->td_pcb);
	}
	intr_restore(s);
}

/*
 * Sleep on chan until wakeup(chan), or for at most timo clock ticks when
 * timo > 0 (then EWOULDBLOCK).  priority is the caller's FreeBSD-style
 * sleep priority; this scheduler keeps each thread's own.
 */
int
tsleep(const void *chan, int priority, const char *wmesg, int timo)
{
	struct thread *td = curthread;
	register_t s = intr_disable();

	td->td_wchan = chan;
	td->td_wmesg = wmesg;
	td->td_slptick = timo > 0 ? ticks + (uint64_t)timo : 0;
	td->td_flags &= ~TDF_TIMEOUT;
	td->td_state = TDS_INHIBITED;
	mi_switch();
	intr_restore(s);
	return ((td->td_flags & TDF_TIMEOUT) != 0 ? EWOULDBLOCK : 0);
}

void
setrunnable(struct thread *td)
{
	td->td_wchan = NULL;
	td->td_wmesg = NULL;
	td->td_slptick = 0;
	sched_add(td);
}

void
wakeup(const void *chan)
{
	struct thread *td;
	register_t s = intr_disable();

	for (td = allthreads; td != NULL; td = td->td_allnext)
		if (td->td_state == TDS_INHIBITED && td->td_wchan == chan)
			setrunnable(td);
	intr_restore(s);
}

/* The clock: wake the sleepers whose timeout has come (interrupts are off). */
void
sleepq_timeout(uint64_t now)
{
	struct thread *td;

	for (td = allthreads; td != NULL; td = td->td_allnext) {
		if (td->td_state == TDS_INHIBITED && td->td_slptick != 0 &&
		    td->td_slptick <= now) {
			td->td_flags |= TDF_TIMEOUT;
			setrunnable(td);
		}
	}
}

/* On the way back to user mode: let a more urgent thread run first. */
void
userret(struct thread *td)
{
	if ((td->td_flags & TDF_NEEDRESCHED) != 0)
		mi_switch();
}
