/*
 * Linker sets: each DATA_SET() adds a pointer to an ELF section named
 * set_<set>; the linker brackets the section with __start_set_<set> and
 * __stop_set_<set>, so the kernel can walk every entry without a table.
 */
#ifndef _SYS_LINKER_SET_H_
#define _SYS_LINKER_SET_H_

#define	__MAKE_SET(set, sym)						\
	static void const * const __set_##set##_sym_##sym		\
	__section("set_" #set) __used __aligned(8) = &(sym)

#define	DATA_SET(set, sym)	__MAKE_SET(set, sym)

#define	SET_DECLARE(set, ptype)						\
	extern ptype *__start_set_##set[];				\
	extern ptype *__stop_set_##set[]

#define	SET_BEGIN(set)	(__start_set_##set)
#define	SET_LIMIT(set)	(__stop_set_##set)
#define	SET_COUNT(set)	(SET_LIMIT(set) - SET_BEGIN(set))

#endif
