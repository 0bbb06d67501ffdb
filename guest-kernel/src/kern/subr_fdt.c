/*
 * A flattened device tree walker.  The blob is a header, a structure block
 * of big-endian 32-bit tokens (BEGIN_NODE name, PROP len nameoff value,
 * END_NODE, NOP, END) and a strings block holding property names.  Node
 * offsets are byte offsets of BEGIN_NODE tokens in the structure block.
 */
#include <sys/systm.h>
#include <sys/fdt.h>

#define	FDT_MAGIC	0xd00dfeed
#define	FDT_BEGIN_NODE	1
#define	FDT_END_NODE	2
#define	FDT_PROP	3
#define	FDT_NOP		4
#define	FDT_END		9

uint32_t
fdt32(const void *p)
{
	const uint8_t *b = p;

	return ((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3]);
}

/* Read a 1- or 2-cell number (an address or a size). */
uint64_t
fdt_cells(const void *p, int ncells)
{
	const uint8_t *b = p;

	return (ncells == 2 ? (uint64_t)fdt32(b) << 32 | fdt32(b + 4) :
	    fdt32(b));
}

int
fdt_init(struct fdt *fdt, const void *blob)
{
	const uint8_t *b = blob;

	if (fdt32(b) != FDT_MAGIC)
		return (-1);
	fdt->blob = b;
	fdt->total_size = fdt32(b + 4);
	fdt->structs = b + fdt32(b + 8);
	fdt->strings = (const char *)b + fdt32(b + 12);
	fdt->struct_size = fdt32(b + 36);
	return (0);
}

static uint32_t
fdt_token(const struct fdt *fdt, int offset)
{
	if (offset < 0 || (uint32_t)offset + 4 > fdt->struct_size)
		return (FDT_END);
	return (fdt32(fdt->structs + offset));
}

/* The offset of the token after the one at offset. */
static int
fdt_skip(const struct fdt *fdt, int offset)
{
	uint32_t tag = fdt_token(fdt, offset);

	switch (tag) {
	case FDT_BEGIN_NODE:
		offset += 4 + (int)strlen((const char *)fdt->structs + offset + 4)
		    + 1;
		return (roundup2(offset, 4));
	case FDT_PROP:
		offset += 12 + (int)fdt32(fdt->structs + offset + 4);
		return (roundup2(offset, 4));
	case FDT_END_NODE:
	case FDT_NOP:
		return (offset + 4);
	default:
		return (-1);
	}
}

/*
 * The next node after offset in document order (offset -1: the root), with
 * *depth adjusted by the nesting crossed; -1 at the end of the tree.
 */
int
fdt_next_node(const struct fdt *fdt, int offset, int *depth)
{
	if (offset < 0) {
		offset = 0;
		while (fdt_token(fdt, offset) == FDT_NOP)
			offset += 4;
		*depth = 0;
		return (fdt_token(fdt, offset) == FDT_BEGIN_NODE ? offset : -1);
	}
	offset = fdt_skip(fdt, offset);
	while (offset >= 0) {
		switch (fdt_token(fdt, offset)) {
		case FDT_BEGIN_NODE:
			(*depth)++;
			return (offset);
		case FDT_END_NODE:
			(*depth)--;
			break;
		case FDT_END:
			return (-1);
		}
		offset = fdt_skip(fdt, offset);
	}
	return (-1);
}

const char *
fdt_get_name(const struct fdt *fdt, int offset)
{
	return ((const char *)fdt->structs + offset + 4);
}

const void *
fdt_getprop(const struct fdt *fdt, int offset, const char *name, int *lenp)
{
	for (offset = fdt_skip(fdt, offset); offset >= 0;
	    offset = fdt_skip(fdt, offset)) {
		uint32_t tag = fdt_token(fdt, offset);

		if (tag == FDT_NOP)
			continue;
		if (tag != FDT_PROP)
			break;
		if (strcmp(fdt->strings + fdt32(fdt->structs + offset + 8),
		    name) == 0) {
			if (lenp != NULL)
				*lenp = (int)fdt32(fdt->structs + offset + 4);
			return (fdt->structs + offset + 12);
		}
	}
	return (NULL);
}

/* The "compatible" property is a list of NUL-terminated strings. */
bool
fdt_is_compatible(const struct fdt *fdt, int offset, const char *compat)
{
	const char *p;
	int len, n;

	p = fdt_getprop(fdt, offset, "compatible", &len);
	for (; p != NULL && len > 0; p += n, len -= n) {
		if (strcmp(p, compat) == 0)
			return (true);
		n = (int)strlen(p) + 1;
	}
	return (false);
}

/* Find a node by its full path, e.g. "/soc/serial@10000000". */
int
fdt_path_offset(const struct fdt *fdt, const char *path)
{
	const char *comp[8];
	size_t complen[8];
	int ncomp = 0, matched = 0, depth, offset;

	while (*path == '/')
		path++;
	while (*path != '\0' && *path != ':' && ncomp < 8) {
		comp[ncomp] = path;
		while (*path != '\0' && *path != '/' && *path != ':')
			path++;
		complen[ncomp] = (size_t)(path - comp[ncomp]);
		ncomp++;
		while (*path == '/')
			path++;
	}
	offset = fdt_next_node(fdt, -1, &depth);
	while (offset >= 0) {
		if (matched == ncomp)
			return (offset);
		offset = fdt_next_node(fdt, offset, &depth);
		if (offset < 0 || depth <= matched)
			return (-1);
		if (depth == matched + 1) {
			const char *name = fdt_get_name(fdt, offset);

			if (strncmp(name, comp[matched], complen[matched]) == 0
			    && (name[complen[matched]] == '\0' ||
			    name[complen[matched]] == '@'))
				matched++;
		}
	}
	return (-1);
}
