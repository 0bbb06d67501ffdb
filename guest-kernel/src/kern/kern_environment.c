/*
 * The kernel environment: "name=value" pairs taken from the device tree's
 * /chosen/bootargs (words without '=' become "word=1").  Tunables and
 * mi_startup() read it; there is no loader, so this is the static kenv.
 */
#include <sys/systm.h>

#define	KENV_SIZE	2048
#define	KENV_MAX	64

char kern_bootargs[KENV_SIZE];
static char kenv_buf[KENV_SIZE];
static const char *kenv_names[KENV_MAX];
static const char *kenv_values[KENV_MAX];
static int kenv_count;

void
init_static_kenv(const char *bootargs)
{
	char *p = kenv_buf;
	size_t len = strlen(bootargs);

	if (len >= KENV_SIZE)
		len = KENV_SIZE - 1;
	memcpy(kern_bootargs, bootargs, len);
	kern_bootargs[len] = '\0';
	memcpy(kenv_buf, kern_bootargs, len + 1);

	while (*p != '\0' && kenv_count < KENV_MAX) {
		char *eq;

		while (*p == ' ')
			*p++ = '\0';
		if (*p == '\0')
			break;
		kenv_names[kenv_count] = p;
		kenv_values[kenv_count] = "1";
		eq = NULL;
		for (; *p != '\0' && *p != ' '; p++)
			if (*p == '=' && eq == NULL)
				eq = p;
		if (*p == ' ')
			*p++ = '\0';
		if (eq != NULL) {
			*eq = '\0';
			kenv_values[kenv_count] = eq + 1;
		}
		kenv_count++;
	}
}

/* The last setting wins, as on a command line. */
const char *
kern_getenv(const char *name)
{
	int i;

	for (i = kenv_count - 1; i >= 0; i--)
		if (strcmp(kenv_names[i], name) == 0)
			return (kenv_values[i]);
	return (NULL);
}

bool
getenv_quad(const char *name, int64_t *value)
{
	const char *s = kern_getenv(name), *end;
	bool neg = false;
	uint64_t v;

	if (s == NULL)
		return (false);
	if (*s == '-') {
		neg = true;
		s++;
	}
	v = strtou64(s, &end, 0);
	if (end == s || *end != '\0')
		return (false);
	*value = neg ? -(int64_t)v : (int64_t)v;
	return (true);
}

bool
getenv_bool(const char *name, bool dflt)
{
	int64_t v;

	if (!getenv_quad(name, &v))
		return (dflt);
	return (v != 0);
}
