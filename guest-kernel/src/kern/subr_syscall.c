/*
 * System calls, with FreeBSD's numbers and RISC-V convention: the number
 * in t0, arguments in a0..a5; on return a0 is the result and t0 is 0, or
 * a0 is an errno and t0 is 1.
 */
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/reboot.h>
#include <riscv/frame.h>
#include <riscv/riscvreg.h>

#define	SYS_exit		1
#define	SYS_write		4
#define	SYS_getpid		20
#define	SYS_reboot		55
#define	SYS_clock_gettime	232

#define	CLOCK_MONOTONIC		4
#define	CLOCK_UPTIME		5

#define	EBADF	9
#define	EFAULT	14
#define	EINVAL	22
#define	ENOSYS	78

struct timespec {
	int64_t	tv_sec;
	int64_t	tv_nsec;
};

static int
sys_write(struct proc *p, register_t *args, register_t *retval)
{
	char buf[128];
	size_t done = 0, len = args[2];

	if (args[0] != 1 && args[0] != 2)
		return (EBADF);
	while (done < len) {
		size_t n = len - done > sizeof(buf) ? sizeof(buf) : len - done;

		if (copyin(p, args[1] + done, buf, n) != 0)
			return (EFAULT);
		for (size_t i = 0; i < n; i++)
			cnputc(buf[i]);
		done += n;
	}
	*retval = (register_t)done;
	return (0);
}

/* The monotonic clock counts from the machine's reset. */
static int
sys_clock_gettime(struct proc *p, register_t *args, register_t *retval)
{
	uint64_t t = rdtime();
	struct timespec ts;

	if (args[0] != CLOCK_MONOTONIC && args[0] != CLOCK_UPTIME)
		return (EINVAL);
	ts.tv_sec = (int64_t)(t / bootinfo.timebase);
	ts.tv_nsec = (int64_t)((t % bootinfo.timebase) * 1000000000UL /
	    bootinfo.timebase);
	*retval = 0;
	return (copyout(p, &ts, args[1], sizeof(ts)));
}

void
syscall(struct trapframe *tf)
{
	struct proc *p = curproc();
	register_t *args = &tf->tf_a0, retval = 0;
	int error;

	switch (tf->tf_t0) {
	case SYS_exit:
		exit1(p, (int)args[0]);
	case SYS_write:
		error = sys_write(p, args, &retval);
		break;
	case SYS_getpid:
		retval = p->p_pid;
		error = 0;
		break;
	case SYS_reboot:
		if (p != initproc) {
			error = 1;	/* EPERM */
			break;
		}
		kern_reboot((int)args[0]);
	case SYS_clock_gettime:
		error = sys_clock_gettime(p, args, &retval);
		break;
	default:
		error = ENOSYS;
	}
	tf->tf_a0 = error != 0 ? (register_t)error : retval;
	tf->tf_t0 = error != 0;
}
