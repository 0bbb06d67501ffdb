/*
 * Processes that are not init: proc_alloc() hands out a process with its
 * thread and kernel stack, and kproc_create() starts a kernel process --
 * a thread that runs a kernel function and never enters user mode.
 * kproc_start() is the SYSINIT form FreeBSD's daemons use:
 *
 *	SYSINIT(pagedaemon, SI_SUB_KTHREAD_PAGE, SI_ORDER_SECOND, kproc_start,
 *	    &page_kp);
 */
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/tslog.h>
#include <riscv/frame.h>

#define	NPROC		4		/* init, idle, pagedaemon, one spare */
#define	KSTACK_SIZE	16384

static struct proc procs[NPROC];
static struct thread threads[NPROC];
static uint8_t kstacks[NPROC][KSTACK_SIZE] __aligned(16);
static int nprocs;
static int nextpid = 10;	/* kernel processes: above init, as RFHIGHPID */

struct proc *
proc_alloc(const char *name, int pid, int priority)
{
	struct proc *p;
	struct thread *td;
	size_t len = strlen(name);

	if (nprocs == NPROC)
		return (NULL);
	p = &procs[nprocs];
	td = &threads[nprocs];
	td->td_kstack = (vm_offset_t)kstacks[nprocs] + KSTACK_SIZE;
	nprocs++;
	p->p_pid = pid;
	if (len >= sizeof(p->p_comm))
		len = sizeof(p->p_comm) - 1;
	memcpy(p->p_comm, name, len);
	p->p_comm[len] = '\0';
	p->p_thread = td;
	td->td_proc = p;
	td->td_name = p->p_comm;
	td->td_priority = priority;
	td->td_state = TDS_INACTIVE;
	td->td_allnext = allthreads;
	allthreads = td;
	return (p);
}

/*
 * The new thread's context: its first switch-in "returns" to
 * fork_trampoline with s0 = func and s1 = arg, on its own kernel stack
 * (below its trapframe, if it has one).
 */
void
cpu_fork_kthread_handler(struct thread *td, void (*func)(void *), void *arg)
{
	memset(&td->td_pcb, 0, sizeof(td->td_pcb));
	td->td_pcb.pcb_ra = (register_t)fork_trampoline;
	td->td_pcb.pcb_sp = td->td_frame != NULL ? (register_t)td->td_frame :
	    td->td_kstack;
	td->td_pcb.pcb_s[0] = (register_t)func;
	td->td_pcb.pcb_s[1] = (register_t)arg;
}

/*
 * Where a new thread starts (from fork_trampoline).  A kernel process runs
 * its function for good; init's start_init() returns once its image is
 * loaded, and the trapframe returned takes it to user mode.
 */
struct trapframe *
fork_exit(void (*func)(void *), void *arg)
{
	struct thread *td = curthread;

	func(arg);
	if (td->td_frame == NULL)
		panic("kernel process %s returned", td->td_name);
	userret(td);
	return (td->td_frame);
}

int
kproc_create(void (*func)(void *), void *arg, struct proc **procp,
    int priority, const char *name)
{
	struct proc *p = proc_alloc(name, nextpid, priority);
	struct thread *td;

	if (p == NULL)
		return (11);	/* EAGAIN */
	nextpid++;
	p->p_flag |= P_KPROC;
	td = p->p_thread;
	cpu_fork_kthread_handler(td, func, arg);
	TSTHREAD(td, td->td_name);
	if (procp != NULL)
		*procp = p;
	sched_add(td);
	return (0);
}

/* The SYSINIT that starts a daemon described by a struct kproc_desc. */
void
kproc_start(const void *udata)
{
	const struct kproc_desc *kp = udata;
	int error;

	error = kproc_create((void (*)(void *))kp->func, NULL,
	    kp->global_procpp, PVM, kp->arg0);
	if (error != 0)
		panic("kproc_start: %s: error %d", kp->arg0, error);
}

/*
 * Ask kernel process p to stop at its next kproc_suspend_check(), and wait
 * for it to say it has, for at most timo ticks.  A daemon that sleeps on
 * its own struct proc is woken to notice.
 */
int
kproc_suspend(struct proc *p, int timo)
{
	if ((p->p_flag & P_KPROC) == 0)
		return (22);	/* EINVAL */
	p->p_flag |= P_KPROC_SUSP;
	wakeup(p);
	return (tsleep(&p->p_flag, PPAUSE, "suspkp", timo));
}

/* A kernel process's check, in its main loop: stop here if asked to. */
void
kproc_suspend_check(struct proc *p)
{
	while ((p->p_flag & P_KPROC_SUSP) != 0) {
		wakeup(&p->p_flag);
		tsleep(&p->p_flag, PPAUSE, "kpsusp", 0);
	}
}
