/*
 * /sbin/init: the first user process.  It greets, reports how long the
 * boot took to reach it, and asks the kernel to power the machine off.
 * It talks to the kernel only through system calls (FreeBSD's numbers).
 */
#include <stddef.h>
#include <stdint.h>

#define	SYS_write		4
#define	SYS_getpid		20
#define	SYS_reboot		55
#define	SYS_clock_gettime	232
#define	CLOCK_UPTIME		5
#define	RB_POWEROFF		0x4000

struct timespec {
	int64_t	tv_sec;
	int64_t	tv_nsec;
};

static long
syscall3(long number, long a0, long a1, long a2)
{
	register long t0 __asm("t0") = number;
	register long r0 __asm("a0") = a0;
	register long r1 __asm("a1") = a1;
	register long r2 __asm("a2") = a2;

	__asm __volatile("ecall" : "+r" (r0), "+r" (t0) : "r" (r1), "r" (r2)
	    : "memory");
	return (t0 != 0 ? -r0 : r0);
}

static size_t
length(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return (n);
}

static void
puts_(const char *s)
{
	syscall3(SYS_write, 1, (long)s, (long)length(s));
}

/* Append the decimal digits of v, at least width of them. */
static char *
decimal(char *p, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0 || n < width);
	while (n > 0)
		*p++ = tmp[--n];
	return (p);
}

static char *
append(char *p, const char *s)
{
	while (*s != '\0')
		*p++ = *s++;
	return (p);
}

int
main(void)
{
	struct timespec ts;
	char line[96], *p;
	long pid = syscall3(SYS_getpid, 0, 0, 0);

	p = append(line, "init: hello from /sbin/init, pid ");
	p = decimal(p, (uint64_t)pid, 1);
	*p++ = '\n';
	*p = '\0';
	puts_(line);
	if (syscall3(SYS_clock_gettime, CLOCK_UPTIME, (long)&ts, 0) == 0) {
		uint64_t us = (uint64_t)ts.tv_sec * 1000000 +
		    (uint64_t)ts.tv_nsec / 1000;

		p = append(line, "init: reached user mode ");
		p = decimal(p, us / 1000, 1);
		*p++ = '.';
		p = decimal(p, us % 1000, 3);
		p = append(p, " ms after reset\n");
		*p = '\0';
		puts_(line);
	}
	puts_("init: powering off\n");
	syscall3(SYS_reboot, RB_POWEROFF, 0, 0);
	return (1);
}
