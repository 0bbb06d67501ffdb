/* Threads and processes: thread0/proc0 is the kernel, proc 1 is init. */
#ifndef _SYS_PROC_H_
#define _SYS_PROC_H_

#include <sys/types.h>

struct trapframe;
struct vmspace;

struct thread {
	struct proc	*td_proc;
	const char	*td_name;
	vm_offset_t	td_kstack;	/* top of the kernel stack */
	struct trapframe *td_frame;	/* the user frame, at the stack top */
};

struct proc {
	int		p_pid;
	char		p_comm[20];
	struct thread	*p_thread;	/* one thread per process here */
	struct vmspace	*p_vmspace;
	int		p_xstat;
};

extern struct thread thread0;
extern struct proc proc0;
extern struct proc *initproc;





#include <sys/tslog.h>
#define	curproc()	(curthread->td_proc)
void	exit1(struct proc *p, int status) __dead2;


/* kern_exec.c */
int	kern_execve(struct proc *p, const char *path, register_t *entry,
	    register_t *sp);
int	copyin(struct proc *p, vm_offset_t uaddr, void *kaddr, size_t len);
int	copyout(struct proc *p, const void *kaddr, vm_offset_t uaddr,
	    size_t len);
void	scheduler(void) __dead2;
extern bool rootvnode_mounted;
#endif
