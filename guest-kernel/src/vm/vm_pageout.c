/*
 * The pagedaemon, a kernel process started at SI_SUB_KTHREAD_PAGE.
 *
 * FreeBSD's keeps enough pages free: vm_page_alloc() wakes it when the
 * free count runs low, and it reclaims pages (laundering, swapping out)
 * until the count is back above its target.  This kernel has nothing to
 * reclaim, so its pagedaemon keeps the other reserve vm_page_alloc() draws
 * on -- free pages zeroed ahead of time, the job of FreeBSD's former
 * "pagezero" thread -- with the same protocol: vm_page_alloc() wakes it
 * below VM_ZERO_MIN, it zeroes pages up to VM_ZERO_TARGET and sleeps.  Its
 * first run, before init's, fills the reserve that init's exec takes.
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/eventhandler.h>
#include <sys/interrupt.h>
#include <sys/proc.h>
#include <sys/tslog.h>
#include <vm/vm.h>

static struct proc *pageproc;
static bool vm_pageout_wanted;

/* Called by vm_page_alloc(); the daemon itself needs no nudge. */
void
pagedaemon_wakeup(void)
{
	if (pageproc != NULL && !vm_pageout_wanted &&
	    curthread != pageproc->p_thread) {
		vm_pageout_wanted = true;
		wakeup(pageproc);
	}
}

static void
vm_pageout_zero(void)
{
	TSENTER();
	while (vm_page_zero_idle())
		;
	TSEXIT();
}

/*
 * The daemon sleeps on its struct proc, where both pagedaemon_wakeup()
 * and kproc_suspend() wake it; it also looks once a second on its own.
 */
static void
vm_pageout(void)
{
	struct proc *p = pageproc;

	EVENTHANDLER_REGISTER(shutdown_pre_sync, kproc_shutdown, p,
	    SHUTDOWN_PRI_FIRST);
	for (;;) {
		kproc_suspend_check(p);
		vm_pageout_zero();
		vm_pageout_wanted = false;
		tsleep(p, PVM, "psleep", hz);
	}
}

static struct kproc_desc page_kp = {
	"pagedaemon",
	vm_pageout,
	&pageproc
};
SYSINIT(pagedaemon, SI_SUB_KTHREAD_PAGE, SI_ORDER_SECOND, kproc_start,
    &page_kp);
