/* The table of bound names: a trace may bind thousands of them, so lookups
 * go through a hash table, not a scan. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* FNV-1a: short keys, no adversary worth more. */
static size_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

static size_t probe(const struct names *ns, const char *s, size_t n)
{
	size_t i = hash(s, n) & (ns->cap - 1);

	while (ns->tab[i].text && !(strlen(ns->tab[i].text) == n &&
				    memcmp(ns->tab[i].text, s, n) == 0))
		i = (i + 1) & (ns->cap - 1);
	return i;
}

const struct name *trace_names_find(const struct names *ns, const char *s,
				    size_t n)
{
	size_t i;

	if (ns->cap == 0)
		return NULL;
	i = probe(ns, s, n);
	return ns->tab[i].text ? &ns->tab[i] : NULL;
}

static int grow(struct names *ns)
{
	size_t cap = ns->cap ? ns->cap * 2 : 64;
	struct names bigger = {calloc(cap, sizeof(struct name)), cap, 0};

	if (!bigger.tab)
		return -1;
	for (size_t i = 0; i < ns->cap; i++) {
		const struct name *e = &ns->tab[i];

		if (e->text)
			bigger.tab[probe(&bigger, e->text, strlen(e->text))] =
				*e;
	}
	bigger.count = ns->count;
	free(ns->tab);
	*ns = bigger;
	return 0;
}

int trace_names_add(struct names *ns, const char *s, size_t n,
		    enum name_kind kind, int slot, unsigned line)
{
	struct name *e;
	char *text;

	/* Kept at most half full, so probes stay short. */
	if ((ns->count + 1) * 2 > ns->cap && grow(ns) < 0)
		return -1;
	text = strndup(s, n);
	if (!text)
		return -1;
	e = &ns->tab[probe(ns, s, n)];
	e->text = text;
	e->kind = kind;
	e->slot = slot;
	e->line = line;
	ns->count++;
	return 0;
}

void trace_names_free(struct names *ns)
{
	for (size_t i = 0; i < ns->cap; i++)
		free(ns->tab[i].text);
	free(ns->tab);
	ns->tab = NULL;
	ns->cap = ns->count = 0;
}
