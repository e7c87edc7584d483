# file: specs/model/ep_ready.c
# The planted model bug: ep_poll_callback says an exclusive item woke a
# thread, so __wake_up_common stops after the first exclusive waiter and
# a file registered EPOLLEXCLUSIVE in two epolls wakes only the one it
# was added to first.  The kernel wakes both: no thread sleeps in
# epoll_wait during a trace.  Needs a valid exclusive mask twice on one
# file, which the mutator makes likely and byte mutation rarely builds.
s/return (epi->events & EPOLLEXCLUSIVE) ? 0 : 1;/return 1;/
