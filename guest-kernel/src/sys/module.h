/*
 * The registrations kernel modules make at boot, each through a SYSINIT:
 * tunables (SI_SUB_TUNABLES), locks (SI_SUB_LOCK), sysctl nodes and
 * drivers (SI_SUB_DRIVERS).  Many share a (subsystem, order) key, which is
 * what makes the stability of the SYSINIT sort visible.
 */
#ifndef _SYS_MODULE_H_
#define _SYS_MODULE_H_

#include <sys/kernel.h>

/* TUNABLE_INT: a default value that a bootarg can override. */
struct tunable_int {
	const char	*path;
	int		*var;
};
void	tunable_int_init(void *data);
#define	TUNABLE_INT(path, var)						\
	static struct tunable_int __CONCAT(__tunable_int_, __LINE__) =	\
	    { (path), (var) };						\
	SYSINIT(__CONCAT(__Tunable_init_, __LINE__), SI_SUB_TUNABLES,	\
	    SI_ORDER_MIDDLE, tunable_int_init,				\
	    &__CONCAT(__tunable_int_, __LINE__))

/* A mutex (this kernel is single-threaded; locks are registered, not spun). */
struct mtx {
	const char	*lock_name;
	struct mtx	*lock_next;	/* all locks, for a witness-like list */
	int		lock_owned;
};
struct mtx_args {
	struct mtx	*ma_mtx;
	const char	*ma_desc;
};
void	mtx_sysinit(void *arg);
#define	MTX_SYSINIT(name, mtx, desc)					\
	static struct mtx_args name##_args = { (mtx), (desc) };		\
	SYSINIT(name##_mtx_sysinit, SI_SUB_LOCK, SI_ORDER_MIDDLE,	\
	    mtx_sysinit, &name##_args)
extern int mtx_count;

/* A sysctl node: a named integer in the sysctl tree. */
struct sysctl_oid {
	const char	*oid_name;	/* full dotted name */
	int		*oid_arg;
	struct sysctl_oid *oid_next;	/* hash chain */
};
void	sysctl_register_oid(void *oid);
struct sysctl_oid *sysctl_find(const char *name);
extern int sysctl_count;

#endif
