/*
 * mi_startup(): the machine-independent half of the boot.  It collects the
 * SYSINITs from the linker set, sorts them by (subsystem, order) and runs
 * them.  The sort is the subject of FreeBSD review D39916 and commit
 * 9a7add6d: the bootarg sysinit.sort picks one of
 *	bubble	the nested-loop exchange FreeBSD used from 1995 to 2023,
 *	merge	the stable linked-list merge sort FreeBSD uses since 2023,
 *	qsort	the in-place array quicksort proposed in D39916 (not stable),
 * and the instructions it takes are measured with the instret counter.
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/proc.h>
#include <sys/tslog.h>
#include <sys/reboot.h>
#include <riscv/frame.h>
#include <riscv/riscvreg.h>
#include <vm/vm.h>

SET_DECLARE(sysinit_set, struct sysinit);

STAILQ_HEAD(sysinit_list, sysinit);

struct thread thread0;
struct proc proc0;
struct thread *curthread = &thread0;
extern uint8_t bootstack_top[];

static void swapper(void) __dead2;

/* Room for the sorted pointer array (the linker set itself stays intact). */
#define	SYSINIT_MAX	2048
static struct sysinit *sysinit_array[SYSINIT_MAX];

/* Is a after b in boot order? */
static inline bool
sysinit_after(const struct sysinit *a, const struct sysinit *b)
{
	return (a->subsystem > b->subsystem ||
	    (a->subsystem == b->subsystem && a->order > b->order));
}

/*
 * Bubble sort over the pointer array: n-1 passes of neighbour swaps.  Only
 * strictly out-of-order neighbours are swapped, so equal keys keep their
 * linker-set order (stable), and the cost is quadratic whatever the input.
 */
static void
sysinit_bubblesort(struct sysinit **set, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		for (j = 0; j < n - i; j++) {
			if (sysinit_after(set[j], set[j + 1])) {
				struct sysinit *save = set[j];

				set[j] = set[j + 1];
				set[j + 1] = save;
			}
		}
	}
}

/*
 * Quicksort over the pointer array: median-of-three pivot, Hoare
 * partitioning, recursion on the smaller side, insertion sort for short
 * ranges.  Partitioning moves equal keys past each other: not stable.
 */
