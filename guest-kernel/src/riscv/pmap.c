/*
 * Sv39 page tables.  The kernel maps DRAM one-to-one with 1 GiB pages (so
 * a physical address is also a kernel virtual address) and the device
 * region below 1 GiB at DEVMAP_BASE.  Those root entries are global and
 * not user-accessible; every process's root table starts as a copy of the
 * kernel's and gets its own 4 KiB mappings below 1 GiB.
 */
#include <sys/systm.h>
#include <riscv/machdep.h>
#include <riscv/riscvreg.h>
#include <vm/vm.h>

static pt_entry_t kernel_root[Ln_ENTRIES] __aligned(PAGE_SIZE);
struct pmap kernel_pmap_store = { kernel_root };

static pt_entry_t
pte_leaf(vm_paddr_t pa, uint64_t bits)
{
	return ((pa >> PAGE_SHIFT) << PTE_PPN_SHIFT | bits | PTE_V | PTE_A |
	    PTE_D);
}

static vm_paddr_t
pte_pa(pt_entry_t pte)
{
	return ((pte >> PTE_PPN_SHIFT) << PAGE_SHIFT);
}

static u_int
vpn(vm_offset_t va, int level)
{
	return ((va >> (PAGE_SHIFT + 9 * level)) & (Ln_ENTRIES - 1));
}

void
pmap_bootstrap(void)
{
	vm_paddr_t pa, end;

	end = bootinfo.mem_start + bootinfo.mem_size;
	for (pa = rounddown2(bootinfo.mem_start, 1UL << L1_SHIFT); pa < end;
	    pa += 1UL << L1_SHIFT)
		kernel_root[vpn(pa, 2)] = pte_leaf(pa, PTE_R | PTE_W | PTE_X |
		    PTE_G);
	kernel_root[vpn(DEVMAP_BASE, 2)] = pte_leaf(0, PTE_R | PTE_W | PTE_G);
	pmap_activate(&kernel_pmap_store);
}

void
pmap_activate(struct pmap *pmap)
{
	csr_write(satp, SATP_MODE_SV39 |
	    ((vm_paddr_t)pmap->pm_root >> PAGE_SHIFT));
	sfence_vma();
}

int
pmap_pinit(struct pmap *pmap)
{
	vm_paddr_t root = vm_page_alloc();

	if (root == 0)
		return (-1);
	pmap->pm_root = (pt_entry_t *)root;
	memcpy(pmap->pm_root, kernel_root, PAGE_SIZE);
	return (0);
}

/* Map one user page; the intermediate tables are allocated on demand. */
int
pmap_enter(struct pmap *pmap, vm_offset_t va, vm_paddr_t pa, u_int prot)
{
	pt_entry_t *table = pmap->pm_root;
	int level;

	for (level = 2; level > 0; level--) {
		pt_entry_t *pte = &table[vpn(va, level)];

		if ((*pte & PTE_V) == 0) {
			vm_paddr_t next = vm_page_alloc();

			if (next == 0)
				return (-1);
			*pte = (next >> PAGE_SHIFT) << PTE_PPN_SHIFT | PTE_V;
		} else if (*pte & (PTE_R | PTE_W | PTE_X))
			return (-1);	/* a kernel superpage is there */
		table = (pt_entry_t *)pte_pa(*pte);
	}
	table[vpn(va, 0)] = pte_leaf(pa, prot | PTE_U);
	sfence_vma();
	return (0);
}

/* The physical address behind a user virtual address, or 0. */
vm_paddr_t
pmap_extract(struct pmap *pmap, vm_offset_t va)
{
	pt_entry_t *table = pmap->pm_root;
	int level;

	for (level = 2; level >= 0; level--) {
		pt_entry_t pte = table[vpn(va, level)];

		if ((pte & PTE_V) == 0)
			return (0);
		if (pte & (PTE_R | PTE_W | PTE_X)) {
			if ((pte & PTE_U) == 0)
				return (0);
			return (pte_pa(pte) + (va & ((1UL << (PAGE_SHIFT +
			    9 * level)) - 1)));
		}
		table = (pt_entry_t *)pte_pa(pte);
	}
	return (0);
}
