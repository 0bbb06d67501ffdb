/* Block devices as the file system sees them: 512-byte sectors. */
#ifndef _SYS_DISK_H_
#define _SYS_DISK_H_

#include <sys/types.h>

#define	DEV_BSIZE	512

struct disk {
	const char	*d_name;	/* e.g. "vtbd0" */
	uint64_t	d_sectors;
	int		(*d_read)(struct disk *dp, uint64_t lba, void *buf,
			    uint32_t nsect);	/* 0 or -1; nsect <= 8 */
	void		*d_drv1;	/* the driver's softc */
	struct disk	*d_next;
};

void	disk_create(struct disk *dp);
struct disk *disk_find(const char *name);

/* fs/ustarfs.c: the root file system, a ustar archive on a disk. */
struct ufile {
	char		name[101 + 155];
	uint64_t	offset;		/* byte offset of the data on disk */
	uint64_t	size;
	uint32_t	mode;
};
int	ustarfs_mount(struct disk *dp);
const struct ufile *ustarfs_lookup(const char *path);
int	ustarfs_read(const struct ufile *f, uint64_t off, void *buf, size_t len);

#endif
