/*
 * Disks, and mounting the root file system at SI_SUB_ROOT_CONF.  The root
 * comes from the bootarg vfs.root.mountfrom (default "ustarfs:vtbd0").
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/disk.h>
#include <sys/tslog.h>

static struct disk *disks;
bool rootvnode_mounted;

void
disk_create(struct disk *dp)
{
	struct disk **dpp;

	for (dpp = &disks; *dpp != NULL; dpp = &(*dpp)->d_next)
		;
	dp->d_next = NULL;
	*dpp = dp;
}

struct disk *
disk_find(const char *name)
{
	struct disk *dp;

	for (dp = disks; dp != NULL; dp = dp->d_next)
		if (strcmp(dp->d_name, name) == 0)
			return (dp);
	return (NULL);
}

static void
vfs_mountroot(const void *dummy)
{
	const char *from = kern_getenv("vfs.root.mountfrom");
	struct disk *dp;

	TSENTER();
	if (from == NULL)
		from = "ustarfs:vtbd0";
	printf("Trying to mount root from %s []...\n", from);
	if (strncmp(from, "ustarfs:", 8) != 0 ||
	    (dp = disk_find(from + 8)) == NULL) {
		printf("Mounting from %s failed with error 19.\n", from);
	} else if (ustarfs_mount(dp) != 0) {
		printf("Mounting from %s failed with error 5.\n", from);
	} else
		rootvnode_mounted = true;
	TSEXIT();
}
SYSINIT(mountroot, SI_SUB_ROOT_CONF, SI_ORDER_FIRST, vfs_mountroot, NULL);
