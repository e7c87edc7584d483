/* AF_UNIX stream socket pairs: net/unix/af_unix.c, with the send-buffer
 * accounting of net/core/sock.c.  A sender is charged each skb's truesize
 * (sk_wmem_alloc) until the receiver has read the skb to its end; it may
 * start a new skb while the charge is below sk_sndbuf, and poll calls it
 * writable while four times the charge fits in sk_sndbuf. */
#include <stdlib.h>

#include "bytestream.h"
#include "kernel.h"
#include "model_impl.h"
#include "skbuff.h"

/* /proc/sys/net/core/wmem_default on the reference machine. */
#define SK_SNDBUF 212992u
/* UNIX_SKB_FRAGS_SZ: PAGE_SIZE << get_order(32768) */
#define UNIX_SKB_FRAGS_SZ 32768u

#define RCV_SHUTDOWN 1u
#define SEND_SHUTDOWN 2u
#define SHUTDOWN_MASK 3u

struct sk_buff {
	struct list_head list;
	uint32_t len;
	uint32_t consumed; /* UNIXCB(skb).consumed */
	uint32_t truesize;
	struct unix_sock *sk; /* the sender, whose sk_wmem_alloc it charges */
};

struct unix_sock {
	struct unix_sock *peer;
	struct mfile *file; /* NULL once released (sock_orphan) */
	unsigned int sk_shutdown;
	int sk_err;
	/* a refcount: 1 plus the truesize of every skb not yet freed */
	uint64_t sk_wmem_alloc;
	struct list_head sk_receive_queue;
	struct bytestream data; /* the bytes of sk_receive_queue */
	struct wait_queue_head wq;
	struct unix_pair *pair;
};

struct unix_pair {
	struct unix_sock sk[2];
	int files;
};

/* unix_writable() */
static bool unix_writable(const struct unix_sock *sk)
{
	return sk->sk_wmem_alloc << 2 <= SK_SNDBUF;
}

/* skwq_has_sleeper(): an orphaned socket has no wait queue any more. */
static bool skwq_has_sleeper(const struct unix_sock *sk)
{
	return sk->file && waitqueue_active(&sk->wq);
}

