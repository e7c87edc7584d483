/* The wrapper's map from safepoll's tokens back to labels.  safepoll puts
 * its own token in each registration's data; when the trace reaches that
 * epoll raw (through a dup, after the instance's own fd was closed behind
 * its back), the kernel hands those tokens out, and the replay must still
 * print the label each stands for.  The tokens are learnt from the
 * kernel's fdinfo after each add and mod, not from safepoll's private
 * table.  A token is unique within its epoll over time (its generation
 * grows), so the key is (epoll file, token). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interest.h"
#include "replay.h"

struct token {
	uint32_t file;
	bool used;
	uint64_t token, id;
};

struct dead_label {
	uint32_t file;
	uint64_t id;
};

#define DEAD_TOKEN UINT64_MAX

static size_t slot_of(const struct replay_tokens *m, uint32_t file,
		      uint64_t token)
{
	uint64_t h = (token ^ ((uint64_t)file << 40)) * 0x9e3779b97f4a7c15ull;
	size_t i = (size_t)(h >> 20) & (m->cap - 1);

	while (m->v[i].used &&
	       !(m->v[i].file == file && m->v[i].token == token))
		i = (i + 1) & (m->cap - 1);
	return i;
}

bool replay_tokens_find(const struct replay_tokens *m, uint32_t file,
			uint64_t token, uint64_t *id)
{
	size_t i;

	if (m->cap == 0)
		return false;
	i = slot_of(m, file, token);
	if (!m->v[i].used)
		return false;
	*id = m->v[i].id;
	return true;
}

static int put(struct replay_tokens *m, uint32_t file, uint64_t token,
	       uint64_t id)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		struct replay_tokens bigger = {0};

		bigger.cap = m->cap ? m->cap * 2 : 64;
		bigger.v = calloc(bigger.cap, sizeof(struct token));
		if (!bigger.v)
			return -1;
		for (size_t j = 0; j < m->cap; j++)
			if (m->v[j].used)
				bigger.v[slot_of(&bigger, m->v[j].file,
						 m->v[j].token)] = m->v[j];
		free(m->v);
		m->v = bigger.v;
		m->cap = bigger.cap;
	}
	i = slot_of(m, file, token);
	if (!m->v[i].used)
		m->n++;
	m->v[i] = (struct token){file, true, token, id};
	return 0;
}

bool replay_tokens_dead(const struct replay_tokens *m, uint32_t file,
			uint64_t id)
{
	for (size_t j = 0; j < m->ndead; j++)
		if (m->dead[j].file == file && m->dead[j].id == id)
			return true;
	return false;
}

/* The dead token prints as the label it maps to, which must be one that
 * holds it now: when that one gets a live token back, or held none when
 * another got the dead one, a label that holds it stands for them all
 * (fuzz finding: the first label kept printing for the others' events,
 * and the runs disagreed). */
static void relabel_dead(struct replay_tokens *m, uint32_t file)
{
	size_t i;

	if (m->cap == 0)
		return;
	i = slot_of(m, file, DEAD_TOKEN);
	if (!m->v[i].used || replay_tokens_dead(m, file, m->v[i].id))
		return;
	for (size_t j = 0; j < m->ndead; j++)
		if (m->dead[j].file == file) {
			m->v[i].id = m->dead[j].id;
			return;
		}
}

static int set_dead(struct replay_tokens *m, uint32_t file, uint64_t id,
		    bool dead)
{
	for (size_t j = 0; j < m->ndead; j++)
		if (m->dead[j].file == file && m->dead[j].id == id) {
			if (!dead)
				m->dead[j] = m->dead[--m->ndead];
			relabel_dead(m, file);
			return 0;
		}
	if (!dead)
		return 0;
	if (m->ndead == m->deadcap) {
		size_t cap = m->deadcap ? m->deadcap * 2 : 8;
		struct dead_label *v = realloc(m->dead, cap * sizeof(*v));

		if (!v)
			return -1;
		m->dead = v;
		m->deadcap = cap;
	}
	m->dead[m->ndead++] = (struct dead_label){file, id};
	relabel_dead(m, file);
	return 0;
}

int replay_tokens_learn(struct replay_tokens *m, uint32_t file, int epfd,
			int fd, uint64_t id, uint64_t *token)
{
	struct trace_buf b = {0};
	struct trace_interest it;
	char why[TRACE_ERR_MAX];
	const char *s;
	int r = replay_fdinfo(&b, epfd), got = 0;
	uint64_t known;
	bool live = false, dead = false;

	s = b.s;
	while (r == 0 && (got = trace_interest_next(b.s, &s, &it, why)) > 0) {
		if (!it.error && it.tfd == fd && it.data == DEAD_TOKEN)
			dead = true;
		/* The registration just made or changed is the one of this
		 * fd whose token is new; one already known keeps its label,
		 * which is the one a mod reaches anyway.  The same number
		 * can also name a registration the engine made raw, of a
		 * file since closed behind a dup: its data is no token.
		 * safepoll's dead token (UINT64_MAX, a mod of a number it
		 * has no record of) has that form too, and is one. */
		if (it.error || it.tfd != fd ||
		    (REPLAY_IS_RAW(it.data) && it.data != DEAD_TOKEN) ||
		    replay_tokens_find(m, file, it.data, &known))
			continue;
		*token = it.data;
		live = it.data != DEAD_TOKEN;
		if (put(m, file, it.data, id) < 0)
			r = -1;
	}
	/* A new live token is this registration's; without one, a dead
	 * token of fd is (another file's at that number may hold one too:
	 * indistinguishable either way). */
	if (r == 0 && got == 0 && set_dead(m, file, id, !live && dead) < 0)
		r = -1;
	if (!live && dead)
		*token = DEAD_TOKEN;
	if (got < 0)
		fprintf(stderr,
			"the kernel's interest list of epoll fd %d, %s\n", epfd,
			why);
	trace_buf_free(&b);
	return r < 0 || got < 0 ? -1 : 0;
}

void replay_tokens_free(struct replay_tokens *m)
{
	free(m->v);
	free(m->dead);
	memset(m, 0, sizeof(*m));
}
