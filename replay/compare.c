/* --check's comparisons that are more than string equality: a wrapper
 * line against the kernel's (safepoll may drop dead events), and the
 * model's interest lists against the kernel's fdinfo, as sets of (tfd,
 * events, label) per epoll fd.  The lists come as trace/interest.h's
 * items; data becomes its label, so that the sets compare what a person
 * reads. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interest.h"
#include "replay.h"

struct item {
	int ep;
	char *text; /* "TFD:LABEL:EVENTS", or the item as it came */
};

struct items {
	struct item *v;
	size_t n, cap;
};

static int push(struct items *l, int ep, char *text)
{
	if (!text)
		return -1;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct item *v = realloc(l->v, cap * sizeof(*v));

		if (!v) {
			free(text);
			return -1;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct item){ep, text};
	return 0;
}

static char *canonical(const struct trace *t, int tfd, unsigned events,
		       unsigned long long data)
{
	struct trace_buf b = {0};
	char scratch[24];

	trace_buf_printf(&b, "%d:%s:", tfd, replay_label(t, data, scratch));
	trace_events_print(&b, events);
	if (b.failed) {
		trace_buf_free(&b);
		return NULL;
	}
	return b.s;
}

/* An error item is kept as it came: the note then shows the model's
 * errno where the kernel has registrations. */
static int parse(const struct trace *t, const char *list, const char *whose,
		 struct items *l)
{
	struct trace_interest it;
	char why[TRACE_ERR_MAX];
	const char *s = list;
	int r;

	while ((r = trace_interest_next(list, &s, &it, why)) > 0) {
		char *text = it.error
				     ? strndup(it.text, it.len)
				     : canonical(t, it.tfd, it.events, it.data);

		if (push(l, it.ep, text) < 0)
			return -1;
	}
	if (r < 0)
		fprintf(stderr, "the %s interest lists, %s\n", whose, why);
	return r;
}

static int by_ep_then_text(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->ep != y->ep)
		return x->ep < y->ep ? -1 : 1;
	return strcmp(x->text, y->text);
}

/* The items of ep starting at *at (sorted lists), as one string. */
static void group(const struct items *l, size_t *at, int ep,
		  struct trace_buf *b)
{
	trace_buf_clear(b);
	trace_buf_puts(b, "");
	for (; *at < l->n && l->v[*at].ep == ep; (*at)++) {
		trace_buf_puts(b, " ");
		trace_buf_puts(b, l->v[*at].text);
	}
	if (b->len == 0)
		trace_buf_puts(b, " none");
}

static void free_items(struct items *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
}

int replay_compare_interest(const struct trace *t, const char *kernel,
			    const char *model, struct trace_buf *notes)
{
	struct items k = {0}, m = {0};
	struct trace_buf kb = {0}, mb = {0};
	size_t ki = 0, mi = 0;
	int diffs = 0;

	if (parse(t, kernel, "kernel's", &k) < 0 ||
	    parse(t, model, "model's", &m) < 0) {
		diffs = -1;
		goto out;
	}
	if (k.n)
		qsort(k.v, k.n, sizeof(*k.v), by_ep_then_text);
	if (m.n)
		qsort(m.v, m.n, sizeof(*m.v), by_ep_then_text);
	while (ki < k.n || mi < m.n) {
		int ep = ki < k.n && (mi >= m.n || k.v[ki].ep <= m.v[mi].ep)
				 ? k.v[ki].ep
				 : m.v[mi].ep;

		group(&k, &ki, ep, &kb);
		group(&m, &mi, ep, &mb);
		if (strcmp(kb.s, mb.s) == 0)
			continue;
		trace_buf_printf(notes,
				 "! model: interest of epoll fd %d =>%s "
				 "(kernel:%s)\n",
				 ep, mb.s, kb.s);
		diffs++;
	}
	if (kb.failed || mb.failed)
		diffs = -1;
out:
	trace_buf_free(&kb);
	trace_buf_free(&mb);
	free_items(&k);
	free_items(&m);
	return diffs;
}

static const char *result_of(const char *line)
{
	const char *r = strstr(line, " => ");

	return r ? r + 4 : "";
}

/* The words of a wait's result, or -1 if it is not a list of events. */
static int events_of(const char *result, char ***words)
{
	char *copy = strdup(result), *save = NULL;
	int n = 0;

	*words = calloc(strlen(result) / 2 + 2, sizeof(char *));
	if (!copy || !*words) {
		free(copy);
		return -1;
	}
	if (strcmp(copy, "none") != 0)
		for (char *w = strtok_r(copy, " ", &save); w;
		     w = strtok_r(NULL, " ", &save)) {
			if (!strchr(w, '='))
				n = -1;
			if (n >= 0)
				(*words)[n++] = w;
		}
	(*words)[n > 0 ? n : 0] = copy; /* so the caller can free it */
	return n;
}

/* A wrapper line may differ from the kernel's in one way only: events
 * safepoll dropped as dead, exactly as many as its drop counter grew. */
bool replay_wrapper_own(const struct trace_op *op, int64_t ret)
{
	if (op->kind != TRACE_ADD && op->kind != TRACE_MOD)
		return false;
	return ret == -ENOSPC ||
	       (ret == -EINVAL && (op->events & ~trace_word_bits()) != 0);
}

bool replay_wrapper_agrees(const struct trace_op *op, const char *kl,
			   const char *wl, uint64_t dropped)
{
	char **kw = NULL, **ww = NULL;
	int kn, wn, j = 0;
	bool ok;

	/* safepoll's own refusals, whatever the kernel said: the engine
	 * then made the call raw (replay_wrapper_own); whether the refusal
	 * was right is the fuzzer's to judge, from its records. */
	if (dropped == 0 &&
	    replay_wrapper_own(op, strcmp(result_of(wl), "ENOSPC") == 0
					   ? -ENOSPC
				   : strcmp(result_of(wl), "EINVAL") == 0
					   ? -EINVAL
					   : 0))
		return true;
	if (strcmp(kl, wl) == 0 ||
	    (op->kind != TRACE_WAIT && op->kind != TRACE_EVENT &&
	     op->kind != TRACE_WAITARRAY))
		return strcmp(kl, wl) == 0 && dropped == 0;
	kn = events_of(result_of(kl), &kw);
	wn = events_of(result_of(wl), &ww);
	ok = kn >= 0 && wn >= 0 && (uint64_t)(kn - wn) == dropped && wn <= kn;
	for (int i = 0; ok && i < kn && j < wn; i++)
		if (strcmp(kw[i], ww[j]) == 0)
			j++;
	ok = ok && j == wn;
	if (kw)
		free(kw[kn > 0 ? kn : 0]);
	if (ww)
		free(ww[wn > 0 ? wn : 0]);
	free(kw);
	free(ww);
	return ok;
}
