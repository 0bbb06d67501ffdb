/* A small reader for the flattened device tree (DTB) the firmware hands us. */
#ifndef _SYS_FDT_H_
#define _SYS_FDT_H_

#include <sys/types.h>

struct fdt {
	const uint8_t	*blob;
	const uint8_t	*structs;	/* structure block */
	uint32_t	struct_size;
	const char	*strings;	/* strings block */
	uint32_t	total_size;
};

int	fdt_init(struct fdt *fdt, const void *blob);
int	fdt_next_node(const struct fdt *fdt, int offset, int *depth);
const char *fdt_get_name(const struct fdt *fdt, int offset);
const void *fdt_getprop(const struct fdt *fdt, int offset, const char *name,
	    int *lenp);
bool	fdt_is_compatible(const struct fdt *fdt, int offset, const char *compat);
int	fdt_path_offset(const struct fdt *fdt, const char *path);
uint32_t fdt32(const void *p);
uint64_t fdt_cells(const void *p, int ncells);

#endif
