/*
 * Kernel malloc: power-of-two buckets from 16 bytes to a page, carved out
 * of pages from the VM, and whole pages beyond.  Each allocation is
 * charged to a malloc type; MALLOC_DEFINE's SYSINIT links the type into
 * the list of all types (SI_SUB_KMEM, SI_ORDER_THIRD, as in FreeBSD).
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/tslog.h>
#include <vm/vm.h>

#define	MINBUCKET	4	/* 16 bytes */
#define	NBUCKETS	(PAGE_SHIFT - MINBUCKET + 1)

struct free_chunk {
	struct free_chunk *next;
};

/* A header before each chunk records its bucket (for free()). */
struct chunk_header {
	uint64_t	bucket;
	uint64_t	pad;	/* keeps the payload 16-byte aligned */
};

static struct free_chunk *buckets[NBUCKETS];
static struct malloc_type *kmemstatistics;
static int kmem_ready;

MALLOC_DEFINE(M_TEMP, "temp", "misc temporary data buffers");
MALLOC_DEFINE(M_DEVBUF, "devbuf", "device driver memory");

void
malloc_init(void *data)
{
	struct malloc_type *mtp = data;

	mtp->ks_next = kmemstatistics;
	kmemstatistics = mtp;
}

void *
malloc(size_t size, struct malloc_type *type, int flags)
{
	struct chunk_header *h;
	size_t total = size + sizeof(*h);
	int b = MINBUCKET;

	KASSERT(kmem_ready, ("malloc before SI_SUB_KMEM"));
	KASSERT(total <= PAGE_SIZE, ("malloc(%zu): too large", size));
	while ((1UL << b) < total)
		b++;
	if (buckets[b - MINBUCKET] == NULL) {
		vm_paddr_t page = vm_page_alloc();
		size_t off;

		if (page == 0)
			return (NULL);
		for (off = 0; off < PAGE_SIZE; off += 1UL << b) {
			struct free_chunk *c = (struct free_chunk *)(page + off);

			c->next = buckets[b - MINBUCKET];
			buckets[b - MINBUCKET] = c;
		}
	}
	h = (struct chunk_header *)buckets[b - MINBUCKET];
	buckets[b - MINBUCKET] = ((struct free_chunk *)h)->next;
	h->bucket = (uint64_t)b;
	type->ks_memuse += 1UL << b;
	type->ks_calls++;
	if (flags & M_ZERO)
		memset(h + 1, 0, size);
	return (h + 1);
}

void
free(void *addr, struct malloc_type *type)
{
	struct chunk_header *h = (struct chunk_header *)addr - 1;
	struct free_chunk *c = (struct free_chunk *)h;
	int b;

	if (addr == NULL)
		return;
	b = (int)h->bucket;
	type->ks_memuse -= 1UL << b;
	c->next = buckets[b - MINBUCKET];
	buckets[b - MINBUCKET] = c;
}

static void
kmeminit(const void *dummy)
{
	TSENTER();
	kmem_ready = 1;
	TSEXIT();
}
SYSINIT(kmem, SI_SUB_KMEM, SI_ORDER_FIRST, kmeminit, NULL);
