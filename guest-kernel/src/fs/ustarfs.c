/*
 * The root file system: a POSIX ustar archive read-only from a disk.
 * Each file is a 512-byte header (name, octal size, checksum, "ustar"
 * magic, name prefix) followed by its data rounded up to 512 bytes; two
 * zero blocks end the archive.  Mounting reads every header once.
 */
#include <sys/systm.h>
#include <sys/disk.h>

#define	USTAR_MAX_FILES	32

static struct disk *root_disk;
static struct ufile files[USTAR_MAX_FILES];
static int nfiles;
static uint8_t sector[DEV_BSIZE];

static uint64_t
octal(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (; n > 0 && *p == ' '; p++, n--)
		;
	for (; n > 0 && *p >= '0' && *p <= '7'; p++, n--)
		v = v * 8 + (*p - '0');
	return (v);
}

static bool
header_valid(const uint8_t *h)
{
	uint64_t sum = 0;
	int i;

	for (i = 0; i < DEV_BSIZE; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	return (memcmp(h + 257, "ustar", 5) == 0 && sum == octal(h + 148, 8));
}

/* Append a NUL-bounded field of at most n bytes. */
static size_t
append(char *dst, size_t pos, const uint8_t *src, size_t n)
{
	for (; n > 0 && *src != '\0'; n--)
		dst[pos++] = (char)*src++;
	dst[pos] = '\0';
	return (pos);
}

int
ustarfs_mount(struct disk *dp)
{
	uint64_t lba = 0;

	nfiles = 0;
	while (lba < dp->d_sectors && nfiles < USTAR_MAX_FILES) {
		struct ufile *f = &files[nfiles];
		size_t pos = 0;
		const char *name;

		if (dp->d_read(dp, lba, sector, 1) != 0)
			return (-1);
		if (sector[0] == '\0')
			break;		/* the end-of-archive blocks */
		if (!header_valid(sector))
			return (lba == 0 ? -1 : 0);
		if (sector[345] != '\0') {
			pos = append(f->name, 0, sector + 345, 155);
			f->name[pos++] = '/';
		}
		append(f->name, pos, sector, 100);
		f->size = octal(sector + 124, 12);
		f->mode = (uint32_t)octal(sector + 100, 8);
		f->offset = (lba + 1) * DEV_BSIZE;
		/* Regular files only ('0' or NUL); skip "./" prefixes. */
		name = f->name;
		while (name[0] == '.' && name[1] == '/')
			name += 2;
		if (name != f->name)
			memcpy(f->name, name, strlen(name) + 1);
		if (sector[156] == '0' || sector[156] == '\0')
			nfiles++;
		lba += 1 + (f->size + DEV_BSIZE - 1) / DEV_BSIZE;
	}
	root_disk = dp;
	return (0);
}

const struct ufile *
ustarfs_lookup(const char *path)
{
	int i;

	while (*path == '/')
		path++;
	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i].name, path) == 0)
			return (&files[i]);
	return (NULL);
}

int
ustarfs_read(const struct ufile *f, uint64_t off, void *buf, size_t len)
{
	uint8_t *dst = buf;

	if (root_disk == NULL || off > f->size || len > f->size - off)
		return (-1);
	while (len > 0) {
		uint64_t pos = f->offset + off;
		size_t in = pos % DEV_BSIZE, n = DEV_BSIZE - in;

		if (n > len)
			n = len;
		if (root_disk->d_read(root_disk, pos / DEV_BSIZE, sector, 1) != 0)
			return (-1);
		memcpy(dst, sector + in, n);
		dst += n;
		off += n;
		len -= n;
	}
	return (0);
}
