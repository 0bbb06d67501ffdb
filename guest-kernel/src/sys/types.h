/* Fixed-width types for a freestanding kernel: no libc headers are used. */
#ifndef _SYS_TYPES_H_
#define _SYS_TYPES_H_

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

typedef uint8_t		u_char;
typedef uint16_t	u_short;
typedef uint32_t	u_int;
typedef uint64_t	u_long;
typedef uint64_t	vm_paddr_t;
typedef uint64_t	vm_offset_t;
typedef uint64_t	register_t;
typedef int64_t		ssize_t;

#define	nitems(x)	(sizeof(x) / sizeof((x)[0]))
#define	roundup2(x, y)	(((x) + ((y) - 1)) & ~((uint64_t)(y) - 1))
#define	rounddown2(x, y) ((x) & ~((uint64_t)(y) - 1))
#define	__used		__attribute__((__used__))
#define	__section(x)	__attribute__((__section__(x)))
#define	__aligned(x)	__attribute__((__aligned__(x)))
#define	__packed	__attribute__((__packed__))
#define	__dead2		__attribute__((__noreturn__))
#define	__CONCAT1(x, y)	x ## y
#define	__CONCAT(x, y)	__CONCAT1(x, y)
#define	__STRING(x)	#x

#endif
