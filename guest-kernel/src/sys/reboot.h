/* reboot(2) flags and the kernel's shutdown path. */
#ifndef _SYS_REBOOT_H_
#define _SYS_REBOOT_H_

#define	RB_AUTOBOOT	0
#define	RB_HALT		0x008
#define	RB_POWEROFF	0x4000

void	kern_reboot(int howto) __attribute__((__noreturn__));

#endif
