/*
 * What module SYSINITs do: register drivers on the bus's driver list,
 * fetch tunables from the kernel environment, link locks into the list of
 * all locks and insert sysctl nodes in a hash table.
 */
#include <sys/systm.h>
#include <sys/bus.h>
#include <sys/module.h>

static driver_t *drivers;
static int ndrivers;

/* Drivers are kept in registration order, which is boot order. */
void
module_register_init(void *data)
{
	struct moduledata *md = data;
	driver_t **dp;

	for (dp = &drivers; *dp != NULL; dp = &(*dp)->next)
		if (*dp == md->driver)
			return;
	md->driver->bus = md->bus;
	md->driver->next = NULL;
	*dp = md->driver;
	ndrivers++;
}

driver_t *
driver_list(void)
{
	return (drivers);
}

int
driver_count(void)
{
	return (ndrivers);
}

void
tunable_int_init(void *data)
{
	struct tunable_int *d = data;
	int64_t v;

	if (getenv_quad(d->path, &v))
		*d->var = (int)v;
}

static struct mtx *all_locks;
int mtx_count;

void
mtx_sysinit(void *arg)
{
	struct mtx_args *margs = arg;

	margs->ma_mtx->lock_name = margs->ma_desc;
	margs->ma_mtx->lock_owned = 0;
	margs->ma_mtx->lock_next = all_locks;
	all_locks = margs->ma_mtx;
	mtx_count++;
}

#define	SYSCTL_HASH	64
static struct sysctl_oid *sysctl_hash[SYSCTL_HASH];
int sysctl_count;

static u_int
sysctl_hashval(const char *name)
{
	u_int h = 5381;

	while (*name != '\0')
		h = h * 33 + (u_char)*name++;
	return (h % SYSCTL_HASH);
}

void
sysctl_register_oid(void *data)
{
	struct sysctl_oid *oid = data;
	u_int h = sysctl_hashval(oid->oid_name);

	oid->oid_next = sysctl_hash[h];
	sysctl_hash[h] = oid;
	sysctl_count++;
}

struct sysctl_oid *
sysctl_find(const char *name)
{
	struct sysctl_oid *oid;

	for (oid = sysctl_hash[sysctl_hashval(name)]; oid != NULL;
	    oid = oid->oid_next)
		if (strcmp(oid->oid_name, name) == 0)
			return (oid);
	return (NULL);
}