/* unix_write_space() */
static void unix_write_space(struct unix_sock *sk)
{
	if (unix_writable(sk) && skwq_has_sleeper(sk))
		wake_up_interruptible_sync_poll(
			&sk->wq, EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
}

/* sock_def_readable() */
static void sock_def_readable(struct unix_sock *sk)
{
	if (skwq_has_sleeper(sk))
		wake_up_interruptible_sync_poll(&sk->wq, EPOLLIN | EPOLLPRI |
								 EPOLLRDNORM |
								 EPOLLRDBAND);
}

/* sock_def_wakeup(), the sk_state_change of unix sockets: no key. */
static void sock_def_wakeup(struct unix_sock *sk)
{
	if (skwq_has_sleeper(sk))
		wake_up_interruptible_all(&sk->wq);
}

/* sock_wfree(): the writer is told about the space while it is still
 * charged one byte more than it will be, hence the two steps. */
static void sock_wfree(struct sk_buff *skb)
{
	struct unix_sock *sk = skb->sk;

	sk->sk_wmem_alloc -= skb->truesize - 1;
	unix_write_space(sk);
	sk->sk_wmem_alloc -= 1;
}

/* consume_skb() / kfree_skb() */
static void free_skb(struct sk_buff *skb)
{
	list_del_init(&skb->list);
	sock_wfree(skb);
	free(skb);
}

/* sock_error(): reading the error clears it. */
static int sock_error(struct unix_sock *sk)
{
	int err = sk->sk_err;

	sk->sk_err = 0;
	return -err;
}

/* unix_stream_sendmsg() for a MSG_DONTWAIT write. */
static int64_t unix_stream_sendmsg(struct mfile *f, const struct wdata *d)
{
	struct unix_sock *sk = f->private_data, *other = sk->peer;
	uint64_t sent = 0;
	int64_t err = 0;

	if (!other)
		return -ENOTCONN;
	if (sk->sk_shutdown & SEND_SHUTDOWN)
		return -EPIPE;
	while (sent < d->n) {
		uint64_t size = d->n - sent;
		uint32_t data_len;
		struct sk_buff *skb;

		/* "Keep two messages in the pipe so it schedules better",
		 * and at most one head page plus UNIX_SKB_FRAGS_SZ. */
		if (size > (SK_SNDBUF >> 1) - 64)
			size = (SK_SNDBUF >> 1) - 64;
		if (size > SKB_MAX_HEAD0 + UNIX_SKB_FRAGS_SZ)
			size = SKB_MAX_HEAD0 + UNIX_SKB_FRAGS_SZ;
		data_len = size > SKB_MAX_HEAD0 ? (uint32_t)size - SKB_MAX_HEAD0
						: 0;
		data_len = (data_len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		if (data_len > size)
			data_len = (uint32_t)size;

		/* sock_alloc_send_pskb() */
		err = sock_error(sk);
		if (err)
			break;
		err = -EPIPE;
		if (sk->sk_shutdown & SEND_SHUTDOWN)
			break;
		err = -EAGAIN;
		if (!(sk->sk_wmem_alloc - 1 < SK_SNDBUF))
			break;
		skb = calloc(1, sizeof(*skb));
		if (!skb)
			model_oom();
		skb->len = (uint32_t)size;
		skb->truesize =
			skb_truesize((uint32_t)size - data_len, data_len);
		skb->sk = sk; /* skb_set_owner_w() */
		sk->sk_wmem_alloc += skb->truesize;
		INIT_LIST_HEAD(&skb->list);

		if (!other->file || (other->sk_shutdown & RCV_SHUTDOWN)) {
			free_skb(skb);
			err = -EPIPE;
			break;
		}
		list_add_tail(&skb->list, &other->sk_receive_queue);
		bs_push(&other->data, size, d->lit);
		sock_def_readable(other); /* other->sk_data_ready() */
		sent += size;
		err = 0;
	}
	return sent ? (int64_t)sent : err;
}

/* sock_read_iter() -> unix_stream_read_generic(), non-blocking. */
static int64_t unix_stream_recvmsg(struct mfile *f, uint64_t size,
				   uint8_t head[8])
{
	struct unix_sock *sk = f->private_data;
	uint64_t copied = 0;
	int64_t err = 0;

	if (size == 0) /* "Match SYS5 behaviour" */
		return 0;
	do {
		struct sk_buff *skb;
		uint64_t chunk;

		if (list_empty(&sk->sk_receive_queue)) {
			if (copied >= 1) /* sock_rcvlowat() is 1 */
				break;
			/* POSIX 1003.1g mandates this order. */
			err = sock_error(sk);
			if (err)
				break;
			if (sk->sk_shutdown & RCV_SHUTDOWN)
				break;
			err = -EAGAIN;
			break;
		}
		skb = list_first_entry(&sk->sk_receive_queue, struct sk_buff,
				       list);
		chunk = skb->len - skb->consumed;
		if (chunk > size)
			chunk = size;
		bs_pop(&sk->data, chunk, head + (copied < 8 ? copied : 8),
		       copied < 8 ? 8 - copied : 0);
		copied += chunk;
		size -= chunk;
		skb->consumed += (uint32_t)chunk;
		if (skb->len - skb->consumed)
			break;
		free_skb(skb);
	} while (size);
	return copied ? (int64_t)copied : err;
}

/* unix_poll() */
static poll_t unix_poll(struct mfile *f, poll_table *pt)
{
	struct unix_sock *sk = f->private_data;
	poll_t mask = 0;

	poll_wait(f, &sk->wq, pt); /* sock_poll_wait() */
	if (sk->sk_err)
		mask |= EPOLLERR;
	if (sk->sk_shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (!list_empty(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	/* A socketpair end stays TCP_ESTABLISHED, so the TCP_CLOSE hangup
	 * never applies; "we set writable also when the other side has
	 * shut down the connection". */
	if (unix_writable(sk))
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	return mask;
}

/* unix_shutdown(): both ends learn of it, this one first. */
int unix_shutdown(struct mfile *f, int how)
{
	struct unix_sock *sk, *other;
	unsigned int mode, peer_mode = 0;

	if (!file_is_socket(f))
		return -ENOTSOCK;
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	sk = f->private_data;
	mode = (unsigned int)how + 1;
	sk->sk_shutdown |= mode;
	other = sk->peer;
	sock_def_wakeup(sk);
	if (other) {
		if (mode & RCV_SHUTDOWN)
			peer_mode |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer_mode |= RCV_SHUTDOWN;
		other->sk_shutdown |= peer_mode;
		sock_def_wakeup(other);
	}
	return 0;
}

/* unix_release_sock(): the peer is shut down both ways, gets ECONNRESET
 * if this end dies with unread data, and is woken (no key); then the
 * unread skbs are freed, which hands their truesize back to the peer. */
static void unix_release(struct mfile *f)
{
	struct unix_sock *sk = f->private_data, *skpair = sk->peer;
	struct unix_pair *pair = sk->pair;

	sk->file = NULL; /* sock_orphan() */
	sk->sk_shutdown = SHUTDOWN_MASK;
	sk->peer = NULL;
	if (skpair) {
		skpair->sk_shutdown = SHUTDOWN_MASK;
		if (!list_empty(&sk->sk_receive_queue))
			skpair->sk_err = ECONNRESET;
		sock_def_wakeup(skpair);
	}
	while (!list_empty(&sk->sk_receive_queue))
		free_skb(list_first_entry(&sk->sk_receive_queue, struct sk_buff,
					  list));
	bs_destroy(&sk->data);
	if (--pair->files == 0)
		free(pair);
}

static const struct file_operations socket_file_ops = {
	.read = unix_stream_recvmsg,
	.write = unix_stream_sendmsg,
	.poll = unix_poll,
	.release = unix_release,
};

bool file_is_socket(const struct mfile *f)
{
	return f->f_op == &socket_file_ops;
}

/* unix_create1() for both ends, then unix_socketpair() joins them. */
int unix_socketpair(struct model *m, struct mfile *res[2])
{
	struct unix_pair *pair = calloc(1, sizeof(*pair));

	if (!pair)
		model_oom();
	pair->files = 2;
	for (int i = 0; i < 2; i++) {
		struct unix_sock *sk = &pair->sk[i];

		sk->peer = &pair->sk[1 - i];
		sk->sk_wmem_alloc = 1;
		INIT_LIST_HEAD(&sk->sk_receive_queue);
		bs_init(&sk->data);
		init_waitqueue_head(&sk->wq);
		sk->pair = pair;
		res[i] = alloc_file(m, &socket_file_ops,
				    FMODE_READ | FMODE_WRITE, sk);
		sk->file = res[i];
	}
	return 0;
}
