/*
 * exec for one format: a static 64-bit RISC-V ELF executable from the
 * root file system.  Each PT_LOAD segment is copied into fresh pages of
 * the process's address space; a small stack goes just below USRSTACK.
 */
#include <sys/systm.h>
#include <sys/disk.h>
#include <sys/proc.h>
#include <sys/tslog.h>
#include <vm/vm.h>

#define	USRSTACK	0x40000000UL	/* the top of the first gigabyte */
#define	USTACK_PAGES	4

#define	ELFMAG		"\177ELF"
#define	ELFCLASS64	2
#define	ELFDATA2LSB	1
#define	ET_EXEC		2
#define	EM_RISCV	243
#define	PT_LOAD		1
#define	PF_X		1
#define	PF_W		2
#define	PF_R		4

typedef struct {
	uint8_t		e_ident[16];
	uint16_t	e_type;
	uint16_t	e_machine;
	uint32_t	e_version;
	uint64_t	e_entry;
	uint64_t	e_phoff;
	uint64_t	e_shoff;
	uint32_t	e_flags;
	uint16_t	e_ehsize;
	uint16_t	e_phentsize;
	uint16_t	e_phnum;
	uint16_t	e_shentsize;
	uint16_t	e_shnum;
	uint16_t	e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	uint32_t	p_type;
	uint32_t	p_flags;
	uint64_t	p_offset;
	uint64_t	p_vaddr;
	uint64_t	p_paddr;
	uint64_t	p_filesz;
	uint64_t	p_memsz;
	uint64_t	p_align;
} Elf64_Phdr;

static int
load_segment(struct proc *p, const struct ufile *f, const Elf64_Phdr *ph)
{
	struct pmap *pmap = &p->p_vmspace->vm_pmap;
	vm_offset_t va, start = rounddown2(ph->p_vaddr, PAGE_SIZE);
	u_int prot = 0;

	if (ph->p_memsz < ph->p_filesz || ph->p_vaddr + ph->p_memsz < ph->p_vaddr
	    || ph->p_vaddr + ph->p_memsz > USRSTACK - USTACK_PAGES * PAGE_SIZE)
		return (-1);
	prot |= (ph->p_flags & PF_R) ? VM_PROT_READ : 0;
	prot |= (ph->p_flags & PF_W) ? VM_PROT_WRITE : 0;
	prot |= (ph->p_flags & PF_X) ? VM_PROT_EXECUTE : 0;
	for (va = start; va < ph->p_vaddr + ph->p_memsz; va += PAGE_SIZE) {
		vm_paddr_t pa = pmap_extract(pmap, va);
		uint64_t lo, hi;

		if (pa == 0) {
			if ((pa = vm_page_alloc()) == 0 ||
			    pmap_enter(pmap, va, pa, prot) != 0)
				return (-1);
		}
		/* The part of this page that comes from the file. */
		lo = va > ph->p_vaddr ? va : ph->p_vaddr;
		hi = va + PAGE_SIZE;
		if (hi > ph->p_vaddr + ph->p_filesz)
			hi = ph->p_vaddr + ph->p_filesz;
		if (lo < hi && ustarfs_read(f, ph->p_offset + (lo - ph->p_vaddr),
		    (void *)(rounddown2(pa, PAGE_SIZE) + (lo - va)), hi - lo) != 0)
			return (-1);
	}
	return (0);
}

int
kern_execve(struct proc *p, const char *path, register_t *entry,
    register_t *sp)
{
	const struct ufile *f;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	vm_offset_t va;
	int i;

	TSENTER2(path);
	if ((f = ustarfs_lookup(path)) == NULL) {
		TSEXIT2(path);
		return (2);	/* ENOENT */
	}
	if (ustarfs_read(f, 0, &eh, sizeof(eh)) != 0 ||
	    memcmp(eh.e_ident, ELFMAG, 4) != 0 ||
	    eh.e_ident[4] != ELFCLASS64 || eh.e_ident[5] != ELFDATA2LSB ||
	    eh.e_type != ET_EXEC || eh.e_machine != EM_RISCV ||
	    eh.e_phentsize != sizeof(ph))
		goto noexec;
	for (i = 0; i < eh.e_phnum; i++) {
		if (ustarfs_read(f, eh.e_phoff + i * sizeof(ph), &ph,
		    sizeof(ph)) != 0)
			goto noexec;
		if (ph.p_type == PT_LOAD && load_segment(p, f, &ph) != 0)
			goto noexec;
	}
	for (va = USRSTACK - USTACK_PAGES * PAGE_SIZE; va < USRSTACK;
	    va += PAGE_SIZE) {
		vm_paddr_t pa = vm_page_alloc();

		if (pa == 0 || pmap_enter(&p->p_vmspace->vm_pmap, va, pa,
		    VM_PROT_READ | VM_PROT_WRITE) != 0)
			goto noexec;
	}
	*entry = eh.e_entry;
	*sp = USRSTACK;
	TSEXIT2(path);
	return (0);
noexec:
	TSEXIT2(path);
	return (8);	/* ENOEXEC */
}

/* Copy between the kernel and a user address space, page by page. */
int
copyin(struct proc *p, vm_offset_t uaddr, void *kaddr, size_t len)
{
	uint8_t *dst = kaddr;

	while (len > 0) {
		vm_paddr_t pa;
		size_t n = PAGE_SIZE - (uaddr & (PAGE_SIZE - 1));

		if (uaddr >= USRSTACK ||
		    (pa = pmap_extract(&p->p_vmspace->vm_pmap, uaddr)) == 0)
			return (14);	/* EFAULT */
		if (n > len)
			n = len;
		memcpy(dst, (void *)pa, n);
		dst += n;
		uaddr += n;
		len -= n;
	}
	return (0);
}

int
copyout(struct proc *p, const void *kaddr, vm_offset_t uaddr, size_t len)
{
	const uint8_t *src = kaddr;

	while (len > 0) {
		vm_paddr_t pa;
		size_t n = PAGE_SIZE - (uaddr & (PAGE_SIZE - 1));

		if (uaddr >= USRSTACK ||
		    (pa = pmap_extract(&p->p_vmspace->vm_pmap, uaddr)) == 0)
			return (14);	/* EFAULT */
		if (n > len)
			n = len;
		memcpy((void *)pa, src, n);
		src += n;
		uaddr += n;
		len -= n;
	}
	return (0);
}
