/*
 * Processes and threads.  proc 0 is the kernel, whose thread0 ("swapper")
 * runs mi_startup() on the boot stack; proc 1 is init; kernel processes
 * (idle, pagedaemon) are made by kproc_create().  Each process has one
 * thread here, and each thread its own kernel stack and saved context.
 */
#ifndef _SYS_PROC_H_
#define _SYS_PROC_H_

#include <sys/types.h>
#include <sys/queue.h>
#include <riscv/pcb.h>

struct trapframe;
struct vmspace;

/* Thread states (FreeBSD's TDS_*; "inhibited" is always "sleeping" here). */
enum td_states {
	TDS_INACTIVE = 0,	/* not started */
	TDS_INHIBITED,		/* asleep on td_wchan */
	TDS_CAN_RUN,		/* runnable, not on a run queue */
	TDS_RUNQ,		/* on the run queue */
	TDS_RUNNING		/* on the CPU */
};

struct thread {
	struct proc	*td_proc;
	const char	*td_name;
	TAILQ_ENTRY(thread) td_runq;	/* the run queue */
	struct thread	*td_allnext;	/* every thread, for wakeup() */
	enum td_states	td_state;
	int		td_priority;	/* lower is more urgent */
	int		td_flags;	/* TDF_* */
	const void	*td_wchan;	/* what the thread sleeps on */
	const char	*td_wmesg;	/* why */
	uint64_t	td_slptick;	/* wake by this tick (0: no timeout) */
	vm_offset_t	td_kstack;	/* top of the kernel stack */
	struct trapframe *td_frame;	/* the user frame, at the stack top */
	struct pcb	td_pcb;		/* saved by cpu_switch() */
};

#define	TDF_NEEDRESCHED	0x0001	/* switch at the next return to user mode */
#define	TDF_TIMEOUT	0x0002	/* the sleep timed out */

struct proc {
	int		p_pid;
	char		p_comm[20];
	int		p_flag;		/* P_* */
	struct thread	*p_thread;	/* one thread per process here */
	struct vmspace	*p_vmspace;	/* NULL for kernel processes */
	int		p_xstat;
};

#define	P_KPROC		0x0004	/* a kernel process */
#define	P_KPROC_SUSP	0x0008	/* asked to suspend (FreeBSD posts SIGSTOP) */

/* Priorities, FreeBSD's <sys/priority.h>. */
#define	PRI_MIN_KERN	80
#define	PSWP		(PRI_MIN_KERN + 0)
#define	PVM		(PRI_MIN_KERN + 4)
#define	PPAUSE		(PRI_MIN_KERN + 36)
#define	PRI_MIN_TIMESHARE 120
#define	PUSER		PRI_MIN_TIMESHARE
#define	PRI_MIN_IDLE	224
#define	PRI_MAX_IDLE	255

#define	EWOULDBLOCK	35

extern struct thread thread0;
extern struct proc proc0;
extern struct proc *initproc;
extern struct thread *curthread;
extern struct thread *allthreads;

#define	curproc()	(curthread->td_proc)

/* kern_kthread.c: kernel processes. */
struct kproc_desc {
	const char	*arg0;		/* name */
	void		(*func)(void);	/* the process's main loop */
	struct proc	**global_procpp; /* where to keep the proc */
};
int	kproc_create(void (*func)(void *), void *arg, struct proc **procp,
	    int priority, const char *name);
void	kproc_start(const void *udata);
int	kproc_suspend(struct proc *p, int timo);
void	kproc_suspend_check(struct proc *p);
void	kproc_shutdown(void *arg, int howto);
struct proc *proc_alloc(const char *name, int pid, int priority);
void	cpu_fork_kthread_handler(struct thread *td, void (*func)(void *),
	    void *arg);
struct trapframe *fork_exit(void (*func)(void *), void *arg);

/* sched_4bsd.c, kern_switch.c: the run queue and the scheduler. */
void	sched_add(struct thread *td);
struct thread *sched_choose(void);
void	sched_clock(struct thread *td);
void	runq_init(void);
void	runq_add(struct thread *td);
struct thread *runq_choose(void);
bool	runq_check(int priority);
extern struct thread *idlethread;

/* kern_synch.c: sleeping, waking, switching. */
int	tsleep(const void *chan, int priority, const char *wmesg, int timo);
void	wakeup(const void *chan);
void	setrunnable(struct thread *td);
void	mi_switch(void);
void	sleepq_timeout(uint64_t now);
void	userret(struct thread *td);

void	exit1(struct proc *p, int status) __dead2;

/* kern_exec.c */
int	kern_execve(struct proc *p, const char *path, register_t *entry,
	    register_t *sp);
int	copyin(struct proc *p, vm_offset_t uaddr, void *kaddr, size_t len);
int	copyout(struct proc *p, const void *kaddr, vm_offset_t uaddr,
	    size_t len);
extern bool rootvnode_mounted;

#endif
