/*
 * Event handlers, as in FreeBSD's <sys/eventhandler.h>: a named list of
 * (function, argument, priority) entries per event.  Code that cares about
 * an event registers a handler; code where the event happens invokes the
 * list, which calls every handler in priority order (lowest first).
 *
 *	EVENTHANDLER_DECLARE(shutdown_final, shutdown_fn);
 *	EVENTHANDLER_REGISTER(shutdown_final, sbi_shutdown_final, NULL,
 *	    SHUTDOWN_PRI_LAST);
 *	EVENTHANDLER_INVOKE(shutdown_final, howto);
 *
 * Lists are found by name and created on first registration; invoking an
 * event nobody registered for does nothing.
 */
#ifndef _SYS_EVENTHANDLER_H_
#define _SYS_EVENTHANDLER_H_

#include <sys/types.h>
#include <sys/queue.h>

struct eventhandler_entry {
	TAILQ_ENTRY(eventhandler_entry)	ee_link;
	int				ee_priority;
	void				*ee_arg;
};

struct eventhandler_list {
	const char			*el_name;
	struct eventhandler_list	*el_next;	/* all lists */
	TAILQ_HEAD(, eventhandler_entry) el_entries;	/* by priority */
};

typedef struct eventhandler_entry *eventhandler_tag;

/* The entry of event `name' carries a function of that event's type. */
#define	EVENTHANDLER_DECLARE(name, type)				\
struct eventhandler_entry_ ## name {					\
	struct eventhandler_entry	ee;				\
	type				eh_func;			\
};									\
struct __hack

#define	EVENTHANDLER_REGISTER(name, func, arg, priority)		\
	eventhandler_register(#name, (void *)(func), (arg), (priority))

#define	EVENTHANDLER_INVOKE(name, ...) do {				\
	struct eventhandler_list *_el;					\
	struct eventhandler_entry *_ep;					\
									\
	if ((_el = eventhandler_find_list(#name)) != NULL)		\
		TAILQ_FOREACH(_ep, &_el->el_entries, ee_link)		\
			((struct eventhandler_entry_ ## name *)_ep)->	\
			    eh_func(_ep->ee_arg, ## __VA_ARGS__);	\
} while (0)

#define	EVENTHANDLER_PRI_FIRST	0
#define	EVENTHANDLER_PRI_ANY	10000
#define	EVENTHANDLER_PRI_LAST	20000

eventhandler_tag eventhandler_register(const char *name, void *func,
	    void *arg, int priority);
struct eventhandler_list *eventhandler_find_list(const char *name);

/* Shutdown events, invoked by kern_reboot() in this order. */
typedef void (*shutdown_fn)(void *, int);

#define	SHUTDOWN_PRI_FIRST	EVENTHANDLER_PRI_FIRST
#define	SHUTDOWN_PRI_DEFAULT	EVENTHANDLER_PRI_ANY
#define	SHUTDOWN_PRI_LAST	EVENTHANDLER_PRI_LAST

EVENTHANDLER_DECLARE(shutdown_pre_sync, shutdown_fn);	/* stop the daemons */
EVENTHANDLER_DECLARE(shutdown_final, shutdown_fn);	/* power off, reset */

#endif
