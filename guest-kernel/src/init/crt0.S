/* The start of /sbin/init: call main(), then exit with its value. */
	.text
	.globl	_start
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	call	main
	li	t0, 1		/* SYS_exit */
	ecall
1:	j	1b
