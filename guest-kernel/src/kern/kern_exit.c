/* Process exit.  When init exits the boot is over and the machine stops. */
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/reboot.h>

void
exit1(struct proc *p, int status)
{
	p->p_xstat = status;
	if (p == initproc) {
		printf("init exited with status %d\n", status);
		kern_reboot(RB_POWEROFF);
	}
	panic("exit1: pid %d has no parent to reap it", p->p_pid);
}