static void
sysinit_qsort(struct sysinit **a, long lo, long hi)
{
	while (hi - lo > 8) {
		long mid = lo + (hi - lo) / 2, i = lo - 1, j = hi + 1;
		struct sysinit *t, *pivot;

		if (sysinit_after(a[lo], a[mid]))
			t = a[lo], a[lo] = a[mid], a[mid] = t;
		if (sysinit_after(a[mid], a[hi]))
			t = a[mid], a[mid] = a[hi], a[hi] = t;
		if (sysinit_after(a[lo], a[mid]))
			t = a[lo], a[lo] = a[mid], a[mid] = t;
		pivot = a[mid];
		for (;;) {
			do
				i++;
			while (sysinit_after(pivot, a[i]));
			do
				j--;
			while (sysinit_after(a[j], pivot));
			if (i >= j)
				break;
			t = a[i], a[i] = a[j], a[j] = t;
		}
		if (j - lo < hi - j) {
			sysinit_qsort(a, lo, j);
			lo = j + 1;
		} else {
			sysinit_qsort(a, j + 1, hi);
			hi = j;
		}
	}
	for (long i = lo + 1; i <= hi; i++) {
		struct sysinit *v = a[i];
		long j = i;

		for (; j > lo && sysinit_after(a[j - 1], v); j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/* Merge two sorted lists; on equal keys a's entries come first. */
static struct sysinit *
sysinit_merge(struct sysinit *a, struct sysinit *b)
{
	struct sysinit head, *tail = &head;

	while (a != NULL && b != NULL) {
		if (sysinit_after(a, b)) {
			STAILQ_NEXT(tail, next) = b;
			tail = b;
			b = STAILQ_NEXT(b, next);
		} else {
			STAILQ_NEXT(tail, next) = a;
			tail = a;
			a = STAILQ_NEXT(a, next);
		}
	}
	STAILQ_NEXT(tail, next) = a != NULL ? a : b;
	return (STAILQ_NEXT(&head, next));
}

/*
 * Natural bottom-up merge sort of the singly-linked list: cut it into its
 * ascending runs, then merge neighbouring runs pairwise until one is left.
 * Runs stay in list order and ties take the left run first: stable.  The
 * cost is n log2(number of runs) steps, and linker sets are full of runs
 * (each file's SYSINITs tend to come in ascending order).
 */
static void
sysinit_mergesort(struct sysinit_list *list)
{
	static struct sysinit *runs[SYSINIT_MAX];
	struct sysinit *sip, *next;
	size_t nruns = 0, i, j;

	for (sip = STAILQ_FIRST(list); sip != NULL; sip = next) {
		runs[nruns++] = sip;
		while ((next = STAILQ_NEXT(sip, next)) != NULL &&
		    !sysinit_after(sip, next))
			sip = next;
		STAILQ_NEXT(sip, next) = NULL;
	}
	if (nruns == 0)
		return;
	while (nruns > 1) {
		for (i = 0, j = 0; i + 1 < nruns; i += 2)
			runs[j++] = sysinit_merge(runs[i], runs[i + 1]);
		if (i < nruns)
			runs[j++] = runs[i];
		nruns = j;
	}
	list->stqh_first = runs[0];
	for (sip = runs[0]; STAILQ_NEXT(sip, next) != NULL;
	    sip = STAILQ_NEXT(sip, next))
		;
	list->stqh_last = &STAILQ_NEXT(sip, next);
}

/* FNV-1a over the uniquifiers in boot order: equal orders, equal sums. */
static uint64_t
sysinit_checksum(struct sysinit **set, size_t n)
{
	uint64_t h = 0xcbf29ce484222325UL;
	size_t i;

	for (i = 0; i < n; i++) {
		const unsigned char *s = (const unsigned char *)set[i]->name;

		do {
			h ^= *s;
			h *= 0x100000001b3UL;
		} while (*s++ != '\0');
	}
	return (h);
}

static void
print_duration(const char *what, size_t n, const char *algo, uint64_t insns,
    uint64_t ticks)
{
	uint64_t ns = ticks * 1000000000UL / bootinfo.timebase;

	printf("%s: sorted %zu entries with %s in %lu instructions "
	    "(%lu.%lu us)\n", what, n, algo, insns, ns / 1000,
	    (ns % 1000) / 100);
}

void
mi_startup(void)
{
	struct sysinit_list list;
	struct sysinit **sipp, *sip;
	const char *algo, *sort;
	uint64_t i0, i1, t0, t1;
	size_t n, i;

	TSENTER();
	n = (size_t)SET_COUNT(sysinit_set);
	if (n > SYSINIT_MAX)
		panic("%zu SYSINITs, room for %d", n, SYSINIT_MAX);
	sort = kern_getenv("sysinit.sort");
	if (sort == NULL)
		sort = "merge";
	if (strcmp(sort, "bubble") == 0)
		algo = "bubblesort";
	else if (strcmp(sort, "qsort") == 0)
		algo = "qsort";
	else
		algo = "mergesort";

	/* The starting order is the linker set's, for every algorithm. */
	i = 0;
	STAILQ_INIT(&list);
	for (sipp = SET_BEGIN(sysinit_set); sipp < SET_LIMIT(sysinit_set);
	    sipp++) {
		sysinit_array[i++] = *sipp;
		STAILQ_INSERT_TAIL(&list, *sipp, next);
	}

	TSENTER2(algo);
	t0 = rdtime();
	i0 = rdinstret();
	if (algo[0] == 'b')
		sysinit_bubblesort(sysinit_array, n);
	else if (algo[0] == 'q')
		sysinit_qsort(sysinit_array, 0, (long)n - 1);
	else
		sysinit_mergesort(&list);
	i1 = rdinstret();
	t1 = rdtime();
	TSEXIT2(algo);

	if (algo[0] == 'm') {
		i = 0;
		STAILQ_FOREACH(sip, &list, next)
			sysinit_array[i++] = sip;
	}
	print_duration("sysinit", n, algo, i1 - i0, t1 - t0);
	printf("sysinit: order checksum %016lx\n",
	    sysinit_checksum(sysinit_array, n));

	for (i = 0; i < n; i++) {
		sip = sysinit_array[i];
		TSRAW(curthread, TS_ENTER, "SYSINIT", sip->name);
		(*sip->func)(sip->udata);
		TSRAW(curthread, TS_EXIT, "SYSINIT", sip->name);
		sip->subsystem = SI_SUB_DONE;
	}
	TSEXIT();
	swapper();
}

static const char copyright[] =
    "Copyright (c) 2026 The BootLab authors.\n"
    "BootLab guest kernel: a teaching kernel modelled on FreeBSD's boot.\n"
    "FreeBSD is a registered trademark of The FreeBSD Foundation.\n";
static const char version[] =
    "BootLab 0.1 riscv64 (rv64gc, Sv39)\n";

static void
print_caddr_t(const void *data)
{
	printf("%s", (const char *)data);
}
SYSINIT(announce, SI_SUB_COPYRIGHT, SI_ORDER_FIRST, print_caddr_t, copyright);
SYSINIT(version, SI_SUB_COPYRIGHT, SI_ORDER_THIRD, print_caddr_t, version);

/*
 * proc 0, the kernel itself: thread0 runs mi_startup() on the boot stack
 * and, when every SYSINIT has run, becomes the swapper.
 */
static void
proc0_init(const void *dummy __attribute__((unused)))
{
	proc0.p_pid = 0;
	memcpy(proc0.p_comm, "kernel", 7);
	proc0.p_flag = P_KPROC;
	proc0.p_thread = &thread0;
	thread0.td_proc = &proc0;
	thread0.td_name = "swapper";
	thread0.td_kstack = (vm_offset_t)bootstack_top;
	thread0.td_priority = PVM;
	thread0.td_state = TDS_RUNNING;
	thread0.td_allnext = allthreads;
	allthreads = &thread0;
	TSTHREAD(&thread0, thread0.td_name);
}
SYSINIT(p0init, SI_SUB_INTRINSIC, SI_ORDER_FIRST, proc0_init, NULL);

/*
 * The end of mi_startup(): FreeBSD's thread0 turned into the swapper,
 * which brought swapped-out processes back in.  Nothing is ever swapped
 * out here, so it only sleeps -- and with that the scheduler runs the
 * threads the SYSINITs made runnable: the daemons, then init.
 */
static void __dead2
swapper(void)
{
	for (;;)
		tsleep(&proc0, PVM, "swapin", 0);
}

/*
 * Process 1, init: created at SI_SUB_CREATE_INIT with its own address
 * space, kernel stack and trapframe; its thread starts in start_init()
 * once it is made runnable at SI_SUB_KTHREAD_INIT and scheduled.
 */
static struct vmspace vmspace1;
struct proc *initproc;

/*
 * Init's first code, in the kernel on init's own thread: load /sbin/init
 * into its address space and fill in the trapframe that fork_trampoline
 * returns to U-mode through.
 */
static void
start_init(void *dummy)
{
	struct thread *td = curthread;
	struct trapframe *tf = td->td_frame;
	const char *path = kern_getenv("init_path");
	register_t entry, sp;
	int error;

	TSENTER();
	if (path == NULL)
		path = "/sbin/init";
	if (!rootvnode_mounted) {
		printf("init: no root file system, nothing to run\n");
		kern_reboot(RB_POWEROFF);
	}
	error = kern_execve(td->td_proc, path, &entry, &sp);
	if (error != 0) {
		printf("init: exec of %s failed, error %d\n", path, error);
		kern_reboot(RB_POWEROFF);
	}
	memset(tf, 0, sizeof(*tf));
	tf->tf_sepc = entry;
	tf->tf_sp = sp;
	tf->tf_sstatus = (csr_read(sstatus) & ~(SSTATUS_SPP | SSTATUS_SIE)) |
	    SSTATUS_SPIE;
	TSEXIT();
}

static void
create_init(const void *dummy)
{
	struct thread *td;

	TSENTER();
	initproc = proc_alloc("init", 1, PUSER);
	if (initproc == NULL)
		panic("create_init: no process for init");
	initproc->p_vmspace = &vmspace1;
	if (pmap_pinit(&vmspace1.vm_pmap) != 0)
		panic("create_init: no memory for an address space");
	td = initproc->p_thread;
	td->td_frame = (struct trapframe *)(td->td_kstack -
	    sizeof(struct trapframe));
	cpu_fork_kthread_handler(td, start_init, NULL);
	TSTHREAD(td, td->td_name);
	TSEXIT();
}
SYSINIT(init, SI_SUB_CREATE_INIT, SI_ORDER_FIRST, create_init, NULL);

/* Make init runnable: it runs when thread0 is done and sleeps. */
static void
kick_init(const void *dummy)
{
	sched_add(initproc->p_thread);
}
SYSINIT(kickinit, SI_SUB_KTHREAD_INIT, SI_ORDER_MIDDLE, kick_init, NULL);
