/*
 * TSLOG: FreeBSD's boot-time event log.  Each record names a thread, a
 * type, a function and an optional second string, and carries the cycle
 * counter.  "sysctl debug.tslog" (here: the bootarg tslog.dump=1) prints
 * them one per line.
 */
#ifndef _SYS_TSLOG_H_
#define _SYS_TSLOG_H_

#define	TS_ENTER	0
#define	TS_EXIT		1
#define	TS_THREAD	2
#define	TS_EVENT	3

struct thread;
extern struct thread *curthread;

void	tslog(void *td, int type, const char *f, const char *s);
void	tslog_dump(void);

#define	TSRAW(a, b, c, d)	tslog(a, b, c, d)
#define	TSENTER()		TSRAW(curthread, TS_ENTER, __func__, NULL)
#define	TSENTER2(x)		TSRAW(curthread, TS_ENTER, __func__, x)
#define	TSEXIT()		TSRAW(curthread, TS_EXIT, __func__, NULL)
#define	TSEXIT2(x)		TSRAW(curthread, TS_EXIT, __func__, x)
#define	TSTHREAD(td, x)		TSRAW(td, TS_THREAD, x, NULL)
#define	TSEVENT(x)		TSRAW(curthread, TS_EVENT, x, NULL)
#define	TSEVENT2(x, y)		TSRAW(curthread, TS_EVENT, x, y)
#define	TSLINE()		TSEVENT2(__FILE__, __XSTRING(__LINE__))
#define	TSWAIT(x)		TSEVENT2("WAIT", x)
#define	TSUNWAIT(x)		TSEVENT2("UNWAIT", x)
#define	TSHOLD(x)		TSEVENT2("HOLD", x)
#define	TSRELEASE(x)		TSEVENT2("RELEASE", x)

#endif
