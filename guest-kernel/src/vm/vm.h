/* Physical pages, Sv39 page tables and address spaces. */
#ifndef _VM_VM_H_
#define _VM_VM_H_

#include <sys/types.h>

#define	PAGE_SIZE	4096UL
#define	PAGE_SHIFT	12
#define	L1_SHIFT	30	/* a root (level 2 in Sv39 terms) entry: 1 GiB */
#define	L2_SHIFT	21	/* 2 MiB */
#define	Ln_ENTRIES	512

#define	PTE_V		(1UL << 0)
#define	PTE_R		(1UL << 1)
#define	PTE_W		(1UL << 2)
#define	PTE_X		(1UL << 3)
#define	PTE_U		(1UL << 4)
#define	PTE_G		(1UL << 5)
#define	PTE_A		(1UL << 6)
#define	PTE_D		(1UL << 7)
#define	PTE_PPN_SHIFT	10
#define	SATP_MODE_SV39	(8UL << 60)

#define	VM_PROT_READ	PTE_R
#define	VM_PROT_WRITE	PTE_W
#define	VM_PROT_EXECUTE	PTE_X

typedef uint64_t pt_entry_t;

struct pmap {
	pt_entry_t	*pm_root;	/* physical == virtual (identity-mapped RAM) */
};

struct vmspace {
	struct pmap	vm_pmap;
};

/* vm/vm_page.c: the physical page allocator. */
vm_paddr_t vm_page_alloc(void);		/* a zeroed page, or 0 */
void	vm_page_free(vm_paddr_t pa);
bool	vm_page_zero_idle(void);
extern uint64_t vm_cnt_free, vm_cnt_total;

/* vm/vm_pageout.c: the pagedaemon keeps this many free pages zeroed. */
#define	VM_ZERO_TARGET	8	/* it fills the reserve up to this */
#define	VM_ZERO_MIN	4	/* below this, vm_page_alloc() wakes it */
extern int vm_page_zero_count;
void	pagedaemon_wakeup(void);

/* riscv/pmap.c */
extern struct pmap kernel_pmap_store;
int	pmap_pinit(struct pmap *pmap);
int	pmap_enter(struct pmap *pmap, vm_offset_t va, vm_paddr_t pa, u_int prot);
vm_paddr_t pmap_extract(struct pmap *pmap, vm_offset_t va);
void	pmap_activate(struct pmap *pmap);

#endif
