/*
 * Event handler lists (sys/eventhandler.h).  A list per event name, found
 * by a walk of the list of lists; entries are kept sorted by priority, and
 * entries of equal priority in registration order.  FreeBSD locks each
 * list and marks entries dead instead of freeing them under a running
 * invocation; this kernel has one CPU and never deregisters, so neither is
 * needed.
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/eventhandler.h>

MALLOC_DEFINE(M_EVENTHANDLER, "eventhandler", "Event handler records");

static struct eventhandler_list *eventhandler_lists;
static bool eventhandler_lists_initted;

/* Any entry: the function pointer follows the common part. */
struct eventhandler_entry_generic {
	struct eventhandler_entry	ee;
	void				*func;
};

static void
eventhandler_init(const void *dummy)
{
	eventhandler_lists = NULL;
	eventhandler_lists_initted = true;
}
SYSINIT(eventhandlers, SI_SUB_EVENTHANDLER, SI_ORDER_FIRST, eventhandler_init,
    NULL);

struct eventhandler_list *
eventhandler_find_list(const char *name)
{
	struct eventhandler_list *list;

	for (list = eventhandler_lists; list != NULL; list = list->el_next)
		if (strcmp(list->el_name, name) == 0)
			return (list);
	return (NULL);
}

eventhandler_tag
eventhandler_register(const char *name, void *func, void *arg, int priority)
{
	struct eventhandler_list *list;
	struct eventhandler_entry_generic *eg;
	struct eventhandler_entry *ep;

	KASSERT(eventhandler_lists_initted,
	    ("eventhandler_register(%s) before SI_SUB_EVENTHANDLER", name));
	if ((list = eventhandler_find_list(name)) == NULL) {
		list = malloc(sizeof(*list), M_EVENTHANDLER, M_WAITOK | M_ZERO);
		if (list == NULL)
			return (NULL);
		list->el_name = name;
		TAILQ_INIT(&list->el_entries);
		list->el_next = eventhandler_lists;
		eventhandler_lists = list;
	}
	eg = malloc(sizeof(*eg), M_EVENTHANDLER, M_WAITOK | M_ZERO);
	if (eg == NULL)
		return (NULL);
	eg->func = func;
	eg->ee.ee_arg = arg;
	eg->ee.ee_priority = priority;

	/* Before the first entry of a higher priority number. */
	TAILQ_FOREACH(ep, &list->el_entries, ee_link) {
		if (ep->ee_priority > priority) {
			TAILQ_INSERT_BEFORE(ep, &eg->ee, ee_link);
			return (&eg->ee);
		}
	}
	TAILQ_INSERT_TAIL(&list->el_entries, &eg->ee, ee_link);
	return (&eg->ee);
}
