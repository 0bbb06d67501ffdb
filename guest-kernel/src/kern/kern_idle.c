/*
 * The idle thread: what the CPU runs when no other thread can.  It waits
 * for an interrupt (wfi) -- the clock's tick or a device's -- whose handler
 * may wake a sleeper, then lets the scheduler pick again.
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/proc.h>
#include <riscv/riscvreg.h>

static struct proc *idleproc;

static void
sched_idletd(void *dummy)
{
	for (;;) {
		/*
		 * Check with interrupts off, so a wakeup cannot slip in
		 * between the check and the wfi (wfi still returns for an
		 * interrupt pending but disabled); then take it.
		 */
		csr_clear(sstatus, SSTATUS_SIE);
		if (!runq_check(PRI_MAX_IDLE))
			__asm __volatile("wfi");
		csr_set(sstatus, SSTATUS_SIE);
		csr_clear(sstatus, SSTATUS_SIE);
		if (runq_check(PRI_MAX_IDLE))
			mi_switch();
	}
}

static void
idle_setup(const void *dummy)
{
	if (kproc_create(sched_idletd, NULL, &idleproc, PRI_MAX_IDLE,
	    "idle") != 0)
		panic("idle_setup: no idle process");
	idlethread = idleproc->p_thread;
}
SYSINIT(idle_setup, SI_SUB_SCHED_IDLE, SI_ORDER_FIRST, idle_setup, NULL);
